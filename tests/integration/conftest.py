# -*- coding: utf-8 -*-
"""Integration harness: run real ``ansible-playbook`` against the emulator and read the results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests
import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CALLBACKS = Path(__file__).resolve().parent / 'callback_plugins'
PLAYBOOKS = REPO / 'playbooks'


class PlayResult(object):
    """What one ``ansible-playbook`` run printed and returned, task by task, and (with one emulator)
    the emulator's request log at its end."""

    def __init__(self, rc, stdout, stderr, records, log=None):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.records = records
        self.log = log

    @property
    def results(self):
        """The result dicts of the tasks, in order."""
        return [r['result'] for r in self.records]

    def result(self, index=-1):
        return self.results[index]

    def task(self, name):
        """The result of the (last) task whose name starts with ``name``."""
        found = [r['result'] for r in self.records if r['task'].startswith(name)]
        assert found, 'no task %r ran:\n%r' % (name, self)
        return found[-1]

    def requests(self, index):
        """The requests the emulator received during task ``index`` (a record index), from the log."""
        start = self.records[index]['seq_from']
        later = [r['seq_from'] for r in self.records[index + 1:] if r['seq_from'] > start]
        end = later[0] if later else float('inf')
        return [entry for entry in self.log if start < entry['seq'] <= end]

    def writes(self, index):
        """``(method, path, body)`` of the writes during task ``index``."""
        return [(e['method'], e['path'], e.get('body')) for e in self.requests(index)
                if e['path'].startswith('/xapi/') and e['method'] != 'GET']

    def __repr__(self):
        return 'PlayResult(rc=%s)\nSTDOUT:\n%s\nSTDERR:\n%s' % (self.rc, self.stdout[-6000:], self.stderr[-2000:])


def connection(emulator):
    """Connection options for the emulator."""
    return {'url': emulator.url, 'client_id': emulator.client_id, 'client_secret': emulator.client_secret}


def emulator_env(emulator):
    """The TCX_* variables that point the modules at ``emulator`` (as an AWX credential would)."""
    env = {'TCX_URL': emulator.url, 'TCX_CLIENT_ID': emulator.client_id, 'TCX_CLIENT_SECRET': emulator.client_secret}
    if emulator.ca_file:
        env['TCX_CA_PATH'] = emulator.ca_file
    return env


# Options whose values are secrets: they must never show in a play's output or results.
SECRET_OPTIONS = ('password', 'vm_pin', 'client_secret', 'access_token')
# Shorter values (a test's 'abc' token) would match by chance; every real secret of the suite is longer.
MIN_SECRET_LENGTH = 5
# Result keys that carry a secret on purpose: the token tcx_token hands out.
PUBLISHED_KEYS = ('access_token',)
# User properties that hold a secret on the PBX: every value the emulator received or holds is a secret of the run.
PBX_SECRETS = ('AccessPassword', 'VMPIN', 'AuthPassword', 'DeskphonePassword')
# Result keys of generated passwords, returned only to a task that asks (return_generated_passwords).
PASSWORD_KEYS = ('generated_password', 'generated_passwords')


def suite_verbosity():
    """Every play runs with ``-vvvv --diff`` so that the secret scan sees the most verbose output.

    ``TCX_TEST_VERBOSITY=N`` picks another level (0, for benchmarks: neither -v nor --diff, and no
    reading of the request log at each task's start, so :meth:`PlayResult.requests` is unavailable). Measured on the 2-core
    machine (test_department + test_user, 74 tests, 2 workers, two runs each under the same load):
    240 s / 302 s without, 268 s / 214 s with -vvvv: within the noise, well under 15 % more.
    """
    return int(os.environ.get('TCX_TEST_VERBOSITY', '4') or 0)


