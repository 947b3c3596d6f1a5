# -*- coding: utf-8 -*-
"""The former name of the runner of the collection's own playbooks: a thin alias of ``conftest.run_ansible``.

Kept only until the playbook and role tests call :func:`conftest.run_ansible` themselves.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from conftest import emulator_env, run_ansible
# PLAYBOOKS and REPO: the playbook tests import them from here.
from conftest import PLAYBOOKS, REPO  # noqa: F401 # pylint: disable=unused-import


def run_playbook(tmp_path, playbook, emulator=None, env=None, diff=None, expect_rc=0, **options):
    """``run_ansible(playbook, emulator, ...)`` in ``tmp_path`` with the connection in TCX_* variables.

    ``diff`` is ignored: every run is ``--diff``.
    """
    del diff
    connection_env = dict(emulator_env(emulator), **(env or {})) if emulator is not None else env
    return run_ansible(playbook, [emulator] if emulator is not None else [], env=connection_env,
                       expect_rc=expect_rc, workdir=tmp_path, **options)
