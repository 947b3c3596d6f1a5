# -*- coding: utf-8 -*-
"""MAC addresses in every common spelling are one address."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.phones import PhonesField, normalize_mac


@pytest.mark.parametrize('spelling', ['80:5E:C0:12:34:56', '80-5e-c0-12-34-56', '805e.c012.3456', '805EC0123456', ' 80:5e:c0:12:34:56 '])
def test_every_common_spelling_is_the_twelve_hex_digits(spelling):
    assert normalize_mac(spelling) == '805ec0123456'


@pytest.mark.parametrize('bad', ['80:5E:C0:12:34', '80:5E:C0:12:34:5G', '', None, '805ec01234567'])
def test_what_is_not_a_mac_address_is_none(bad):
    assert normalize_mac(bad) is None


def test_phones_compare_by_normalised_mac_and_only_given_settings():
    field = PhonesField('phones', 'Phones')
    held = [{'mac': '805ec0123456', 'template': 'yealink_t4x.ph.xml', 'language': 'German'}]
    assert field.same(held, [{'mac': '80:5E:C0:12:34:56', 'language': 'German'}])
    assert not field.same(held, [{'mac': '80:5E:C0:12:34:56', 'language': 'English'}])
    assert not field.same(held, [])
