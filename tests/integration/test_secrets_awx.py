# -*- coding: utf-8 -*-
"""No secret in any output, failures included; no request to another host; the AWX path (ansible-runner).

Every play of the suite is scanned for the literal secrets it was given (conftest.run_ansible); the
tests here add the secrets that scan cannot know by itself (list-shaped ones, a URL's password) and
assert the failure each mistake gives. docs/security.md says what is masked where.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from awx_job import run_job, token_cache
from conftest import _issued_tokens, connection, received_secrets, run_play, scan_for_secrets
from tcx_emulator.pytest_plugin import start_emulator

PASSWORD, PIN = 'Item-Secret-31', '572913'
# Secrets come from variables, as from a vault or a credential: ansible-core (2.19+) shows the playbook
# lines around a failed task, and a literal secret there would be shown by Ansible itself.
SECRET_VARS = {'item_password': PASSWORD, 'item_pin': PIN, 'listed_password': ['Listed-Secret-8'],
               'mapped_pin': {'Mapped-Secret-9': None}, 'list_password': ['List-Password-1'], 'list_pin': ['4419283'],
               'dict_password': {'Dict-Password-2': 'x'}, 'plain_password': 'Plain-Password-3'}
WRONG_SHAPES = ['Listed-Secret-8', 'Mapped-Secret-9', 'List-Password-1', '4419283', 'Dict-Password-2']
USERS = [{'extension': '150', 'first_name': 'Ann', 'password': '{{ item_password }}', 'vm_pin': '{{ item_pin }}'}]
IN_PROCESS = {'vars': {'tcx_xapi_in_process': True}}
MODULE_PROCESS = {'vars': {'tcx_xapi_in_process': False}}


# -- 1. masked before validation, in process and as a module process ------------------------------

CONFIG_MISTAKES = [
    ({'departments': 'Sales'}, "departments"),
    ({'parallel': 'lots'}, "parallel"),
    ({'prune': ['user']}, "prune"),
    ({'user': USERS}, "Unsupported parameters"),
    ({'users': [dict(USERS[0], password='{{ listed_password }}')]}, "password"),
    ({'users': [dict(USERS[0], vm_pin='{{ mapped_pin }}')]}, "vm_pin"),
]


@pytest.mark.parametrize('where', [IN_PROCESS, MODULE_PROCESS], ids=['in-process', 'module-process'])
def test_tcx_config_masks_every_item_secret_when_its_arguments_fail_validation(emulator, play, where):
    tasks = [{'name': 'case %d' % n, 'tcx.xapi.tcx_config': dict({'users': USERS}, **mistake), 'ignore_errors': True}
             for n, (mistake, dummy) in enumerate(CONFIG_MISTAKES)]
    result = play(tasks, play=where, extra_vars=SECRET_VARS, secrets=WRONG_SHAPES)
    for record, (mistake, word) in zip(result.records, CONFIG_MISTAKES):
        assert record['status'] == 'failed' and word in record['result']['msg'], (mistake, record['result']['msg'])
        echoed = json.dumps(record['result'].get('invocation', {}))
        assert PASSWORD not in echoed and PIN not in echoed
    assert emulator.writes() == []


@pytest.mark.parametrize('where', [IN_PROCESS, MODULE_PROCESS], ids=['in-process', 'module-process'])
def test_tcx_user_masks_a_secret_of_the_wrong_shape(emulator, play, where):
    cases = [{'password': '{{ list_password }}'}, {'vm_pin': '{{ list_pin }}'}, {'password': '{{ dict_password }}'},
             {'password': '{{ plain_password }}', 'departments': 'Sales'}]
    tasks = [{'tcx.xapi.tcx_user': dict({'extension': '151'}, **case), 'ignore_errors': True} for case in cases]
    result = play(tasks, play=where, extra_vars=SECRET_VARS, secrets=WRONG_SHAPES)
    # Whether such a value is refused is the values' rules' concern (test_reliability_inputs.py); here: never shown.
    assert result.records[-1]['status'] == 'failed' and 'departments' in result.records[-1]['result']['msg']


def test_credentials_in_the_url_are_refused_and_never_echoed(emulator, play):
    with_userinfo = emulator.url.replace('://', '://admin:Url-Secret-77@')
    tasks = [{'name': 'option', 'tcx.xapi.tcx_department_info': {'url': '{{ pbx_url }}'}, 'ignore_errors': True},
             {'name': 'environment', 'tcx.xapi.tcx_department_info': {}, 'ignore_errors': True,
              'environment': {'TCX_URL': '{{ pbx_url }}'}},
             {'name': 'module process', 'tcx.xapi.tcx_department_info': {'url': '{{ pbx_url }}'}, 'ignore_errors': True,
              'vars': {'tcx_xapi_in_process': False}}]
    result = play(tasks, defaults=False, extra_vars={'pbx_url': with_userinfo},
                  env={'TCX_CLIENT_ID': emulator.client_id, 'TCX_CLIENT_SECRET': emulator.client_secret},
                  secrets=['Url-Secret-77', 'admin:Url-Secret-77'])
    for record in result.records:
        assert record['status'] == 'failed'
        assert record['result']['msg'].startswith('url must not contain a user name or password'), record['result']['msg']
    assert emulator.requests() == []


# -- 3. no redirects ---------------------------------------------------------------------------------

class _Elsewhere(BaseHTTPRequestHandler):
    """The redirect target: records every request it gets."""

    def _answer(self):
        length = int(self.headers.get('Content-Length') or 0)
        self.server.seen.append((self.command, self.path, self.rfile.read(length).decode('utf-8', 'replace')))
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.end_headers()
        self.wfile.write(b'{"access_token": "stolen", "expires_in": 3600, "value": []}')

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def elsewhere():
    """A host the PBX's answers point to; ``seen`` lists what reached it (it must stay empty)."""
    server = ThreadingHTTPServer(('127.0.0.1', 0), _Elsewhere)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def location(server, path):
    return 'http://127.0.0.1:%d%s?code=Query-Secret-5' % (server.server_address[1], path)


