# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils import odata


def test_quote_string_doubles_inner_quotes():
    assert odata.quote_string("O'Brien & Sons") == "'O''Brien & Sons'"


@pytest.mark.parametrize('value, expected', [
    (None, 'null'), (True, 'true'), (False, 'false'), (42, '42'), ('Süd', "'Süd'"),
])
def test_literal_renders_each_type(value, expected):
    assert odata.literal(value) == expected


def test_equals_ignore_case_lowers_both_sides():
    assert odata.equals('EmailAddress', "Seán@Example.com", ignore_case=True) == \
        "tolower(EmailAddress) eq 'seán@example.com'"


def test_equals_injection_stays_inside_the_literal():
    assert odata.equals('Name', "x' or 1 eq 1 or Name eq '") == "Name eq 'x'' or 1 eq 1 or Name eq '''"


def test_all_of_and_any_of_skip_empty_clauses_and_parenthesise():
    assert odata.all_of('A eq 1', None, 'B eq 2') == '(A eq 1) and (B eq 2)'
    assert odata.any_of('', 'A eq 1') == 'A eq 1'
    assert odata.any_of('A eq 1', 'B eq 2') == '(A eq 1) or (B eq 2)'


def test_key_segment_for_int_and_string_keys():
    assert odata.key_segment(12) == '(12)'
    assert odata.key_segment("o'neil chat") == "('o''neil%20chat')"


def test_key_segment_rejects_other_types():
    with pytest.raises(TypeError):
        odata.key_segment(True)


def test_named_key_segment_and_function_call_are_encoded():
    assert odata.named_key_segment('Number', '100') == "(Number='100')"
    assert odata.function_call('Pbx.GetByNumber', number='SP11') == "Pbx.GetByNumber(number='SP11')"


def test_build_query_leaves_out_missing_options():
    assert odata.build_query() == {}
    assert odata.build_query("Name eq 'a'", ['Id', 'Name'], 'Groups', 'Id', top=100, skip=200, count=True) == {
        '$filter': "Name eq 'a'", '$select': 'Id,Name', '$expand': 'Groups', '$orderby': 'Id',
        '$top': '100', '$skip': '200', '$count': 'true',
    }
