# -*- coding: utf-8 -*-
"""The field tables of tcx_livechat and tcx_parking agree with the official XAPI spec."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from tcx_emulator import schema as xapi_schema

from ansible_collections.tcx.xapi.plugins.module_utils.fields import leaves
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.livechat import LiveChat, is_web_url, snake_case
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking


def properties(name):
    """``{property: OData type}`` of a type in the schema derived from the official spec (kept in the repository)."""
    return xapi_schema.types()[name]


def property_type(type_name, path):
    """The OData type of a dotted property path of a spec type."""
    head, _dot, rest = path.partition('.')
    prop_type = properties(type_name)[head]
    return property_type(prop_type, rest) if rest else prop_type


def field(kind, option_path):
    return [leaf.field for leaf in leaves(kind.fields) if leaf.option_path == option_path][0]


def test_translation_options_are_the_spec_fields_in_snake_case():
    translations = [f for f in LiveChat.fields if f.option == 'translations'][0]
    assert sorted(f.option for f in translations.suboptions) == sorted(
        snake_case(name) for name in properties('Pbx.WebsiteLinksTranslations'))


@pytest.mark.parametrize('kind', [LiveChat, Parking], ids=['livechat', 'parking'])
def test_every_managed_path_exists_in_the_spec(kind):
    type_name = {'LiveChat': 'Pbx.Weblink', 'Parking': 'Pbx.Parking'}[kind.__name__]
    for leaf in leaves(kind.fields):
        assert property_type(type_name, leaf.field.path), leaf.field.path


@pytest.mark.parametrize('option_path', [('greeting',), ('authentication',), ('communication_options',),
                                         ('styling', 'animation')])
def test_choices_are_the_spec_enum(option_path):
    chosen = field(LiveChat, option_path)
    assert sorted(chosen.choices) == sorted(xapi_schema.enums()[property_type('Pbx.Weblink', chosen.path)])


@pytest.mark.parametrize('name, expected', [('GdprMessage', 'gdpr_message'), ('WindowTitle', 'window_title'),
                                            ('OfflineFormMaximumCharactersReached',
                                             'offline_form_maximum_characters_reached')])
def test_snake_case(name, expected):
    assert snake_case(name) == expected


@pytest.mark.parametrize('value, ok', [('https://example.com', True), ('http://shop.example.com/x?y=1', True),
                                       ('example.com', False), ('ftp://example.com', False), ('https://', False),
                                       ('https://exa mple.com', False), ('', False)])
def test_websites_must_be_http_urls(value, ok):
    assert is_web_url(value) is ok