@pytest.mark.parametrize('method, path, status, task', [
    ('POST', r'^/connect/token$', 307, {'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'}}),
    ('GET', r'^/xapi/v1/Groups$', 302, {'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'}}),
    ('POST', r'^/xapi/v1/Users$', 308, {'tcx.xapi.tcx_user': {'extension': '152', 'password': 'Redirected-Pw-6'}}),
], ids=['token-307', 'get-302', 'create-308'])
def test_a_redirect_is_never_followed_and_fails_naming_status_and_location(emulator, play, elsewhere, method, path, status,
                                                                           task):
    emulator.add_fault(method=method, path=path, action='redirect', status=status, times=5,
                       location=location(elsewhere, '/stolen'))
    result = play([task], secrets=['Query-Secret-5'])
    message = result.result()['msg']
    assert result.rc == 2
    assert 'was answered with a redirect (HTTP %d) to http://127.0.0.1:%d/stolen,' % (status, elsewhere.server_address[1]) \
        in message, message
    assert elsewhere.seen == []
    assert len(emulator.requests(method, path)) == 1  # and not repeated


def test_a_redirect_of_a_patch_never_sends_the_password_elsewhere(emulator, play, elsewhere):
    play([{'tcx.xapi.tcx_user': {'extension': '153', 'first_name': 'Pat'}}], expect_rc=0)
    emulator.add_fault(method='PATCH', path=r'^/xapi/v1/Users\(\d+\)$', action='redirect', status=307,
                       location=location(elsewhere, '/patch'))
    task = {'tcx.xapi.tcx_user': {'extension': '153', 'password': 'Patched-Pw-4', 'update_password': 'always'}}
    result = play([task], expect_rc=2)
    assert 'PATCH /xapi/v1/Users(' in result.result()['msg'] and '(HTTP 307)' in result.result()['msg']
    assert elsewhere.seen == []


# -- 5. tcx_system_info fails on what it cannot trust ----------------------------------------------------

@pytest.fixture(scope='module')
def tls_emulator():
    with start_emulator('--tls') as handle:
        yield handle


