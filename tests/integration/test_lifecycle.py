# -*- coding: utf-8 -*-
"""One lifecycle for every kind of the registry, on each PBX version where the kind's requests differ.

Per kind and version two plays of several steps (tasks) run against a fresh emulator; each test
below checks one behaviour from the results and the request log of its steps (conftest
:meth:`PlayResult.requests`). The kind's parameters are in ``kind_cases/<plural>.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import importlib
import re
from pathlib import Path

import pytest
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS, kind_named
from tcx_emulator.pytest_plugin import start_emulator

from conftest import PBX_SECRETS, body_errors, run_play

CASES = Path(__file__).resolve().parent / 'kind_cases'


def case_of(plural):
    """The test parameters of a kind (``kind_cases/<plural>.py``)."""
    if not (CASES / (plural + '.py')).is_file():
        pytest.fail('the kind %r has no test parameters: add tests/integration/kind_cases/%s.py' % (plural, plural))
    return importlib.import_module('kind_cases.' + plural)


def versions(plural):
    return case_of(plural).VERSIONS if (CASES / (plural + '.py')).is_file() else ('20.0.10',)


RUNS = [pytest.param(kind.plural, version, id='%s-%s' % (kind.plural, version))
        for kind in KINDS for version in versions(kind.plural)]
# A singleton (the office hours) is never created nor deleted: its "create" sets the options of the one object.
DELETABLE = [run for run in RUNS if not kind_named(run.values[0]).singleton]


def test_every_kind_has_test_parameters_and_every_parameter_file_a_kind():
    files = sorted(path.stem for path in CASES.glob('*.py') if path.stem != '__init__')
    assert [p for p in PLURALS if p not in files] == [], 'kinds without kind_cases/<plural>.py'
    assert [f for f in files if f not in PLURALS] == [], 'kind_cases files for kinds the registry does not have'


class Lifecycle(object):
    """The two plays of one kind on one PBX version, and what the emulator held after each."""

    def __init__(self, plural, version):
        self.kind = kind_named(plural)
        self.case = case_of(plural)
        self.version = version
        module = 'tcx.xapi.' + self.kind.module
        key = {} if self.kind.singleton else {self.kind.key_option: self.case.PRESENT[self.kind.key_option]}
        fed_back = {module: '{{ info.%s }}' % plural} if self.kind.singleton else \
            {module: '{{ item }}', 'loop': '{{ info.%s }}' % plural}
        steps = [
            ('create in check mode', {module: self.case.PRESENT, 'check_mode': True}),
            ('create', {module: self.case.PRESENT}),
            ('create again', {module: self.case.PRESENT}),
            ('update in check mode', {module: dict(key, **self.case.UPDATE), 'check_mode': True}),
            ('update', {module: dict(key, **self.case.UPDATE)}),
            ('info', {module + '_info': {}, 'register': 'info'}),
            ('info items to the module', fed_back),
            ('info items to tcx_config', {'tcx.xapi.tcx_config': {plural: '{{ info.%s }}' % plural}}),
        ]
        if self.case.PREREQUISITES:
            steps.insert(0, ('prerequisites', {'tcx.xapi.tcx_config': self.case.PREREQUISITES}))
        absent = dict(key, state='absent')
        with start_emulator('--pbx-version', version) as emulator:
            self.present = run_play(emulator, [dict(task, name=name) for name, task in steps])
            self.state = emulator.state()
            self.absent = None
            if not self.kind.singleton:
                self.absent = run_play(emulator, [{'name': 'absent in check mode', module: absent, 'check_mode': True},
                                                  {'name': 'absent', module: absent},
                                                  {'name': 'absent again', module: absent}], expect_rc=0)
            self.final_state = emulator.state()
            self.body_errors = body_errors(emulator)
        assert self.present.rc == 0, self.present

    def step(self, name):
        """``(play, record index)`` of the step called ``name``."""
        for play in (self.present, self.absent or self.present):
            for index, record in enumerate(play.records):
                if record['task'] == name:
                    return play, index
        raise AssertionError('no step %r ran' % name)

    def result(self, name):
        play, index = self.step(name)
        return play.records[index]['result']

    def writes(self, name):
        play, index = self.step(name)
        return play.writes(index)

    def reads(self, name):
        play, index = self.step(name)
        return sorted((r['method'], r['path']) for r in play.requests(index) if r['path'].startswith('/xapi/'))

    def logins(self, name):
        play, index = self.step(name)
        return [r for r in play.requests(index) if r['path'] == '/connect/token']


@functools.lru_cache(maxsize=None)
def lifecycle(plural, version):
    """The lifecycle of ``plural`` on PBX ``version``, run once per test process."""
    return Lifecycle(plural, version)


def only(options, shape):
    """The part of ``options`` that ``shape`` (options, possibly nested) names."""
    return dict((k, only(options[k], v) if isinstance(v, dict) else options[k]) for k, v in shape.items())


def merged(options, changes):
    result = dict(options)
    for name, value in changes.items():
        result[name] = merged(result.get(name) or {}, value) if isinstance(value, dict) else value
    return result


def secret_options(kind):
    return [f.option for f in kind.fields if f.secret]


def assert_option_shape(kind, value, key):
    """``value`` is an object in the options' shape: option names only, its key, no secret."""
    options = [f.option for f in kind.fields]
    assert [name for name in value if name not in options] == [], value
    if not kind.singleton:
        assert value[kind.key_option] == key
    assert [name for name in secret_options(kind) if name in value] == []