def _secret_values(node, found, origin='tasks'):
    """Collect ``{value: description}`` of every literal secret option value in tasks/vars/env.

    In tasks only the secret options count (``update_password: always`` is no secret); in
    variables and the environment every name that ends like a secret (``tcx_client_secret``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            name = str(key).lower()
            if (isinstance(value, str) and '{{' not in value and len(value) >= MIN_SECRET_LENGTH
                    and (name in SECRET_OPTIONS or (origin != 'tasks' and name.endswith(
                        ('secret', 'access_token', 'password', '_pin'))))):
                found.setdefault(value, '%s %s' % (origin, key))
            else:
                _secret_values(value, found, origin)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _secret_values(item, found, origin)
    return found


def _issued_tokens(cache_dir):
    """The tokens the play stored in its token cache (the emulator does not expose the ones it issued)."""
    tokens = set()
    for path in Path(cache_dir).glob('token-*.json'):
        try:
            tokens.add(json.loads(path.read_text())['access_token'])
        except (OSError, ValueError, KeyError):
            pass
    return tokens


def _published(records):
    """Tokens a tcx_token task returned without ``no_log``: shown because the playbook asked for them."""
    return set(r['result'].get('access_token') for r in records
               if r['action'].endswith('tcx_token') and isinstance(r['result'].get('access_token'), str))


def control(emulator, path):
    """GET ``/_emulator/<path>``. ``verify`` given per request: a REQUESTS_CA_BUNDLE in the environment
    would override the session's (a TLS emulator's own CA) and fail the read."""
    answer = emulator.session.get(emulator.url + '/_emulator/' + path, verify=emulator.ca_file or True, timeout=30)
    answer.raise_for_status()
    return answer.json()


def received_secrets(emulator, log=None):
    """Every user password and PIN (:data:`PBX_SECRETS`) the emulator received (generated ones included),
    from its request ``log`` (read when not given) and from the users it holds: secrets of the run,
    like the literal ones."""
    found = {}
    for entry in control(emulator, 'requests')['requests'] if log is None else log:
        body = entry.get('body')
        if isinstance(body, dict) and entry['method'] in ('POST', 'PATCH'):
            for prop in PBX_SECRETS:
                if isinstance(body.get(prop), str) and len(body[prop]) >= MIN_SECRET_LENGTH:
                    found.setdefault(body[prop], 'a user %s sent to the PBX (%s %s)' % (prop, entry['method'], entry['path']))
    for user in control(emulator, 'state').get('users', []):
        for prop in PBX_SECRETS:
            if isinstance(user.get(prop), str) and len(user[prop]) >= MIN_SECRET_LENGTH:
                found.setdefault(user[prop], 'the %s of user %s on the PBX' % (prop, user.get('Number')))
    return found


def _asked_for_passwords(record):
    """Whether the task asked for its generated passwords (return_generated_passwords: true): from the result's
    invocation, else (ansible-core 2.21 returns none by default) from the task's arguments as the callback saw them."""
    invocation = record['result'].get('invocation')
    asked = (invocation.get('module_args') or {}).get('return_generated_passwords') if invocation else record.get('return_generated_passwords')
    return asked in (True, 'true', 'yes')


def _passwords_returned_on_request(records):
    """Generated passwords a task returned because it asked for them: shown because the playbook said so."""
    found = set()
    for record in records:
        if not _asked_for_passwords(record):
            continue
        for key in PASSWORD_KEYS:
            value = record['result'].get(key)
            values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
            found.update(v if isinstance(v, str) else (v or {}).get('password') for v in values)
    return set(v for v in found if isinstance(v, str))


def _without_published_keys(value, keys=PUBLISHED_KEYS):
    if isinstance(value, dict):
        return dict((k, _without_published_keys(v, keys)) for k, v in value.items() if k not in keys)
    if isinstance(value, list):
        return [_without_published_keys(v, keys) for v in value]
    return value


def scan_for_secrets(secrets, published, stdout, stderr, records):
    """Fail when a secret value shows in stdout, stderr or a result; the message never contains it."""
    shown = [_without_published_keys(r['result'], PUBLISHED_KEYS + (PASSWORD_KEYS if _asked_for_passwords(r) else ()))
             for r in records]
    results = json.dumps(shown, sort_keys=True)
    leaks = []
    for value, origin in sorted(secrets.items(), key=lambda item: item[1]):
        # A PIN is digits only: found inside a longer number (ansible's temporary directory
        # names are full of digits) it is chance, not a leak.
        pattern = re.compile(r'(?<!\d)%s(?!\d)' % re.escape(value) if value.isdigit() else re.escape(value))
        for where, text in (('stdout', stdout), ('stderr', stderr), ('results', results)):
            if where != 'results' and value in published:
                continue
            match = pattern.search(text)
            if match:
                context = text[max(0, match.start() - 120):match.end() + 120].replace(value, '<SECRET>')
                leaks.append('%s appears in %s: ...%s...' % (origin, where, context))
    assert not leaks, 'secrets leaked:\n' + '\n'.join(leaks)


