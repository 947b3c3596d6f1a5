# -*- coding: utf-8 -*-
"""The info base: which queries a selection turns into (no HTTP: a fake client records them)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils import info
from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY, kind_named

USERS = kind_named('users')
LIVECHATS = kind_named('livechats')

GROUPS_EXPAND = 'Groups($select=GroupId,Name;$expand=Rights($select=RoleName))'


class FakeModule(object):
    def __init__(self, params):
        self.params = params
        self.check_mode = False
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


class FakeClient(object):
    """Answers ``get`` (department lookup) and ``get_all`` from canned data and records every call."""

    def __init__(self, department=None, members=(), entities=()):
        self.department = department
        self.members = list(members)
        self.entities = list(entities)
        self.calls = []

    def get(self, path, params=None):
        self.calls.append(('get', path, params))
        return {'value': [self.department] if self.department else []}

    def get_all(self, path, filter_expr=None, select=None, expand=None, orderby='Id'):
        self.calls.append(('get_all', path, filter_expr, select, expand, orderby))
        if path.endswith('/Members'):
            return self.members
        return [e for e in self.entities if filter_expr is None or e['Number'] in filter_expr]


def query(kind, client, **options):
    params = dict((name, None) for name in info.info_argument_spec(kind))
    params.update(options)
    module = FakeModule(params)
    return info.query(kind, Context(module, client, kinds=REGISTRY)), module


def test_no_selector_reads_the_whole_set_in_id_order_with_memberships_and_forwarding_profiles():
    client = FakeClient()
    query(USERS, client)
    assert client.calls == [('get_all', 'Users', None, None, ['ForwardingProfiles', GROUPS_EXPAND, 'Phones'], 'Id')]


def test_selectors_and_raw_filter_are_joined_with_and_and_values_quoted():
    client = FakeClient()
    query(USERS, client, extension='100', email="O'Brien@Example.com", filter='Enabled eq true or Internal eq true')
    assert client.calls[0][2] == ("(Enabled eq true or Internal eq true) and (Number eq '100') and "
                                  "(tolower(EmailAddress) eq 'o''brien@example.com')")


def test_select_always_keeps_the_order_key_and_expands_navigation_properties():
    assert info.projection(USERS, ['Number']) == (['Number', 'Id'], None)
    assert info.projection(USERS, ['Groups', 'Number']) == (['Number', 'Id'], [GROUPS_EXPAND])
    assert info.projection(LIVECHATS, ['Name']) == (['Name', 'Link'], None)


def test_department_members_are_queried_by_number_in_chunks_and_merged_in_order():
    members = [{'Id': n, 'Number': str(n)} for n in range(100, 145)]
    entities = [{'Id': 1000 - n, 'Number': str(n)} for n in range(100, 145)]
    client = FakeClient({'Id': 7, 'Name': 'Sales', 'Number': 'GRP0001'}, members, entities)
    found, _module = query(USERS, client, department='Sales')
    members_call = client.calls[1]
    assert members_call[:3] == ('get_all', 'Groups(7)/Members', "Type eq 'Extension'")
    user_calls = [c for c in client.calls if c[1] == 'Users']
    assert len(user_calls) == 2
    assert user_calls[0][2].count('Number eq') == 40 and user_calls[1][2].count('Number eq') == 5
    assert [e['Id'] for e in found] == sorted(e['Id'] for e in entities)


def test_department_without_members_reads_no_entities():
    client = FakeClient({'Id': 7, 'Name': 'Empty', 'Number': 'GRP0009'})
    found, _module = query(USERS, client, department='Empty')
    assert found == []
    assert [c[1] for c in client.calls] == ['Groups', 'Groups(7)/Members']


def test_unknown_department_matches_nothing_and_warns():
    client = FakeClient()
    found, module = query(USERS, client, department="Bob's")
    assert found == []
    assert client.calls == [('get', 'Groups', {'$filter': "tolower(Name) eq 'bob''s'", '$select': 'Id,Name,Number', '$top': '1'})]
    assert module.warnings == ['no department named "Bob\'s" on the PBX: nothing matches']


def test_livechat_department_filters_on_the_group_number():
    client = FakeClient({'Id': 7, 'Name': 'Sales', 'Number': 'GRP0001'})
    query(LIVECHATS, client, department='Sales', link='sales')
    assert client.calls[1] == ('get_all', 'WebsiteLinks', "(Link eq 'sales') and (Group eq 'GRP0001')",
                               None, ['DN'], 'Link')