@pytest.mark.parametrize('plural, version', RUNS)
def test_create_in_check_mode_writes_nothing_and_shows_the_diff_of_the_real_create(plural, version):
    run = lifecycle(plural, version)
    checked, created = run.result('create in check mode'), run.result('create')
    assert run.writes('create in check mode') == []
    assert checked['changed'] is True and created['changed'] is True
    before = getattr(run.case, 'DIFF_BEFORE', {})  # a singleton's options before they are set
    assert checked['diff'] == created['diff'] == {'before': before, 'after': run.case.DIFF_AFTER}
    writes = run.writes('create')
    assert len(writes) == len(run.case.CREATE_WRITES), writes
    for (method, path, dummy), (expected_method, pattern) in zip(writes, run.case.CREATE_WRITES):
        assert method == expected_method and re.search(pattern, path), (method, path)
    if hasattr(run.case, 'CREATE_BODY'):
        posted = [body for method, path, body in writes if path == '/xapi/v1/' + run.kind.entity_set]
        assert posted == [run.case.CREATE_BODY(run.state)]


@pytest.mark.parametrize('plural, version', RUNS)
def test_results_are_in_the_options_shape_and_the_raw_object_has_no_secret(plural, version):
    run = lifecycle(plural, version)
    kind, key = run.kind, run.case.PRESENT.get(run.kind.key_option)
    created, again = run.result('create'), run.result('create again')
    shown = dict((k, v) for k, v in run.case.DIFF_AFTER.items() if k not in secret_options(kind))
    for result in (created, again, run.result('update')):
        assert_option_shape(kind, result[kind.result_key], key)
        assert kind.singleton or kind.key_of(result['raw']) == key
        assert [p for p in PBX_SECRETS if p in result['raw']] == []
    assert only(created[kind.result_key], shown) == shown
    # What a create reports is what the PBX reports for the object from then on.
    assert created[kind.result_key] == again[kind.result_key]


@pytest.mark.parametrize('plural, version', RUNS)
def test_a_run_that_changes_nothing_writes_nothing_within_its_request_budget(plural, version):
    run = lifecycle(plural, version)
    again = run.result('create again')
    assert again['changed'] is False
    assert again['diff']['before'] == again['diff']['after']
    budget = run.case.NOOP_READS
    assert run.reads('create again') == sorted(budget[version] if isinstance(budget, dict) else budget)
    assert run.logins('create again') == []  # the play's token is reused


@pytest.mark.parametrize('plural, version', RUNS)
def test_one_changed_option_sends_one_patch_with_only_that_property(plural, version):
    run = lifecycle(plural, version)
    checked, updated = run.result('update in check mode'), run.result('update')
    held_before = run.result('create again')[run.kind.result_key]
    expected = {'before': only(held_before, run.case.UPDATE), 'after': run.case.UPDATE}
    assert checked['changed'] is True and updated['changed'] is True
    assert checked['diff'] == updated['diff'] == expected
    assert run.writes('update in check mode') == []
    (method, path, body), = run.writes('update')
    entity = '/xapi/v1/' + getattr(run.case, 'PATCH_PATH', run.kind.entity_set)  # the settings: the section's own path
    assert method == 'PATCH' and (path == entity if run.kind.singleton else path.startswith(entity + '(')), path
    assert body == run.case.PATCH(run.state)
    assert run.case.held(run.state) == run.case.HELD_AFTER_UPDATE
    assert only(updated[run.kind.result_key], run.case.UPDATE) == run.case.UPDATE


@pytest.mark.parametrize('plural, version', RUNS)
def test_info_items_given_unchanged_to_the_module_and_to_tcx_config_change_nothing(plural, version):
    run = lifecycle(plural, version)
    kind = run.kind
    items, raw = run.result('info')[plural], run.result('info')['raw']
    if kind.singleton:  # one dict, not a list
        items, raw = [items], [raw]
    updated = run.result('update')[kind.result_key]
    if kind.singleton:  # the one object; a module result holds the parts it manages (the settings: the sections given)
        assert dict((name, items[0].get(name)) for name in updated) == updated
    else:
        assert [i for i in items if i[kind.key_option] == updated[kind.key_option]] == [updated]
    for item in items:
        assert_option_shape(kind, item, item.get(kind.key_option))
    assert len(raw) == len(items)
    looped = run.result('info items to the module')
    assert looped['changed'] is False and len(looped.get('results', [looped])) == len(items)
    assert run.writes('info items to the module') == []
    converged = run.result('info items to tcx_config')
    assert converged['changed'] is False and converged['summary'][plural]['unchanged'] == len(items)
    assert run.writes('info items to tcx_config') == []


@pytest.mark.parametrize('plural, version', DELETABLE)
def test_absent_deletes_once_and_absent_again_changes_nothing(plural, version):
    run = lifecycle(plural, version)
    checked, deleted, again = run.result('absent in check mode'), run.result('absent'), run.result('absent again')
    assert checked['changed'] is True and run.writes('absent in check mode') == []
    assert deleted['changed'] is True and deleted['diff']['after'] == {}
    assert checked['diff'] == deleted['diff']
    held = merged(run.case.DIFF_AFTER, run.case.UPDATE)  # and the options the object has by default
    assert only(deleted['diff']['before'], held) == held
    assert deleted[run.kind.result_key] == {}
    writes = run.writes('absent')
    assert len(writes) == len(run.case.DELETE_WRITES), writes
    for (method, path, dummy), (expected_method, pattern) in zip(writes, run.case.DELETE_WRITES):
        assert method == expected_method and re.search(pattern, path), (method, path)
    assert run.case.held(run.final_state) is None
    assert again['changed'] is False and run.writes('absent again') == []


@pytest.mark.parametrize('plural, version', RUNS)
def test_every_request_body_of_the_lifecycle_matches_the_spec(plural, version):
    assert lifecycle(plural, version).body_errors == []
