# -*- coding: utf-8 -*-
"""The harness's secret scan, which every play of the suite passes through, catches what it must."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import _literal_secrets, _secret_values, scan_for_secrets

SECRETS = {'Sup3r-Secret!': 'tasks password', '583920': 'tasks vm_pin'}


def records(result):
    return [{'result': result, 'action': 'tcx.xapi.tcx_user'}]


@pytest.mark.parametrize('stdout, result', [
    ('changed: password Sup3r-Secret! set', {}),
    ('"vm_pin": "583920"', {}),
    ('', {'user': {'VMPIN': '583920'}}),
    ('pin=583920\n', {}),
])
def test_a_secret_in_output_or_results_fails_the_test_without_showing_it(stdout, result):
    with pytest.raises(AssertionError) as failure:
        scan_for_secrets(SECRETS, set(), stdout, '', records(result))
    assert 'Sup3r-Secret!' not in str(failure.value) and '583920' not in str(failure.value)
    assert '<SECRET>' in str(failure.value)


def test_a_pin_inside_a_longer_number_is_chance_not_a_leak():
    stdout = 'mkdir /root/.ansible/tmp/ansible-tmp-1795839481.2365053-2499-30488495839206'
    scan_for_secrets(SECRETS, set(), stdout, '', records({'changed': True}))


def test_literal_secret_options_are_collected_templates_and_short_values_are_not():
    tasks = [{'tcx.xapi.tcx_user': {'password': 'Long-Enough-1', 'vm_pin': '{{ pin }}', 'first_name': 'Sup3r'}},
             {'tcx.xapi.tcx_token': {'client_secret': 'abc'}}]
    assert _secret_values(tasks, {}) == {'Long-Enough-1': 'tasks password'}


def test_a_playbook_file_its_extra_vars_and_environment_give_their_literal_secrets(tmp_path):
    playbook = tmp_path / 'play.yml'
    playbook.write_text('- hosts: localhost\n  tasks:\n    - tcx.xapi.tcx_user: {extension: "150", password: Pw-in-the-file-1,'
                        ' update_password: always}\n')
    found = _literal_secrets(playbook, None, {'tcx_client_secret': 'Extra-var-secret', 'tcx_url': 'https://pbx'},
                             {'TCX_CLIENT_SECRET': 'Env-secret-2'})
    assert found == {'Pw-in-the-file-1': 'tasks password', 'Extra-var-secret': 'extra vars tcx_client_secret',
                     'Env-secret-2': 'env TCX_CLIENT_SECRET'}
