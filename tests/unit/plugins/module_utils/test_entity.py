# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.entity import Engine, merge_entity
from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    SECRET_CHANGED_MASK, SECRET_MASK, Field, ValidationError, get_path, leaves, set_path, strip_secrets,
)
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.department import Department
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY


class FakeModule(object):
    def __init__(self, params, check_mode=False):
        self.params = params
        self.check_mode = check_mode
        self._diff = True


def department_params(**options):
    params = dict((name, None) for name in Department().argument_spec())
    params.update(state='present', name='Sales')
    params.update(options)
    return params


def engine_for(kind, params):
    return Engine(kind, Context(FakeModule(params), client=None, kinds=REGISTRY))


CURRENT = {
    'Id': 7, 'Name': 'Sales', 'Language': 'EN', 'TimeZoneId': '51',
    'Props': {'UserNumberFrom': '100', 'UserNumberTo': '199', 'LiveChatMaxCount': 5, 'Fqdn': 'keep.me'},
    'OfficeRoute': {'IsPromptEnabled': False, 'Prompt': '', 'Route': {'To': 'Extension', 'Number': '100'}},
}


def test_field_table_builds_nested_argument_spec():
    spec = Department().argument_spec()
    assert spec['extension_range']['options']['user_from'] == {'type': 'str'}
    assert spec['routing']['options']['holidays']['options']['to'] == {'type': 'str'}  # any spelling: see test_destinations
    assert spec['client_secret']['no_log'] is True
    assert spec['state'] == {'type': 'str', 'default': 'present', 'choices': ['present', 'absent']}


def test_leaves_flatten_groups_with_option_paths():
    paths = dict((leaf.option_path, leaf.field.path) for leaf in leaves(Department.fields))
    assert paths[('extension_range', 'trunk_to')] == 'Props.TrunkNumberTo'
    assert paths[('routing', 'break_time')] == 'BreakRoute'
    assert ('name',) not in paths


def test_select_reads_only_top_level_properties_it_needs():
    assert Department().select() == sorted([
        'AllowCallService', 'BreakRoute', 'DisableCustomPrompt', 'HolidaysRoute', 'Id', 'IsDefault',
        'Language', 'Name', 'Number', 'OfficeRoute', 'OutOfOfficeRoute', 'PromptSet', 'Props', 'TimeZoneId'])


def test_paths_get_and_set():
    target = {}
    set_path(target, 'OfficeRoute.Route.To', 'Queue')
    assert target == {'OfficeRoute': {'Route': {'To': 'Queue'}}}
    assert get_path(target, 'OfficeRoute.Route.To') == 'Queue'
    assert get_path(target, 'OfficeRoute.Missing.To') is None


def test_unset_options_are_not_compared():
    engine = engine_for(Department(), department_params())
    plan = engine.plan(engine.desired(), CURRENT)
    assert plan.action == 'none' and plan.before == {} and plan.after == {}


def test_one_changed_option_patches_only_that_property():
    engine = engine_for(Department(), department_params(language='DE', timezone='51'))
    plan = engine.plan(engine.desired(), CURRENT)
    assert plan.action == 'update'
    assert plan.payload == {'Language': 'DE'}
    assert plan.before == {'language': 'EN', 'timezone': '51'}
    assert plan.after == {'language': 'DE', 'timezone': '51'}


def test_nested_change_sends_the_whole_complex_property_with_other_values_kept():
    engine = engine_for(Department(), department_params(extension_range={'user_to': '150', 'user_from': None}))
    plan = engine.plan(engine.desired(), CURRENT)
    assert plan.payload == {'Props': {'UserNumberFrom': '100', 'UserNumberTo': '150',
                                      'LiveChatMaxCount': 5, 'Fqdn': 'keep.me'}}
    assert plan.before == {'extension_range': {'user_to': '199'}}
    assert plan.after == {'extension_range': {'user_to': '150'}}


def test_int_options_compare_by_value():
    engine = engine_for(Department(), department_params(limits={'live_chat_max': 5}))
    assert engine.plan(engine.desired(), CURRENT).action == 'none'


def test_create_diff_has_empty_before_and_names_the_object_after():
    engine = engine_for(Department(), department_params(language='DE', routing={'office_hours': {'to': 'VoiceMail'}}))
    plan = engine.plan(engine.desired(), None)
    assert plan.action == 'create'
    assert plan.before == {}
    assert plan.after == {'name': 'Sales', 'language': 'DE', 'routing': {'office_hours': {'to': 'voicemail'}}}
    assert plan.payload == {'Name': 'Sales', 'Language': 'DE', 'OfficeRoute': {'Route': {'To': 'VoiceMail'}}}


def test_delete_diff_names_the_object_and_shows_every_managed_option_before_and_nothing_after():
    engine = engine_for(Department(), department_params(state='absent'))
    engine.ctx.lookups.timezones = [{'Id': '51', 'IanaName': 'Etc/UTC', 'WindowsName': 'UTC'}]
    plan = engine.plan(engine.desired(), CURRENT)
    assert plan.action == 'delete' and plan.after == {}
    assert list(plan.before)[0] == 'name' and plan.before['name'] == 'Sales'
    assert plan.before['language'] == 'EN' and plan.before['timezone'] == 'Etc/UTC'
    assert plan.before['extension_range']['user_from'] == '100'


