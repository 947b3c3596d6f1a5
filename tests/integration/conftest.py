# -*- coding: utf-8 -*-
"""Integration harness: run real ``ansible-playbook`` against the emulator and read the results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
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


def run_play(emulator, tasks, check=False, diff=True, env=None, defaults=True, verbosity=0,
             extra_args=(), play_vars=None, expect_rc=None):
    """Run ``tasks`` in one play on localhost against ``emulator`` and return a :class:`PlayResult`.

    ``defaults`` puts the connection into ``module_defaults: group/tcx.xapi.all``.
    """
    play = {'name': 'test', 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}
    if defaults:
        play['module_defaults'] = {'group/tcx.xapi.all': connection(emulator)}
    if play_vars:
        play['vars'] = play_vars
    with tempfile.TemporaryDirectory() as tmp:
        playbook = Path(tmp) / 'play.yml'
        playbook.write_text(yaml.safe_dump([play], sort_keys=False, allow_unicode=True))
        results_file = Path(tmp) / 'results.jsonl'
        command = [str(BIN / 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
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
    """After every integration test: every request body in the log validates against the official spec."""
    yield
    from tcx_emulator import spec
    if spec.find_spec() is None:
        return
    errors = body_errors(emulator)
    assert not errors, 'request bodies that do not match swagger-20.0.10.yaml:\n' + '\n'.join(errors)
