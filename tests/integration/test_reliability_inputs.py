# -*- coding: utf-8 -*-
"""Invalid inputs: each fails before any write, with its own message naming what is wrong.

The table runs as a few plays of ``ignore_errors`` tasks (one per row) instead of one play per
row; every row's message must contain its own distinguishing text and no other row's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import connection

DEPT, USER, PARKING, CHAT = ('tcx.xapi.tcx_department', 'tcx.xapi.tcx_user', 'tcx.xapi.tcx_parking',
                             'tcx.xapi.tcx_livechat')
NO_CONNECTION = object()

# (row id, module, options, text only this row's message contains)
DEPARTMENT_ROWS = [
    ('dept-delete-default', DEPT, {'name': 'DEFAULT', 'state': 'absent'}, 'the system department DEFAULT cannot be deleted'),
    ('dept-range-not-digits', DEPT, {'name': 'X', 'extension_range': {'user_from': '2a0'}},
     "extension_range.user_from must be a string of digits, got '2a0'"),
    ('dept-range-reversed', DEPT, {'name': 'X', 'extension_range': {'system_from': '900', 'system_to': '800'}},
     'extension_range: system_from (900) is greater than system_to (800)'),
    ('dept-negative-limit', DEPT, {'name': 'X', 'limits': {'prompts_max': -2}},
     'limits.prompts_max must not be negative, got -2'),
    ('dept-unknown-timezone', DEPT, {'name': 'X', 'timezone': 'Mars/Olympus_Mons'}, "unknown timezone 'Mars/Olympus_Mons'"),
    ('dept-route-target', DEPT, {'name': 'X', 'routing': {'office_hours': {'to': 'Nowhere'}}}, 'got: Nowhere'),
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
]
PARKING_CHAT_ROWS = [
    ('parking-blank-number', PARKING, {'number': '  ', 'departments': ['Sales']}, 'number must not be empty'),
    ('parking-no-departments', PARKING, {'number': 'SP9', 'departments': []}, 'departments must name at least one department'),
    ('parking-empty-department', PARKING, {'number': 'SP9', 'departments': ['Sales', ' ']}, 'departments must not contain an empty name'),
    ('parking-present-without-departments', PARKING, {'number': 'SP9'},
     'state is present but all of the following are missing: departments'),
    ('parking-no-key', PARKING, {'state': 'absent'}, 'one of the following is required: number, departments'),
    ('parking-unknown-department', PARKING, {'number': 'SP9', 'departments': ['Narnia']}, "unknown department 'Narnia'"),
    ('chat-bad-link', CHAT, {'link': 'our chat', 'department': 'Sales'}, "link: friendly name 'our chat' is not valid"),
    ('chat-empty-department', CHAT, {'link': 'chat1', 'department': ' '}, 'department must not be empty'),
    ('chat-ftp-website', CHAT, {'link': 'chat2', 'department': 'Sales', 'websites': ['ftp://example.com']},
     "websites: 'ftp://example.com' is not an http:// or https:// URL"),
    ('chat-create-without-department', CHAT, {'link': 'chat3', 'name': 'Chat'}, 'department is required to create a live chat link'),
    ('chat-bad-greeting', CHAT, {'link': 'chat4', 'department': 'Sales', 'greeting': 'Loudly'}, 'got: Loudly'),
    ('chat-link-taken', CHAT, {'link': 'grace', 'department': 'Sales'}, "live chat link 'grace': friendly name 'grace' is already used by user 150"),
    ('chat-unknown-department', CHAT, {'link': 'chat5', 'department': 'Lemuria'}, "unknown department 'Lemuria'"),
]
TABLES = {'departments-and-connection': DEPARTMENT_ROWS, 'users': USER_ROWS, 'parkings-and-livechats': PARKING_CHAT_ROWS}
ALL_ROWS = DEPARTMENT_ROWS + USER_ROWS + PARKING_CHAT_ROWS
# Requests that change nothing on the PBX although they are POSTs.
READ_ONLY_ACTIONS = ('/xapi/v1/WebsiteLinks/Pbx.ValidateLink',)


def test_the_table_has_at_least_30_rows_each_with_its_own_message():
    assert len(ALL_ROWS) >= 30
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
