# -*- coding: utf-8 -*-
"""A host's desired state as Ansible loaded it skips the templar only where the templar would change nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import yaml

from ansible.parsing.dataloader import DataLoader
from ansible.parsing.vault import VaultLib, VaultSecret
from ansible.template import Templar
from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import plain, untemplated

SECRET = VaultSecret(b'vault password')

HOST_VARS = u"""
tcx_users:
  - extension: '101'
    first_name: Ann
    last_name: Müller
    email: ann@example.com
    mobile: 0049 30 5550101
    require_2fa: true
    vmail_pin_length: 4
    weight: 1.5
    groups: [{name: Sales, role: users}, {name: Support}]
    office: null
tcx_departments: [{name: Sales, timezone: Europe/Berlin, prompt_set: '{not a template}'}]
"""


def loaded(text, tmp_path, name='pbx1.yml'):
    """The variables of ``text`` as the host_vars plugin loads a host's file ``name``."""
    path = tmp_path / name
    path.write_text(text, encoding='utf-8')
    loader = DataLoader()
    loader.set_vault_secrets([('default', SECRET)])
    try:  # ansible-core 2.19+ trusts a vars file's strings as templates
        return loader, loader.load_from_file(str(path), cache='none', unsafe=True, trusted_as_template=True)
    except TypeError:
        return loader, loader.load_from_file(str(path), cache='none', unsafe=True)


def templated(loader, value):
    return plain(Templar(loader=loader, variables={'who': 'Bob'}).template(value))


@pytest.mark.parametrize('name', ['pbx1.yml', 'pbx1.json'])
def test_a_desired_state_without_templates_is_what_the_templar_returns(name, tmp_path):
    text = json.dumps(yaml.safe_load(HOST_VARS)) if name.endswith('.json') else HOST_VARS
    loader, variables = loaded(text, tmp_path, name)
    for value in variables.values():
        fast = untemplated(value)
        assert fast is not None
        assert fast == templated(loader, value)
        assert fast[0]['name' if 'name' in fast[0] else 'first_name'].__class__ is str  # plain data, no tags
    assert untemplated(variables['tcx_users'])[0]['weight'] == 1.5


@pytest.mark.parametrize('item', [
    u"{extension: '102', first_name: '{{ who }}'}",
    u"{extension: '102', first_name: 'Bob {% if true %}x{% endif %}'}",
    u"{extension: '102', first_name: 'Bob {# note #}'}",
    u"{extension: '102', first_name: '#jinja2:variable_start_string:[[\n[[ who ]]'}",
    u"{extension: '102', '{{ who }}': 'key'}",
    u"{extension: '102', hired: 2026-12-07}",
])
def test_a_template_anywhere_goes_to_the_templar(item, tmp_path):
    _loader, variables = loaded(u'tcx_users:\n  - %s\n' % item.replace(u'\n', u'\\n'), tmp_path)
    assert untemplated(variables['tcx_users']) is None


def test_a_vaulted_value_goes_to_the_templar(tmp_path):
    vaulted = VaultLib([('default', SECRET)]).encrypt(u'4711').decode()
    text = u'tcx_users:\n  - extension: "101"\n    vmail_pin: !vault |\n%s' % u''.join(
        u'      %s\n' % line for line in vaulted.splitlines())
    _loader, variables = loaded(text, tmp_path)
    assert untemplated(variables['tcx_users']) is None  # the templar decrypts it (or refuses without the secret)


def test_a_value_tagged_for_the_templar_goes_to_it():
    datatag = pytest.importorskip('ansible.module_utils.datatag', reason='tags exist from ansible-core 2.19')
    assert untemplated([{'first_name': datatag.deprecate_value('Ann', 'tcx_users is deprecated')}]) is None
    assert untemplated([{'first_name': 'Ann'}]) == [{'first_name': 'Ann'}]