def _literal_secrets(plays_path, plays, extra_vars, env):
    """``{value: origin}`` of the literal secrets a run is given: in its plays (or playbook file), its
    extra vars and its environment."""
    found = {}
    if plays is None and plays_path is not None and plays_path.is_file():
        try:
            plays = yaml.safe_load(plays_path.read_text(encoding='utf-8'))
        except yaml.YAMLError:
            plays = None
    _secret_values(plays, found)
    _secret_values(extra_vars or {}, found, origin='extra vars')
    _secret_values(env or {}, found, origin='env')
    return found


def _inventory_file(directory, hosts):
    """An inventory of ``hosts`` (names), each run locally with the test's Python."""
    path = Path(directory) / ('inventory-%s.ini' % os.urandom(4).hex())
    path.write_text(''.join('%s ansible_connection=local ansible_python_interpreter=%s\n' % (host, sys.executable)
                            for host in hosts))
    return path


def _playbook_path(playbook):
    """A playbook given as a path, a file name in ``playbooks/`` or ``tcx.xapi.<name>`` (run by name)."""
    if str(playbook).startswith('tcx.xapi.'):
        return str(playbook), PLAYBOOKS / (str(playbook)[len('tcx.xapi.'):] + '.yml')
    path = Path(playbook) if os.path.isabs(str(playbook)) else PLAYBOOKS / playbook
    return str(path), path


def run_ansible(playbook, emulators=(), check=False, extra_vars=None, inventory=None, env=None, extra_args=(),
                secrets=(), expect_rc=None, workdir=None):
    """THE runner: one ``ansible-playbook`` run, scanned for secrets; returns a :class:`PlayResult`.

    ``playbook`` is a list of plays (dicts) or a playbook (see :func:`_playbook_path`). ``emulators``
    (handles) are the PBXs the run talks to: their client secrets and every user password and PIN
    they received are secrets of the run, and each task's result record gets the request log
    sequence number at the task's start (``seq_from``: :meth:`PlayResult.requests`). ``inventory`` is
    a path or a list of host names run locally (default: localhost). Every run is ``-vvvv --diff``
    (``TCX_TEST_VERBOSITY=0``, for benchmarks: neither) and is scanned for every secret it knows: the
    emulators' client secrets, every literal ``password``, ``vm_pin``, ``client_secret`` and
    ``access_token`` in the plays, extra vars and environment, ``secrets``, the tokens the run
    obtained and every password the emulators received; a hit fails the test.
    """
    emulators = [emulators] if hasattr(emulators, 'url') else list(emulators)
    with contextlib.ExitStack() as stack:
        tmp = Path(workdir) if workdir else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        tag = os.urandom(4).hex()
        plays = None
        if isinstance(playbook, list):
            plays, playbook = playbook, tmp / ('play-%s.yml' % tag)
            playbook.write_text(yaml.safe_dump(plays, sort_keys=False, allow_unicode=True))
            argument, source = str(playbook), playbook
        else:
            argument, source = _playbook_path(playbook)
        if inventory is None or isinstance(inventory, (list, tuple)):
            inventory = _inventory_file(tmp, inventory or ['localhost'])
        command = [str(BIN / 'ansible-playbook'), argument, '-i', str(inventory)]
        if extra_vars:
            vars_file = tmp / ('vars-%s.json' % tag)
            vars_file.write_text(json.dumps(extra_vars))
            command += ['-e', '@%s' % vars_file]
        if check:
            command.append('--check')
        if suite_verbosity():
            command += ['--diff', '-' + 'v' * suite_verbosity()]
        command.extend(extra_args)
        results_file = tmp / ('results-%s.jsonl' % tag)
        run_env = dict((k, v) for k, v in os.environ.items() if not k.startswith('TCX_') or k == 'TCX_XAPI_SPEC_DIR')
        run_env.update({
            'PATH': '%s:%s' % (BIN, os.environ.get('PATH', '')),
            'ANSIBLE_COLLECTIONS_PATH': str(REPO / '.build'),
            'ANSIBLE_CALLBACK_PLUGINS': str(CALLBACKS),
            'ANSIBLE_CALLBACKS_ENABLED': 'tcx_test_results',
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_LOCALHOST_WARNING': '0',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': '0',
            'ANSIBLE_HOME': str(tmp / 'ansible-home'),
            'TCX_TEST_RESULTS': str(results_file),
            # A fresh token cache per run unless a test shares one on purpose.
            'TCX_TOKEN_CACHE_DIR': str(tmp / ('token-cache-%s' % tag)),
        })
        if len(emulators) == 1 and suite_verbosity():
            run_env['TCX_TEST_REQUEST_LOG'] = emulators[0].url + '/_emulator/requests'
            if emulators[0].ca_file:
                run_env['TCX_TEST_REQUEST_LOG_CA'] = emulators[0].ca_file
        run_env.update(env or {})
        proc = subprocess.run(command, capture_output=True, text=True, env=run_env, timeout=600, cwd=str(tmp),
                              check=False)
        records = []
        if results_file.exists():
            records = [json.loads(line) for line in results_file.read_text().splitlines() if line]
        known = dict((emulator.client_secret, 'the emulator client secret') for emulator in emulators)
        known.update(_literal_secrets(source, plays, extra_vars, env))
        known.update((secret, 'a secret the test names') for secret in secrets)
        published = _published(records)
        for token in _issued_tokens(run_env['TCX_TOKEN_CACHE_DIR']) | published:
            known.setdefault(token, 'an access token the run obtained')
        logs = [control(emulator, 'requests')['requests'] for emulator in emulators]
        for emulator, log in zip(emulators, logs):
            for secret, origin in received_secrets(emulator, log).items():
                known.setdefault(secret, origin)
        published |= _passwords_returned_on_request(records)
    scan_for_secrets(known, published, proc.stdout, proc.stderr, records)
    result = PlayResult(proc.returncode, proc.stdout, proc.stderr, records, logs[0] if len(logs) == 1 else None)
    if expect_rc is not None:
        assert proc.returncode == expect_rc, result
    return result


