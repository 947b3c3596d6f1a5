# -*- coding: utf-8 -*-
"""OData injection: a lookup by key finds exactly the intended entity or none, whatever the name.

Driven with the collection's own code (XAPIClient, EntityKind.find) against the emulator, not
through ansible-playbook, so that hypothesis can try ~100 names per property in seconds. The
emulator's store is replaced for every example (PUT /_emulator/state: fast, not logged).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIClient
from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.department import Department
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking

INJECTIONS = ["' or 1 eq 1", "x' or Name ne '", "') or (1 eq 1", "' or true or '", "'' or ''='",
              "Sales' or startswith(Name,'", "a)/Members", "$filter=Id gt 0", "%27 or 1 eq 1", "eq", "not",
              "(", ")", "'", "''", "\\'", "DEFAULT' or 'x' eq 'x", "Name eq 'DEFAULT'", "&$top=100", "#", "?"]
# Any printable unicode (no surrogates, no control characters), OData fragments, and both mixed.
TEXT = st.text(st.characters(blacklist_categories=('Cs', 'Cc')), min_size=1, max_size=24)
NAMES = st.one_of(TEXT, st.sampled_from(INJECTIONS),
                  st.tuples(TEXT, st.sampled_from(INJECTIONS), TEXT).map(''.join))
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def distinct(names):
    """Names the PBX accepts side by side: unique ignoring case (as department names are)."""
    seen, kept = set(), []
    for name in names:
        if name.strip() and name.lower() not in seen:
            seen.add(name.lower())
            kept.append(name)
    return kept


@pytest.fixture
def lookup(emulator):
    """``lookup(kind, **params)``: the entity ``kind.find`` returns for these module params."""
    client = XAPIClient(emulator.url, client_id=emulator.client_id, client_secret=emulator.client_secret)
    seed = emulator.state()

    def find(kind, **params):
        module = SimpleNamespace(params=dict(params, state='present'), check_mode=True)
        return kind.find(Context(module, client))

    def load(groups=(), parkings=()):
        state = dict(seed, next_id=10000,
                     groups=seed['groups'] + [{'Id': 100 + i, 'Number': 'GRP%04d' % (i + 1), 'Name': name}
                                              for i, name in enumerate(groups)],
                     parkings=[{'Id': 5000 + i, 'Number': number} for i, number in enumerate(parkings)])
        emulator.load_state(state)

    find.load = load
    return find


@SETTINGS
@given(names=st.lists(NAMES, min_size=1, max_size=4), probe=NAMES)
def test_department_lookup_by_name_finds_exactly_that_department_or_none(lookup, names, probe):
    names = distinct(names)
    lookup.load(groups=names)
    for index, name in enumerate(names):
        found = lookup(Department(), name=name, extension_range=None, limits=None)
        assert found is not None and found['Id'] == 100 + index and found['Name'] == name
    # The PBX compares department names ignoring case: so does the lookup.
    same = [index for index, name in enumerate(names) if name.lower() == probe.lower()]
    found = lookup(Department(), name=probe, extension_range=None, limits=None)
    assert (found['Id'] if found else None) == (100 + same[0] if same else None)


@SETTINGS
@given(numbers=st.lists(NAMES, min_size=1, max_size=4), probe=NAMES)
def test_parking_lookup_by_number_finds_exactly_that_parking_or_none(lookup, numbers, probe):
    numbers = distinct(numbers)
    lookup.load(parkings=numbers)
    for index, number in enumerate(numbers):
        found = lookup(Parking(), number=number, departments=None)
        assert found is not None and found['Id'] == 5000 + index and found['Number'] == number
    if probe.lower() not in [n.lower() for n in numbers]:
        assert lookup(Parking(), number=probe, departments=None) is None
