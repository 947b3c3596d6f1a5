# -*- coding: utf-8 -*-
"""tcx_contact and tcx_contact_info against the emulator: the natural key of name and company, tags, tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import unquote


def contact(**options):
    return {'name': 'contact', 'tcx.xapi.tcx_contact': options, 'register': 'out'}


def checked(task):
    return dict(task, check_mode=True)


def config(**options):
    return {'name': 'config', 'tcx.xapi.tcx_config': options, 'register': 'out'}


def contacts(emulator):
    """The contacts the emulator holds as (first, last, company) -> the other non-empty properties."""
    return dict(((c['FirstName'], c['LastName'], c['CompanyName']),
                 dict((k, v) for k, v in c.items() if v is not None and k not in ('Id', 'FirstName', 'LastName', 'CompanyName')))
                for c in emulator.state()['contacts'])


def xapi_requests(run, index):
    return [(r['method'], unquote(r['path']), r.get('query')) for r in run.requests(index) if r['path'].startswith('/xapi/')]


JANE = {'first_name': 'Jane', 'last_name': 'Roe', 'company': 'Acme Supplies', 'numbers': {'mobile': '+44 7700 900123'}}


def test_name_and_company_identify_a_contact_in_check_mode_as_for_real(emulator, play):
    """Check mode writes nothing and shows the real run's diff; the next run finds it with one GET and writes nothing."""
    run = play([checked(contact(**JANE)), contact(**JANE), contact(**JANE)], expect_rc=0)
    check, real, again = run.results
    assert check['diff'] == real['diff'] == {'before': {}, 'after': JANE}
    assert run.writes(0) == []
    assert run.writes(1) == [('POST', '/xapi/v1/Contacts', {'FirstName': 'Jane', 'LastName': 'Roe', 'CompanyName': 'Acme Supplies',
                                                            'PhoneNumber': '+44 7700 900123'})]
    assert again['changed'] is False and run.writes(2) == []
    reads = [r for r in run.requests(2) if r['path'].startswith('/xapi/')]
    assert [(r['method'], r['path']) for r in reads] == [('GET', '/xapi/v1/Contacts')]
    assert again['contact'] == JANE
    assert contacts(emulator) == {('Jane', 'Roe', 'Acme Supplies'): {'PhoneNumber': '+44 7700 900123', 'ContactType': '3CX'}}


def test_the_key_compares_ignoring_case_and_an_omitted_part_means_empty(emulator, play, api):
    """``jane ROE`` of ``acme supplies`` is Jane Roe of Acme Supplies (its spelling is updated); without the company,
    Jane Roe is another contact."""
    api.call('POST', 'Contacts', json={'FirstName': 'Jane', 'LastName': 'Roe', 'CompanyName': 'Acme Supplies'})
    emulator.clear_requests()
    respelled = contact(first_name='jane', last_name='ROE', company='Acme Supplies', title='Buyer')
    alone = contact(first_name='Jane', last_name='Roe', email='jane@home.example')
    run = play([respelled, alone], expect_rc=0)
    updated, created = run.results
    assert updated['diff'] == {'before': {'first_name': 'Jane', 'last_name': 'Roe', 'company': 'Acme Supplies', 'title': None},
                               'after': {'first_name': 'jane', 'last_name': 'ROE', 'company': 'Acme Supplies', 'title': 'Buyer'}}
    assert [w[0] for w in run.writes(0)] == ['PATCH'] and run.writes(0)[0][2] == {'FirstName': 'jane', 'LastName': 'ROE', 'Title': 'Buyer'}
    assert created['diff']['before'] == {} and [w[0] for w in run.writes(1)] == ['POST']
    assert set(contacts(emulator)) == {('Jane', 'Roe', None), ('jane', 'ROE', 'Acme Supplies')}


def test_a_tag_identifies_the_contact_so_its_name_can_change(emulator, play):
    tagged = dict(JANE, tag='crm-4711')
    renamed = {'tag': 'crm-4711', 'last_name': 'Smith', 'company': 'Acme Ltd'}
    run = play([contact(**tagged), contact(**renamed)], expect_rc=0)
    assert run.result(1)['diff'] == {'before': {'last_name': 'Roe', 'company': 'Acme Supplies'},
                                     'after': {'last_name': 'Smith', 'company': 'Acme Ltd'}}
    assert run.result(1)['contact']['tag'] == 'crm-4711'
    assert list(contacts(emulator)) == [('Jane', 'Smith', 'Acme Ltd')]


def test_input_without_a_key_and_an_ambiguous_contact_are_refused_before_any_write(emulator, play, api):
    for dummy in range(2):
        api.call('POST', 'Contacts', json={'FirstName': 'John', 'LastName': 'Doe'})
    emulator.clear_requests()
    run = play([dict(contact(title='Boss'), ignore_errors=True),
                dict(contact(first_name='John', last_name='Doe', title='Boss'), ignore_errors=True)])
    nothing, ambiguous = run.results
    assert nothing['msg'] == "contact '': give first_name, last_name or company (they identify the contact), or its tag"
    assert ambiguous['msg'] == "contact 'John Doe': contact 'John Doe' matches 2 entities on the PBX; expected one"
    assert emulator.writes() == []


def test_tcx_config_refuses_one_contact_twice_and_prunes_only_its_own_contacts(emulator, play, api):
    """Two untagged items for one name and company are refused before any write; prune deletes the contacts of the
    PBX's phonebook that no item names, never those synchronised from a CRM."""
    api.call('POST', 'Contacts', json={'FirstName': 'Old', 'LastName': 'Entry'})
    api.call('POST', 'Contacts', json={'FirstName': 'Synced', 'LastName': 'Person', 'ContactType': 'CRM'})
    emulator.clear_requests()
    twice = dict(config(contacts=[JANE, dict(JANE, first_name='JANE')]), ignore_errors=True)
    task = config(contacts=[JANE, {'company': 'Acme Hotline', 'numbers': {'business': '+44 20 7946 0000'}}], prune=['contacts'])
    run = play([twice, checked(task), task, task])
    refused, check, real, again = run.results
    assert refused['msg'] == ("1 invalid item, nothing was written: contacts[1] (contact 'JANE Roe (Acme Supplies)'): the same contact "
                              "as contacts[0] (contact 'Jane Roe (Acme Supplies)') (name and company compare ignoring case); give "
                              "each contact once, or tell them apart with a tag")
    assert run.writes(0) == [] and run.writes(1) == []
    assert check['diff'] == real['diff']
    assert real['summary']['contacts'] == {'create': 2, 'update': 0, 'delete': 1, 'unchanged': 0, 'failed': 0}
    assert again['changed'] is False and run.writes(3) == []
    assert set(contacts(emulator)) == {(None, None, 'Acme Hotline'), ('Jane', 'Roe', 'Acme Supplies'), ('Synced', 'Person', None)}


def test_info_lists_contacts_by_company_ignoring_case(emulator, play, api):
    api.call('POST', 'Contacts', json={'FirstName': 'Jane', 'LastName': 'Roe', 'CompanyName': 'Acme Supplies', 'Mobile2': '+1 555'})
    api.call('POST', 'Contacts', json={'FirstName': 'Max', 'CompanyName': 'Other'})
    found = play([{'name': 'info', 'tcx.xapi.tcx_contact_info': {'company': 'ACME supplies'}, 'register': 'out'}], expect_rc=0).result()
    assert found['contacts'] == [{'first_name': 'Jane', 'last_name': 'Roe', 'company': 'Acme Supplies', 'numbers': {'mobile_2': '+1 555'}}]
