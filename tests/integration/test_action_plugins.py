# -*- coding: utf-8 -*-
"""The action plugins: every module runs in the controller's worker process, with the result a
module process would give; ``tcx_xapi_in_process: false`` and non-local connections use the module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import connection

PASSWORD = 'Act10n-Plug1n-Pw!'
ITEM_PASSWORD = 'It3m-Secret-Pw#9'
PIN = '482913'
MASKED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
# ansible-core 2.21 returns invocation only with this setting (before, always): asserted on every core.
WITH_INVOCATION = {'ansible_inject_invocation': True}
MODULE_PROCESS = dict(WITH_INVOCATION, tcx_xapi_in_process=False)


def ignoring_errors(name, module, options):
    return {'name': name, module: options, 'ignore_errors': True}


def same_tasks():
    """One task per kind of outcome: a change with a diff, failures, a warning, a read, a converge."""
    return [
        {'name': 'create (check mode)', 'tcx.xapi.tcx_user': {
            'extension': '310', 'first_name': 'Grace', 'password': PASSWORD, 'vm_pin': PIN,
            'departments': [{'name': 'Sales'}]}},
        ignoring_errors('unsupported option', 'tcx.xapi.tcx_user', {'extension': '311', 'colour': 'blue'}),
        ignoring_errors('required_if', 'tcx.xapi.tcx_department', {'language': 'EN'}),
        ignoring_errors('wrong type', 'tcx.xapi.tcx_parking', {'number': 'SP99', 'timeout': 'soon'}),
        {'name': 'warning', 'tcx.xapi.tcx_user_info': {'department': 'Nowhere'}},
        {'name': 'read', 'tcx.xapi.tcx_system_info': {}},
        {'name': 'converge (check mode)', 'tcx.xapi.tcx_config': {
            'departments': [{'name': 'Sales'}],
            'users': [{'extension': '312', 'first_name': 'Item', 'password': ITEM_PASSWORD,
                       'departments': [{'name': 'Sales'}]}]}},
    ]


@pytest.fixture
def sales(api, emulator):
    api.call('POST', 'Groups', json={'Name': 'Sales'})
    emulator.clear_requests()


def test_in_process_results_equal_the_module_process_results(emulator, play, sales):
    in_process = play(same_tasks(), check=True, play={'vars': WITH_INVOCATION})
    module_process = play(same_tasks(), check=True, play={'vars': MODULE_PROCESS})
    assert emulator.writes() == []
    assert 'AnsiballZ_tcx' not in in_process.stdout
    assert 'AnsiballZ_tcx_user.py' in module_process.stdout
    for ours, theirs in zip(in_process.records, module_process.records):
        assert (ours['task'], ours['status'], ours['result']) == (theirs['task'], theirs['status'], theirs['result'])
    assert [r['status'] for r in in_process.records] == ['ok', 'failed', 'failed', 'failed', 'ok', 'ok', 'ok']
    created, unsupported, required, wrong_type, warned, read, converged = in_process.results
    assert created['changed'] is True and created['diff']['before'] == {}
    assert created['invocation']['module_args']['password'] == MASKED
    assert created['invocation']['module_args']['vm_pin'] == MASKED
    assert created['invocation']['module_args']['client_secret'] == MASKED
    assert created['invocation']['module_args']['state'] == 'present'
    assert created['invocation']['module_args']['timeout'] == 30
    assert unsupported['msg'].startswith('Unsupported parameters for (tcx.xapi.tcx_user) module: colour.')
    assert 'name' in required['msg']
    assert 'timeout' in wrong_type['msg']
    assert warned['users'] == [] and any('Nowhere' in w for w in warned['warnings'])
    assert read['api_ok'] is True and read['counts']['departments'] >= 2
    assert converged['invocation']['module_args']['users'][0]['password'] == MASKED
    assert converged['summary']['users']['create'] == 1


def test_env_fallbacks_read_the_controller_environment_and_the_task_environment(emulator, play):
    credentials = connection(emulator)
    env = {'TCX_CLIENT_ID': credentials['client_id'], 'TCX_CLIENT_SECRET': credentials['client_secret']}
    tasks = [{'name': 'url from the task environment', 'tcx.xapi.tcx_system_info': {},
              'environment': {'TCX_URL': credentials['url']}},
             ignoring_errors('no url anywhere', 'tcx.xapi.tcx_system_info', {})]
    result = play(tasks, defaults=False, env=env, play={'vars': WITH_INVOCATION})
    assert [r['status'] for r in result.records] == ['ok', 'failed']
    with_url, without_url = result.results
    assert with_url['api_ok'] is True
    assert with_url['invocation']['module_args']['url'] == credentials['url']
    assert with_url['invocation']['module_args']['client_id'] == credentials['client_id']
    assert with_url['invocation']['module_args']['client_secret'] == MASKED
    assert without_url['msg'] == 'missing required arguments: url'


def test_the_tasks_environment_sets_proxies_and_token_cache_in_both_ways_a_module_runs(emulator, play, tmp_path):
    """In the worker process the task's ``environment`` reaches the client (proxies, ``no_proxy``) and the
    token cache, without changing the worker's own environment; a module process gets the same from its own."""
    nowhere = 'http://127.0.0.1:9'  # the discard port: no proxy answers there
    proxied = {'http_proxy': nowhere, 'https_proxy': nowhere}
    cache = tmp_path / 'task-cache'
    tasks = []
    for in_process in (True, False):
        way = {'vars': {'tcx_xapi_in_process': in_process}}
        tasks += [
            dict(ignoring_errors('through a proxy that is not there', 'tcx.xapi.tcx_department_info', {'name': 'DEFAULT'}),
                 environment=proxied, **way),
            dict({'name': 'past the proxy', 'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'},
                  'environment': dict(proxied, no_proxy='127.0.0.1,localhost', TCX_TOKEN_CACHE_DIR=str(cache / str(in_process)))},
                 **way),
            {'name': 'the worker kept its own environment', 'ansible.builtin.assert': {
                'that': ["lookup('ansible.builtin.env', 'https_proxy') == ''"]}},
        ]
    result = play(tasks, env={'https_proxy': '', 'http_proxy': ''})
    assert [r['status'] for r in result.records] == ['failed', 'ok', 'ok'] * 2, result.records
    for failed in (result.results[0], result.results[3]):
        assert 'proxy' in failed['msg'].lower() or 'connect' in failed['msg'].lower(), failed['msg']
    assert [len(r['departments']) for r in (result.results[1], result.results[4])] == [1, 1]
    # Each task's token (and the PBX's time zone table beside it) in the cache its environment named.
    assert sorted(set(path.relative_to(cache).parts[0] for path in cache.rglob('*') if path.is_file())) == ['False', 'True']


def test_a_real_run_through_the_action_plugin_writes_and_a_second_reports_no_change(emulator, play, sales):
    task = {'name': 'create', 'tcx.xapi.tcx_department': {'name': 'Support', 'language': 'DE'}}
    first, second = play([task, task]).results
    assert first['changed'] is True and second['changed'] is False
    assert [(w['method'], w['path']) for w in emulator.writes()] == [('POST', '/xapi/v1/Groups')]


def test_tcx_token_returns_its_token_in_process(emulator, play):
    login, read = play([{'name': 'login', 'tcx.xapi.tcx_token': {}, 'register': 'tcx_login', 'no_log': True},
                        {'name': 'read', 'tcx.xapi.tcx_system_info': {
                            'access_token': '{{ tcx_login.access_token }}', 'client_id': '', 'client_secret': ''}}],
                       play={'vars': WITH_INVOCATION}).results
    assert login['censored']
    assert read['api_ok'] is True and read['invocation']['module_args']['access_token'] == MASKED
    assert len(emulator.token_requests()) == 1
