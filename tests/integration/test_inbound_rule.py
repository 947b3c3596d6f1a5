# -*- coding: utf-8 -*-
"""tcx_inbound_rule, tcx_inbound_rule_info and inbound rules in tcx_config against the emulator (real ansible-playbook runs)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

DID = '+493012345600'
TRUNK = '10000'  # the emulator's seeded trunk, provider 'Emulator SIP provider'


@pytest.fixture
def targets(api, emulator):
    """User 100, the queue 'Sales Queue' and the IVR 'Main Menu' (800); request log cleared."""
    api.call('POST', 'Users', json={'Number': '100', 'FirstName': 'Ada', 'LastName': 'Lovelace'})
    queue = api.call('POST', 'Queues', json={'Name': 'Sales Queue', 'Number': '801'})
    ivr = api.call('POST', 'Receptionists', json={'Name': 'Main Menu', 'Number': '800'})
    emulator.clear_requests()
    return {'queue': queue, 'ivr': ivr}


def rule_task(check=False, **options):
    task = {'name': 'rule', 'tcx.xapi.tcx_inbound_rule': options}
    if check:
        task['check_mode'] = True
    return task


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


MAIN = {'did': DID, 'trunk': 'emulator sip PROVIDER', 'name': 'Main line', 'office_hours': {'to': 'ivr', 'name': 'main menu'},
        'out_of_office': {'to': 'queue', 'number': '801'}, 'holidays': {'to': 'external', 'external': '+4930999'},
        'route_out_of_office': True, 'route_holidays': True, 'hours': {'type': 'OfficeHours', 'ignore_holidays': False}}
AFTER = dict(MAIN, trunk=TRUNK)
OPTIONS = {'did': DID, 'trunk': TRUNK, 'name': 'Main line', 'office_hours': {'to': 'ivr', 'number': '800'},
           'out_of_office': {'to': 'queue', 'number': '801'}, 'holidays': {'to': 'external', 'external': '+4930999'},
           'route_out_of_office': True, 'route_holidays': True, 'hours': {'type': 'OfficeHours', 'ignore_holidays': False}}


def test_create_check_real_no_op_and_info_round_trip(emulator, play, targets):
    result = play([
        rule_task(check=True, **MAIN), rule_task(**MAIN), rule_task(**MAIN),
        {'name': 'info', 'tcx.xapi.tcx_inbound_rule_info': {}, 'register': 'found'},
        {'name': 'module', 'tcx.xapi.tcx_inbound_rule': {}, 'args': '{{ found.inbound_rules[0] }}'},
        {'name': 'config', 'tcx.xapi.tcx_config': {'inbound_rules': '{{ found.inbound_rules }}'}},
    ])
    assert result.rc == 0, result.stdout[-6000:]
    checked, created, again, info, module, config = result.results
    assert created['diff'] == checked['diff'] == {'before': {}, 'after': AFTER}
    assert writes(emulator) == [('POST', '/xapi/v1/InboundRules', {
        'Data': DID, 'Condition': 'BasedOnDID', 'RuleName': 'Main line', 'TrunkDN': {'Id': 2},
        'OfficeHoursDestination': {'To': 'IVR', 'Number': '800'}, 'OutOfOfficeHoursDestination': {'To': 'Queue', 'Number': '801'},
        'HolidaysDestination': {'To': 'External', 'External': '+4930999'}, 'AlterDestinationDuringOutOfOfficeHours': True,
        'AlterDestinationDuringHolidays': True, 'Hours': {'Type': 'OfficeHours', 'IgnoreHolidays': False}})]
    assert created['inbound_rule'] == OPTIONS and created['raw']['TrunkDN']['Number'] == TRUNK
    assert again['changed'] is False and info['inbound_rules'] == [OPTIONS]
    assert module['changed'] is False and config['changed'] is False


def test_update_one_patch_then_absent(emulator, play, api, targets):
    rule = api.call('POST', 'InboundRules', json={'Data': DID, 'RuleName': 'Main line', 'TrunkDN': {'Id': 2},
                                                  'OfficeHoursDestination': {'To': 'IVR', 'Number': '800'}})
    held = api.call('GET', 'InboundRules(%d)' % rule['Id'])['OfficeHoursDestination']  # sent back as held, but for
    held = dict((k, v) for k, v in held.items() if k not in ('Name', 'Type'))  # what described the old target
    emulator.clear_requests()
    change = {'did': DID, 'office_hours': {'to': 'queue', 'name': 'Sales Queue'}, 'hours': {'type': 'AllHours'}}
    result = play([rule_task(check=True, **change), rule_task(**change), rule_task(**change),
                   rule_task(did=DID, state='absent', check=True), rule_task(did=DID, state='absent'),
                   rule_task(did=DID, state='absent')])
    assert result.rc == 0, result.stdout[-6000:]
    checked, changed, again, check_delete, deleted, gone = result.results
    assert changed['diff'] == checked['diff'] == {
        'before': {'office_hours': {'to': 'ivr', 'name': 'Main Menu'}, 'hours': {'type': None}},  # as the user names it
        'after': {'office_hours': {'to': 'queue', 'name': 'Sales Queue'}, 'hours': {'type': 'AllHours'}}}
    assert not again['changed'] and check_delete['changed'] and deleted['changed'] and not gone['changed']
    assert deleted['diff']['before']['name'] == 'Main line' and deleted['diff']['after'] == {}
    assert writes(emulator) == [
        ('PATCH', '/xapi/v1/InboundRules(%d)' % rule['Id'], {'OfficeHoursDestination': dict(
            held, To='Queue', Number='801'), 'Hours': {'Type': 'AllHours'}}),
        ('DELETE', '/xapi/v1/InboundRules(%d)' % rule['Id'], None)]


def test_bad_input_fails_before_any_write(emulator, play, targets):
    tasks = [dict(rule_task(**options), ignore_errors=True) for options in (
        {'did': DID, 'trunk': 'Nope', 'office_hours': {'to': 'ivr', 'number': '800'}},
        {'did': DID, 'office_hours': {'to': 'ivr', 'number': '800'}},
        {'did': DID, 'trunk': TRUNK, 'office_hours': {'to': 'extension', 'number': '555'}},
        {'did': 'abc', 'trunk': TRUNK},
    )]
    messages = [r['msg'] for r in play(tasks).results]
    assert messages == [
        "inbound rule '+493012345600': unknown trunk 'Nope': give the number or the provider name of one of the trunks "
        "(10000 (Emulator SIP provider))",
        "inbound rule '+493012345600': trunk is required to create the rule: the number or provider name of the trunk "
        "that receives the DID",
        "inbound rule '+493012345600': office_hours: no user has number 555",
        "inbound rule 'abc': did must be a DID number or mask (digits, a leading +, *), got 'abc'",
    ]
    assert writes(emulator) == []


def test_tcx_config_refuses_to_delete_the_ivr_a_rule_leads_to_and_creates_both_in_one_run(emulator, play, targets):
    rule = {'did': DID, 'trunk': TRUNK, 'office_hours': {'to': 'ivr', 'name': 'Night Menu'}}
    doomed = {'ivrs': [{'name': 'Main Menu', 'state': 'absent'}],
              'inbound_rules': [{'did': '+493012345601', 'trunk': TRUNK, 'office_hours': {'to': 'ivr', 'number': '800'}}]}
    result = play([
        {'name': 'refused', 'tcx.xapi.tcx_config': doomed, 'check_mode': True, 'ignore_errors': True},
        {'name': 'refused', 'tcx.xapi.tcx_config': doomed, 'ignore_errors': True},
        {'name': 'same run', 'tcx.xapi.tcx_config': {'ivrs': [{'name': 'Night Menu', 'menu': {'0': {'to': 'extension', 'number': '100'}}}],
                                                     'inbound_rules': [rule]}},
        {'name': 'again', 'tcx.xapi.tcx_config': {'ivrs': [{'name': 'Night Menu'}], 'inbound_rules': [rule]}},
    ])
    checked, real, same_run, again = result.results
    assert checked['msg'] == real['msg'] == (
        "1 invalid item, nothing was written: ivrs[0] (IVR 'Main Menu'): cannot delete: inbound rule '+493012345601' "
        "sends office hours calls to it (office_hours); send them elsewhere first")
    assert same_run['changed'] and not again['changed'], result.stdout[-4000:]
    night = [r for r in emulator.state()['receptionists'] if r['Name'] == 'Night Menu'][0]
    assert [w[:2] for w in writes(emulator)] == [('POST', '/xapi/v1/Receptionists'), ('POST', '/xapi/v1/InboundRules')]
    assert writes(emulator)[1][2]['OfficeHoursDestination'] == {'To': 'IVR', 'Number': night['Number']}


def test_own_weekly_hours_are_written_with_the_type_in_one_request_and_then_unchanged(emulator, play):
    """The rule's own hours (hours.weekly) and its hours type share the Hours property: one PATCH carries both."""
    rule = {'did': '+493012345601', 'trunk': '10000', 'office_hours': {'to': 'extension', 'number': '100'}}
    play([{'tcx.xapi.tcx_user': {'extension': '100', 'first_name': 'Op'}},
          {'tcx.xapi.tcx_inbound_rule': rule}], expect_rc=0)
    emulator.clear_requests()
    hours = {'type': 'SpecificHours', 'weekly': {'monday': [{'from': '9:00', 'to': '12:00'}, {'from': '08:00', 'to': '08:30'}],
                                                 'friday': [{'from': '08:00', 'to': '13:00'}]}}
    result = play([{'tcx.xapi.tcx_inbound_rule': dict(rule, hours=hours)}]).result()
    assert result['changed'] is True
    assert result['diff']['after']['hours'] == {'type': 'SpecificHours', 'weekly': {
        'monday': [{'from': '08:00', 'to': '08:30'}, {'from': '09:00', 'to': '12:00'}],
        'friday': [{'from': '08:00', 'to': '13:00'}]}}
    writes = emulator.writes()
    assert len(writes) == 1 and writes[0]['method'] == 'PATCH'
    assert writes[0]['body']['Hours']['Type'] == 'SpecificHours'
    assert writes[0]['body']['Hours']['Periods'] == [
        {'DayOfWeek': 'Monday', 'Start': '08:00:00', 'Stop': '08:30:00'},
        {'DayOfWeek': 'Monday', 'Start': '09:00:00', 'Stop': '12:00:00'},
        {'DayOfWeek': 'Friday', 'Start': '08:00:00', 'Stop': '13:00:00'}]
    assert result['inbound_rule']['hours']['weekly']['friday'] == [{'from': '08:00', 'to': '13:00'}]
    emulator.clear_requests()
    again = play([{'tcx.xapi.tcx_inbound_rule': dict(rule, hours=hours)}]).result()
    assert again['changed'] is False and emulator.writes() == []
    bad = play([{'tcx.xapi.tcx_inbound_rule': dict(rule, hours={'weekly': {'monday': [{'from': '10:00', 'to': '09:00'}]}})}],
               check=True)
    assert bad.rc != 0 and 'hours.weekly.monday: 10:00-09:00 ends before it starts' in bad.result()['msg']
    assert emulator.writes() == []


def test_a_did_the_trunk_does_not_list_warns_naming_the_near_match(emulator, play, targets):
    """The emulator's trunk lists +493012345600..02 (Pbx.Trunk.DidNumbers): a DID that lost its + to YAML, or one the
    trunk does not deliver, is written as given, with a warning that names the DID the trunk lists."""
    result = play([rule_task(check=True, did='493012345602', trunk=TRUNK), rule_task(did='+493012345699', trunk=TRUNK),
                   rule_task(did=DID, trunk=TRUNK)])
    assert result.rc == 0, result
    lost_plus, unknown, listed = result.results
    assert ("did '493012345602' is not a DID of trunk 10000 (Emulator SIP provider), but '+493012345602' is: quote the "
            "DID in YAML ('+493012345602'), which reads an unquoted + as part of a number and drops it") in lost_plus['warnings']
    assert any(w.startswith("did '+493012345699' is not a DID of trunk 10000 (Emulator SIP provider) (+493012345600, "
                            "+493012345601, +493012345602); closest: '+49301234560") for w in unknown['warnings'])
    assert not any('is not a DID' in w for w in listed.get('warnings', []))
    assert [w['body']['Data'] for w in emulator.writes()] == ['+493012345699', DID]
