# -*- coding: utf-8 -*-
"""meta/runtime.yml gives every module to the action group; plugins/action gives each the one action plugin.

A module added without its ``action_groups`` entry loses ``module_defaults: group/tcx.xapi.all``; one added
without its name in plugins/action (a symlink to the one action plugin) runs as a module process, seven times
slower per task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
RUNTIME = yaml.safe_load((REPO / 'meta' / 'runtime.yml').read_text(encoding='utf-8'))
MODULES = sorted(path.stem for path in (REPO / 'plugins' / 'modules').glob('tcx_*.py'))
THE_ACTION_PLUGIN = 'tcx_config'


def test_every_module_is_in_the_action_group():
    assert sorted(RUNTIME['action_groups']['all']) == MODULES


def test_nothing_is_routed():
    """A module's ``action_plugin`` route would be loaded only in the forked worker, and ansible-core 2.17 reports
    it as the task's action; a redirected action makes ansible-lint's fqcn[canonical] name the plugin as every
    module's canonical name. The links below do what a route would, without either."""
    assert 'plugin_routing' not in RUNTIME


def test_the_one_action_plugin_is_the_only_action_plugin_file():
    """Every module's name in plugins/action is a relative symlink to the one plugin: ansible-core's strategies
    load the action plugin of a task's own name in the main process before they fork the task's worker, so the
    worker inherits requests and the registry already imported (0.03 instead of 0.17 CPU-s per task)."""
    action = REPO / 'plugins' / 'action'
    files = sorted(p.name for p in action.glob('*.py') if not p.is_symlink())
    links = dict((p.stem, p.readlink()) for p in action.glob('*.py') if p.is_symlink())
    assert files == [THE_ACTION_PLUGIN + '.py']
    assert sorted(links) == [m for m in MODULES if m != THE_ACTION_PLUGIN]
    assert set(str(target) for target in links.values()) == {THE_ACTION_PLUGIN + '.py'}
