# -*- coding: utf-8 -*-
"""The fleet report's filters (playbooks/filter_plugins): one row per PBX from the audits' slices."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
from pathlib import Path

import pytest

from ansible.errors import AnsibleFilterError

PATH = Path(__file__).resolve().parents[4] / 'playbooks' / 'filter_plugins' / 'tcx_playbooks.py'
SPEC = importlib.util.spec_from_file_location('tcx_playbooks', str(PATH))
FILTERS = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(FILTERS)


def audit(host, departments=0, users=0, failed=0):
    result = {'summary': {'departments': {'create': departments}, 'users': {'update': users}}, 'changes': [],
              'failures': [{'kind': 'user', 'key': '1', 'msg': 'x'}] * failed}
    drift = FILTERS.tcx_drift(result)
    drift['totals']['failed'] = failed
    return dict(drift, host=host, audited_at='2026-12-07T01:00:00Z')


def test_an_entry_counts_the_drift_per_kind_and_keeps_the_version_and_columns():
    entry = FILTERS.tcx_fleet_entry(audit('pbx-1', departments=2, users=1), version='20.0.10.1034', columns={'licence': 'ok'})
    assert entry['drift'] is True and entry['drifting'] == 3 and entry['pbx_version'] == '20.0.10.1034'
    assert (entry['drift_by_kind']['departments'], entry['drift_by_kind']['users'], entry['drift_by_kind']['queues']) == (2, 1, 0)
    assert entry['columns'] == {'licence': 'ok'}
    with pytest.raises(AnsibleFilterError, match='tcx_audit_columns must be a mapping'):
        FILTERS.tcx_fleet_entry(audit('pbx-1'), columns=['licence'])


def test_slices_merge_into_rows_sorted_by_host_and_name_the_hosts_that_left_no_summary():
    first = {'hosts': {'pbx-3': FILTERS.tcx_fleet_entry(audit('pbx-3', users=1))}, 'planned': ['pbx-1', 'pbx-3']}
    second = {'hosts': {'pbx-2': FILTERS.tcx_fleet_entry(audit('pbx-2'), columns={'backup_age': '2 days'})}, 'planned': ['pbx-2']}
    report = FILTERS.tcx_fleet_report([first, second], generated_at='now')
    assert [row['host'] for row in report['rows']] == ['pbx-2', 'pbx-3']
    assert (report['pbxs'], report['drifting_pbxs'], report['drifting_objects'], report['kinds'], report['columns'],
            report['missing']) == (2, 1, 1, ['users'], ['backup_age'], ['pbx-1'])


def test_without_artifacts_the_report_says_what_it_reads():
    with pytest.raises(AnsibleFilterError, match=r'no audit summaries found.*tcx_fleet_\*'):
        FILTERS.tcx_fleet_report([])
    with pytest.raises(AnsibleFilterError, match='must be a mapping with hosts'):
        FILTERS.tcx_fleet_report([{'pbx-1': {}}])
