# -*- coding: utf-8 -*-
"""Integration harness: run real ``ansible-playbook`` against the emulator and read the results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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


class PlayResult(object):
    """What one ``ansible-playbook`` run printed and returned, task by task."""

    def __init__(self, rc, stdout, stderr, records):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.records = records

    @property
    def results(self):
        """The result dicts of the tasks, in order."""
        return [r['result'] for r in self.records]

    def result(self, index=-1):
        return self.results[index]

    def __repr__(self):
        return 'PlayResult(rc=%s)\nSTDOUT:\n%s\nSTDERR:\n%s' % (self.rc, self.stdout[-4000:], self.stderr[-2000:])


def connection(emulator):
    """Connection options for the emulator."""
    return {'url': emulator.url, 'client_id': emulator.client_id, 'client_secret': emulator.client_secret}


# Options whose values are secrets: they must never show in a play's output or results.
SECRET_OPTIONS = ('password', 'vm_pin', 'client_secret', 'access_token')
# Shorter values (a test's 'abc' token) would match by chance; every real secret of the suite is longer.
MIN_SECRET_LENGTH = 5
# Result keys that carry a secret on purpose: the token tcx_token hands out.
PUBLISHED_KEYS = ('access_token',)
# Result keys of generated passwords, returned only to a task that asks (return_generated_passwords).
PASSWORD_KEYS = ('generated_password', 'generated_passwords')


def suite_verbosity():
    """Every play runs with ``-vvvv --diff`` so that the secret scan sees the most verbose output.

    ``TCX_TEST_VERBOSITY=N`` picks another level (0: each test's own). Measured on the 2-core
    machine (test_department + test_user, 74 tests, 2 workers, two runs each under the same load):
    240 s / 302 s without, 268 s / 214 s with -vvvv: within the noise, well under 15 % more.
    """
    return int(os.environ.get('TCX_TEST_VERBOSITY', '4') or 0)


def _secret_values(node, found, origin='tasks'):
    """Collect ``{value: description}`` of every literal secret option value in tasks/vars/env."""
    if isinstance(node, dict):
        for key, value in node.items():
            name = str(key).lower()
            if (isinstance(value, str) and '{{' not in value and len(value) >= MIN_SECRET_LENGTH
                    and (name in SECRET_OPTIONS or (origin == 'env' and name.endswith(
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


def sent_passwords(emulator):
    """Every user password the collection sent to the emulator (generated ones included), from
    the request log: they are secrets of the play, like the literal ones."""
    # verify given per request: a REQUESTS_CA_BUNDLE in the environment would override the
    # session's (a TLS emulator's own CA) and fail this read.
    log = emulator.session.get(emulator.url + '/_emulator/requests', verify=emulator.ca_file or True, timeout=30)
    log.raise_for_status()
    found = {}
    for entry in log.json()['requests']:
        body = entry.get('body')
        if isinstance(body, dict) and entry['method'] in ('POST', 'PATCH') and body.get('AccessPassword'):
            found.setdefault(body['AccessPassword'],
                             'a user password sent to the PBX (%s %s)' % (entry['method'], entry['path']))
    return found


def _asked_for_passwords(record):
    """Whether the task asked for its generated passwords (return_generated_passwords: true)."""
    args = (record['result'].get('invocation') or {}).get('module_args') or {}
    return args.get('return_generated_passwords') in (True, 'true', 'yes')


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


def run_play(emulator, tasks, check=False, diff=True, env=None, defaults=True, verbosity=0,
             extra_args=(), play_vars=None, expect_rc=None, hosts='localhost', play_options=None):
    """Run ``tasks`` in one play on localhost against ``emulator`` and return a :class:`PlayResult`.

    ``defaults`` puts the connection into ``module_defaults: group/tcx.xapi.all``; ``hosts`` (all
    local) and ``play_options`` (merged into the play, e.g. ``module_defaults``) shape the play. Every run is
    scanned for leaked secrets: the emulator's client secret, every literal ``password``,
    ``vm_pin``, ``client_secret`` and ``access_token`` in the play, the tokens the play
    obtained and every user password sent to the emulator (generated ones); a hit fails the
    test. Plays run with ``-vvvv --diff`` (``TCX_TEST_VERBOSITY`` changes it).
    """
    if suite_verbosity():
        verbosity, diff = max(verbosity, suite_verbosity()), True
    play = {'name': 'test', 'hosts': hosts, 'gather_facts': False, 'tasks': tasks}
    if defaults:
        play['module_defaults'] = {'group/tcx.xapi.all': connection(emulator)}
    play.update(play_options or {})
    if play_vars:
        play['vars'] = play_vars
    with tempfile.TemporaryDirectory() as tmp:
        playbook = Path(tmp) / 'play.yml'
        playbook.write_text(yaml.safe_dump([play], sort_keys=False, allow_unicode=True))
        results_file = Path(tmp) / 'results.jsonl'
        inventory = hosts if hosts == 'localhost' else 'localhost,' + hosts
        command = [str(BIN / 'ansible-playbook'), '-i', inventory.rstrip(',') + ',', '-c', 'local',
                   '-e', 'ansible_python_interpreter=%s' % sys.executable, str(playbook)]
        if check:
            command.append('--check')
        if diff:
            command.append('--diff')
        if verbosity:
            command.append('-' + 'v' * verbosity)
        command.extend(extra_args)
        run_env = dict(os.environ)
        for name in list(run_env):
            if name.startswith('TCX_') and name != 'TCX_XAPI_SPEC_DIR':
                del run_env[name]
        run_env.update({
            'ANSIBLE_COLLECTIONS_PATH': str(REPO / '.build'),
            'ANSIBLE_CALLBACK_PLUGINS': str(CALLBACKS),
            'ANSIBLE_CALLBACKS_ENABLED': 'tcx_test_results',
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_LOCALHOST_WARNING': '0',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': '0',
            'ANSIBLE_HOME': str(Path(tmp) / 'ansible-home'),
            'TCX_TEST_RESULTS': str(results_file),
            # A fresh token cache per play unless a test shares one on purpose.
            'TCX_TOKEN_CACHE_DIR': str(Path(tmp) / 'token-cache'),
        })
        run_env.update(env or {})
        proc = subprocess.run(command, capture_output=True, text=True, env=run_env, timeout=600, cwd=tmp, check=False)
        records = []
        if results_file.exists():
            records = [json.loads(line) for line in results_file.read_text().splitlines() if line]
        secrets = {emulator.client_secret: 'the emulator client secret'}
        _secret_values([tasks, play_vars, play_options], secrets)
        _secret_values(env or {}, secrets, origin='env')
        published = _published(records)
        for token in _issued_tokens(run_env['TCX_TOKEN_CACHE_DIR']) | published:
            secrets.setdefault(token, 'an access token the play obtained')
        for password, origin in sent_passwords(emulator).items():
            secrets.setdefault(password, origin)
        published |= _passwords_returned_on_request(records)
    scan_for_secrets(secrets, published, proc.stdout, proc.stderr, records)
    result = PlayResult(proc.returncode, proc.stdout, proc.stderr, records)
    if expect_rc is not None:
        assert proc.returncode == expect_rc, result
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


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests recorded with ``record_property('figures', text)`` (also under xdist)."""
    lines = [value for reports in terminalreporter.stats.values() for report in reports
             if getattr(report, 'when', None) == 'call'
             for name, value in getattr(report, 'user_properties', ()) if name == 'figures']
    if lines:
        terminalreporter.section('figures')
        for line in sorted(lines):
            terminalreporter.write_line(line)
