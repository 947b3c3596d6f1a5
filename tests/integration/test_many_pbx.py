# -*- coding: utf-8 -*-
"""The documented inventory pattern for many PBXs: one host per PBX, vaulted secrets, tasks on the controller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import subprocess
import sys
from pathlib import Path

import yaml
from tcx_emulator.pytest_plugin import start_emulator

from conftest import run_ansible

BIN = Path(sys.executable).parent
PBXS = (('pbx-berlin', '901', 'berlin-secret-1'), ('pbx-paris', '902', 'paris-secret-2'), ('pbx-rome', '903', 'rome-secret-3'))


def test_one_play_converges_three_pbxs_with_their_own_vaulted_credentials(tmp_path):
    with contextlib.ExitStack() as stack:
        emulators = dict((host, stack.enter_context(start_emulator('--principal', '%s:%s' % (client_id, secret))))
                         for host, client_id, secret in PBXS)
        inventory = tmp_path / 'inventory'
        (inventory / 'host_vars').mkdir(parents=True)
        (inventory / 'hosts.yml').write_text(yaml.safe_dump({'pbx': {
            'hosts': dict((host, None) for host, dummy, dummy2 in PBXS),
            'vars': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable,
                     'tcx_departments': [{'name': 'Office {{ inventory_hostname }}'}]}}}))
        secret_files = []
        for host, client_id, secret in PBXS:
            (inventory / 'host_vars' / host).mkdir()
            (inventory / 'host_vars' / host / 'connection.yml').write_text(yaml.safe_dump(
                {'tcx_url': emulators[host].url, 'tcx_client_id': client_id}))
            secret_file = inventory / 'host_vars' / host / 'vault.yml'
            secret_file.write_text(yaml.safe_dump({'tcx_client_secret': secret}))
            secret_files.append(str(secret_file))
        password_file = tmp_path / 'vault-password'
        password_file.write_text('correct horse battery staple\n')
        subprocess.run([str(BIN / 'ansible-vault'), 'encrypt', '--vault-password-file', str(password_file)] + secret_files,
                       check=True, capture_output=True)
        assert all(Path(f).read_text().startswith('$ANSIBLE_VAULT') for f in secret_files)

        run = run_ansible('provision.yml', list(emulators.values()), extra_vars={'tcx_hosts': 'pbx'}, inventory=inventory,
                          extra_args=['--forks', '3', '--vault-password-file', str(password_file)], workdir=tmp_path,
                          expect_rc=0)
        assert 'ok=' in run.stdout and run.stdout.count('changed=1') >= 3, run
        for host, dummy, dummy2 in PBXS:
            names = sorted(g['Name'] for g in emulators[host].state()['groups'])
            assert names == ['DEFAULT', 'Office %s' % host], (host, names)
