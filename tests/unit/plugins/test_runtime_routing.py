# -*- coding: utf-8 -*-
"""meta/runtime.yml gives every module to the action group; plugins/action gives each the one action plugin.

A module added without its ``action_groups`` entry loses ``module_defaults: group/tcx.xapi.all``; one added
without its file in plugins/action (the one action plugin under its name, tools/action_plugins.py) runs as a
module process, seven times slower per task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'tools'))
import action_plugins  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
RUNTIME = yaml.safe_load((REPO / 'meta' / 'runtime.yml').read_text(encoding='utf-8'))
MODULES = sorted(path.stem for path in (REPO / 'plugins' / 'modules').glob('tcx_*.py'))
THE_ACTION_PLUGIN = 'tcx_config'


def test_every_module_is_in_the_action_group():
    assert sorted(RUNTIME['action_groups']['all']) == MODULES


def test_nothing_is_routed():
    """A module's ``action_plugin`` route would be loaded only in the forked worker, and ansible-core 2.17 reports
    it as the task's action; a redirected action makes ansible-lint's fqcn[canonical] name the plugin as every
    module's canonical name. The files below do what a route would, without either."""
    assert 'plugin_routing' not in RUNTIME


def test_each_module_has_the_one_action_plugin_under_its_name():
    """ansible-core's strategies load the action plugin of a task's own name in the main process before they fork
    the task's worker, so the worker inherits requests and the registry already imported (0.03 instead of 0.17
    CPU-s per task). Each file is the one plugin's class and nothing else, as tools/action_plugins.py writes it;
    none is a symlink (antsibull-docs would document the module as a redirect to the link's target)."""
    action = REPO / 'plugins' / 'action'
    assert sorted(p.stem for p in action.glob('*.py')) == MODULES
    assert [p.name for p in action.glob('*.py') if p.is_symlink()] == []
    wrong = [str(path.name) for path, content in action_plugins.expected().items() if path.read_text(encoding='utf-8') != content]
    assert wrong == [], 'run python3 tools/action_plugins.py: %s' % wrong
