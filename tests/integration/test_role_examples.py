# -*- coding: utf-8 -*-
"""The provision role's documented examples (meta/argument_specs.yml) run against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import scan_for_secrets

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def role_examples():
    spec = yaml.safe_load((REPO / 'roles' / 'provision' / 'meta' / 'argument_specs.yml').read_text(encoding='utf-8'))
    return yaml.safe_load(spec['argument_specs']['main']['examples'])


def test_role_examples_run_as_documented(emulator, tmp_path):
    """Both example plays, as written: the first with an inventory group pbx, the second with TCX_* variables."""
    plays = role_examples()
    assert [play['hosts'] for play in plays] == ['pbx', 'localhost']
    (tmp_path / 'site.yml').write_text(yaml.safe_dump(plays, sort_keys=False), encoding='utf-8')
    (tmp_path / 'users.csv').write_text('first_name,last_name,email,extension,department,role\n'
                                        'Grace,Hopper,grace@example.com,202,Sales,users\n', encoding='utf-8')
    (tmp_path / 'hosts.yml').write_text(yaml.safe_dump({'pbx': {'hosts': {'pbx-one': {
        'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable, 'tcx_url': emulator.url,
        'tcx_client_id': emulator.client_id, 'tcx_client_secret': emulator.client_secret}}}}), encoding='utf-8')
    env = dict(os.environ, PATH='%s:%s' % (BIN, os.environ['PATH']), ANSIBLE_COLLECTIONS_PATH=str(REPO / '.build'),
               ANSIBLE_HOME=str(tmp_path / 'ansible-home'), ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0',
               TCX_TOKEN_CACHE_DIR=str(tmp_path / 'tokens'), TCX_URL=emulator.url,
               TCX_CLIENT_ID=emulator.client_id, TCX_CLIENT_SECRET=emulator.client_secret)
    proc = subprocess.run([str(BIN / 'ansible-playbook'), '-i', 'hosts.yml', '-e',
                           'ansible_python_interpreter=%s' % sys.executable, '--diff', 'site.yml'],
                          capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    scan_for_secrets({emulator.client_secret: 'the emulator client secret'}, set(), proc.stdout, proc.stderr, [])
    state = emulator.state()
    # The first play created Sales, Ada (201) and the CSV's Grace (202) and a parking; the second pruned to Ada.
    assert [g['Name'] for g in state['groups'] if g['Name'] == 'Sales'] == ['Sales']
    assert sorted(u['Number'] for u in state['users']) == ['201']
    shown = proc.stdout[proc.stdout.index('TASK [Show what changed]'):]
    assert '"users": {' in shown and '"create": 2' in shown.split('"users": {')[1].split('}')[0], shown[:2000]