def run_play(emulator, tasks, check=False, defaults=True, play=None, **options):
    """Run ``tasks`` in one play against ``emulator`` (:func:`run_ansible` ``options``: ``env``,
    ``extra_args``, ``extra_vars``, ``expect_rc``, ...).

    ``defaults`` puts the connection into ``module_defaults: group/tcx.xapi.all``; ``play`` is merged
    into the play (``vars``, ``module_defaults``, ``hosts``: a comma-separated list of local hosts).
    """
    spec = {'name': 'test', 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}
    if defaults:
        spec['module_defaults'] = {'group/tcx.xapi.all': connection(emulator)}
    spec.update(play or {})
    hosts = ['localhost'] + [h for h in spec['hosts'].split(',') if h and h != 'localhost']
    return run_ansible([spec], [emulator], check=check, inventory=hosts, **options)


def assert_each_fails_clearly(play, task, cases, tolerated=None):
    """Run each ``(options, message)`` of ``cases`` as ``task(**options)`` in one play (errors ignored):
    each must fail with a message containing ``message`` and write nothing (``tolerated(options,
    write)``: writes the PBX refused that a case may make). Returns the :class:`PlayResult`."""
    result = play([dict(task(**options), ignore_errors=True) for options, dummy in cases])
    assert len(result.records) == len(cases), result
    problems = []
    for index, (options, message) in enumerate(cases):
        record = result.records[index]
        writes = [w for w in result.writes(index) if not (tolerated and tolerated(options, w))]
        if record['status'] != 'failed' or message not in str(record['result'].get('msg')) or writes:
            problems.append('%r: %s, message %r, writes %r'
                            % (options, record['status'], record['result'].get('msg'), writes))
    assert not problems, 'bad input not refused clearly, before any write:\n' + '\n'.join(problems)
    return result


