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


REFERENCING = ['plugins/module_utils/%s.py' % name for name in ('destinations', 'references', 'extensions', 'usage')]


@pytest.mark.parametrize('path', REFERENCING + ['plugins/module_utils/kinds/%s.py' % kind.__module__.rsplit('.', 1)[1] for kind in KINDS])
def test_kinds_and_references_reach_other_kinds_through_the_context_not_the_registry(path):
    with open(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', path)) as source:
        text = source.read()
    assert 'module_utils.registry' not in text, '%s imports the registry, which imports every kind: use ctx.kinds' % path


def test_the_kinds_answer_to_destination_targets_once_and_name_the_nameable_ones():
    from ansible_collections.tcx.xapi.plugins.module_utils.destinations import DESTINATION, IVR_FORWARD, NAMED
    answered = [to for kind in KINDS for to in kind.answers_to]
    assert len(answered) == len(set(answered)), 'a destination target is answered by two kinds: %s' % answered
    unknown = sorted(set(answered) - (DESTINATION.carries_number | IVR_FORWARD.carries_number))
    assert unknown == [], 'answers_to names no destination target that carries a number: %s' % unknown
    by_name = sorted(to for kind in KINDS if kind.key_option == 'name' for to in kind.answers_to)
    assert sorted(NAMED) == by_name, 'destinations.NAMED must list the targets of the kinds named by name: %s' % by_name
