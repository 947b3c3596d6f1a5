# -*- coding: utf-8 -*-
"""Input checks that need no request: option shapes named by their path, field rules, the API URL."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.client import normalize_url
from ansible_collections.tcx.xapi.plugins.module_utils.fields import rule_problems, type_problems
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.department import Department
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User


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