def test_absent_and_missing_is_no_change():
    engine = engine_for(Department(), department_params(state='absent'))
    assert engine.plan(engine.desired(), None).action == 'none'


class Account(EntityKind):
    name = 'account'
    entity_set = 'Accounts'
    result_key = 'account'
    key_option = 'login'
    key_property = 'Login'
    fields = [
        Field('login', 'Login', managed=False),
        Field('password', 'AccessPassword', secret=True),
        Field('tags', 'Tags', type='list', elements='str', compare='set'),
        Field('email', 'Email', compare='ignore_case'),
    ]

    def secret_changed(self, ctx, leaf, current, desired):
        return ctx.params.get('update_password') == 'always'


def account_params(**options):
    params = {'state': 'present', 'login': 'a', 'password': None, 'tags': None, 'email': None}
    params.update(options)
    return params


def test_secrets_are_masked_in_create_diff():
    engine = engine_for(Account(), account_params(password='hunter2'))
    plan = engine.plan(engine.desired(), None)
    assert plan.after == {'login': 'a', 'password': SECRET_MASK}
    assert 'hunter2' not in repr(plan.after) and plan.payload['AccessPassword'] == 'hunter2'


def test_secret_change_is_decided_by_the_kind_and_masked():
    current = {'Id': 1, 'Login': 'a', 'AccessPassword': 'old'}
    keep = engine_for(Account(), account_params(password='new'))
    assert keep.plan(keep.desired(), current).action == 'none'
    always = engine_for(Account(), account_params(password='new', update_password='always'))
    plan = always.plan(always.desired(), current)
    assert plan.payload == {'AccessPassword': 'new'}
    assert plan.before == {'password': SECRET_MASK} and plan.after == {'password': SECRET_CHANGED_MASK}


def test_set_lists_ignore_order_and_ignore_case_strings():
    current = {'Id': 1, 'Login': 'a', 'Tags': ['x', 'y'], 'Email': 'A@Example.com'}
    engine = engine_for(Account(), account_params(tags=['y', 'x'], email='a@example.com'))
    assert engine.plan(engine.desired(), current).action == 'none'


def test_strip_secrets_removes_server_secrets_at_any_depth():
    entity = {'Id': 1, 'AccessPassword': 'p', 'AuthID': 'sip-user', 'VMPIN': '1234', '@odata.context': 'x',
              'Groups': [{'GroupId': 2, 'AuthPassword': 'q'}], 'Nested': {'DeskphonePassword': 'r', 'Keep': 1}}
    assert strip_secrets(entity) == {'Id': 1, 'Groups': [{'GroupId': 2}], 'Nested': {'Keep': 1}}


def test_merge_entity_replaces_top_level_values_without_touching_the_original():
    current = {'Id': 1, 'Props': {'A': 1, 'B': 2}}
    merged = merge_entity(current, {'Props': {'A': 1, 'B': 3}})
    assert merged == {'Id': 1, 'Props': {'A': 1, 'B': 3}} and current['Props']['B'] == 2


@pytest.mark.parametrize('options, message', [
    ({'extension_range': {'user_from': '1a'}}, 'must be a string of digits'),
    ({'limits': {'prompts_max': -1}}, 'limits.prompts_max must be at least 0, got -1'),
    ({'limits': {'prompts_max': 2147483648}}, 'limits.prompts_max must be at most 2147483647'),
    ({'name': ' '}, 'name must not be empty'),
    ({'name': 'x' * 256}, 'name must be at most 255 characters, got 256'),
    ({'language': 'tlh-XX'}, "language must be a two-letter language code such as EN or DE, got 'tlh-XX'"),
    ({'routing': {'office_hours': {'to': 'Extension'}}}, 'routing.office_hours needs number with to: extension'),
    ({'routing': {'holidays': {'to': 'External', 'number': '1'}}}, 'routing.holidays needs external (the outside number) with to: external'),
    ({'state': 'absent', 'name': 'DEFAULT'}, 'DEFAULT cannot be deleted'),
])
def test_department_rejects_bad_input_before_any_request(options, message):
    params = department_params(**options)
    for group in ('extension_range', 'limits'):
        if params.get(group):
            params[group] = dict(dict((k, None) for k in Department().argument_spec()[group]['options']), **params[group])
    engine = engine_for(Department(), params)
    with pytest.raises(ValidationError, match=re.escape(message)):
        engine.kind.check(engine.ctx)


@pytest.mark.parametrize('expand, names', [
    (None, []), ('Groups', ['Groups']), ('Groups($expand=Rights)', ['Groups']), ('Members,Groups', ['Members', 'Groups']),
    ('Members($select=Number,Name),Groups($select=GroupId;$expand=Rights)', ['Members', 'Groups']),
])
def test_expanded_names_the_navigation_properties_of_expand(expand, names):
    kind = EntityKind()
    kind.expand = expand
    assert kind.expanded() == names


def test_after_write_reports_the_expanded_properties_a_post_answer_lacks():
    kind = EntityKind()
    kind.expand = 'Members,Groups($expand=Rights)'

    class Written(object):
        payload = {'Name': 'Sales', 'Members': [{'Number': '101'}], 'Groups': [{'GroupId': 1}]}
    answer = {'Id': 7, 'Name': 'Sales', 'Members': [{'Number': '101', 'Id': 3}]}
    assert kind.after_write(None, answer, Written()) == dict(answer, Groups=[{'GroupId': 1}])
