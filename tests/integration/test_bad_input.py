# -*- coding: utf-8 -*-
"""Values of the wrong kind, for every write module: each fails before any request, naming its option.

Ansible's own argument validation converts what it is given: a list or a dict given for a string
becomes its Python text (``password: [x]`` would be written as ``"['x']"``), ``true`` for a string
becomes ``"True"``, ``true`` passes for an integer, and ``[null]`` for a group of options makes it fail
with a Python error. Every module checks the arguments as given first (fields.type_problems), and every
text option refuses control characters (fields.ANY_TEXT).

Each table runs as one play of ``ignore_errors`` tasks (one per row) and every row is checked alone:
its task failed, its message holds the row's text (the option and the problem), and the emulator
received no request at all while it ran (not even a login: the check comes before the first request).
No part of a password or PIN given shows in a row's result, whatever its shape. A few rows run again as a
module process (``tcx_xapi_in_process: false``) and in check mode: each refuses alike.
The two plays run side by side on two pytest workers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

import pytest

DEPT, USER, PARKING, CHAT, RING, QUEUE, IVR, RULE, HOLIDAY, HOURS, CONFIG, SETTINGS, BLOCKLIST = (
    'tcx.xapi.tcx_%s' % name for name in ('department', 'user', 'parking', 'livechat', 'ring_group', 'queue', 'ivr',
                                          'inbound_rule', 'holiday', 'office_hours', 'config', 'settings', 'blocklist'))
CONTROL = (('nul', 'a\x00b', 'U+0000 (NUL)'), ('newline', 'a\nb', 'U+000A (newline)'), ('tab', 'a\tb', 'U+0009 (tab)'),
           ('escape', 'a\x1bb', 'U+001B'), ('del', 'a\x7fb', 'U+007F (DEL)'), ('cr', 'a\rb', 'U+000D (carriage return)'))
NO_CONTROL = 'must not contain control characters (newline, tab, NUL, ...), found '


def shapes(prefix, module, base, option, kind='str', secret=False, where=None):
    """Rows giving ``option`` a list, a dict, a boolean and a float where it takes a ``kind`` (str or int).

    ``where`` is how the message names the option (``routing.holidays.number``); a secret's value is never shown.
    """
    where = where or option
    noun = {'str': 'a string', 'int': 'an integer'}[kind]
    # Ansible masks every part of a secret given (a list's elements) wherever it shows: none is a word of the message.
    values = [('list', ['Listed-Secret-1'], 'a list'), ('dict', {'key': 'Valued-Secret-2'}, 'a dict'),
              ('bool', True, 'a boolean' if secret else 'a boolean (true)'),
              ('float', 1.5, 'a float' if secret else 'a float 1.5')]
    rows = []
    for name, value, shown in values:
        options = dict(base)
        _place(options, option, value)
        rows.append(('%s-%s-%s' % (prefix, where, name), module, options, '%s must be %s, got %s' % (where, noun, shown)))
    return rows


def controls(prefix, module, base, option, where=None, only=None):
    """Rows giving ``option`` text with a control character (all of :data:`CONTROL`, or those named in ``only``)."""
    where = where or option
    rows = []
    for name, value, shown in CONTROL:
        if only is not None and name not in only:
            continue
        options = dict(base)
        _place(options, option, value)
        rows.append(('%s-%s-%s' % (prefix, where, name), module, options, '%s %s%s' % (where, NO_CONTROL, shown)))
    return rows


def _place(options, dotted, value):
    """Set ``value`` at a dotted option path (``routing.holidays.number``), copying the groups on the way."""
    parts = dotted.split('.')
    for part in parts[:-1]:
        options[part] = dict(options.get(part) or {})
        options = options[part]
    options[parts[-1]] = value


def row(row_id, module, options, text):
    return (row_id, module, options, text)


ROUTE = {'to': 'extension', 'number': '100'}
DEPARTMENT_ROWS = (
    shapes('dept', DEPT, {}, 'name') + shapes('dept', DEPT, {'name': 'D'}, 'language')
    + shapes('dept', DEPT, {'name': 'D'}, 'limits.prompts_max', kind='int')
    + shapes('dept', DEPT, {'name': 'D'}, 'routing.holidays.number')
    + controls('dept', DEPT, {}, 'name') + controls('dept', DEPT, {'name': 'D'}, 'prompt_set', only=('nul', 'newline'))
    + controls('dept', DEPT, {'name': 'D'}, 'routing.office_hours.prompt', only=('newline',))
    + [row('conn-timeout-bool', DEPT, {'name': 'D', 'timeout': True}, 'timeout must be an integer, got a boolean (true)'),
       row('conn-url-list', RING, {'name': 'R', 'url': ['https://pbx.example.com']}, 'url must be a string, got a list'),
       row('conn-certs-list', USER, {'extension': '301', 'validate_certs': ['no']}, 'validate_certs must be a boolean'),
       row('conn-secret-list', QUEUE, {'name': 'Q', 'client_secret': ['Wr0ng-Shape-Secret']}, 'client_secret must be a string, got a list'),
       row('dept-routing-null', DEPT, {'name': 'D', 'routing': [None]}, 'routing must be a dict, got a list'),
       row('dept-route-null', DEPT, {'name': 'D', 'routing': {'office_hours': [None]}},
           'routing.office_hours must be a dict, got a list'),
       row('dept-limits-bool', DEPT, {'name': 'D', 'limits': True}, 'limits must be a dict, got a boolean (true)'),
       row('dept-allow-call-service-list', DEPT, {'name': 'D', 'allow_call_service': ['yes']},
           'allow_call_service must be a boolean (true or false), got a list')]
)
USER_ROWS = (
    shapes('user', USER, {}, 'extension') + shapes('user', USER, {'extension': '301'}, 'first_name')
    + shapes('user', USER, {'extension': '301'}, 'email')
    + shapes('user', USER, {'extension': '301'}, 'password', secret=True)
    + shapes('user', USER, {'extension': '301'}, 'vm_pin', secret=True)
    + controls('user', USER, {'extension': '301'}, 'first_name') + controls('user', USER, {'extension': '301'}, 'last_name', only=('nul',))
    + controls('user', USER, {'extension': '301'}, 'email', only=('nul', 'newline'))
    + controls('user', USER, {'extension': '301'}, 'password', only=('nul', 'newline', 'del'))
    + [row('user-password-%s-long' % name, USER, {'extension': '301', 'password': '{{ %s_password }}' % name},
           'password %s%s' % (NO_CONTROL, shown)) for name, shown in (('nul', 'U+0000 (NUL)'), ('newline', 'U+000A (newline)'))]
    + controls('user', USER, {'extension': '301'}, 'vm_pin', only=('nul', 'newline'))
    + controls('user', USER, {}, 'extension', only=('newline',))
    + controls('user', USER, {'extension': '301'}, 'friendly_name', only=('tab',))
    + [row('user-password-empty', USER, {'extension': '301', 'password': ''},
           'password must not be empty: leave password out to have a strong one generated on create'),
       row('user-password-blank', USER, {'extension': '301', 'password': '   '}, 'password must not be empty'),
       row('user-password-empty-always', USER, {'extension': '301', 'password': '', 'update_password': 'always'},
           'password must not be empty'),
       row('user-pin-letters', USER, {'extension': '301', 'vm_pin': 'abc'}, 'vm_pin must be 4 to 10 digits'),
       row('user-pin-short', USER, {'extension': '301', 'vm_pin': '12'}, 'vm_pin must be 4 to 10 digits'),
       row('user-pin-long', USER, {'extension': '301', 'vm_pin': '{{ long_pin }}'}, 'vm_pin must be 4 to 10 digits'),
       row('user-pin-empty', USER, {'extension': '301', 'vm_pin': ''}, 'vm_pin must not be empty'),
       row('user-pin-blank', USER, {'extension': '301', 'vm_pin': '    '}, 'vm_pin must not be empty'),
       row('user-pin-signed', USER, {'extension': '301', 'vm_pin': '{{ signed_pin }}'}, 'vm_pin must be 4 to 10 digits'),
       row('user-pin-spaced', USER, {'extension': '301', 'vm_pin': '{{ spaced_pin }}'}, 'vm_pin must be 4 to 10 digits'),
       row('user-departments-null', USER, {'extension': '301', 'departments': [None]},
           'departments[0] must be a dict (name, role), got null'),
       row('user-departments-name-list', USER, {'extension': '301', 'departments': [{'name': ['Sales']}]},
           'departments[0].name must be a string, got a list'),
       row('user-enabled-float', USER, {'extension': '301', 'enabled': 0.5},
           'enabled must be a boolean (true or false), got a float 0.5')]
)
PARKING_CHAT_ROWS = (
    shapes('parking', PARKING, {'departments': ['Sales']}, 'number')
    + [row('parking-departments-nul', PARKING, {'number': 'SP1', 'departments': ['a\x00b']},
           'departments[0] %sU+0000 (NUL)' % NO_CONTROL),
       row('parking-departments-newline', PARKING, {'number': 'SP1', 'departments': ['Sales', 'a\nb']},
           'departments[1] %sU+000A (newline)' % NO_CONTROL),
       row('parking-departments-null', PARKING, {'number': 'SP1', 'departments': [None]}, 'departments[0] must be a string, got null'),
       row('parking-departments-list-in-list', PARKING, {'number': 'SP1', 'departments': [['Sales']]},
           'departments[0] must be a string, got a list'),
       row('parking-departments-bool', PARKING, {'number': 'SP1', 'departments': True}, 'departments must be a list, got a boolean (true)'),
       row('parking-departments-dict', PARKING, {'number': 'SP1', 'departments': {'Sales': 1}}, 'departments must be a list, got a dict')]
    + shapes('chat', CHAT, {'department': 'Sales'}, 'link') + shapes('chat', CHAT, {'link': 'chat1'}, 'name')
    + controls('chat', CHAT, {'link': 'chat1'}, 'name', only=('nul', 'newline')) + controls('chat', CHAT, {}, 'link', only=('newline',))
    + controls('chat', CHAT, {'link': 'chat1'}, 'translations.start_chat_button_text', only=('nul',))
    + [row('chat-websites-null', CHAT, {'link': 'chat1', 'websites': [None]}, 'websites[0] must be a string, got null'),
       row('chat-websites-bool', CHAT, {'link': 'chat1', 'websites': [True]}, 'websites[0] must be a string, got a boolean (true)'),
       row('chat-styling-list', CHAT, {'link': 'chat1', 'styling': [None]}, 'styling must be a dict, got a list')]
)
RING_QUEUE_ROWS = (
    shapes('ring', RING, {}, 'name') + shapes('ring', RING, {'name': 'R'}, 'ring_time', kind='int')
    + shapes('ring', RING, {'name': 'R'}, 'multicast.port', kind='int') + shapes('ring', RING, {'name': 'R'}, 'greeting')
    + controls('ring', RING, {}, 'name', only=('nul', 'newline', 'tab'))
    + [row('ring-members-null', RING, {'name': 'R', 'members': [None]}, 'members[0] must be a string, got null'),
       row('ring-members-bool', RING, {'name': 'R', 'members': [True]}, 'members[0] must be a string, got a boolean (true)'),
       row('ring-members-float', RING, {'name': 'R', 'members': [101.5]}, 'members[0] must be a string, got a float 101.5'),
       row('ring-multicast-null', RING, {'name': 'R', 'multicast': [None]}, 'multicast must be a dict, got a list'),
       row('ring-routing-null', RING, {'name': 'R', 'routing': [None]}, 'routing must be a dict, got a list'),
       row('ring-departments-null', RING, {'name': 'R', 'departments': [None]}, 'departments[0] must be a string, got null'),
       row('ring-time-zero-float', RING, {'name': 'R', 'ring_time': 30.0}, 'ring_time must be an integer, got a float 30.0')]
    + shapes('queue', QUEUE, {}, 'name') + shapes('queue', QUEUE, {'name': 'Q'}, 'ring_timeout', kind='int')
    + shapes('queue', QUEUE, {'name': 'Q'}, 'callback.prefix')
    + controls('queue', QUEUE, {}, 'name', only=('nul', 'newline'))
    + controls('queue', QUEUE, {'name': 'Q'}, 'prompts.greeting', only=('nul',))
    + [row('queue-agents-null', QUEUE, {'name': 'Q', 'agents': [None]}, 'agents[0] must be a dict (extension, skill_group), got null'),
       row('queue-managers-null', QUEUE, {'name': 'Q', 'managers': [None]}, 'managers[0] must be a string, got null'),
       row('queue-agent-extension-bool', QUEUE, {'name': 'Q', 'agents': [{'extension': True}]},
           'agents[0].extension must be a string, got a boolean (true)'),
       row('queue-announcements-null', QUEUE, {'name': 'Q', 'announcements': [None]}, 'announcements must be a dict, got a list'),
       row('queue-priority-dict', QUEUE, {'name': 'Q', 'priority_queue': {'a': 1}},
           'priority_queue must be a boolean (true or false), got a dict')]
)
IVR_RULE_ROWS = (
    shapes('ivr', IVR, {}, 'name') + shapes('ivr', IVR, {'name': 'I'}, 'input_timeout', kind='int')
    + shapes('ivr', IVR, {'name': 'I'}, 'prompt')
    + controls('ivr', IVR, {}, 'name', only=('nul', 'newline')) + controls('ivr', IVR, {'name': 'I'}, 'prompt', only=('newline',))
    + [row('ivr-menu-list', IVR, {'name': 'I', 'menu': [None]}, 'menu must be a dict, got a list'),
       row('ivr-timeout-destination-null', IVR, {'name': 'I', 'timeout_destination': [None]},
           'timeout_destination must be a dict, got a list'),
       row('ivr-menu-name-newline', IVR, {'name': 'I', 'menu': {'1': {'to': 'queue', 'name': 'a\nb'}}},
           'menu key 1 name %sU+000A (newline)' % NO_CONTROL)]
    + shapes('rule', RULE, {}, 'did') + shapes('rule', RULE, {'did': '4930111'}, 'name')
    + shapes('rule', RULE, {'did': '4930111'}, 'trunk')
    + controls('rule', RULE, {'did': '4930111'}, 'name', only=('nul', 'newline'))
    + [row('rule-hours-null', RULE, {'did': '4930111', 'hours': [None]}, 'hours must be a dict, got a list'),
       row('rule-weekly-null', RULE, {'did': '4930111', 'hours': {'weekly': {'monday': [None]}}},
           'hours.weekly.monday[0] must be a dict (from, to), got null'),
       row('rule-office-hours-null', RULE, {'did': '4930111', 'office_hours': [None]}, 'office_hours must be a dict, got a list'),
       row('rule-route-out-of-office-list', RULE, {'did': '4930111', 'route_out_of_office': [True]},
           'route_out_of_office must be a boolean (true or false), got a list')]
)
HOLIDAY_HOURS_ROWS = (
    shapes('holiday', HOLIDAY, {}, 'name') + shapes('holiday', HOLIDAY, {'name': 'H'}, 'date')
    + shapes('holiday', HOLIDAY, {'name': 'H', 'date': '12-24'}, 'start_time')
    + controls('holiday', HOLIDAY, {'date': '12-24'}, 'name', only=('nul', 'newline', 'tab'))
    + [row('holiday-recurrent-list', HOLIDAY, {'name': 'H', 'recurrent': [True]},
           'recurrent must be a boolean (true or false), got a list')]
    + shapes('hours', HOURS, {}, 'timezone') + shapes('hours', HOURS, {}, 'language')
    + [row('hours-from-%s' % name, HOURS, {'hours': {'monday': [{'from': value, 'to': '17:00'}]}},
           'hours.monday[0].from must be a string, got %s' % shown)
       for name, value, shown in (('list', ['08:00'], 'a list'), ('bool', True, 'a boolean (true)'), ('float', 8.3, 'a float 8.3'))]
    + controls('hours', HOURS, {}, 'timezone', only=('nul', 'newline'))
    + [row('hours-hours-null', HOURS, {'hours': [None]}, 'hours must be a dict, got a list'),
       row('hours-monday-null', HOURS, {'hours': {'monday': [None]}}, 'hours.monday[0] must be a dict (from, to), got null'),
       row('hours-breaks-string-list', HOURS, {'breaks': {'friday': ['12:00']}},
           "breaks.friday[0] must be a dict (from, to), got a str '12:00'")]
)
# The settings sections (options derived from the spec) and the blocklist.
SETTINGS_BLOCKLIST_ROWS = (
    shapes('settings', SETTINGS, {}, 'e164.area_code') + shapes('settings', SETTINGS, {}, 'anti_hacking.hack_barrier_red', kind='int')
    + controls('settings', SETTINGS, {}, 'mail.mail_server', only=('nul', 'newline'))
    + [row('settings-e164-list', SETTINGS, {'e164': ['49']}, 'e164 must be a dict, got a list'),
       row('settings-schedule-bool', SETTINGS, {'backup': {'schedule': True}}, 'backup.schedule must be a dict, got a boolean (true)'),
       row('settings-enabled-list', SETTINGS, {'e164': {'enabled': ['yes']}},
           'e164.enabled must be a boolean (true or false), got a list'),
       row('settings-codecs-null', SETTINGS, {'codecs': {'local_codec_list': [None]}},
           'codecs.local_codec_list[0] must be a string, got null')]
    + shapes('blocklist', BLOCKLIST, {}, 'address') + shapes('blocklist', BLOCKLIST, {'address': '192.0.2.1'}, 'description')
    + controls('blocklist', BLOCKLIST, {'address': '192.0.2.1'}, 'description', only=('nul', 'newline'))
)
# tcx_config: the same checks, named by the item (it checked shapes on the raw items before; now also booleans,
# floats and null elements, and the control characters and PIN rules of every kind).
CONFIG_ROWS = [
    row('config-password-list', CONFIG, {'users': [{'extension': '301', 'password': ['x']}]},
        'users[0].password must be a string, got a list'),
    row('config-pin-float', CONFIG, {'users': [{'extension': '301', 'vm_pin': 1234.5}]}, 'users[0].vm_pin must be a string, got a float'),
    row('config-pin-letters', CONFIG, {'users': [{'extension': '301', 'vm_pin': 'abcd'}]},
        "users[0] (user '301'): vm_pin must be 4 to 10 digits"),
    row('config-password-empty', CONFIG, {'users': [{'extension': '301', 'password': ''}]},
        "users[0] (user '301'): password must not be empty"),
    row('config-first-name-newline', CONFIG, {'users': [{'extension': '301', 'first_name': 'a\nb'}]},
        "users[0] (user '301'): first_name %sU+000A (newline)" % NO_CONTROL),
    row('config-ring-name-bool', CONFIG, {'ring_groups': [{'name': True}]}, 'ring_groups[0].name must be a string, got a boolean (true)'),
    row('config-ring-time-bool', CONFIG, {'ring_groups': [{'name': 'R', 'ring_time': True}]},
        'ring_groups[0].ring_time must be an integer, got a boolean (true)'),
    row('config-members-null', CONFIG, {'ring_groups': [{'name': 'R', 'members': [None]}]},
        'ring_groups[0].members[0] must be a string, got null'),
    row('config-departments-null', CONFIG, {'users': [{'extension': '301', 'departments': [None]}]},
        'users[0].departments[0] must be a dict (name, role), got null'),
    row('config-department-name-nul', CONFIG, {'departments': [{'name': 'a\x00b'}]},
        "departments[0] (department 'a\x00b'): name %sU+0000 (NUL)" % NO_CONTROL),
    row('config-holiday-name-float', CONFIG, {'holidays': [{'name': 1.5, 'date': '12-24'}]},
        'holidays[0].name must be a string, got a float 1.5'),
    row('config-office-hours-language-list', CONFIG, {'office_hours': {'language': ['EN']}},
        'office_hours[0].language must be a string, got a list'),
    row('config-multicast-null', CONFIG, {'ring_groups': [{'name': 'R', 'multicast': [None]}]},
        'ring_groups[0].multicast must be a dict, got a list'),
    row('config-routing-null', CONFIG, {'departments': [{'name': 'D', 'routing': [None]}]},
        'departments[0].routing must be a dict, got a list'),
    row('config-hours-null', CONFIG, {'inbound_rules': [{'did': '4930123', 'trunk': '10000', 'hours': [None]}]},
        'inbound_rules[0].hours must be a dict, got a list'),
    row('config-item-null', CONFIG, {'users': [None]}, "Elements value for option 'users' is of type NoneType"),
    row('config-item-str', CONFIG, {'queues': ['Support']}, "Elements value for option 'queues' is of type str"),
]
# Two plays (each a few seconds of ansible-playbook start, then some 0.1 s per row), one per pytest worker.
TRUNK, OUTBOUND = 'tcx.xapi.tcx_trunk', 'tcx.xapi.tcx_outbound_rule'
TRUNK_OUTBOUND_ROWS = (
    shapes('trunk', TRUNK, {'name': 'P'}, 'password', secret=True) + shapes('trunk', TRUNK, {'name': 'P'}, 'port', kind='int')
    + controls('trunk', TRUNK, {}, 'name', only=('nul', 'newline')) + controls('trunk', TRUNK, {'name': 'P'}, 'host', only=('tab',))
    + [row('trunk-password-empty', TRUNK, {'name': 'P', 'password': ''}, 'password must not be empty'),
       row('trunk-direction-bad', TRUNK, {'name': 'P', 'direction': 'sideways'}, 'direction')]
    + shapes('out', OUTBOUND, {'name': 'R'}, 'priority', kind='int') + shapes('out', OUTBOUND, {'name': 'R'}, 'prefix')
    + controls('out', OUTBOUND, {'name': 'R'}, 'prefix', only=('tab',))
    + [row('out-routes-str', OUTBOUND, {'name': 'R', 'routes': '10000'}, 'routes must be a list of dicts (trunk, strip_digits'),
       row('out-routes-six', OUTBOUND, {'name': 'R', 'routes': [{'trunk': '10000'}] * 6}, 'routes takes at most 5 routes'),
       row('out-extensions-bad', OUTBOUND, {'name': 'R', 'extensions': ['1x']}, 'extensions[0] must be an extension or a range')]
)
TABLES = {'departments-users-parkings-livechats-config': DEPARTMENT_ROWS + USER_ROWS + PARKING_CHAT_ROWS + CONFIG_ROWS,
          'ring-groups-queues-ivrs-rules-holidays-office-hours': RING_QUEUE_ROWS + IVR_RULE_ROWS + HOLIDAY_HOURS_ROWS
          + TRUNK_OUTBOUND_ROWS
          + SETTINGS_BLOCKLIST_ROWS}
ALL_ROWS = [r for rows in TABLES.values() for r in rows]
# The same checks when the module runs as a module process (delegate_to, become, tcx_xapi_in_process: false):
# a second task of these rows, in the play of the other table (a module process costs about a second).
MODULE_PROCESS_ROWS = {'departments-users-parkings-livechats-config': ['ring-name-bool', 'ring-multicast-null'],
                       'ring-groups-queues-ivrs-rules-holidays-office-hours': ['user-password-list', 'user-pin-letters']}
# Secrets of five characters or more are given as extra vars: ansible-core shows the lines of the playbook
# before a failed task, and the suite's secret scan (conftest.run_ansible) counts every literal secret there.
SECRET_VARS = {'long_pin': '1' * 40, 'signed_pin': '-1234', 'spaced_pin': '12 34',
               'nul_password': 'NulLeft7\x00NulRight7', 'newline_password': 'LineLeft8\nLineRight8'}
SECRET_OPTIONS = ('password', 'vm_pin')
# A few rows again in check mode: it refuses what the real run refuses, with the same message.
CHECK_MODE_ROWS = ['user-pin-short', 'user-password-list', 'ring-ring_time-bool', 'rule-hours-null', 'holiday-name-nul',
                   'dept-name-newline', 'config-password-empty']
MODULES = (DEPT, USER, PARKING, CHAT, RING, QUEUE, IVR, RULE, HOLIDAY, HOURS, CONFIG, TRUNK, OUTBOUND, SETTINGS, BLOCKLIST)


def test_the_table_covers_every_write_module_with_150_rows():
    assert len(ALL_ROWS) >= 150
    assert len(set(r[0] for r in ALL_ROWS)) == len(ALL_ROWS)
    assert set(r[1] for r in ALL_ROWS) == set(MODULES)
    assert set(CHECK_MODE_ROWS) <= set(r[0] for r in ALL_ROWS)
    for table, names in MODULE_PROCESS_ROWS.items():
        assert set(names) <= set(r[0] for r in ALL_ROWS) - set(r[0] for r in TABLES[table])


def secret_parts(options):
    """The parts (5 characters or more, between control characters) of every password and PIN a row gives:
    none may show in its result, whatever its shape (the suite's scan sees only whole literal strings)."""
    found = []

    def collect(value):
        if isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, str):
            value = SECRET_VARS.get(value.strip('{} '), value)
            found.extend(part for part in re.split(r'[\x00-\x1f\x7f]', value) if len(part) >= 5)
    for option in SECRET_OPTIONS:
        collect(options.get(option))
        for item in options.get('users') or []:
            collect(item.get(option) if isinstance(item, dict) else None)
    return found


