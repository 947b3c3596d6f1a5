# -*- coding: utf-8 -*-
"""tcx_user's declaration and hooks without a PBX: plans, payloads, validation, secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.entity import Engine
from ansible_collections.tcx.xapi.plugins.module_utils.fields import SECRET_CHANGED_MASK, SECRET_MASK, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.links import check_link_name
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User, generate_password
from ansible_collections.tcx.xapi.plugins.module_utils.references import directory
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY, kind_named


class FakeModule(object):
    def __init__(self, params, check_mode=False):
        self.params = params
        self.check_mode = check_mode
        self._diff = True
        self.no_log_values = set()


def user_params(**options):
    spec = User().argument_spec()
    params = dict((name, entry.get('default')) for name, entry in spec.items())
    params.update(state='present', extension='150')
    params.update(options)
    return params


def engine_for(params, check_mode=False):
    ctx = Context(FakeModule(params, check_mode), client=None, kinds=REGISTRY)
    return Engine(User(), ctx), ctx


CURRENT = {
    'Id': 9, 'Number': '150', 'FirstName': 'Ada', 'AccessPassword': 'old', 'VMPIN': '1234',
    'ClickToCallId': 'ada', 'WebMeetingFriendlyName': 'ada', 'PrimaryGroupId': 2,
    'Groups': [{'GroupId': 2, 'Name': 'Sales', 'Rights': {'RoleName': 'users'}},
               {'GroupId': 3, 'Name': 'Support', 'Rights': {'RoleName': 'managers'}}],
}


def plan_for(current=None, check_mode=False, **options):
    current = CURRENT if current is None else current
    engine, ctx = engine_for(user_params(**options), check_mode)
    for row in current.get('Groups', []):
        directory(ctx, kind_named('departments')).remember({'Id': row['GroupId'], 'Name': row['Name'], 'Number': 'GRP%04d' % row['GroupId']})
    return engine.plan(engine.desired(), current)


def test_secret_options_are_no_log_and_update_password_is_not():
    spec = User().argument_spec()
    assert spec['password']['no_log'] is True and spec['vm_pin']['no_log'] is True
    assert spec['update_password'] == {'type': 'str', 'choices': ['on_create', 'always'],
                                       'default': 'on_create', 'no_log': False}


def test_departments_spec_has_role_choices_and_default():
    role = User().argument_spec()['departments']['options']['role']
    assert role['default'] == 'users' and 'receptionists' in role['choices']


class ListingClient(object):
    """Records what a listing asks for; answers ``entities``."""

    def __init__(self, entities=()):
        self.entities, self.asked = list(entities), []

    def get_all(self, path, filter_expr=None, select=None, expand=None, orderby='Id'):
        self.asked.append({'path': path, 'filter': filter_expr, 'select': select, 'expand': expand})
        return [dict(e) for e in self.entities]


def test_the_listing_reads_memberships_with_roles_and_forwarding_and_phones_only_when_managed():
    client = ListingClient()
    User().listing(client, options={'extension', 'first_name', 'departments'})
    User().listing(client, options={'extension', 'forwarding'})
    User().listing(client)  # every property (a pruned kind: a delete's diff shows the whole user)
    assert [asked['expand'] for asked in client.asked] == [
        'Groups($select=GroupId,Name;$expand=Rights($select=RoleName))',
        'Groups($select=GroupId,Name;$expand=Rights($select=RoleName)),ForwardingProfiles',
        'Groups($select=GroupId,Name;$expand=Rights($select=RoleName)),ForwardingProfiles,Phones']
    assert 'ForwardingProfiles' not in client.asked[0]['select'] and 'Phones' not in client.asked[1]['select']
    assert 'ForwardingProfiles' in client.asked[2]['select'] and 'FirstName' in client.asked[0]['select']


def test_what_the_listing_left_out_is_read_for_the_objects_that_need_it():
    client = ListingClient([{'Id': 7, 'ForwardingProfiles': [{'Name': 'Away'}], 'Phones': []}])
    completed = User().complete(client, [{'Id': 7, 'Number': '207'}], options={'extension'})
    assert completed == [{'Id': 7, 'Number': '207', 'ForwardingProfiles': [{'Name': 'Away'}], 'Phones': []}]
    assert client.asked == [{'path': 'Users', 'filter': 'Id eq 7', 'select': ['Id', 'ForwardingProfiles', 'Phones'],
                             'expand': 'ForwardingProfiles,Phones'}]
    assert User().complete(client, [{'Id': 7}], options={'forwarding', 'phones'}) == [{'Id': 7}] and len(client.asked) == 1
    assert {'Groups', 'ClickToCallId', 'WebMeetingFriendlyName', 'PrimaryGroupId'} <= set(User().select())


def test_same_departments_in_another_order_is_no_change():
    plan = plan_for(departments=[{'name': 'Support', 'role': 'managers'}, {'name': 'Sales', 'role': 'users'}])
    assert plan.action == 'none'


def test_password_with_on_create_is_no_change_and_with_always_is_masked():
    assert plan_for(password='new').action == 'none'
    plan = plan_for(password='new', update_password='always')
    assert plan.payload == {'AccessPassword': 'new'}
    assert plan.before == {'password': SECRET_MASK} and plan.after == {'password': SECRET_CHANGED_MASK}


def test_friendly_name_writes_both_properties():
    plan = plan_for(friendly_name='ada.l')
    assert plan.payload == {'ClickToCallId': 'ada.l', 'WebMeetingFriendlyName': 'ada.l'}
    assert plan.before == {'friendly_name': 'ada'} and plan.after == {'friendly_name': 'ada.l'}


def test_friendly_name_with_mirrors_that_disagree_is_a_change():
    current = dict(CURRENT, WebMeetingFriendlyName=None)
    plan = plan_for(current=current, friendly_name='ada')
    assert plan.action == 'update'
    assert plan.before == {'friendly_name': {'ClickToCallId': 'ada', 'WebMeetingFriendlyName': None}}


def test_department_names_in_another_case_are_no_change_and_compare_like_the_pbx():
    plan = plan_for(departments=[{'name': 'SUPPORT', 'role': 'managers'}, {'name': 'sales', 'role': 'users'}],
                    primary_department='SALES')
    assert plan.action == 'none'


def test_a_department_listed_twice_in_another_case_is_refused():
    engine, ctx = engine_for(user_params(departments=[{'name': 'Sales', 'role': 'users'}, {'name': 'SALES', 'role': 'users'}]))
    with pytest.raises(ValidationError, match="departments lists 'SALES', 'Sales' more than once"):
        engine.kind.check(ctx)


def test_primary_department_shows_names_in_the_diff():
    plan = plan_for(primary_department='Sales')
    assert plan.action == 'none' and plan.before == {'primary_department': 'Sales'}


def test_create_without_password_generates_one_only_in_a_real_run():
    engine, ctx = engine_for(user_params(first_name='Ada'))
    plan = engine.plan(engine.desired(), None)
    assert plan.payload['AccessPassword'] == ctx.cache['generated_password']
    assert plan.after == {'extension': '150', 'first_name': 'Ada'}
    engine, ctx = engine_for(user_params(first_name='Ada'), check_mode=True)
    assert 'AccessPassword' not in engine.plan(engine.desired(), None).payload


def test_generated_passwords_are_strong_and_differ():
    first, second = generate_password(), generate_password()
    assert first != second and len(first) >= 16
    assert any(c.isupper() for c in first) and any(c.isdigit() for c in first) and any(not c.isalnum() for c in first)


@pytest.mark.parametrize('options, message', [
    ({'extension': '1'}, 'extension must be 2 to 10 digits'),
    ({'extension': '+49'}, 'extension must be 2 to 10 digits'),
    ({'email': 'a@b'}, 'not a valid email address'),
    ({'departments': []}, 'at least one department'),
    ({'departments': [{'name': 'A', 'role': 'users'}, {'name': 'A', 'role': 'users'}]}, "lists 'A' more than once"),
    ({'departments': [{'name': 'A', 'role': 'users'}], 'primary_department': 'B'}, "'B' is not among departments"),
    ({'friendly_name': 'a b'}, "friendly name 'a b' is not valid"),
])
def test_bad_input_is_refused_before_any_request(options, message):
    engine, ctx = engine_for(user_params(**options))
    with pytest.raises(ValidationError, match=message):
        User().validate(ctx)


@pytest.mark.parametrize('name', ['ada', 'ada.lovelace', 'A-1_b', '9lives'])
def test_link_names_that_are_valid(name):
    check_link_name(name)


@pytest.mark.parametrize('name', ['', '.ada', 'ada lovelace', 'ada/x', 'a' * 65, 'Zoë'])
def test_link_names_that_are_not(name):
    with pytest.raises(ValidationError):
        check_link_name(name)


@pytest.mark.parametrize('returned', [False, True])
def test_a_generated_password_joins_the_mask_list_unless_the_task_returns_it(returned):
    engine, ctx = engine_for(user_params(first_name='Ada', return_generated_passwords=returned))
    payload = User().create_payload(ctx, {'Number': '150'})
    generated = payload['AccessPassword']
    assert generated == ctx.cache['generated_password']
    assert (generated in ctx.module.no_log_values) is not returned
