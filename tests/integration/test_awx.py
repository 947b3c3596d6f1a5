# -*- coding: utf-8 -*-
"""AWX / AAP: the collection's requirements for an execution environment, and the custom credential type.

The execution environment's build context is tested in tests/packaging/test_release.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess
import sys
from pathlib import Path

import yaml

from awx_job import credential_environment

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_ansible_builder_reads_the_collections_python_requirements():
    proc = subprocess.run([str(BIN / 'ansible-builder'), 'introspect', str(REPO / '.build')],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    found = yaml.safe_load(proc.stdout.split('\n', 1)[1])
    assert found['python'] == ['requests>=2.28  # from collection tcx.xapi', 'grandalf>=0.8  # from collection tcx.xapi']


def test_the_credential_types_environment_alone_drives_a_module(emulator, play, api):
    env = credential_environment({'url': emulator.url, 'client_id': emulator.client_id,
                                  'client_secret': emulator.client_secret})
    assert sorted(env) == ['TCX_CLIENT_ID', 'TCX_CLIENT_SECRET', 'TCX_URL', 'TCX_VALIDATE_CERTS']
    result = play([{'tcx.xapi.tcx_department': {'name': 'Injected'}}], defaults=False, env=env)
    assert result.rc == 0, result
    assert result.result()['changed'] is True
    assert len(api.find('Groups', "Name eq 'Injected'")) == 1


def test_a_wrong_secret_in_the_credential_fails_the_module_without_showing_it(emulator, play):
    env = credential_environment({'url': emulator.url, 'client_id': emulator.client_id,
                                  'client_secret': 'not-the-secret-42'})
    result = play([{'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'}}], defaults=False, env=env)
    assert result.rc == 2 and '401' in result.result()['msg']
