# -*- coding: utf-8 -*-
"""Run the collection's own playbooks (``playbooks/*.yml``) with ``ansible-playbook`` against emulators."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import sent_passwords

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PLAYBOOKS = REPO / 'playbooks'
CALLBACKS = Path(__file__).resolve().parent / 'callback_plugins'


class PlaybookRun(object):
    def __init__(self, rc, stdout, stderr, records):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.records = records

    def task(self, name):
        """The result of the (last) task whose name starts with ``name``."""
        found = [r['result'] for r in self.records if r['task'].startswith(name)]
        assert found, 'no task %r ran:\n%r' % (name, self)
        return found[-1]

    def __repr__(self):
        return 'PlaybookRun(rc=%s)\nSTDOUT:\n%s\nSTDERR:\n%s' % (self.rc, self.stdout[-6000:], self.stderr[-2000:])


def emulator_env(emulator):
    """The TCX_* variables that point the modules at ``emulator`` (as an AWX credential would)."""
    env = {'TCX_URL': emulator.url, 'TCX_CLIENT_ID': emulator.client_id, 'TCX_CLIENT_SECRET': emulator.client_secret}
    if emulator.ca_file:
        env['TCX_CA_PATH'] = emulator.ca_file
    return env


def run_playbook(tmp_path, playbook, emulator=None, extra_vars=None, check=False, diff=False, inventory=None,
                 env=None, extra_args=(), secrets=(), expect_rc=0):
    """Run ``playbook`` (a path, a name in ``playbooks/`` or ``tcx.xapi.<name>``) and return a :class:`PlaybookRun`.

    ``emulator`` provides the connection through TCX_* variables; ``secrets`` (plus the emulator's
    client secret) must not appear in the output.
    """
    if not str(playbook).startswith('tcx.xapi.'):  # else the installed collection's playbook, by name
        playbook = Path(playbook) if os.path.isabs(str(playbook)) else PLAYBOOKS / playbook
    results = tmp_path / ('results-%s.jsonl' % os.urandom(4).hex())
    command = [str(BIN / 'ansible-playbook'), str(playbook)]
    if inventory is None:
        inventory = tmp_path / 'localhost.ini'
        inventory.write_text('localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
    command += ['-i', str(inventory)]
    if extra_vars:
        vars_file = tmp_path / ('vars-%s.json' % os.urandom(4).hex())
        vars_file.write_text(json.dumps(extra_vars))
        command += ['-e', '@%s' % vars_file]
    if check:
        command.append('--check')
    if diff:
        command.append('--diff')
    command.extend(extra_args)
    run_env = dict((k, v) for k, v in os.environ.items() if not k.startswith('TCX_') or k == 'TCX_XAPI_SPEC_DIR')
    run_env.update({
        'PATH': '%s:%s' % (BIN, os.environ.get('PATH', '')),
        'ANSIBLE_COLLECTIONS_PATH': str(REPO / '.build'),
        'ANSIBLE_CALLBACK_PLUGINS': str(CALLBACKS),
        'ANSIBLE_CALLBACKS_ENABLED': 'tcx_test_results',
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_RETRY_FILES_ENABLED': '0',
        'ANSIBLE_LOCALHOST_WARNING': '0',
        'ANSIBLE_HOME': str(tmp_path / 'ansible-home'),
        'TCX_TEST_RESULTS': str(results),
        'TCX_TOKEN_CACHE_DIR': str(tmp_path / 'token-cache'),
    })
    if emulator is not None:
        run_env.update(emulator_env(emulator))
    run_env.update(env or {})
    proc = subprocess.run(command, capture_output=True, text=True, env=run_env, timeout=600, cwd=str(tmp_path),
                          check=False)
    records = [json.loads(line) for line in results.read_text().splitlines() if line] if results.exists() else []
    run = PlaybookRun(proc.returncode, proc.stdout, proc.stderr, records)
    hidden = list(secrets)
    if emulator is not None:
        hidden += [emulator.client_secret] + list(sent_passwords(emulator))
    results = json.dumps(records)
    for secret in hidden:
        assert secret not in proc.stdout and secret not in proc.stderr, 'a secret leaked into the output'
        assert secret not in results, 'a secret leaked into a task result'
    if expect_rc is not None:
        assert proc.returncode == expect_rc, run
    return run
