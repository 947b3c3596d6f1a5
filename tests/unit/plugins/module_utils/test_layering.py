# -*- coding: utf-8 -*-
"""The layers of module_utils: what reads the PBX imports no write engine, the kinds come from one registry."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS, kind_named

ENGINE = ('ansible_collections.tcx.xapi.plugins.module_utils.entity',
          'ansible_collections.tcx.xapi.plugins.module_utils.converge')
READ_ONLY = ['plugins.modules.tcx_system_info', 'plugins.modules.tcx_config_info', 'plugins.modules.tcx_token',
             'plugins.module_utils.info', 'plugins.module_utils.references', 'plugins.module_utils.timezones',
             'plugins.module_utils.links', 'plugins.filter.users_from_csv'] + ['plugins.modules.%s_info' % kind.module for kind in KINDS]


@pytest.mark.parametrize('name', READ_ONLY)
def test_read_only_code_imports_no_write_engine(name):
    code = ('import sys, importlib; importlib.import_module("ansible_collections.tcx.xapi.%s"); '
            'print([m for m in %r if m in sys.modules])' % (name, ENGINE))
    import ansible_collections
    root = os.path.dirname(list(ansible_collections.__path__)[0])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + sys.path))
    done = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.strip() == '[]', '%s imports %s' % (name, out.strip())


def test_every_kind_declares_what_the_registry_consumers_read():
    assert len(set(PLURALS)) == len(PLURALS)
    for kind in KINDS:
        assert kind_named(kind.plural) is kind
        keys = () if kind.singleton else ('key_option', 'key_property')  # the one object of a singleton has no key
        for attribute in ('name', 'plural', 'module', 'entity_set', 'result_key') + keys:
            assert getattr(kind, attribute), '%s lacks %s' % (type(kind).__name__, attribute)
        assert set(kind.refers_to) <= set(PLURALS[:PLURALS.index(kind.plural)]), (
            '%s refers to a kind that is not created before it' % kind.plural)


def test_an_unknown_plural_names_the_kinds():
    with pytest.raises(KeyError, match='the kinds are settings, departments, users'):
        kind_named('phones')
