# -*- coding: utf-8 -*-
"""Invalid inputs: each fails before any write, with its own message naming what is wrong.

The table runs as a few plays of ``ignore_errors`` tasks (one per row) instead of one play per
row; every row's message must contain its own distinguishing text and no other row's. The rows
run as real runs (not check mode), so "no write" proves the check came before the first request
that changes anything.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import connection

DEPT, USER, PARKING, CHAT, CONFIG = ('tcx.xapi.tcx_department', 'tcx.xapi.tcx_user', 'tcx.xapi.tcx_parking',
                                     'tcx.xapi.tcx_livechat', 'tcx.xapi.tcx_config')
LONG = 'x' * 300
NO_CONNECTION = object()

# (row id, module, options, text only this row's message contains)
DEPARTMENT_ROWS = [
    ('dept-delete-default', DEPT, {'name': 'DEFAULT', 'state': 'absent'}, 'the system department DEFAULT cannot be deleted'),
    ('dept-range-not-digits', DEPT, {'name': 'X', 'extension_range': {'user_from': '2a0'}},
     "extension_range.user_from must be a string of digits, got '2a0'"),
    ('dept-range-reversed', DEPT, {'name': 'X', 'extension_range': {'system_from': '900', 'system_to': '800'}},
     'extension_range: system_from (900) is greater than system_to (800)'),
    ('dept-negative-limit', DEPT, {'name': 'X', 'limits': {'prompts_max': -2}},
     'limits.prompts_max must be at least 0, got -2'),
    ('dept-limit-over-int32', DEPT, {'name': 'X', 'limits': {'live_chat_max': 2147483648}},
     'limits.live_chat_max must be at most 2147483647, got 2147483648'),
    ('dept-empty-name', DEPT, {'name': ''}, "department '': name must not be empty"),
    ('dept-long-name', DEPT, {'name': 'D' * 300}, "department '%s': name must be at most 255 characters, got 300" % ('D' * 300)),
    ('dept-language', DEPT, {'name': 'X', 'language': 'tlh-XX'},
     "language must be a two-letter language code such as EN or DE, got 'tlh-XX'"),
    ('dept-route-extension-without-number', DEPT, {'name': 'X', 'routing': {'office_hours': {'to': 'Extension'}}},
     'routing.office_hours needs number with to: extension'),
    ('dept-route-queue-without-number', DEPT, {'name': 'X', 'routing': {'break_time': {'to': 'Queue'}}},
     'routing.break_time needs number or name with to: queue'),
    ('dept-route-external-without-external', DEPT, {'name': 'X', 'routing': {'holidays': {'to': 'External', 'number': '1'}}},
     'routing.holidays needs external (the outside number) with to: external'),
    ('dept-range-too-long', DEPT, {'name': 'X', 'extension_range': {'user_to': '12345678901'}},
     'extension_range.user_to must be at most 10 characters, got 11'),
    ('dept-routing-list', DEPT, {'name': 'X', 'routing': ['office_hours']}, 'routing must be a dict, got a list'),
    ('dept-timezone-typo', DEPT, {'name': 'X', 'timezone': 'Europe/Berlinn'}, 'closest matches: Europe/Berlin'),
    ('dept-empty-prompt-set', DEPT, {'name': 'X', 'prompt_set': ''}, 'prompt_set must not be empty'),
    ('dept-empty-route-number', DEPT, {'name': 'X', 'routing': {'office_hours': {'to': 'IVR', 'number': ''}}},
     'routing.office_hours.number must not be empty'),
    ('dept-unknown-timezone', DEPT, {'name': 'X', 'timezone': 'Mars/Olympus_Mons'}, "unknown timezone 'Mars/Olympus_Mons'"),
    ('dept-route-target', DEPT, {'name': 'X', 'routing': {'office_hours': {'to': 'Nowhere'}}},
     "routing.office_hours to must be one of boomerang, callback, deflect, end_call, extension, external, fax, ivr, none, "
     "proceed_with_no_exceptions, queue, ring_group, route_point, voicemail, voicemail_of_destination, got 'Nowhere'"),
    ('dept-unknown-option', DEPT, {'name': 'X', 'colour': 'red'}, 'Unsupported parameters for (tcx.xapi.tcx_department) module: colour'),
    ('dept-name-missing', DEPT, {'language': 'DE'}, 'missing required arguments: name'),
    ('dept-bool-type', DEPT, {'name': 'X', 'allow_call_service': 'perhaps'}, "'perhaps' is not a valid boolean"),
    ('conn-ftp-url', DEPT, {'name': 'X', 'url': 'ftp://pbx.example.com'}, "url must start with https:// (or http://), got scheme 'ftp'"),
    ('conn-timeout-zero', DEPT, {'name': 'X', 'timeout': 0}, 'timeout must be positive and retries zero or more'),
    ('conn-no-credentials', DEPT, {'name': 'X', 'client_id': NO_CONNECTION, 'client_secret': NO_CONNECTION},
     'either access_token or both client_id and client_secret are required'),
    ('conn-no-url', DEPT, {'name': 'X', 'url': NO_CONNECTION}, 'missing required arguments: url'),
    ('conn-timeout-type', DEPT, {'name': 'X', 'timeout': 'soon'}, "argument 'timeout' is of type str and we were unable to convert to int"),
]
USER_ROWS = [
    ('user-no-extension', USER, {'first_name': 'Ada'}, 'extension is required: it identifies the user'),
    ('user-extension-letters', USER, {'extension': '1a2'}, "extension must be 2 to 10 digits, got '1a2'"),
    ('user-extension-short', USER, {'extension': '7'}, "extension must be 2 to 10 digits, got '7'"),
    ('user-bad-email', USER, {'extension': '201', 'email': 'ada.example.com'}, "email 'ada.example.com' is not a valid email address"),
    ('user-no-departments', USER, {'extension': '202', 'departments': []}, 'departments must list at least one department'),
    ('user-department-twice', USER, {'extension': '203', 'departments': [{'name': 'Sales'}, {'name': 'Sales', 'role': 'managers'}]},
     "departments lists 'Sales' more than once"),
    ('user-primary-not-listed', USER, {'extension': '204', 'departments': [{'name': 'Sales'}], 'primary_department': 'Support'},
     "primary_department 'Support' is not among departments ('Sales')"),
    ('user-bad-role', USER, {'extension': '205', 'departments': [{'name': 'Sales', 'role': 'emperor'}]}, 'got: emperor'),
    ('user-bad-friendly-name', USER, {'extension': '206', 'friendly_name': 'ada lovelace!'}, "friendly name 'ada lovelace!' is not valid"),
    ('user-unknown-department', USER, {'extension': '207', 'departments': [{'name': 'Atlantis'}]},
     "unknown department 'Atlantis': create it first"),
    ('user-email-taken', USER, {'extension': '208', 'email': 'TAKEN@example.com'},
     "email 'TAKEN@example.com' already belongs to extension 150 (Grace Hopper)"),
    ('user-friendly-name-taken', USER, {'extension': '209', 'friendly_name': 'grace'},
     "user '209': friendly name 'grace' is already used by user 150 (Grace Hopper)"),
    ('user-vm-email-option', USER, {'extension': '210', 'vm_email_options': 'Pigeon'}, 'got: Pigeon'),
    ('user-primary-without-membership', USER, {'extension': '211', 'primary_department': 'Sales'},
     "primary_department 'Sales' is not one of the user's departments"),
    ('user-empty-first-name', USER, {'extension': '212', 'first_name': ''}, "user '212': first_name must not be empty"),
    ('user-long-last-name', USER, {'extension': '213', 'last_name': LONG}, 'last_name must be at most 255 characters, got 300'),
    ('user-language', USER, {'extension': '214', 'language': 'Klingon'}, "got 'Klingon'"),
    ('user-departments-string', USER, {'extension': '215', 'departments': 'Support'},
     "departments must be a list of dicts (name, role), got a str 'Support'"),
    ('user-mobile-letters', USER, {'extension': '216', 'mobile': 'call me'}, "mobile must be a phone number"),
    ('user-long-email', USER, {'extension': '217', 'email': 'a' * 250 + '@x.com'}, 'email must be at most 254 characters'),
    ('user-empty-department-name', USER, {'extension': '218', 'departments': [{'name': ''}]},
     'departments[0].name must not be empty'),
    ('user-department-twice-in-another-case', USER, {'extension': '219', 'departments': [{'name': 'Sales'}, {'name': 'SALES'}]},
     "departments lists 'SALES', 'Sales' more than once (names compare ignoring case)"),
    ('user-email-taken-in-another-case', USER, {'extension': '220', 'email': 'Taken@Example.com'},
     "email 'Taken@Example.com' already belongs to extension 150"),
    ('user-outbound-caller-id', USER, {'extension': '221', 'outbound_caller_id': 'HQ'}, "outbound_caller_id must be a phone number"),
    ('user-unknown-department-in-another-task', USER, {'extension': '222', 'departments': [{'name': 'Sales'}, {'name': 'Nod'}]},
     "unknown department 'Nod'"),
]
PARKING_CHAT_ROWS = [
    ('parking-blank-number', PARKING, {'number': '  ', 'departments': ['Sales']}, "parking '  ': number must not be empty"),
    ('parking-no-departments', PARKING, {'number': 'SP9', 'departments': []}, 'departments must name at least one department'),
    ('parking-empty-department', PARKING, {'number': 'SP9', 'departments': ['Sales', ' ']}, 'departments must not contain an empty name'),
    ('parking-present-without-departments', PARKING, {'number': 'SP9'},
     'state is present but all of the following are missing: departments'),
    ('parking-no-key', PARKING, {'state': 'absent'}, 'one of the following is required: number, departments'),
    ('parking-unknown-department', PARKING, {'number': 'SP9', 'departments': ['Narnia']}, "unknown department 'Narnia'"),
    ('parking-number-digits', PARKING, {'number': '11', 'departments': ['Sales']},
     "number must be SP followed by digits (SP11), got '11'"),
    ('parking-number-long', PARKING, {'number': 'SP' + '1' * 20, 'departments': ['Sales']}, 'number must be at most 12 characters'),
    ('parking-long-department', PARKING, {'number': 'SP9', 'departments': [LONG]}, 'departments[0] must be at most 255 characters'),
    ('chat-bad-link', CHAT, {'link': 'our chat', 'department': 'Sales'}, "link: friendly name 'our chat' is not valid"),
    ('chat-empty-department', CHAT, {'link': 'chat1', 'department': ' '}, 'department must not be empty'),
    ('chat-ftp-website', CHAT, {'link': 'chat2', 'department': 'Sales', 'websites': ['ftp://example.com']},
     "websites: 'ftp://example.com' is not an http:// or https:// URL"),
    ('chat-create-without-department', CHAT, {'link': 'chat3', 'name': 'Chat'}, 'department is required to create a live chat link'),
    ('chat-bad-greeting', CHAT, {'link': 'chat4', 'department': 'Sales', 'greeting': 'Loudly'}, 'got: Loudly'),
    ('chat-link-taken', CHAT, {'link': 'grace', 'department': 'Sales'}, "live chat link 'grace': friendly name 'grace' is already used by user 150"),
    ('chat-unknown-department', CHAT, {'link': 'chat5', 'department': 'Lemuria'}, "unknown department 'Lemuria'"),
    ('chat-empty-name', CHAT, {'link': 'chat6', 'department': 'Sales', 'name': ' '}, "live chat link 'chat6': name must not be empty"),
    ('chat-long-call-title', CHAT, {'link': 'chat7', 'department': 'Sales', 'call_title': LONG},
     'call_title must be at most 255 characters'),
    ('chat-long-link', CHAT, {'link': 'l' * 65, 'department': 'Sales'}, "link: friendly name '%s' is not valid" % ('l' * 65)),
]
# tcx_config: a bad item stops the whole task before its first write; messages name the item.
CONFIG_ROWS = [
    ('config-departments-string', CONFIG, {'users': [{'extension': '230'}, {'extension': '231'}, {'extension': '232'},
                                                     {'extension': '233', 'departments': 'Sales'}]},
     "users[3].departments must be a list of dicts (name, role), got a str 'Sales'"),
    ('config-first-name-list', CONFIG, {'users': [{'extension': '234', 'first_name': ['Ada']}]},
     'users[0].first_name must be a string, got a list'),
    ('config-websites-dict', CONFIG, {'livechats': [{'link': 'chat9', 'department': 'Sales', 'websites': [{'url': 'x'}]}]},
     'livechats[0].websites[0] must be a string, got a dict'),
    ('config-same-email-twice', CONFIG, {'users': [{'extension': '235', 'email': 'same@example.com'},
                                                   {'extension': '236', 'email': 'SAME@example.com'}]},
     "users[1] (user '236'): email 'SAME@example.com' is also given to users[0] (user '235')"),
    ('config-department-twice-in-another-case', CONFIG, {'departments': [{'name': 'Ops'}, {'name': 'OPS'}]},
     "departments[1] (department 'OPS'): the same name as departments[0] (department 'Ops') (the PBX compares them ignoring case)"),
    ('config-unknown-department', CONFIG, {'users': [{'extension': '237', 'departments': [{'name': 'Mu'}]}]},
     "users[0] (user '237'): unknown department 'Mu': list it under departments"),
    ('config-delete-department-with-members', CONFIG, {'departments': [{'name': 'sales', 'state': 'absent'}]},
     "departments[0] (department 'sales'): cannot delete: the department still has members (1: user 150"),
    ('config-delete-department-still-referenced', CONFIG, {
        'departments': [{'name': 'Support', 'state': 'absent'}], 'parkings': [{'number': 'SP20', 'departments': ['support']}]},
     "departments[0] (department 'Support'): cannot delete: parkings[0] (parking 'SP20') of this task refers to it"),
    ('config-email-taken', CONFIG, {'users': [{'extension': '238', 'email': 'taken@EXAMPLE.com'}]},
     "users[0] (user '238'): email 'taken@EXAMPLE.com' already belongs to extension 150"),
    ('config-route-to-deleted-user', CONFIG, {
        'departments': [{'name': 'Support', 'routing': {'office_hours': {'to': 'Extension', 'number': '150'}}}],
        'users': [{'extension': '150', 'state': 'absent'}]},
     "users[0] (user '150'): cannot delete: department 'Support' routes office hours calls to it (routing.office_hours)"),
    ('config-route-without-number', CONFIG, {'departments': [{'name': 'Ops2', 'routing': {'break_time': {'to': 'IVR'}}}]},
     "departments[0] (department 'Ops2'): routing.break_time needs number or name with to: ivr"),
    ('config-parking-number-digits', CONFIG, {'parkings': [{'number': '12', 'departments': ['Sales']}]},
     "parkings[0] (parking '12'): number must be SP followed by digits (SP11), got '12'"),
    ('config-unknown-timezone', CONFIG, {'departments': [{'name': 'Ops3', 'timezone': 'Atlantis/Capital'}]},
     "departments[0] (department 'Ops3'): unknown timezone 'Atlantis/Capital'"),
    ('config-language', CONFIG, {'users': [{'extension': '239', 'language': 'english'}]},
     "users[0] (user '239'): language must be a two-letter language code such as EN or DE, got 'english'"),
    ('config-blank-first-name', CONFIG, {'users': [{'extension': '240', 'first_name': ' '}]},
     "users[0] (user '240'): first_name must not be empty"),
    ('config-unknown-role', CONFIG, {'users': [{'extension': '241', 'departments': [{'name': 'Sales', 'role': 'tsar'}]}]},
     "users[0] (user '241'): value of role must be one of"),
]
TABLES = {'departments-and-connection': DEPARTMENT_ROWS, 'users': USER_ROWS, 'parkings-and-livechats': PARKING_CHAT_ROWS,
          'tcx-config': CONFIG_ROWS}
ALL_ROWS = DEPARTMENT_ROWS + USER_ROWS + PARKING_CHAT_ROWS + CONFIG_ROWS
# Requests that change nothing on the PBX although they are POSTs.
READ_ONLY_ACTIONS = ('/xapi/v1/WebsiteLinks/Pbx.ValidateLink',)


def test_the_table_has_at_least_60_rows_each_with_its_own_message():
    assert len(ALL_ROWS) >= 60
    for row_id, _module, _options, text in ALL_ROWS:
        assert [other for other, _m, _o, other_text in ALL_ROWS if text in other_text] == [row_id]


def task_for(emulator, row_id, module, options):
    args = connection(emulator)
    args.update(options)
    args = dict((name, value) for name, value in args.items() if value is not NO_CONNECTION)
    return {'name': row_id, module: args, 'ignore_errors': True}


@pytest.fixture
def arranged(emulator, api):
    """Departments Sales and Support, and user 150 with email taken@example.com and friendly name grace."""
    sales = api.call('POST', 'Groups', json={'Name': 'Sales'})
    api.call('POST', 'Groups', json={'Name': 'Support'})
    api.call('POST', 'Users', json={'Number': '150', 'FirstName': 'Grace', 'LastName': 'Hopper',
                                    'EmailAddress': 'taken@example.com', 'ClickToCallId': 'grace',
                                    'WebMeetingFriendlyName': 'grace',
                                    'Groups': [{'GroupId': sales['Id'], 'Rights': {'RoleName': 'users'}}]})
    emulator.clear_requests()


@pytest.mark.parametrize('table', sorted(TABLES))
def test_invalid_inputs_fail_before_any_write_with_their_own_message(emulator, play, arranged, table):
    rows = TABLES[table]
    result = play([task_for(emulator, row_id, module, options) for row_id, module, options, _text in rows],
                  defaults=False)
    by_task = dict((record['task'], record) for record in result.records)
    problems = []
    for row_id, _module, _options, text in rows:
        record = by_task.get(row_id)
        if record is None or record['status'] != 'failed':
            problems.append('%s: did not fail: %r' % (row_id, record))
        elif text not in record['result'].get('msg', ''):
            problems.append('%s: expected %r in %r' % (row_id, text, record['result'].get('msg')))
    assert not problems, '\n'.join(problems)
    writes = [(w['method'], w['path']) for w in emulator.writes() if w['path'] not in READ_ONLY_ACTIONS]
    assert writes == []
