# -*- coding: utf-8 -*-
"""The info modules and tcx_system_info against the emulator with real ansible-playbook runs.

Data is seeded through the emulator's test-control API (``load_state``). The queries against it
(:data:`QUERIES`) run as the tasks of one play, once per test process; each test checks the
results and requests of its own tasks, and that the play wrote nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

import pytest
from tcx_emulator.pytest_plugin import start_emulator

from conftest import connection, run_play

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


# Every query of this file: name -> (module, options); a name ending in '(check mode)' runs in check mode.
QUERIES = {
    'user 105': ('tcx_user_info', {'extension': '105'}),
    'user 9999': ('tcx_user_info', {'extension': '9999'}),
    'user by email in capitals': ('tcx_user_info', {'email': 'USER7@EXAMPLE.COM'}),
    'user by email with a quote': ('tcx_user_info', {'email': "sean.o'brien@example.com"}),
    'users of Sales': ('tcx_user_info', {'department': 'Sales'}),
    'users of Sales (check mode)': ('tcx_user_info', {'department': 'Sales'}),
    'users of sales in small letters': ('tcx_user_info', {'department': 'sales'}),
    "users of Bob's Team": ('tcx_user_info', {'department': "Bob's Team"}),
    'users of Nowhere': ('tcx_user_info', {'department': 'Nowhere'}),
    'users by raw filter': ('tcx_user_info', {'filter': "startswith(FirstName,'User2') and Enabled eq false"}),
    'users by raw filter with a quote': ('tcx_user_info', {'filter': "LastName eq 'O''Brien'"}),
    'users by three selectors': ('tcx_user_info', {'department': 'Sales', 'filter': 'Enabled eq false',
                                                   'email': 'user5@example.com'}),
    'users by two selectors that exclude each other': ('tcx_user_info', {'department': 'Sales', 'extension': '101'}),
    'users by an invalid filter': ('tcx_user_info', {'filter': 'Nope eq 1'}),
    'all users, numbers only': ('tcx_user_info', {'select': ['Number']}),
    'user 105, number and email': ('tcx_user_info', {'extension': '105', 'select': ['Number', 'EmailAddress']}),
    'user 105, number and departments': ('tcx_user_info', {'extension': '105', 'select': ['Number', 'Groups']}),
    'department Support': ('tcx_department_info', {'name': 'Support'}),
    'department support in small letters': ('tcx_department_info', {'name': 'support'}),
    "department Bob's Team": ('tcx_department_info', {'name': "Bob's Team"}),
    'departments by raw filter': ('tcx_department_info', {'filter': "Language eq 'DE'", 'select': ['Name']}),
    'all departments': ('tcx_department_info', {'select': ['Name']}),
    'departments by an invalid filter': ('tcx_department_info', {'filter': 'Name eq'}),
    'parking SP2': ('tcx_parking_info', {'number': 'SP2'}),
    'parkings of Sales': ('tcx_parking_info', {'department': 'Sales'}),
    'parkings by raw filter': ('tcx_parking_info', {'filter': "Number ne 'SP1'"}),
    'parkings by an invalid filter': ('tcx_parking_info', {'filter': "Name eq 'x'"}),
    'live chat support': ('tcx_livechat_info', {'link': 'support'}),
    "live chat o'brien": ('tcx_livechat_info', {'link': "o'brien"}),
    "live chats of Bob's Team": ('tcx_livechat_info', {'department': "Bob's Team"}),
    'live chats by raw filter': ('tcx_livechat_info', {'filter': 'ChatEnabled eq true', 'select': ['Name']}),
    'live chats by an invalid filter': ('tcx_livechat_info', {'filter': "Nope eq 'x'"}),
    'system': ('tcx_system_info', {}),
}


class Queries(object):
    """The play of :data:`QUERIES` against the seeded PBX: its results and requests, task by task."""

    def __init__(self):
        tasks = [dict({'name': name, 'tcx.xapi.' + module: options, 'ignore_errors': True},
                      **({'check_mode': True} if name.endswith('(check mode)') else {}))
                 for name, (module, options) in QUERIES.items()]
        with start_emulator() as emulator:
            emulator.load_state(seeded_state())
            emulator.clear_requests()
            self.play = run_play(emulator, tasks)
            self.state = emulator.state()
            self.writes = emulator.writes()
        self.index = dict((record['task'], i) for i, record in enumerate(self.play.records))

    def record(self, name):
        return self.play.records[self.index[name]]

    def result(self, name):
        """The result of a query that succeeded and changed nothing."""
        record = self.record(name)
        assert record['status'] == 'ok' and record['result']['changed'] is False, record
        return record['result']

    def listed(self, name, key):
        """The items (in option shape) of a query."""
        return self.listed_with_raw(name, key)[0]

    def listed_with_raw(self, name, key):
        """The items (in option shape) of a query and its ``raw`` XAPI objects, one for one."""
        result = self.result(name)
        assert len(result['raw']) == len(result[key])
        return result[key], result['raw']

    def failure(self, name):
        record = self.record(name)
        assert record['status'] == 'failed', record
        return record['result']['msg']

    def gets(self, name, entity_set):
        """The queries of the GETs of a task to a collection."""
        return [entry['query'] for entry in self.play.requests(self.index[name])
                if entry['method'] == 'GET' and entry['path'] == '/xapi/v1/' + entity_set]


@functools.lru_cache(maxsize=None)
def queries():
    return Queries()


@pytest.fixture
def pbx():
    """The queries against the seeded PBX (run once per test process)."""
    return queries()


def numbers(items):
    """The extensions of users, the numbers of parkings."""
    return [item['extension'] if 'extension' in item else item['number'] for item in items]


def test_the_queries_write_nothing(pbx):
    assert pbx.play.rc == 0  # the queries with an invalid filter fail, and are ignored
    assert [r['task'] for r in pbx.play.records if r['status'] != 'ok'] == [
        'users by an invalid filter', 'departments by an invalid filter', 'parkings by an invalid filter',
        'live chats by an invalid filter']
    assert pbx.writes == []


# --- users -----------------------------------------------------------------------------------

def test_user_found_by_extension(pbx):
    users = pbx.listed('user 105', 'users')
    assert numbers(users) == ['105']
    assert users[0]['email'] == 'user5@example.com'


def test_unknown_extension_gives_an_empty_list(pbx):
    assert pbx.listed('user 9999', 'users') == []


def test_user_found_by_email_ignoring_case(pbx):
    assert numbers(pbx.listed('user by email in capitals', 'users')) == ['107']


def test_email_with_a_quote_is_matched_literally(pbx):
    assert numbers(pbx.listed('user by email with a quote', 'users')) == ['099']
    query = pbx.gets('user by email with a quote', 'Users')[0]
    assert query['$filter'] == "tolower(EmailAddress) eq 'sean.o''brien@example.com'"


def test_users_of_a_department_are_its_members_in_id_order(pbx):
    users = pbx.listed('users of Sales', 'users')
    assert numbers(users) == [user_number(i) for i in range(0, SALES_MEMBERS * 5, 5)]
    assert all(u['departments'] == [{'name': 'Sales', 'role': 'users'}] for u in users)
    assert len(pbx.gets('users of Sales', 'Users')) == 2  # 45 numbers: one request per 40


def test_names_match_ignoring_case_as_the_write_modules_match_them(pbx):
    assert numbers(pbx.listed('users of sales in small letters', 'users')) == numbers(pbx.listed('users of Sales', 'users'))
    assert [d['name'] for d in pbx.listed('department support in small letters', 'departments')] == ['Support']
    assert pbx.gets('department support in small letters', 'Groups')[0]['$filter'] == "tolower(Name) eq 'support'"


def test_department_name_with_a_quote_selects_its_members(pbx):
    users = pbx.listed("users of Bob's Team", 'users')
    assert numbers(users) == ['099']
    assert users[0]['departments'] == [{'name': "Bob's Team", 'role': 'managers'}]


def test_unknown_department_matches_nothing_and_warns(pbx):
    result = pbx.result('users of Nowhere')
    assert result['users'] == []
    assert any('Nowhere' in w for w in result.get('warnings', []))


def test_users_found_by_raw_filter(pbx):
    assert numbers(pbx.listed('users by raw filter', 'users')) == [
        user_number(i) for i in [21, 23, 25, 27, 29] + list(range(201, 250, 2))]


def test_raw_filter_with_a_quoted_quote(pbx):
    assert numbers(pbx.listed('users by raw filter with a quote', 'users')) == ['099']


def test_selectors_combine_with_and(pbx):
    assert numbers(pbx.listed('users by three selectors', 'users')) == ['105']
    assert pbx.listed('users by two selectors that exclude each other', 'users') == []


def test_invalid_raw_filter_fails_with_the_pbx_message(pbx):
    message = pbx.failure('users by an invalid filter')
    assert "Could not find a property named 'Nope' on type 'Pbx.User'" in message
    assert 'HTTP 400' in message


def test_250_users_come_back_completely_in_order_in_three_pages(pbx):
    users, raw = pbx.listed_with_raw('all users, numbers only', 'users')
    assert len(users) == 251
    assert [u['Id'] for u in raw] == [5] + list(range(10, 260))
    assert numbers(users) == ['099'] + [user_number(i) for i in range(250)]
    pages = [(q['$top'], q.get('$skip'), q['$orderby']) for q in pbx.gets('all users, numbers only', 'Users')]
    # The first page tells how many there are; the others are read in parallel, in any order.
    assert pages[0] == ('100', None, 'Id')
    assert sorted(pages[1:]) == [('100', '100', 'Id'), ('100', '200', 'Id')]


def test_select_returns_only_the_key_and_the_selected_properties(pbx):
    users, raw = pbx.listed_with_raw('user 105, number and email', 'users')
    assert users == [{'extension': '105', 'email': 'user5@example.com'}]
    assert raw == [{'Id': 15, 'Number': '105', 'EmailAddress': 'user5@example.com'}]


def test_select_groups_expands_the_memberships(pbx):
    users, raw = pbx.listed_with_raw('user 105, number and departments', 'users')
    assert users == [{'extension': '105', 'departments': [{'name': 'Sales', 'role': 'users'}]}]
    assert raw == [{'Id': 15, 'Number': '105',
                    'Groups': [{'GroupId': SALES_ID, 'Name': 'Sales', 'Rights': {'RoleName': 'users'}}]}]


def test_secrets_are_never_returned_or_printed(emulator, play):
    emulator.load_state(seeded_state(user_count=10))
    result = play([{'name': 'selected', 'tcx.xapi.tcx_user_info': {'extension': '105',
                                                                   'select': ['Number', 'AccessPassword', 'VMPIN']}},
                   {'name': 'all', 'tcx.xapi.tcx_user_info': {'extension': '105'}}], expect_rc=0)
    selected, full = result.results
    assert selected['users'] == [{'extension': '105'}] and selected['raw'] == [{'Id': 15, 'Number': '105'}]
    assert '"Number": "105"' in result.stdout
    stored = next(u for u in emulator.state()['users'] if u['Number'] == '105')
    for secret in ('AccessPassword', 'AuthPassword', 'VMPIN', 'DeskphonePassword'):
        assert stored[secret] not in result.stdout
    assert not set(full['raw'][0]) & {'AccessPassword', 'AuthPassword', 'VMPIN', 'DeskphonePassword'}
    assert not set(full['users'][0]) & {'password', 'vm_pin'}
    assert full['users'][0]['first_name'] == full['raw'][0]['FirstName'] == 'User5'
    assert emulator.writes() == []


def test_check_mode_returns_the_same_list(pbx):
    checked, real = pbx.result('users of Sales (check mode)'), pbx.result('users of Sales')
    assert checked['users'] == real['users'] and len(real['users']) == SALES_MEMBERS
    assert checked['raw'] == real['raw']


# --- departments -----------------------------------------------------------------------------

def test_department_found_by_name(pbx):
    departments, raw = pbx.listed_with_raw('department Support', 'departments')
    assert [d['name'] for d in departments] == ['Support']
    assert [(d['Id'], d['Number']) for d in raw] == [(SUPPORT_ID, 'GRP0002')]


def test_department_name_with_a_quote(pbx):
    departments, raw = pbx.listed_with_raw("department Bob's Team", 'departments')
    assert [d['name'] for d in departments] == ["Bob's Team"] and [d['Id'] for d in raw] == [QUOTED_ID]


def test_departments_found_by_raw_filter(pbx):
    departments, raw = pbx.listed_with_raw('departments by raw filter', 'departments')
    assert departments == [{'name': 'Sales'}, {'name': "Bob's Team"}]
    assert raw == [{'Id': SALES_ID, 'Name': 'Sales'}, {'Id': QUOTED_ID, 'Name': "Bob's Team"}]


def test_all_departments_include_default(pbx):
    assert [d['name'] for d in pbx.listed('all departments', 'departments')] == ['DEFAULT', 'Sales', 'Support', "Bob's Team"]


def test_invalid_department_filter_fails_with_the_pbx_message(pbx):
    assert 'The query specified in the URI is not valid' in pbx.failure('departments by an invalid filter')


# --- parkings --------------------------------------------------------------------------------

def test_parking_found_by_number(pbx):
    parkings, raw = pbx.listed_with_raw('parking SP2', 'parkings')
    assert parkings == [{'number': 'SP2', 'departments': ['Support']}]
    assert raw[0]['Groups'] == [{'GroupId': SUPPORT_ID, 'Name': 'Support'}]


def test_parkings_of_a_department(pbx):
    assert numbers(pbx.listed('parkings of Sales', 'parkings')) == ['SP1', 'SP3']


def test_parkings_found_by_raw_filter(pbx):
    assert numbers(pbx.listed('parkings by raw filter', 'parkings')) == ['SP2', 'SP3']


def test_invalid_parking_filter_fails_with_the_pbx_message(pbx):
    assert "Could not find a property named 'Name' on type 'Pbx.Parking'" in pbx.failure('parkings by an invalid filter')


# --- live chats ------------------------------------------------------------------------------

def test_livechat_found_by_link(pbx):
    livechats, raw = pbx.listed_with_raw('live chat support', 'livechats')
    assert [(c['link'], c['name'], c['department']) for c in livechats] == [('support', 'Support', 'Support')]
    assert [(c['Link'], c['DN']['Number']) for c in raw] == [('support', 'GRP0002')]


def test_livechat_link_with_a_quote(pbx):
    assert [c['link'] for c in pbx.listed("live chat o'brien", 'livechats')] == ["o'brien"]


def test_livechats_of_a_department(pbx):
    assert [c['link'] for c in pbx.listed("live chats of Bob's Team", 'livechats')] == ["o'brien"]


def test_livechats_found_by_raw_filter_in_link_order(pbx):
    livechats, raw = pbx.listed_with_raw('live chats by raw filter', 'livechats')
    assert livechats == [{'link': "o'brien", 'name': 'Quoted'}, {'link': 'sales-chat', 'name': 'Sales chat'}]
    assert raw == [{'Link': "o'brien", 'Name': 'Quoted'}, {'Link': 'sales-chat', 'Name': 'Sales chat'}]


def test_invalid_livechat_filter_fails_with_the_pbx_message(pbx):
    assert "Could not find a property named 'Nope' on type 'Pbx.Weblink'" in pbx.failure('live chats by an invalid filter')


# --- system ----------------------------------------------------------------------------------

def test_system_info_reports_version_timezones_and_counts(pbx):
    result = pbx.result('system')
    assert (result['reachable'], result['credentials_ok'], result['api_ok'], result['message']) == (True, True, True, None)
    assert result['version'] == '20.0.10.1034' and result['version_info'] == [20, 0, 10]
    assert {'Id': '51', 'WindowsName': 'UTC', 'IanaName': 'Etc/UTC',
            'Name': '(UTC) Coordinated Universal Time'} in result['timezones']
    assert result['counts'] == {'users': 251, 'departments': 4, 'parkings': 3, 'livechats': 3, 'ring_groups': 0, 'queues': 0,
                                'holidays': 0, 'ivrs': 0, 'trunks': 0, 'inbound_rules': 0, 'outbound_rules': 0, 'contacts': 0, 'blocklist': 0}


def test_system_info_counts_without_listing(pbx):
    for entity_set in ('Users', 'Groups', 'Parkings', 'WebsiteLinks'):
        assert pbx.gets('system', entity_set) == [{'$top': '0', '$count': 'true'}]


def test_system_info_reports_refused_credentials_as_data(emulator, play):
    options = dict(connection(emulator), client_secret='wrong', fail_on_bad_credentials=False)
    result = play([{'name': 'system', 'tcx.xapi.tcx_system_info': options}], defaults=False, expect_rc=0).result()
    assert (result['reachable'], result['credentials_ok'], result['api_ok']) == (True, False, False)
    assert 'HTTP 401' in result['message'] and 'wrong' not in result['message']
    assert result['counts'] == {} and result['timezones'] == []
    assert len(emulator.token_requests()) == 1


def test_system_info_fails_on_an_unreachable_pbx(emulator, play):
    options = dict(connection(emulator), url='http://127.0.0.1:9', retries=0, timeout=5)
    record = play([{'name': 'system', 'tcx.xapi.tcx_system_info': options}], defaults=False, expect_rc=2).records[-1]
    assert record['status'] == 'failed' and record['result']['reachable'] is False
    message = record['result']['msg']
    assert message.startswith('PBX not reachable: ') and 'no answer from http://127.0.0.1:9' in message


def test_system_info_reports_an_unreachable_pbx_as_data_when_asked(emulator, play):
    options = dict(connection(emulator), url='http://127.0.0.1:9', retries=0, timeout=5, fail_on_unreachable=False)
    result = play([{'name': 'system', 'tcx.xapi.tcx_system_info': options}], defaults=False, expect_rc=0).result()
    assert (result['reachable'], result['credentials_ok'], result['api_ok']) == (False, False, False)
    assert 'no answer from http://127.0.0.1:9' in result['message']
    assert result['version'] is None
