# -*- coding: utf-8 -*-
"""The playbooks' report templates, compiled once (plugins/plugin_utils/reports.py), render exactly as Ansible's
templar renders them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
from pathlib import Path

import pytest
import yaml

from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import add_all_plugin_dirs
from ansible.template import Templar
from ansible_collections.tcx.xapi.plugins.plugin_utils.reports import COMPILED, REPORT_TEMPLATES

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core before 2.19
    def trust_as_template(text):
        return text

PLAYBOOKS = Path(__file__).resolve().parents[3] / 'playbooks'


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FILTERS = load('tcx_playbooks', PLAYBOOKS / 'filter_plugins' / 'tcx_playbooks.py')
OFFICE = yaml.safe_load((PLAYBOOKS / 'vars' / 'demo_office.yml').read_text(encoding='utf-8'))


def audit(host):
    """An audit with every kind of drift, values a Markdown cell or HTML must escape, and a licence warning."""
    result = {'summary': {'departments': {'create': 1}, 'users': {'update': 1, 'unchanged': 3}, 'settings': {'update': 1}},
              'changes': [{'kind': 'department', 'key': 'Sales | EU', 'action': 'create', 'diff': {'before': {}, 'after': {'name': 'Sales | EU'}}},
                          {'kind': 'user', 'key': '201', 'action': 'update',
                           'diff': {'before': {'first_name': 'Zoë', 'forwarding': {'away': {'to': 'voicemail'}}},
                                    'after': {'first_name': '<Zoë & "Ada">', 'forwarding': {'away': {'to': 'extension', 'number': '202'}}}}},
                          {'kind': 'settings', 'key': 'settings', 'action': 'update',
                           'diff': {'before': {'general': {'name': 'a\nb'}}, 'after': {'general': {'name': 'c'}}}}],
              'unmanaged': [{'kind': 'user', 'key': '299', 'options': {'extension': '299', 'first_name': 'Eve'}}]}
    found = FILTERS.tcx_drift(result)
    found.update(host=host, audited_at='2026-12-07T01:00:00Z', version='20.0.10.1034', newest_backup={'file_name': 'b.zip', 'age_days': 3},
                 license={'product': '3CX', 'edition': 'Enterprise', 'simultaneous_calls': 8, 'expires_at': '2027-01-01',
                          'maintenance_expires_at': '2026-12-20', 'days_left': 25, 'maintenance_days_left': 13, 'version': '20'},
                 license_warnings=['the maintenance runs out in 13 days'])
    return found


def variables(name):
    flows = load('callflow', Path(__file__).resolve().parents[3] / 'plugins' / 'filter' / 'callflow.py').callflow(OFFICE)
    if name.startswith('audit_report'):
        return {'tcx_audit': audit('pbx-1'), 'tcx_audit_flows': flows}
    if name.startswith('backup'):
        return {'inventory_hostname': 'pbx-1 <a&b>', 'tcx_backup_base': '/tmp/backups/tcx-backup-pbx-1-20261207T010000Z',
                'tcx_backup_system': {'version': '20.0.10.1034'}, 'tcx_backup_flows': flows}
    entries = [FILTERS.tcx_fleet_entry(audit(host), version='20.0.10', columns={'licence | runs out': '<soon>'}) for host in ('pbx-1', 'pbx-2')]
    return {'tcx_fleet': FILTERS.tcx_fleet_report([{'hosts': dict((e['host'], e) for e in entries), 'planned': ['pbx-1', 'pbx-2', 'pbx-3']}],
                                                  generated_at='2026-12-07T02:00:00Z')}


@pytest.mark.parametrize('name', REPORT_TEMPLATES)
def test_a_compiled_report_renders_as_ansibles_templar_renders_it(name):
    add_all_plugin_dirs(str(PLAYBOOKS))  # the playbooks' filters, as ansible-playbook finds them beside a playbook
    given = variables(name)
    text = (PLAYBOOKS / 'templates' / name).read_text(encoding='utf-8')
    expected = Templar(loader=DataLoader(), variables=given).template(trust_as_template(text), escape_backslashes=False)
    rendered = COMPILED[name].render(given)
    assert rendered == expected
    assert {'audit': 'Enterprise', 'fleet': 'pbx-3', 'backup': 'class="callflow"'}[name.split('_')[0]] in rendered
