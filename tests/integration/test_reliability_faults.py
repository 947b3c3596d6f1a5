# -*- coding: utf-8 -*-
"""Fault matrix: every entity module survives lost answers, refused requests and revoked tokens.

One play per (module, fault). For each write the module makes (create = POST, update = PATCH,
delete = DELETE or an action POST) the play arms the fault through the emulator's control API,
runs the task, runs it again, and snapshots the emulator's store, so every case checks: the task
succeeded within its retries or failed with a clear message, the store holds exactly one entity
(no duplicate, nothing lost), and the next run converges with no change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

# The rules armed before each write (consumed in order, one request each), and whether the
# client must ride them out (True) or fail with a clear message (False). 502, 503 and 504 come
# in a row: with the default ``retries: 3`` the fourth attempt gets through.
FAULTS = {
    '500-before': ([{'action': 'status', 'status': 500, 'when': 'before'}], False),
    '502-503-504-before': ([{'action': 'status', 'status': status, 'when': 'before'} for status in (502, 503, 504)],
                           True),
    '429-retry-after': ([{'action': 'status', 'status': 429, 'when': 'before', 'retry_after': 1}], True),
    'connection-dropped': ([{'action': 'drop', 'when': 'before'}], True),
    'answer-lost-504': ([{'action': 'status', 'status': 504, 'when': 'after'}], True),
    'answer-lost-dropped': ([{'action': 'drop', 'when': 'after'}], True),
    'token-revoked': (None, True),
}
# Properties of the store that a snapshot task must not carry into results (the scan would flag them).
STORE_SECRETS = ['AccessPassword', 'AuthPassword', 'DeskphonePassword', 'VMPIN']


class Case(object):
    """One module's create/update/delete tasks, the write each makes, and how to find its entity."""

    def __init__(self, module, collection, key, create, update, delete, writes, check_update, setup=()):
        self.module = module
        self.collection = collection
        self.key = key
        self.ops = (('create', create), ('update', update), ('delete', delete))
        self.writes = writes
        self.check_update = check_update
        self.setup = list(setup)


CASES = {
    'department': Case(
        'tcx.xapi.tcx_department', 'groups', ('Name', 'Fault Dept'),
        create={'name': 'Fault Dept', 'language': 'DE'},
        update={'name': 'Fault Dept', 'language': 'FR'},
        delete={'name': 'Fault Dept', 'state': 'absent'},
        writes={'create': ('POST', r'^/xapi/v1/Groups$'), 'update': ('PATCH', r'^/xapi/v1/Groups\('),
                'delete': ('POST', r'^/xapi/v1/Groups/Pbx\.DeleteCompanyById$')},
        check_update=lambda entity: entity['Language'] == 'FR'),
    'user': Case(
        'tcx.xapi.tcx_user', 'users', ('Number', '301'),
        create={'extension': '301', 'first_name': 'Faulty', 'last_name': 'Write', 'email': 'faulty@example.com',
                'password': 'Fault-Pw-9x!Q', 'vm_pin': '583920'},
        update={'extension': '301', 'first_name': 'Changed'},
        delete={'extension': '301', 'state': 'absent'},
        writes={'create': ('POST', r'^/xapi/v1/Users$'), 'update': ('PATCH', r'^/xapi/v1/Users\('),
                'delete': ('DELETE', r'^/xapi/v1/Users\(')},
        check_update=lambda entity: entity['FirstName'] == 'Changed'),
    'parking': Case(
        'tcx.xapi.tcx_parking', 'parkings', ('Number', 'SP50'),
        create={'number': 'SP50', 'departments': ['DEFAULT']},
        update={'number': 'SP50', 'departments': ['DEFAULT', 'Fault Team']},
        delete={'number': 'SP50', 'state': 'absent'},
        writes={'create': ('POST', r'^/xapi/v1/Parkings$'), 'update': ('PATCH', r'^/xapi/v1/Parkings\('),
                'delete': ('DELETE', r'^/xapi/v1/Parkings\(')},
        check_update=None,
        setup=[{'name': 'setup', 'tcx.xapi.tcx_department': {'name': 'Fault Team'}}]),
    'livechat': Case(
        'tcx.xapi.tcx_livechat', 'weblinks', ('Link', 'fault-chat'),
        create={'link': 'fault-chat', 'department': 'DEFAULT', 'name': 'Fault chat'},
        update={'link': 'fault-chat', 'name': 'Renamed chat'},
        delete={'link': 'fault-chat', 'state': 'absent'},
        writes={'create': ('POST', r'^/xapi/v1/WebsiteLinks$'), 'update': ('PATCH', r'^/xapi/v1/WebsiteLinks\('),
                'delete': ('DELETE', r'^/xapi/v1/WebsiteLinks\(')},
        check_update=lambda entity: entity['Name'] == 'Renamed chat'),
}


def control(emulator, name, path, body):
    """A play task that calls the emulator's control API (not recorded in its request log)."""
    request = {'url': emulator.url + '/_emulator/' + path, 'method': 'POST',
               'body_format': 'json', 'body': body, 'status_code': [200, 201, 204]}
    return {'name': name, 'ansible.builtin.uri': request}


