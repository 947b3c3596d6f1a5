# -*- coding: utf-8 -*-
"""The field tables of tcx_livechat and tcx_parking agree with the official XAPI spec."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from tcx_emulator import spec

from ansible_collections.tcx.xapi.plugins.module_utils.entity import leaves
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.livechat import LiveChat, is_web_url, snake_case
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking

needs_spec = pytest.mark.skipif(spec.find_spec() is None, reason='official spec not available (TCX_XAPI_SPEC_DIR)')


def schema(name):
    return spec.load_spec()['components']['schemas'][name]


def properties(name):
    found = {}
    for part in schema(name).get('allOf', [schema(name)]):
        if '$ref' in part:
            found.update(properties(part['$ref'].rsplit('/', 1)[1]))
        found.update(part.get('properties', {}))
    return found


def property_schema(type_name, path):
    """The schema of a dotted property path of a spec type, following ``allOf`` references."""
    head, _dot, rest = path.partition('.')
    prop = properties(type_name)[head]
    ref = prop.get('$ref') or next((p['$ref'] for p in prop.get('allOf', []) if '$ref' in p), None)
    if rest:
        return property_schema(ref.rsplit('/', 1)[1], rest)
    return schema(ref.rsplit('/', 1)[1]) if ref else prop


def field(kind, option_path):
    return [leaf.field for leaf in leaves(kind.fields) if leaf.option_path == option_path][0]


@needs_spec
def test_translation_options_are_the_spec_fields_in_snake_case():
    translations = [f for f in LiveChat.fields if f.option == 'translations'][0]
    assert sorted(f.option for f in translations.suboptions) == sorted(
        snake_case(name) for name in properties('Pbx.WebsiteLinksTranslations'))


@needs_spec
@pytest.mark.parametrize('kind', [LiveChat, Parking], ids=['livechat', 'parking'])
def test_every_managed_path_exists_in_the_spec(kind):
    type_name = {'LiveChat': 'Pbx.Weblink', 'Parking': 'Pbx.Parking'}[kind.__name__]
    for leaf in leaves(kind.fields):
        assert property_schema(type_name, leaf.field.path) is not None, leaf.field.path


@needs_spec
@pytest.mark.parametrize('option_path', [('greeting',), ('authentication',), ('communication_options',),
                                         ('styling', 'animation')])
def test_choices_are_the_spec_enum(option_path):
    chosen = field(LiveChat, option_path)
    assert sorted(chosen.choices) == sorted(property_schema('Pbx.Weblink', chosen.path)['enum'])


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