def test_system_info_fails_on_a_certificate_that_does_not_verify_unless_asked_to_report(tls_emulator):
    options = dict(connection(tls_emulator), retries=0)
    tasks = [{'name': 'default', 'tcx.xapi.tcx_system_info': options, 'ignore_errors': True},
             {'name': 'report', 'tcx.xapi.tcx_system_info': dict(options, fail_on_unreachable=False)}]
    default, report = run_play(tls_emulator, tasks, defaults=False).records
    assert default['status'] == 'failed'
    assert default['result']['msg'].startswith('PBX not reachable: TLS error talking to %s' % tls_emulator.url)
    assert report['status'] == 'ok'
    assert (report['result']['reachable'], report['result']['api_ok']) == (False, False)
    assert 'certificate verify failed' in report['result']['message']


def test_system_info_fails_on_a_redirect(emulator, play, elsewhere):
    emulator.add_fault(method='POST', path=r'^/connect/token$', action='redirect', status=302, times=2,
                       location=location(elsewhere, '/login'))
    tasks = [{'name': 'default', 'tcx.xapi.tcx_system_info': {}, 'ignore_errors': True},
             {'name': 'report', 'tcx.xapi.tcx_system_info': {'fail_on_unreachable': False}}]
    default, report = play(tasks, secrets=['Query-Secret-5']).records
    assert default['status'] == 'failed' and default['result']['msg'].startswith('PBX not reachable: POST /connect/token')
    assert report['status'] == 'ok' and report['result']['api_ok'] is False and report['result']['credentials_ok'] is False
    assert elsewhere.seen == []


# -- 2. the AWX path: ansible-runner's artifacts ---------------------------------------------------------

AWX_SECRETS = {'user_password': 'Awx-User-Pw-1', 'user_pin': '618204', 'new_password': 'Awx-New-Pw-2',
               'item_password': 'Awx-Item-Pw-3', 'item_pin': '730491', 'list_password': ['Awx-Listed-Pw-4']}


def arm(emulator, name, **rule):
    """A task that arms an emulator fault just before the task that is to meet it."""
    return {'name': name, 'ansible.builtin.uri': {'url': emulator.url + '/_emulator/faults', 'method': 'POST',
                                                  'body_format': 'json', 'body': rule, 'status_code': [200, 201]}}


def awx_playbook(emulator, elsewhere_url):
    """Good and bad arguments, faults, in process and as a module process: what a job meets."""
    user = {'extension': '160', 'first_name': 'Awx', 'password': '{{ user_password }}', 'vm_pin': '{{ user_pin }}'}
    item = {'extension': '161', 'first_name': 'Item', 'password': '{{ item_password }}', 'vm_pin': '{{ item_pin }}'}
    ignored = {'ignore_errors': True}
    tasks = [
        {'name': 'create', 'tcx.xapi.tcx_user': user, 'register': 'created'},
        dict({'name': 'config with a wrong type', 'tcx.xapi.tcx_config': {'users': [item], 'departments': 'Sales'}}, **ignored),
        dict({'name': 'config with a wrong type, module process', 'tcx.xapi.tcx_config': {'users': [item], 'parallel': 'lots'},
              'vars': {'tcx_xapi_in_process': False}},
             **ignored),
        dict({'name': 'config misspelt', 'tcx.xapi.tcx_config': {'user': [item]}}, **ignored),
        dict({'name': 'password of the wrong shape',
              'tcx.xapi.tcx_user': {'extension': '163', 'password': '{{ list_password }}', 'departments': 'Sales'}},
             **ignored),
        {'name': 'generated password', 'tcx.xapi.tcx_user': {'extension': '162', 'first_name': 'Gen'}},
        arm(emulator, 'arm a failing PATCH', method='PATCH', path=r'^/xapi/v1/Users\(\d+\)$', action='status', status=500),
        dict({'name': 'new password, the PBX fails',
              'tcx.xapi.tcx_user': dict(user, password='{{ new_password }}', update_password='always')},
             **ignored),
        arm(emulator, 'arm a redirect', method='GET', path=r'^/xapi/v1/Groups$', action='redirect', status=302,
            location=elsewhere_url),
        dict({'name': 'redirected', 'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'}}, **ignored),
        {'name': 'cache the results', 'ansible.builtin.set_fact': {'cacheable': True, 'awx_created': '{{ created }}'}},
    ]
    return [{'name': 'awx job', 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}]


