# -*- coding: utf-8 -*-
"""Every module's EXAMPLES block is valid and runs against the emulator (in check mode: nothing is written)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import re
from pathlib import Path

import pytest
import yaml

from conftest import PLAYBOOKS

REPO = Path(__file__).resolve().parents[2]
MODULES = sorted((REPO / 'plugins' / 'modules').glob('tcx_*.py'))
OFFICE = yaml.safe_load((PLAYBOOKS / 'vars' / 'demo_office.yml').read_text(encoding='utf-8'))


# Connection options of the examples point at a real PBX: the test drops them, so the emulator's
# connection (module_defaults of the test play) is used instead.
CONNECTION = ('url', 'client_id', 'client_secret', 'validate_certs', 'ca_path', 'access_token')


def examples(path):
    """The EXAMPLES tasks of a plugin file (the tasks of its plays, if it shows whole plays), read without importing it."""
    for node in ast.parse(path.read_text(encoding='utf-8')).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ['EXAMPLES']:
            items = yaml.safe_load(node.value.value)
            return [task for item in items for task in (item.get('tasks', []) if 'hosts' in item else [item])]
    raise AssertionError('%s has no EXAMPLES' % path.name)


def for_the_emulator(task):
    """The task without its connection options."""
    task = dict(task)
    for name, options in list(task.items()):
        if name.startswith('tcx.xapi.') and isinstance(options, dict):
            task[name] = dict((k, v) for k, v in options.items() if k not in CONNECTION)
    return task


def test_every_module_has_examples_that_use_it():
    for path in MODULES:
        tasks = examples(path)
        assert isinstance(tasks, list) and tasks, path.name
        assert any('tcx.xapi.%s' % path.stem in task for task in tasks), path.name
        assert all(task.get('name') for task in tasks), path.name


@pytest.mark.parametrize('path', MODULES, ids=[p.stem for p in MODULES])
def test_module_examples_run_in_check_mode(path, emulator, play, tmp_path):
    """After provisioning the demo office, the examples run with --check: no error, no write.

    An example that reads a state file (``state/pbx1.yml`` next to the playbook) finds the office there,
    as playbooks/backup.yml would have written it."""
    # The office of the demo, and the user 100 that the tcx_user_info examples look for.
    users = OFFICE['tcx_users'] + [{'extension': '100', 'first_name': 'John', 'last_name': 'Doe',
                                    'email': 'john.doe@example.com'}]
    office = {'departments': OFFICE['tcx_departments'], 'users': users,
              'parkings': OFFICE['tcx_parkings'], 'livechats': OFFICE['tcx_livechats']}
    seeded = play([{'tcx.xapi.tcx_config': office, 'no_log': True}])
    assert seeded.rc == 0, seeded
    emulator.clear_requests()
    tasks = [for_the_emulator(task) for task in examples(path)]
    # Values the examples take from a vault get a stand-in.
    vaulted = sorted(set(re.findall(r'\b(vault_[a-z_]+)', yaml.safe_dump(tasks))))
    (tmp_path / 'state').mkdir()
    (tmp_path / 'state' / 'pbx1.yml').write_text(yaml.safe_dump(dict(('tcx_' + k, v) for k, v in office.items())))
    result = play(tasks, check=True, workdir=tmp_path,
                  play={'vars': dict((name, 'Stand-in-secret-%d' % i) for i, name in enumerate(vaulted))})
    assert result.rc == 0, result
    assert emulator.writes() == []
