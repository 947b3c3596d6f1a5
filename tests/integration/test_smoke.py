# -*- coding: utf-8 -*-
"""Smoke subset: one full cycle of the first kinds' modules, the provision role and tcx_config, through
ansible-playbook at -vvvv; every module's cycle on AWX's engine (ansible-runner) is test_runner_smoke.py.

Marked ``smoke``: `make compat` runs these on the oldest ansible-core that meta/runtime.yml
admits (.venv-floor) and on the newest (.venv-latest); the whole suite runs on .venv. Each
cycle is a few plays of many tasks, to keep ansible-playbook starts few.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

pytestmark = pytest.mark.smoke

CREATE = [
    {'tcx.xapi.tcx_department': {'name': 'Smoke', 'language': 'DE', 'timezone': 'Europe/Berlin'}},
    {'tcx.xapi.tcx_user': {'extension': '401', 'first_name': 'Smoke', 'last_name': 'Test',
                           'email': 'smoke@example.com', 'password': 'Smoke-Pass-4711!',
                           'departments': [{'name': 'Smoke', 'role': 'managers'}]}},
    {'tcx.xapi.tcx_parking': {'number': 'SP41', 'departments': ['Smoke']}},
    {'tcx.xapi.tcx_livechat': {'link': 'smoke-chat', 'department': 'Smoke', 'websites': ['https://example.com']}},
]
READ = [
    {'tcx.xapi.tcx_department_info': {'name': 'Smoke'}},
    {'tcx.xapi.tcx_user_info': {'extension': '401'}},
    {'tcx.xapi.tcx_parking_info': {'number': 'SP41'}},
    {'tcx.xapi.tcx_livechat_info': {'link': 'smoke-chat'}},
    {'tcx.xapi.tcx_system_info': {}},
]
ABSENT = [
    {'tcx.xapi.tcx_livechat': {'link': 'smoke-chat', 'state': 'absent'}},
    {'tcx.xapi.tcx_parking': {'number': 'SP41', 'state': 'absent'}},
    {'tcx.xapi.tcx_user': {'extension': '401', 'state': 'absent'}},
    {'tcx.xapi.tcx_department': {'name': 'Smoke', 'state': 'absent'}},
]


def named(tasks):
    return [dict(task, name='%s %d' % (list(task)[0], i)) for i, task in enumerate(tasks)]


def held(emulator):
    """What of the smoke objects the emulator holds."""
    state = emulator.state()
    return sorted([g['Name'] for g in state['groups'] if g['Name'] == 'Smoke']
                  + [u['Number'] for u in state['users'] if u['Number'] == '401']
                  + [p['Number'] for p in state['parkings'] if p['Number'] == 'SP41']
                  + [w['Link'] for w in state['weblinks'] if w['Link'] == 'smoke-chat'])


def test_every_module_creates_reads_and_deletes_idempotently(emulator, play):
    created = play(named(CREATE))
    assert created.rc == 0, created
    assert [r['changed'] for r in created.results] == [True] * 4
    assert all(r['diff']['before'] == {} and r['diff']['after'] for r in created.results), created.results
    assert held(emulator) == ['401', 'SP41', 'Smoke', 'smoke-chat']

    emulator.clear_requests()
    again = play(named(CREATE + READ + [{'tcx.xapi.tcx_token': {}}]))
    assert again.rc == 0, again
    assert [r['changed'] for r in again.results[:4]] == [False] * 4
    found = again.results[4:8]
    assert [len(r[key]) for r, key in zip(found, ('departments', 'users', 'parkings', 'livechats'))] == [1] * 4
    assert again.results[8]['credentials_ok'] is True
    assert again.results[9]['access_token']
    assert emulator.writes() == []

    # In check mode the earlier deletes change nothing, so the department still has its members:
    # its check-mode delete fails as the real one would at that point.
    checked = play(named(ABSENT[:3]), check=True)
    assert checked.rc == 0, checked
    assert [r['changed'] for r in checked.results] == [True] * 3
    refused = play(named(ABSENT[3:]), check=True)
    assert refused.rc != 0 and 'still has members' in refused.results[0]['msg'], refused
    assert emulator.writes() == []

    deleted = play(named(ABSENT + ABSENT))
    assert deleted.rc == 0, deleted
    assert [r['changed'] for r in deleted.results] == [True] * 4 + [False] * 4
    assert held(emulator) == []


def test_role_and_tcx_config_converge_then_change_nothing(emulator, play):
    state = {'tcx_departments': [{'name': 'Smoke'}],
             'tcx_users': [{'extension': '401', 'first_name': 'Smoke', 'password': 'Smoke-Pass-4711!',
                            'departments': [{'name': 'Smoke', 'role': 'users'}]}],
             'tcx_parkings': [{'number': 'SP41', 'departments': ['Smoke']}],
             'tcx_livechats': [{'link': 'smoke-chat', 'department': 'Smoke'}]}
    role = {'name': 'provision', 'ansible.builtin.include_role': {'name': 'tcx.xapi.provision'}, 'vars': state}
    converged = play([role])
    assert converged.rc == 0, converged
    result = [r['result'] for r in converged.records if r['action'] == 'tcx.xapi.tcx_config'][0]
    assert result['changed'] is True
    assert [result['summary'][kind]['create'] for kind in ('departments', 'users', 'parkings', 'livechats')] == [1] * 4
    assert held(emulator) == ['401', 'SP41', 'Smoke', 'smoke-chat']

    emulator.clear_requests()
    config = {'tcx.xapi.tcx_config': {'departments': state['tcx_departments'], 'users': state['tcx_users'],
                                      'parkings': state['tcx_parkings'], 'livechats': state['tcx_livechats']}}
    unchanged = play([config, role], check=True)
    assert unchanged.rc == 0, unchanged
    assert [r['result']['changed'] for r in unchanged.records if r['action'] == 'tcx.xapi.tcx_config'] == [False, False]
    assert emulator.writes() == []
