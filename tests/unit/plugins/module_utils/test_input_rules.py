# -*- coding: utf-8 -*-
"""Input checks that need no request: option shapes named by their path, field rules, the API URL."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.client import normalize_url
from ansible_collections.tcx.xapi.plugins.module_utils.fields import rule_problems, set_aside_wrong_shapes, type_problems
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.department import Department
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.inbound_rule import InboundRule
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.ivr import Ivr
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.livechat import LiveChat
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.ring_group import RingGroup
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS


@pytest.mark.parametrize('raw, problem', [
    ({'departments': 'Sales'}, "users[3].departments must be a list of dicts (name, role), got a str 'Sales'"),
    ({'departments': ['Sales']}, "users[3].departments[0] must be a dict (name, role), got a str 'Sales'"),
    ({'departments': [{'name': ['a']}]}, 'users[3].departments[0].name must be a string, got a list'),
    ({'first_name': ['Ada']}, 'users[3].first_name must be a string, got a list'),
    ({'email': {'a': 1}}, 'users[3].email must be a string, got a dict'),
])
def test_a_value_of_the_wrong_shape_is_named_by_its_option_path(raw, problem):
    assert type_problems(User.fields, raw, 'users[3].') == [problem]


def test_values_of_the_right_shape_have_no_problem():
    raw = {'extension': '101', 'departments': [{'name': 'Sales', 'role': 'users'}], 'enabled': 'yes'}
    assert type_problems(User.fields, raw) == []
    assert type_problems(Department.fields, {'name': 'X', 'routing': {'office_hours': {'to': 'None'}}}) == []


def test_a_string_for_a_group_of_options_is_named():
    assert type_problems(Department.fields, {'routing': ['x']}) == ['routing must be a dict, got a list']


@pytest.mark.parametrize('kind, raw, problem', [
    # What Ansible would turn into text: "True", "1.5".
    (RingGroup, {'name': True}, 'name must be a string, got a boolean (true)'),
    (RingGroup, {'name': 1.5}, 'name must be a string, got a float 1.5'),
    (RingGroup, {'greeting': {'file': 'x'}}, 'greeting must be a string, got a dict'),
    # A boolean is an int in Python: Ansible would pass it on for an integer, and a float 30.0 as 30.
    (RingGroup, {'ring_time': True}, 'ring_time must be an integer, got a boolean (true)'),
    (RingGroup, {'ring_time': 30.0}, 'ring_time must be an integer, got a float 30.0'),
    (RingGroup, {'multicast': {'port': ['5000']}}, 'multicast.port must be an integer, got a list'),
    (User, {'enabled': 0.5}, 'enabled must be a boolean (true or false), got a float 0.5'),
    (User, {'enabled': ['yes']}, 'enabled must be a boolean (true or false), got a list'),
    # null elements: Ansible fails on them with "argument of type 'NoneType' is not iterable" or turns them into ''.
    (RingGroup, {'members': [None]}, 'members[0] must be a string, got null'),
    (RingGroup, {'members': ['101', True]}, 'members[1] must be a string, got a boolean (true)'),
    (RingGroup, {'multicast': [None]}, 'multicast must be a dict, got a list'),
    (Department, {'routing': [None]}, 'routing must be a dict, got a list'),
    (InboundRule, {'hours': [None]}, 'hours must be a dict, got a list'),
    (InboundRule, {'hours': {'weekly': {'monday': [None]}}}, 'hours.weekly.monday[0] must be a dict (from, to), got null'),
    (User, {'departments': [None]}, 'departments[0] must be a dict (name, role), got null'),
    (Parking, {'departments': [None]}, 'departments[0] must be a string, got null'),
    (Parking, {'departments': True}, 'departments must be a list, got a boolean (true)'),
    (LiveChat, {'websites': {'url': 'x'}}, 'websites must be a list, got a dict'),
    (Ivr, {'menu': [None]}, 'menu must be a dict, got a list'),
])
def test_values_ansible_would_convert_or_trip_on_are_named(kind, raw, problem):
    assert type_problems(kind.fields, raw) == [problem]


@pytest.mark.parametrize('raw', [{'password': 1.5}, {'password': True}, {'vm_pin': 1234.5}])
def test_a_secret_of_the_wrong_kind_is_never_repeated(raw):
    problems = type_problems(User.fields, raw)
    assert len(problems) == 1 and problems[0].endswith(('got a float', 'got a boolean'))
    assert str(list(raw.values())[0]) not in problems[0] and 'true' not in problems[0].lower().split('got')[1]


@pytest.mark.parametrize('raw', [
    {'extension': 101, 'first_name': 'Ada', 'enabled': 'yes', 'departments': [{'name': 'Sales'}]},
    {'extension': '101', 'require_2fa': False, 'vm_pin': '1234', 'departments': None},
])
def test_numbers_for_strings_and_words_for_booleans_stay_allowed(raw):
    # extension: 101 is how YAML reads an extension; Ansible's own conversion of 'yes' is kept.
    assert type_problems(User.fields, raw) == []


def test_options_of_the_wrong_kind_are_set_aside_before_ansible_converts_them():
    params = {'name': True, 'ring_time': 20, 'members': [None], 'multicast': {'port': 5000}}
    problems = set_aside_wrong_shapes(RingGroup.fields, params)
    assert problems == ['name must be a string, got a boolean (true)', 'members[0] must be a string, got null']
    assert params == {'ring_time': 20, 'multicast': {'port': 5000}}


NO_CONTROL = 'must not contain control characters (newline, tab, NUL, ...), found '


@pytest.mark.parametrize('kind, params, problem', [
    (User, {'first_name': 'Ada\nLovelace'}, 'first_name %sU+000A (newline)' % NO_CONTROL),
    (User, {'email': 'ada@example.com\x00'}, 'email %sU+0000 (NUL)' % NO_CONTROL),
    (User, {'password': 'Secret\x7f99'}, 'password %sU+007F (DEL)' % NO_CONTROL),
    (User, {'vm_pin': '12\t34'}, 'vm_pin %sU+0009 (tab)' % NO_CONTROL),
    # Options without a rule of their own, in groups and lists.
    (User, {'friendly_name': 'ada\rx'}, 'friendly_name %sU+000D (carriage return)' % NO_CONTROL),
    (User, {'departments': [{'name': 'Sales\x1b'}]}, 'departments[0].name %sU+001B' % NO_CONTROL),
    (Department, {'routing': {'office_hours': {'to': 'queue', 'name': 'Sales\n'}}},
     'routing.office_hours.name %sU+000A (newline)' % NO_CONTROL),
    (Parking, {'departments': ['Sales', 'Sup\x00port']}, 'departments[1] %sU+0000 (NUL)' % NO_CONTROL),
    (LiveChat, {'websites': ['https://example.com/\n']}, 'websites[0] %sU+000A (newline)' % NO_CONTROL),
    (LiveChat, {'translations': {'start_chat_button_text': 'Chat\x00'}},
     'translations.start_chat_button_text %sU+0000 (NUL)' % NO_CONTROL),
])
def test_control_characters_are_refused_in_every_text_option(kind, params, problem):
    assert rule_problems(kind.fields, params) == [problem]


def test_every_text_option_of_every_kind_refuses_control_characters():
    for kind in KINDS:
        for field in kind.fields:
            if field.type == 'str' and not field.choices:
                assert rule_problems([field], {field.option: 'a\nb'}) == ['%s %sU+000A (newline)' % (field.option, NO_CONTROL)]


@pytest.mark.parametrize('pin, problem', [
    ('abc', 'vm_pin must be 4 to 10 digits (a PIN is typed on a phone keypad)'),
    ('12', 'vm_pin must be 4 to 10 digits (a PIN is typed on a phone keypad)'),
    ('1' * 40, 'vm_pin must be 4 to 10 digits (a PIN is typed on a phone keypad)'),
    ('12 34', 'vm_pin must be 4 to 10 digits (a PIN is typed on a phone keypad)'),
    ('', 'vm_pin must not be empty'),
    ('    ', 'vm_pin must not be empty'),
])
def test_a_pin_is_4_to_10_digits_and_never_repeated(pin, problem):
    assert rule_problems(User.fields, {'vm_pin': pin}) == [problem]


@pytest.mark.parametrize('pin', ['1234', '0000', '1234567890'])
def test_pins_of_4_to_10_digits_pass(pin):
    assert rule_problems(User.fields, {'vm_pin': pin}) == []


@pytest.mark.parametrize('password', ['', '   '])
def test_an_empty_password_is_refused_saying_how_to_get_one_generated(password):
    assert rule_problems(User.fields, {'password': password}) == [
        'password must not be empty: leave password out to have a strong one generated on create']


@pytest.mark.parametrize('kind, params, problem', [
    (User, {'first_name': ''}, 'first_name must not be empty'),
    (User, {'last_name': 'x' * 256}, 'last_name must be at most 255 characters, got 256'),
    (User, {'email': 'a' * 250 + '@x.com'}, 'email must be at most 254 characters, got 256'),
    (User, {'mobile': 'call me'}, "mobile must be a phone number"),
    (User, {'departments': [{'name': ''}]}, 'departments[0].name must not be empty'),
    (Parking, {'number': '11'}, "number must be SP followed by digits (SP11), got '11'"),
    (Department, {'extension_range': {'user_to': '12345678901'}}, 'extension_range.user_to must be at most 10 characters'),
])
def test_field_rules_name_the_option_path(kind, params, problem):
    problems = rule_problems(kind.fields, params)
    assert len(problems) == 1 and problems[0].startswith(problem)


@pytest.mark.parametrize('url', ['https://pbx.example.com/xapi/v1', 'https://pbx.example.com/xapi/v1/',
                                 'https://pbx.example.com/XAPI/v1//', 'pbx.example.com/xapi/v1'])
def test_a_url_with_the_api_path_is_the_pbx_address(url):
    assert normalize_url(url) == ('https://pbx.example.com', None)


def test_a_url_with_another_path_keeps_it():
    assert normalize_url('https://proxy.example.com/pbx1/') == ('https://proxy.example.com/pbx1', None)


def test_a_language_compares_ignoring_case_and_is_written_in_capitals():
    from ansible_collections.tcx.xapi.plugins.module_utils.fields import LanguageField
    field = LanguageField('language', 'Language')
    assert field.canonical('de') == 'DE'
    assert field.same('DE', 'de') and field.same('de', 'DE') and not field.same('EN', 'de')
    assert field.rule.problem('deu') is not None and field.rule.problem('de') is None


def test_info_selectors_by_a_key_compare_as_the_pbx_compares_the_key():
    from ansible_collections.tcx.xapi.plugins.module_utils.registry import kind_named
    departments, users = kind_named('departments'), kind_named('users')
    name = [s for s in departments.info_selectors if s.option == 'name'][0]
    assert name.clause('support', departments) == "tolower(Name) eq 'support'"
    extension = [s for s in users.info_selectors if s.option == 'extension'][0]
    assert extension.clause('101', users) == "Number eq '101'"


def test_a_did_the_trunk_does_not_list_is_named_with_its_near_match():
    from ansible_collections.tcx.xapi.plugins.module_utils.kinds.inbound_rule import did_warning
    trunk = {'Number': '10000', 'Gateway': {'Name': 'SIP'}, 'DidNumbers': ['+493012345600', '+493012345601']}
    assert did_warning('+493012345600', trunk) is None
    assert did_warning('+4930123456*', trunk) is None  # a mask that matches a DID
    assert did_warning('493012345601', trunk) == (
        "did '493012345601' is not a DID of trunk 10000 (SIP), but '+493012345601' is: quote the DID in YAML "
        "('+493012345601'), which reads an unquoted + as part of a number and drops it")
    assert did_warning('+493012345699', trunk) == (
        "did '+493012345699' is not a DID of trunk 10000 (SIP) (+493012345600, +493012345601); closest: '+493012345601': "
        "the rule matches no call the trunk delivers")