def test_the_awx_path_keeps_every_secret_out_of_ansible_runners_artifacts(emulator, tmp_path, elsewhere):
    """ansible-runner runs the job as AWX does (awx_job.run_job): the credential type's environment injected
    as ``envvars`` (never written to env/envvars: ``suppress_env_files``), secrets as extra vars (AWX writes
    its own env/extravars), ``--diff``; once at default verbosity and once at -vvvv with ANSIBLE_DEBUG=1.
    Every file of the private data dir is scanned for every secret the run used."""
    data = tmp_path / 'job'
    plays = awx_playbook(emulator, location(elsewhere, '/x'))
    runs = {}
    for ident, verbosity, debug in (('default', 0, False), ('verbose', 4, True)):
        runs[ident] = run_job(data, plays, emulator, extravars=AWX_SECRETS, verbosity=verbosity or None,
                              envvars={'ANSIBLE_DEBUG': '1'} if debug else None, ident=ident)
    by_task = dict((r['task'], r['status']) for r in runs['default'].records)
    assert by_task['create'] == 'ok' and by_task['config misspelt'] == 'failed'
    assert by_task['new password, the PBX fails'] == 'failed' and by_task['redirected'] == 'failed'
    assert elsewhere.seen == []

    secrets = dict((value, 'extra var %s' % name) for name, value in AWX_SECRETS.items() if isinstance(value, str))
    secrets['Awx-Listed-Pw-4'] = 'extra var list_password'
    secrets[emulator.client_secret] = 'the credential client_secret'
    secrets.update(received_secrets(emulator))  # the generated password, as the PBX holds it
    secrets.update((token, 'an access token') for token in _issued_tokens(token_cache(data)))
    assert any('generated' in origin or 'AccessPassword' in origin for origin in secrets.values())

    leaks, scanned = [], []
    for path in sorted(p for p in data.rglob('*') if p.is_file()):
        relative = str(path.relative_to(data))
        text = path.read_text(encoding='utf-8', errors='replace')
        if relative == 'env/extravars' or relative.startswith('project/'):
            continue  # the job's own input, as AWX writes it
        if relative.endswith('/command'):
            # ansible-runner records the job's whole environment here: the injected credential is in it
            # by design (docs/security.md); nothing else is.
            command = json.loads(text)
            assert command['env']['TCX_CLIENT_SECRET'] == emulator.client_secret
            command['env'].pop('TCX_CLIENT_SECRET')
            text = json.dumps(command)
        scanned.append(relative)
        try:
            scan_for_secrets(secrets, set(), text, '', [])
        except AssertionError as exc:
            leaks.append('%s: %s' % (relative, exc))
    assert not leaks, '\n'.join(leaks)
    for ident in runs:
        assert 'artifacts/%s/stdout' % ident in scanned and 'artifacts/%s/command' % ident in scanned
        assert any(name.startswith('artifacts/%s/job_events/' % ident) for name in scanned)
        assert any(name.startswith('artifacts/%s/fact_cache/' % ident) for name in scanned)
    assert not (data / 'env' / 'envvars').exists()
    verbose = (data / 'artifacts' / 'verbose' / 'stdout').read_text()
    assert '<localhost> ESTABLISH LOCAL CONNECTION' in verbose or 'task path:' in verbose  # -vvvv took effect


def test_a_secret_a_job_shows_fails_the_awx_jobs_scan(emulator, tmp_path):
    """awx_job.run_job scans every job of the suite: a job that prints the injected client secret fails the test."""
    plays = [{'name': 'leak', 'hosts': 'all', 'gather_facts': False,
              'tasks': [{'ansible.builtin.debug': {'msg': "{{ lookup('ansible.builtin.env', 'TCX_CLIENT_SECRET') }}"}}]}]
    with pytest.raises(AssertionError) as failed:
        run_job(tmp_path / 'job', plays, emulator)
    assert 'the emulator client secret appears in stdout' in str(failed.value)
    assert emulator.client_secret not in str(failed.value)
