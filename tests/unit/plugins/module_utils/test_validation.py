# -*- coding: utf-8 -*-
"""The fast path of item validation (module_utils/validation.py) returns exactly what ansible-core's
ArgumentSpecValidator returns, for generated items of every kind, and steps aside whenever that validation would
convert a value or name a problem."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.tcx.xapi.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS
from ansible_collections.tcx.xapi.plugins.module_utils.validation import validated


def item_spec(kind):
    spec = kind.argument_spec()
    for option in connection_argument_spec():
        spec.pop(option)
    return spec


SPECS = dict((kind.plural, item_spec(kind)) for kind in KINDS)
TEXT = st.text(alphabet='abcXYZ019 -_.|äé', max_size=6)


def value_of(entry, depth=0):
    """Values ansible-core's validation keeps as they are (mostly), or that it converts or refuses (sometimes)."""
    wanted = entry.get('type', 'str')
    choices = entry.get('choices')
    if wanted == 'list':
        element = options_of(entry['options'], depth + 1) if entry.get('options') else (
            st.sampled_from(choices) if choices else TEXT)
        good = st.lists(element, max_size=3)
    elif wanted == 'dict':
        good = options_of(entry['options'], depth + 1) if entry.get('options') else st.dictionaries(TEXT, TEXT, max_size=2)
    elif choices:
        good = st.sampled_from(choices)
    else:
        good = {'str': TEXT, 'bool': st.booleans(), 'int': st.integers(-5, 500)}[wanted]
    odd = st.one_of(st.none(), st.integers(0, 9), st.sampled_from(['yes', 'True', '5', 'nope']), st.booleans(), st.just([]))
    return st.one_of(good, good, good, odd)


def options_of(spec, depth=0):
    """A mapping of some options of ``spec``; now and then an option that it does not have."""
    if depth > 3:
        return st.just({})
    names = sorted(spec)
    fixed = dict((name, value_of(spec[name], depth)) for name in names if spec[name].get('required'))
    optional = dict((name, value_of(spec[name], depth)) for name in names if not spec[name].get('required'))
    mapping = st.fixed_dictionaries(fixed, optional=optional)
    return st.one_of(mapping, mapping, mapping, mapping.map(lambda m: dict(m, not_an_option='x')),
                     mapping.map(lambda m: dict((k, v) for k, v in list(m.items())[1:])))


@pytest.mark.parametrize('plural', sorted(SPECS))
def test_the_fast_path_returns_what_ansible_core_returns_or_steps_aside(plural):
    spec = SPECS[plural]
    validator = ArgumentSpecValidator(spec)
    taken = []

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(options_of(spec))
    def check(item):
        given_item = copy.deepcopy(item)
        fast = validated(spec, item)
        assert item == given_item  # the item is not changed
        if fast is None:
            return
        result = validator.validate(item)
        assert result.error_messages == [], (item, fast)
        assert fast == result.validated_parameters, item
        taken.append(item)

    check()
    assert taken, 'no generated %s item took the fast path' % plural


def test_the_fast_path_shares_no_list_or_dict_with_the_item():
    spec = SPECS['users']
    item = {'extension': '201', 'departments': [{'name': 'Sales', 'role': 'users'}],
            'forwarding': {'away': {'all_calls': {'to': 'voicemail'}}}}
    found = validated(spec, item)
    assert found is not None and found['departments'] == [{'name': 'Sales', 'role': 'users'}]
    found['departments'][0]['name'] = 'Changed'
    found['forwarding']['away']['all_calls']['to'] = 'extension'
    assert item['departments'][0]['name'] == 'Sales' and item['forwarding']['away']['all_calls']['to'] == 'voicemail'


@pytest.mark.parametrize('item', [
    {'extension': 201},  # an int for a str: ansible-core converts it
    {'extension': '201', 'enabled': 'yes'},  # a string for a bool: converted
    {'extension': '201', 'unknown': 1},  # an option the spec does not have: refused
    {'extension': '201', 'departments': [{'name': 'Sales', 'role': 'nope'}]},  # not one of the choices
    {'extension': '201', 'departments': 'Sales'},  # a string for a list
])
def test_what_ansible_core_would_convert_or_refuse_is_left_to_it(item):
    assert validated(SPECS['users'], item) is None
