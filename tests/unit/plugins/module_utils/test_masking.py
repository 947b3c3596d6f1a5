# -*- coding: utf-8 -*-
"""masking.py: every secret of a task's raw arguments, whatever its shape, before validation."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.client import without_userinfo
from ansible_collections.tcx.xapi.plugins.module_utils.masking import (
    NO_LOG_MASK, masked_arguments, secret_option_names, secret_values, url_userinfo_secrets,
)
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS


def test_the_secret_names_are_every_no_log_option_of_the_connection_and_of_every_kind():
    names = secret_option_names()
    assert {'client_secret', 'access_token', 'password', 'vm_pin'} <= names
    for kind in KINDS:
        for leaf in kind.leaves():
            if leaf.field.secret:
                assert leaf.option_path[-1] in names
    assert not names & {'update_password', 'first_name', 'extension', 'url', 'name'}


def test_a_spec_adds_its_own_no_log_options_and_aliases():
    spec = {'token': {'type': 'str', 'no_log': True, 'aliases': ['bearer']}, 'x': {'options': {'pin2': {'no_log': True}}}}
    assert {'token', 'bearer', 'pin2'} <= secret_option_names(spec)


@pytest.mark.parametrize('params, expected', [
    ({'users': [{'extension': '150', 'password': 'Pw-1', 'vm_pin': '1234'}]}, {'Pw-1', '1234'}),
    ({'user': [{'password': 'Misspelt-outer'}]}, {'Misspelt-outer'}),
    ({'users': [{'password': ['in-a-list', 7]}]}, {'in-a-list', '7'}),
    ({'users': [{'vm_pin': {'as-a-key': 'and-a-value'}}]}, {'as-a-key', 'and-a-value'}),
    ({'vm_pin': 4321, 'password': 12.5}, {'4321', '12.5'}),
    ({'password': True, 'vm_pin': None, 'client_secret': '  '}, set()),
    ({'client_secret': 'Cs-1', 'url': 'https://admin:Url-Pw@pbx'}, {'Cs-1', 'admin:Url-Pw', 'Url-Pw'}),
    ({'departments': 'Sales', 'parallel': 'lots'}, set()),
])
def test_secret_values_finds_secrets_at_any_depth_and_of_any_type(params, expected):
    assert secret_values(params) == expected


def test_url_credentials_are_found_and_removed_from_text():
    text = 'GET https://bob:Pw-9@pbx.example.com/x failed; see http://pbx/y'
    assert url_userinfo_secrets(text) == {'bob:Pw-9', 'Pw-9'}
    assert without_userinfo(text) == 'GET https://pbx.example.com/x failed; see http://pbx/y'


def test_masked_arguments_replace_the_whole_value_of_a_secret_option():
    params = {'users': [{'extension': '150', 'vm_pin': {'1234': None}, 'password': ['x']}], 'client_secret': None,
              'update_password': 'always'}
    assert masked_arguments(params) == {
        'users': [{'extension': '150', 'vm_pin': NO_LOG_MASK, 'password': NO_LOG_MASK}], 'client_secret': None,
        'update_password': 'always'}
    assert params['users'][0]['password'] == ['x']  # a copy: the module's own arguments are unchanged


def run_module_process(monkeypatch, capsys, args, main):
    """``main`` as a module process runs it: arguments from AnsiballZ, the result printed as JSON."""
    import json
    from ansible.module_utils import basic
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode())
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)
    with pytest.raises(SystemExit):
        main()
    return capsys.readouterr().out


CONFIG_ARGS = {'url': 'https://pbx', 'client_id': '900', 'client_secret': 'Client-Secret-1',
               'users': [{'extension': '150', 'password': 'Item-Pw-2', 'vm_pin': {'739105': None}}]}


def test_a_module_process_that_fails_validation_shows_no_secret(monkeypatch, capsys):
    from ansible_collections.tcx.xapi.plugins.module_utils.converge import run_config_module
    out = run_module_process(monkeypatch, capsys, dict(CONFIG_ARGS, departments='Sales', parallel='lots'), run_config_module)
    assert '"failed": true' in out and 'departments' in out
    for secret in ('Client-Secret-1', 'Item-Pw-2', '739105'):
        assert secret not in out


def test_an_unexpected_exception_of_a_module_process_is_masked(monkeypatch, capsys):
    from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked

    @failures_masked
    def main():
        module = MaskingModule(argument_spec={'client_secret': {'type': 'str', 'no_log': True}, 'users': {'type': 'raw'}})
        raise ValueError('cannot use %s or %s' % (module.params['client_secret'], module.params['users'][0]['password']))
    out = run_module_process(monkeypatch, capsys, {'client_secret': 'Client-Secret-1', 'users': [{'password': 'Item-Pw-2'}]},
                             main)
    assert 'failed unexpectedly: ValueError: cannot use ******** or ********' in out
    assert 'Client-Secret-1' not in out and 'Item-Pw-2' not in out
