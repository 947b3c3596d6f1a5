# -*- coding: utf-8 -*-
"""The provision role's documented examples (meta/argument_specs.yml) run against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys
from pathlib import Path

import yaml

from conftest import emulator_env, run_ansible

REPO = Path(__file__).resolve().parents[2]


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
    proc = run_ansible(tmp_path / 'site.yml', emulator, inventory=tmp_path / 'hosts.yml', env=emulator_env(emulator),
                       workdir=tmp_path, expect_rc=0)
    state = emulator.state()
    # The first play created Sales, Ada (201) and the CSV's Grace (202) and a parking; the second pruned to Ada.
    assert [g['Name'] for g in state['groups'] if g['Name'] == 'Sales'] == ['Sales']
    assert sorted(u['Number'] for u in state['users']) == ['201']
    shown = proc.stdout[proc.stdout.index('TASK [Show what changed]'):]
    assert '"users": {' in shown and '"create": 2' in shown.split('"users": {')[1].split('}')[0], shown[:2000]