def snapshot(emulator, name, collection):
    """A controller-side task that keeps the emulator's store (secrets stripped: users hold passwords)."""
    store = "(lookup('ansible.builtin.url', '%s/_emulator/state', split_lines=False) | from_json)" % emulator.url
    return {'name': name, 'ansible.builtin.set_fact': {
        'entities': "{{ %s.%s | map('dict2items') | map('rejectattr', 'key', 'in', %r) | map('items2dict') | list }}"
                    % (store, collection, STORE_SECRETS),
        'groups': '{{ %s.groups }}' % store, 'memberships': '{{ %s.memberships }}' % store}}


def fault_play(emulator, case, fault):
    """The play's tasks; the faults (one regex per write, consumed in order) are armed before it runs."""
    rules, survives = FAULTS[fault]
    tasks = list(case.setup)
    for op, options in case.ops:
        if rules is None:
            tasks.append(control(emulator, 'revoke before %s' % op, 'revoke-token', {'client_id': emulator.client_id}))
        else:
            method, path = case.writes[op]
            for rule in rules:
                emulator.add_fault(**dict(rule, method=method, path=path, times=1))
        runs = 2 if survives else 3
        for run in range(1, runs + 1):
            task = {'name': '%s %d' % (op, run), case.module: options}
            if run == 1 and not survives:
                task['ignore_errors'] = True
            tasks.append(task)
        tasks.append(snapshot(emulator, 'state after %s' % op, case.collection))
    return tasks, survives


@pytest.mark.parametrize('fault', sorted(FAULTS))
@pytest.mark.parametrize('kind', sorted(CASES))
def test_fault_ends_in_success_or_clear_failure_without_duplicate_or_loss(emulator, play, kind, fault):
    case = CASES[kind]
    tasks, survives = fault_play(emulator, case, fault)
    result = play(tasks)
    assert result.rc == 0, result
    assert all(rule['remaining'] == 0 for rule in emulator.faults()), emulator.faults()
    by_name = dict((record['task'], record) for record in result.records)
    seed = emulator_seed_counts()
    for op, _options in case.ops:
        first = by_name['%s 1' % op]
        if survives:
            assert first['status'] == 'ok' and first['result']['changed'] is True, (op, first)
            assert by_name['%s 2' % op]['result']['changed'] is False, (op, 'second run must converge')
        else:
            assert first['status'] == 'failed', (op, first)
            message = first['result']['msg']
            assert 'HTTP 500' in message and ("'%s'" % case.key[1]) in message, message
            assert by_name['%s 2' % op]['result']['changed'] is True, (op, 'the retry applies the change')
            assert by_name['%s 3' % op]['result']['changed'] is False, (op, 'then it converges')
        state = by_name['state after %s' % op]['result']['ansible_facts']
        matches = [e for e in state['entities'] if e.get(case.key[0]) == case.key[1]]
        expected = 0 if op == 'delete' else 1
        assert len(matches) == expected, (op, fault, matches)
        others = [e for e in state['entities'] if e.get(case.key[0]) != case.key[1]]
        assert len(others) == seed[case.collection] + (1 if case.collection == 'groups' and case.setup else 0), others
        if op == 'update' and case.check_update:
            assert case.check_update(matches[0]), matches[0]
        if op == 'update' and kind == 'parking':
            team = [g['Id'] for g in state['groups'] if g['Name'] in ('DEFAULT', 'Fault Team')]
            held = sorted(m['GroupId'] for m in state['memberships']
                          if m['MemberType'] != 'User' and m['MemberId'] == matches[0]['Id'])
            assert held == sorted(team), state['memberships']
    if fault == 'token-revoked':
        # One login for the play, then exactly one re-login per revoked token (the first revoke
        # comes before any login when there is no setup task).
        logins = emulator.token_requests()
        assert len(logins) == 3 + (1 if case.setup else 0), [r['status'] for r in logins]


def emulator_seed_counts():
    """How many entities the emulator's seed holds per collection (DEFAULT is the only department)."""
    return {'groups': 1, 'users': 0, 'parkings': 0, 'weblinks': 0}


@pytest.mark.parametrize('fault', ['answer-lost-504', 'answer-lost-dropped', 'connection-dropped'])
def test_a_parking_without_number_survives_a_lost_post_without_a_duplicate(emulator, play, api, fault):
    """Without a number the parking is found by its department set: the read-back after a lost
    answer finds the one the PBX created, so nothing is posted twice."""
    play([{'name': 'setup', 'tcx.xapi.tcx_department': {'name': 'Lot Team'}}], expect_rc=0)
    for rule in FAULTS[fault][0]:
        emulator.add_fault(method='POST', path=r'^/xapi/v1/Parkings$', times=1, **rule)
    emulator.clear_requests()
    task = {'name': 'parking', 'tcx.xapi.tcx_parking': {'departments': ['Lot Team']}}
    first = play([task], expect_rc=0).result()
    assert first['changed'] is True
    posts = [r['status'] for r in emulator.requests() if r['method'] == 'POST' and r['path'] == '/xapi/v1/Parkings']
    assert len(posts) == (2 if fault == 'connection-dropped' else 1), posts
    parkings = api.call('GET', 'Parkings', params={'$expand': 'Groups'})['value']
    assert len(parkings) == 1 and first['parking']['number'] == parkings[0]['Number'], parkings
    assert play([task], expect_rc=0).result()['changed'] is False
