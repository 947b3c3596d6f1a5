# -*- coding: utf-8 -*-
"""tcx_token: one login per play through module_defaults, and what happens when a token is rejected."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import time

from conftest import connection, run_play
from tcx_emulator.pytest_plugin import start_emulator

# Every token the emulator issues starts with the base64 of '{"alg"'.
JWT_PREFIX = 'eyJhbGci'
TOKEN_TASK = {'name': 'log in once', 'tcx.xapi.tcx_token': {}, 'register': 'tcx_login', 'no_log': True}


def token_defaults(emulator, **extra):
    """module_defaults that hand the registered token to every task, with credentials as fallback."""
    defaults = dict(connection(emulator), access_token='{{ tcx_login.access_token | default(omit) }}')
    defaults.update(extra)
    return {'group/tcx.xapi.all': defaults}


def token_block(emulator, tasks, **defaults):
    """A block whose first task is tcx_token and whose module_defaults pass the token on."""
    return {'name': 'with token', 'module_defaults': token_defaults(emulator, **defaults),
            'block': [TOKEN_TASK] + tasks}


def info_task(index):
    return {'name': 'read %d' % index, 'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'}}


def test_twenty_tasks_after_tcx_token_make_exactly_one_token_request(emulator, play):
    tasks = [info_task(i) for i in range(19)]
    result = play([token_block(emulator, tasks, token_cache=False)], defaults=False, expect_rc=0)
    assert len(result.records) == 20
    assert all(r['result']['departments'][0]['name'] == 'DEFAULT' for r in result.records[1:])
    assert len(emulator.token_requests()) == 1


def test_without_tcx_token_every_task_logs_in(emulator, play):
    """The baseline the token saves: without it and without the cache, each task logs in."""
    play([info_task(i) for i in range(3)], expect_rc=0, env={'TCX_TOKEN_CACHE': 'false'})
    assert len(emulator.token_requests()) == 3


def test_token_task_returns_token_and_expiry_and_is_unchanged(emulator, play):
    before = time.time()
    result = play([{'name': 'token', 'tcx.xapi.tcx_token': {}}]).result()
    after = time.time()
    assert result['changed'] is False
    assert result['access_token'].count('.') == 2
    issued = result['expires_at_epoch'] - 3600  # the emulator's token lifetime
    assert before - 1 <= issued <= after
    parsed = calendar.timegm(time.strptime(result['expires_at'], '%Y-%m-%dT%H:%M:%SZ'))
    assert parsed == result['expires_at_epoch']
    assert emulator.writes() == []


def test_token_expiry_reads_expires_in_as_minutes_on_20_0_7():
    with start_emulator('--pbx-version', '20.0.7') as old_pbx:
        before = time.time()
        result = run_play(old_pbx, [{'name': 'token', 'tcx.xapi.tcx_token': {}}], expect_rc=0).result()
        after = time.time()
    issued = result['expires_at_epoch'] - 3600  # expires_in 60 (minutes) on 20.0.7
    assert before - 1 <= issued <= after


def test_token_task_runs_in_check_mode(emulator, play):
    result = play([{'name': 'token', 'tcx.xapi.tcx_token': {}}], check=True).result()
    assert result['changed'] is False and result['access_token']
    assert len(emulator.token_requests()) == 1


def test_token_never_shows_in_verbose_output_of_the_token_task_or_later_tasks(emulator, play):
    result = play([token_block(emulator, [info_task(1)])], defaults=False, expect_rc=0)
    assert 'read 1' in result.stdout
    assert JWT_PREFIX not in result.stdout + result.stderr


def test_rejected_token_without_credentials_fails_with_a_clear_message(emulator, play):
    token = play([{'name': 'token', 'tcx.xapi.tcx_token': {}}]).result()['access_token']
    emulator.revoke_token(emulator.client_id)
    emulator.clear_requests()
    result = play([{'name': 'read', 'tcx.xapi.tcx_user_info': {'url': emulator.url, 'access_token': token}}],
                  defaults=False, expect_rc=2)
    failed = result.records[-1]
    assert failed['status'] == 'failed'
    failed = failed['result']
    assert 'access token' in failed['msg'] and 'rejected' in failed['msg']
    assert 'client_id and client_secret' in failed['msg']
    assert token not in result.stdout + result.stderr
    assert emulator.token_requests() == []


def test_rejected_token_with_credentials_logs_in_exactly_once(emulator, play):
    token = play([{'name': 'token', 'tcx.xapi.tcx_token': {}}]).result()['access_token']
    emulator.revoke_token(emulator.client_id)
    emulator.clear_requests()
    options = dict(connection(emulator), access_token=token)
    result = play([{'name': 'read', 'tcx.xapi.tcx_department_info': options}], defaults=False, expect_rc=0)
    assert result.result()['departments'][0]['name'] == 'DEFAULT'
    assert len(emulator.token_requests()) == 1
    gets = emulator.requests('GET', r'^/xapi/v1/Groups$')
    assert len(gets) == 2  # refused once, then repeated with the new token


def test_token_task_needs_client_credentials(emulator, play):
    result = play([{'name': 'token', 'tcx.xapi.tcx_token': {'url': emulator.url, 'access_token': 'abc'}}],
                  defaults=False, expect_rc=2)
    assert 'client_id and client_secret are required' in result.result()['msg']
    assert emulator.requests() == []


def test_bad_credentials_fail_the_token_task_without_retrying(emulator, play):
    options = dict(connection(emulator), client_secret='wrong')
    result = play([{'name': 'token', 'tcx.xapi.tcx_token': options}], defaults=False, expect_rc=2)
    assert 'login' in result.result()['msg'] and 'wrong' not in result.result()['msg']
    assert len(emulator.token_requests()) == 1