def check_rows(result, rows):
    """Each row alone: failed, its text in its message, no request during its task, no part of a secret in
    its result. Returns the problems."""
    by_task = dict((record['task'], index) for index, record in enumerate(result.records))
    problems = []
    for row_id, _module, _options, text in rows:
        index = by_task.get(row_id)
        if index is None:
            problems.append('%s: did not run' % row_id)
            continue
        record = result.records[index]
        message = record['result'].get('msg', '')
        requests = [(r['method'], r['path']) for r in result.requests(index)]
        if record['status'] != 'failed':
            problems.append('%s: did not fail: %r' % (row_id, record['result']))
        elif text not in message:
            problems.append('%s: expected %r in %r' % (row_id, text, message))
        elif requests:
            problems.append('%s: made requests %r' % (row_id, requests))
        shown = json.dumps(record['result'], ensure_ascii=False)
        if any(part in shown for part in secret_parts(_options)):
            problems.append('%s: a secret shows in its result' % row_id)
    return problems


@pytest.mark.parametrize('table', sorted(TABLES))
def test_values_of_the_wrong_kind_fail_before_any_request(emulator, play, table):
    rows = TABLES[table]
    tasks = [{'name': row_id, module: options, 'ignore_errors': True} for row_id, module, options, _text in rows]
    module_process = [('%s-as-module-process' % r[0],) + r[1:] for r in ALL_ROWS if r[0] in MODULE_PROCESS_ROWS[table]]
    tasks += [{'name': row_id, module: options, 'ignore_errors': True, 'vars': {'tcx_xapi_in_process': False}}
              for row_id, module, options, _text in module_process]
    check_mode = [('%s-in-check-mode' % r[0],) + r[1:] for r in rows if r[0] in CHECK_MODE_ROWS]
    tasks += [{'name': row_id, module: options, 'ignore_errors': True, 'check_mode': True}
              for row_id, module, options, _text in check_mode]
    result = play(tasks, extra_vars=SECRET_VARS)
    problems = check_rows(result, rows + module_process + check_mode)
    assert not problems, '\n'.join(problems)
    assert emulator.writes() == []