class Api(object):
    """Direct XAPI access for arranging and inspecting test data (not the code under test)."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.base = emulator.url
        self.session = requests.Session()
        if emulator.ca_file:
            self.session.verify = emulator.ca_file
        self.login()

    def login(self):
        # One token per client: a play's login supersedes ours, so we log in again on 401.
        token = self.session.post(self.base + '/connect/token', data={
            'client_id': self.emulator.client_id, 'client_secret': self.emulator.client_secret,
            'grant_type': 'client_credentials'}).json()['access_token']
        self.session.headers['Authorization'] = 'Bearer ' + token

    def call(self, method, path, **kwargs):
        response = self.session.request(method, self.base + '/xapi/v1/' + path, **kwargs)
        if response.status_code == 401:
            self.login()
            response = self.session.request(method, self.base + '/xapi/v1/' + path, **kwargs)
        assert response.status_code < 400, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def find(self, entity_set, filter_expr, **params):
        params['$filter'] = filter_expr
        return self.call('GET', entity_set, params=params)['value']


@pytest.fixture
def api(emulator):
    """A logged-in direct XAPI session for arranging data; its requests are cleared from the log."""
    session = Api(emulator)
    yield session


@pytest.fixture
def play(emulator):
    """``play(tasks, **options)`` runs a play against the emulator of this test."""
    def runner(tasks, **options):
        return run_play(emulator, tasks, **options)
    return runner


def body_errors(emulator):
    """Spec violations of every request body the collection sent, read from the request log."""
    from tcx_emulator import spec
    errors = []
    for entry in emulator.requests():
        path = entry['path']
        if not path.startswith('/xapi/v1/') or entry['method'] == 'GET' or entry.get('body') is None:
            continue
        for problem in spec.validate_request_body(entry['method'], path, entry['body']):
            errors.append('%s %s: %s' % (entry['method'], path, problem))
    return errors


@pytest.fixture(autouse=True)
def request_bodies_match_the_spec(request, emulator):
    """After every integration test: every request body in the log validates against the schema derived from the
    official spec (``tests/emulator/tcx_emulator/xapi_schema.json``, kept in the repository: this check never skips)."""
    yield
    errors = body_errors(emulator)
    assert not errors, 'request bodies that do not match the XAPI schema (xapi_schema.json):\n' + '\n'.join(errors)


# The longest tests (8 s or more on the 2-core machine, pytest --durations, December 2026), longest first.
# They run before all others, so that the run does not end with one core on a long test and the other
# idle (make integration distributes with --dist worksteal: an idle worker takes half of the other's queue).
# A name that no longer matches only loses its place in the order.
SLOW_FIRST = (
    'test_playbooks.py::test_backup_restored_on_an_empty_pbx_reproduces_it_and_applies_again_unchanged',
    'test_chaos.py::test_chaos_soak_converges_without_loss_duplicate_or_lost_password',
    'test_graph.py::test_a_large_generated_pbx_with_cycles_is_backed_up_and_restored_in_one_run',
    'test_graph.py::test_the_backup_playbook_of_the_demo_office_with_cycles_restores_with_the_provision_playbook',
    'test_reliability.py::test_four_forks_without_the_token_cache_still_succeed_and_print_the_logins_it_costs',
    'test_bad_input.py::test_values_of_the_wrong_kind_fail_before_any_request',
    'test_readme.py::test_one_field_changed_after_the_quick_start_is_the_only_drift',
    'test_fleet_report.py::test_three_slices_merge_into_the_report_of_the_unsliced_audit',
    'test_reliability.py::test_two_plays_creating_the_same_object_at_once_converge_on_one',
    'test_action_plugins.py::test_in_process_results_equal_the_module_process_results',
    'test_callflow_reports.py::test_the_backup_draws_each_did',
    'test_reliability_faults.py::test_fault_ends_in_success_or_clear_failure_without_duplicate_or_loss',
)


def pytest_collection_modifyitems(items):
    """The tests of :data:`SLOW_FIRST` first, in its order; the others keep theirs."""
    def rank(item):
        path, _sep, name = item.nodeid.rpartition('/')[2].partition('::')
        for index, slow in enumerate(SLOW_FIRST):
            if '%s::%s' % (path, name.split('[')[0]) == slow:
                return index
        return len(SLOW_FIRST)
    items.sort(key=rank)


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests recorded with ``record_property('figures', text)`` (also under xdist)."""
    lines = [value for reports in terminalreporter.stats.values() for report in reports
             if getattr(report, 'when', None) == 'call'
             for name, value in getattr(report, 'user_properties', ()) if name == 'figures']
    if lines:
        terminalreporter.section('figures')
        for line in sorted(lines):
            terminalreporter.write_line(line)


def run_playbook(tmp_path, playbook, emulator=None, env=None, expect_rc=0, **options):
    """:func:`run_ansible` of one of the collection's playbooks in ``tmp_path``, the connection in TCX_*
    variables (as an AWX credential gives it); by default the run must succeed."""
    connection_env = dict(emulator_env(emulator), **(env or {})) if emulator is not None else env
    return run_ansible(playbook, [emulator] if emulator is not None else [], env=connection_env,
                       expect_rc=expect_rc, workdir=tmp_path, **options)
