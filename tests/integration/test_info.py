# -*- coding: utf-8 -*-
"""The info modules and tcx_system_info against the emulator with real ansible-playbook runs.

Data is seeded through the emulator's test-control API (``load_state``); every test also checks,
through an autouse fixture, that the modules wrote nothing (request log).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import connection

SALES_ID, SUPPORT_ID, QUOTED_ID = 300, 301, 302
SALES_MEMBERS = 45  # more than one request's worth of Number clauses (40), to exercise the merge


def department(group_id, name, number, language='EN'):
    return {'Id': group_id, 'Name': name, 'Number': number, 'Language': language}


def user_number(index):
    return str(100 + index)


def seeded_state(user_count=250):
    """``user_count`` users (Ids 10.., numbers 100..), every 5th of the first 225 in Sales, the rest in DEFAULT."""
    users, memberships = [], []
    for index in range(user_count):
        user_id = 10 + index
        users.append({'Id': user_id, 'Number': user_number(index), 'FirstName': 'User%d' % index,
                      'LastName': 'Test', 'EmailAddress': 'user%d@example.com' % index,
                      'Enabled': index % 2 == 0})
        in_sales = index % 5 == 0 and index < SALES_MEMBERS * 5
        memberships.append({'MemberType': 'User', 'MemberId': user_id, 'RoleName': 'users',
                            'GroupId': SALES_ID if in_sales else 1})
    users.append({'Id': 5, 'Number': '099', 'FirstName': 'Sean', 'LastName': "O'Brien",
                  'EmailAddress': "Sean.O'Brien@Example.com"})
    memberships.append({'MemberType': 'User', 'MemberId': 5, 'GroupId': QUOTED_ID, 'RoleName': 'managers'})
    parkings = [{'Id': 400, 'Number': 'SP1'}, {'Id': 401, 'Number': 'SP2'}, {'Id': 402, 'Number': 'SP3'}]
    memberships += [{'MemberType': 'Parking', 'MemberId': 400, 'GroupId': SALES_ID, 'RoleName': None},
                    {'MemberType': 'Parking', 'MemberId': 401, 'GroupId': SUPPORT_ID, 'RoleName': None},
                    {'MemberType': 'Parking', 'MemberId': 402, 'GroupId': SALES_ID, 'RoleName': None}]
    weblinks = [weblink('sales-chat', 'Sales chat', 'GRP0001', SALES_ID, 'Sales'),
                weblink('support', 'Support', 'GRP0002', SUPPORT_ID, 'Support', chat=False),
                weblink("o'brien", 'Quoted', 'GRP0003', QUOTED_ID, "Bob's Team")]
    return {'next_id': 500, 'users': users, 'parkings': parkings, 'weblinks': weblinks, 'memberships': memberships,
            'groups': [department(SALES_ID, 'Sales', 'GRP0001', 'DE'), department(SUPPORT_ID, 'Support', 'GRP0002'),
                       department(QUOTED_ID, "Bob's Team", 'GRP0003', 'DE')]}


def weblink(link, name, group_number, group_id, group_name, chat=True):
    return {'Id': 0, 'Link': link, 'Name': name, 'Group': group_number, 'ChatEnabled': chat,
            'Website': ['https://www.example.com'],
            'DN': {'Id': group_id, 'Name': group_name, 'Number': group_number, 'Type': 'Group', 'Hidden': False, 'Tags': []}}


@pytest.fixture
def pbx(emulator):
    """The emulator holding the seeded state, with an empty request log."""
    emulator.load_state(seeded_state())
    emulator.clear_requests()
    return emulator


@pytest.fixture(autouse=True)
def nothing_is_written(emulator):
    """After every test of this file: not one write request reached the PBX."""
    yield
    assert emulator.writes() == []


def run(play, module, expect_rc=0, check=False, **options):
    return play([{'name': module, 'tcx.xapi.%s' % module: options}], expect_rc=expect_rc, check=check)


def listed(play, module, key, **options):
    """The items of an info module (in option shape)."""
    return listed_with_raw(play, module, key, **options)[0]


def listed_with_raw(play, module, key, **options):
    """The items of an info module (in option shape) and its ``raw`` XAPI objects, one for one."""
    result = run(play, module, **options).result()
    assert result['changed'] is False
    assert len(result['raw']) == len(result[key])
    return result[key], result['raw']


def numbers(items):
    """The extensions of users, the numbers of parkings."""
    return [item['extension'] if 'extension' in item else item['number'] for item in items]


def collection_gets(emulator, entity_set):
    return [entry['query'] for entry in emulator.requests('GET', r'^/xapi/v1/%s$' % entity_set)]


# --- users -----------------------------------------------------------------------------------

def test_user_found_by_extension(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', extension='105')
    assert numbers(users) == ['105']
    assert users[0]['email'] == 'user5@example.com'


def test_unknown_extension_gives_an_empty_list(pbx, play):
    assert listed(play, 'tcx_user_info', 'users', extension='9999') == []


def test_user_found_by_email_ignoring_case(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', email='USER7@EXAMPLE.COM')
    assert numbers(users) == ['107']


def test_email_with_a_quote_is_matched_literally(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', email="sean.o'brien@example.com")
    assert numbers(users) == ['099']
    query = collection_gets(pbx, 'Users')[0]
    assert query['$filter'] == "tolower(EmailAddress) eq 'sean.o''brien@example.com'"


def test_users_of_a_department_are_its_members_in_id_order(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', department='Sales')
    assert numbers(users) == [user_number(i) for i in range(0, SALES_MEMBERS * 5, 5)]
    assert all(u['departments'] == [{'name': 'Sales', 'role': 'users'}] for u in users)
    assert len(collection_gets(pbx, 'Users')) == 2  # 45 numbers: one request per 40


def test_department_name_with_a_quote_selects_its_members(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', department="Bob's Team")
    assert numbers(users) == ['099']
    assert users[0]['departments'] == [{'name': "Bob's Team", 'role': 'managers'}]


def test_unknown_department_matches_nothing_and_warns(pbx, play):
    result = run(play, 'tcx_user_info', department='Nowhere').result()
    assert result['users'] == []
    assert any('Nowhere' in w for w in result.get('warnings', []))


def test_users_found_by_raw_filter(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', filter="startswith(FirstName,'User2') and Enabled eq false")
    assert numbers(users) == [user_number(i) for i in [21, 23, 25, 27, 29] + list(range(201, 250, 2))]


def test_raw_filter_with_a_quoted_quote(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', filter="LastName eq 'O''Brien'")
    assert numbers(users) == ['099']


def test_selectors_combine_with_and(pbx, play):
    users = listed(play, 'tcx_user_info', 'users', department='Sales', filter='Enabled eq false',
                   email='user5@example.com')
    assert numbers(users) == ['105']
    assert listed(play, 'tcx_user_info', 'users', department='Sales', extension='101') == []


def test_invalid_raw_filter_fails_with_the_pbx_message(pbx, play):
    result = run(play, 'tcx_user_info', expect_rc=2, filter='Nope eq 1')
    record = result.records[-1]
    assert record['status'] == 'failed'
    assert "Could not find a property named 'Nope' on type 'Pbx.User'" in record['result']['msg']
    assert 'HTTP 400' in record['result']['msg']


def test_250_users_come_back_completely_in_order_in_three_pages(pbx, play):
    users, raw = listed_with_raw(play, 'tcx_user_info', 'users', select=['Number'])
    assert len(users) == 251
    assert [u['Id'] for u in raw] == [5] + list(range(10, 260))
    assert numbers(users) == ['099'] + [user_number(i) for i in range(250)]
    pages = [(q['$top'], q.get('$skip'), q['$orderby']) for q in collection_gets(pbx, 'Users')]
    assert pages == [('100', None, 'Id'), ('100', '100', 'Id'), ('100', '200', 'Id')]


def test_select_returns_only_the_key_and_the_selected_properties(pbx, play):
    users, raw = listed_with_raw(play, 'tcx_user_info', 'users', extension='105', select=['Number', 'EmailAddress'])
    assert users == [{'extension': '105', 'email': 'user5@example.com'}]
    assert raw == [{'Id': 15, 'Number': '105', 'EmailAddress': 'user5@example.com'}]


def test_select_groups_expands_the_memberships(pbx, play):
    users, raw = listed_with_raw(play, 'tcx_user_info', 'users', extension='105', select=['Number', 'Groups'])
    assert users == [{'extension': '105', 'departments': [{'name': 'Sales', 'role': 'users'}]}]
    assert raw == [{'Id': 15, 'Number': '105',
                    'Groups': [{'GroupId': SALES_ID, 'Name': 'Sales', 'Rights': {'RoleName': 'users'}}]}]


def test_secrets_are_never_returned_or_printed(pbx, play):
    result = run(play, 'tcx_user_info', extension='105', select=['Number', 'AccessPassword', 'VMPIN'])
    assert result.result()['users'] == [{'extension': '105'}]
    assert result.result()['raw'] == [{'Id': 15, 'Number': '105'}]
    assert '"Number": "105"' in result.stdout
    stored = next(u for u in pbx.state()['users'] if u['Number'] == '105')
    for secret in ('AccessPassword', 'AuthPassword', 'VMPIN', 'DeskphonePassword'):
        assert stored[secret] not in result.stdout
    users, raw = listed_with_raw(play, 'tcx_user_info', 'users', extension='105')
    assert not set(raw[0]) & {'AccessPassword', 'AuthPassword', 'VMPIN', 'DeskphonePassword'}
    assert not set(users[0]) & {'password', 'vm_pin'}
    assert users[0]['first_name'] == raw[0]['FirstName'] == 'User5'


def test_check_mode_returns_the_same_list(pbx, play):
    checked = run(play, 'tcx_user_info', check=True, department='Sales').result()
    real = run(play, 'tcx_user_info', department='Sales').result()
    assert checked['users'] == real['users'] and len(real['users']) == SALES_MEMBERS
    assert checked['raw'] == real['raw']


# --- departments -----------------------------------------------------------------------------

def test_department_found_by_name(pbx, play):
    departments, raw = listed_with_raw(play, 'tcx_department_info', 'departments', name='Support')
    assert [d['name'] for d in departments] == ['Support']
    assert [(d['Id'], d['Number']) for d in raw] == [(SUPPORT_ID, 'GRP0002')]


def test_department_name_with_a_quote(pbx, play):
    departments, raw = listed_with_raw(play, 'tcx_department_info', 'departments', name="Bob's Team")
    assert [d['name'] for d in departments] == ["Bob's Team"] and [d['Id'] for d in raw] == [QUOTED_ID]


def test_departments_found_by_raw_filter(pbx, play):
    departments, raw = listed_with_raw(play, 'tcx_department_info', 'departments', filter="Language eq 'DE'",
                                       select=['Name'])
    assert departments == [{'name': 'Sales'}, {'name': "Bob's Team"}]
    assert raw == [{'Id': SALES_ID, 'Name': 'Sales'}, {'Id': QUOTED_ID, 'Name': "Bob's Team"}]


def test_all_departments_include_default(pbx, play):
    departments = listed(play, 'tcx_department_info', 'departments', select=['Name'])
    assert [d['name'] for d in departments] == ['DEFAULT', 'Sales', 'Support', "Bob's Team"]


def test_invalid_department_filter_fails_with_the_pbx_message(pbx, play):
    result = run(play, 'tcx_department_info', expect_rc=2, filter="Name eq")
    assert 'The query specified in the URI is not valid' in result.records[-1]['result']['msg']


# --- parkings --------------------------------------------------------------------------------

def test_parking_found_by_number(pbx, play):
    parkings, raw = listed_with_raw(play, 'tcx_parking_info', 'parkings', number='SP2')
    assert parkings == [{'number': 'SP2', 'departments': ['Support']}]
    assert raw[0]['Groups'] == [{'GroupId': SUPPORT_ID, 'Name': 'Support'}]


def test_parkings_of_a_department(pbx, play):
    assert numbers(listed(play, 'tcx_parking_info', 'parkings', department='Sales')) == ['SP1', 'SP3']


def test_parkings_found_by_raw_filter(pbx, play):
    assert numbers(listed(play, 'tcx_parking_info', 'parkings', filter="Number ne 'SP1'")) == ['SP2', 'SP3']


def test_invalid_parking_filter_fails_with_the_pbx_message(pbx, play):
    result = run(play, 'tcx_parking_info', expect_rc=2, filter="Name eq 'x'")
    assert "Could not find a property named 'Name' on type 'Pbx.Parking'" in result.records[-1]['result']['msg']


# --- live chats ------------------------------------------------------------------------------

def test_livechat_found_by_link(pbx, play):
    livechats, raw = listed_with_raw(play, 'tcx_livechat_info', 'livechats', link='support')
    assert [(c['link'], c['name'], c['department']) for c in livechats] == [('support', 'Support', 'Support')]
    assert [(c['Link'], c['DN']['Number']) for c in raw] == [('support', 'GRP0002')]


def test_livechat_link_with_a_quote(pbx, play):
    assert [c['link'] for c in listed(play, 'tcx_livechat_info', 'livechats', link="o'brien")] == ["o'brien"]


def test_livechats_of_a_department(pbx, play):
    livechats = listed(play, 'tcx_livechat_info', 'livechats', department="Bob's Team")
    assert [c['link'] for c in livechats] == ["o'brien"]


def test_livechats_found_by_raw_filter_in_link_order(pbx, play):
    livechats, raw = listed_with_raw(play, 'tcx_livechat_info', 'livechats', filter='ChatEnabled eq true', select=['Name'])
    assert livechats == [{'link': "o'brien", 'name': 'Quoted'}, {'link': 'sales-chat', 'name': 'Sales chat'}]
    assert raw == [{'Link': "o'brien", 'Name': 'Quoted'}, {'Link': 'sales-chat', 'Name': 'Sales chat'}]


def test_invalid_livechat_filter_fails_with_the_pbx_message(pbx, play):
    result = run(play, 'tcx_livechat_info', expect_rc=2, filter="Nope eq 'x'")
    assert "Could not find a property named 'Nope' on type 'Pbx.Weblink'" in result.records[-1]['result']['msg']


# --- system ----------------------------------------------------------------------------------

def test_system_info_reports_version_timezones_and_counts(pbx, play):
    result = run(play, 'tcx_system_info').result()
    assert result['changed'] is False
    assert (result['reachable'], result['credentials_ok'], result['api_ok'], result['message']) == (True, True, True, None)
    assert result['version'] == '20.0.10.1034' and result['version_info'] == [20, 0, 10]
    assert {'Id': '51', 'WindowsName': 'UTC', 'IanaName': 'Etc/UTC',
            'Name': '(UTC) Coordinated Universal Time'} in result['timezones']
    assert result['counts'] == {'users': 251, 'departments': 4, 'parkings': 3, 'livechats': 3, 'ring_groups': 0, 'queues': 0,
                                'holidays': 0, 'ivrs': 0, 'inbound_rules': 0}


def test_system_info_counts_without_listing(pbx, play):
    run(play, 'tcx_system_info')
    for entity_set in ('Users', 'Groups', 'Parkings', 'WebsiteLinks'):
        assert collection_gets(pbx, entity_set) == [{'$top': '0', '$count': 'true'}]


def test_system_info_reports_refused_credentials_as_data(emulator, play):
    options = dict(connection(emulator), client_secret='wrong', fail_on_bad_credentials=False)
    result = play([{'name': 'system', 'tcx.xapi.tcx_system_info': options}], defaults=False, expect_rc=0).result()
    assert (result['reachable'], result['credentials_ok'], result['api_ok']) == (True, False, False)
    assert 'HTTP 401' in result['message'] and 'wrong' not in result['message']
    assert result['counts'] == {} and result['timezones'] == []
    assert len(emulator.token_requests()) == 1


def test_system_info_reports_an_unreachable_pbx_as_data(emulator, play):
    options = dict(connection(emulator), url='http://127.0.0.1:9', retries=0, timeout=5)
    result = play([{'name': 'system', 'tcx.xapi.tcx_system_info': options}], defaults=False, expect_rc=0).result()
    assert (result['reachable'], result['credentials_ok'], result['api_ok']) == (False, False, False)
    assert 'no answer from http://127.0.0.1:9' in result['message']
    assert result['version'] is None
