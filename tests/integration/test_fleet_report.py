# -*- coding: utf-8 -*-
"""A sliced fleet audit on AWX's engine (ansible-runner): the slices' artifacts merge into the one report of the unsliced run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import re
from pathlib import Path

from tcx_emulator.pytest_plugin import start_emulator

import awx_job

REPO = Path(__file__).resolve().parents[2]
PLAYBOOKS = REPO / 'playbooks'
PBXS = 6
SLICES = 3
VERSIONS = ('20.0.10', '20.0.8')


def run_job(tmp_path, ident, playbook, emulators, hosts, host_vars, extravars, limit=None):
    """One AWX job (awx_job.run_job, each with its own private data dir): the PBXs' connections in the
    inventory's host variables, extra vars and an optional limit (a slice). Returns the job's artifacts
    (what AWX stores: the set_stats data of the playbook_on_stats event) and its stdout."""
    job = awx_job.run_job(tmp_path / 'runner' / ident, playbook, emulators, hosts=hosts, host_vars=host_vars,
                          extravars=extravars, limit=limit, project=PLAYBOOKS, ident=ident)
    return job.artifacts, job.stdout


def awx_merge(*artifacts):
    """The extra vars AWX gives a workflow's next node: its parents' artifacts, merged key by key (dict.update)."""
    merged = {}
    for found in artifacts:
        merged.update(found)
    return merged


def without_times(report):
    report = dict(report, generated_at=None, rows=[dict(row, audited_at=None) for row in report['rows']])
    return report


def stamp_free(text):
    return re.sub(r'\d{4}-\d\d-\d\dT[0-9:.]+Z', 'TIME', text)


def test_three_slices_merge_into_the_report_of_the_unsliced_audit(tmp_path):
    hosts = ['pbx-%02d' % n for n in range(PBXS)]
    with contextlib.ExitStack() as stack:
        emulators = [stack.enter_context(start_emulator('--principal', '9%02d:fleet-secret-%02d' % (n, n),
                                                        '--pbx-version', VERSIONS[n % 2])) for n in range(PBXS)]
        host_vars = {}
        for n, (host, emulator) in enumerate(zip(hosts, emulators)):
            host_vars[host] = {'tcx_url': emulator.url, 'tcx_client_id': emulator.client_id, 'tcx_client_secret': emulator.client_secret,
                               # Every other PBX lacks the desired Sales department: drift.
                               'tcx_departments': [{'name': 'DEFAULT'}] + ([{'name': 'Sales'}] if n % 2 else [])}
            if n == 4:
                host_vars[host]['tcx_audit_columns'] = {'licence': 'expires 2027-03-01'}
        inventory = (emulators, hosts, host_vars)
        audit_vars = {'tcx_hosts': 'all', 'tcx_drift_changed': False}

        whole, stdout = run_job(tmp_path, 'audit-all', 'audit.yml', *inventory, dict(audit_vars, tcx_report_dir=str(tmp_path / 'all')))
        slices = []
        for number in range(SLICES):  # as AWX slices an inventory: every SLICES-th host
            part = hosts[number::SLICES]
            artifacts, slice_stdout = run_job(tmp_path, 'audit-slice-%d' % number, 'audit.yml', *inventory,
                                              dict(audit_vars, tcx_report_dir=str(tmp_path / ('slice-%d' % number))),
                                              limit=','.join(part))
            fleet = [key for key in artifacts if key.startswith('tcx_fleet_')]
            assert len(fleet) == 1 and sorted(artifacts[fleet[0]]['hosts']) == part, artifacts
            slices.append(artifacts)
            stdout += slice_stdout
        # Each slice publishes under its own key: none clobbers another in AWX's merge.
        assert len(set(key for found in slices for key in found if key.startswith('tcx_fleet_'))) == SLICES
        for emulator in emulators:
            assert emulator.writes() == []

        run_job(tmp_path, 'report-all', 'fleet_report.yml', *inventory, dict(whole, tcx_report_dir=str(tmp_path / 'all')))
        merged_artifacts, report_stdout = run_job(tmp_path, 'report-sliced', 'fleet_report.yml', *inventory,
                                                  dict(awx_merge(*slices), tcx_report_dir=str(tmp_path / 'sliced')))
        stdout += report_stdout
        secrets = [emulator.client_secret for emulator in emulators]

    unsliced = json.loads((tmp_path / 'all' / 'tcx-fleet-report.json').read_text())
    sliced = json.loads((tmp_path / 'sliced' / 'tcx-fleet-report.json').read_text())
    assert without_times(sliced) == without_times(unsliced)
    for extension in ('md', 'html'):
        assert stamp_free((tmp_path / 'sliced' / ('tcx-fleet-report.' + extension)).read_text()) == stamp_free(
            (tmp_path / 'all' / ('tcx-fleet-report.' + extension)).read_text())

    # One row per PBX: drift per kind, version, the extra column.
    assert [row['host'] for row in sliced['rows']] == hosts
    assert [row['drift'] for row in sliced['rows']] == [bool(n % 2) for n in range(PBXS)]
    assert [row['drift_by_kind']['departments'] for row in sliced['rows']] == [n % 2 for n in range(PBXS)]
    assert [row['pbx_version'].startswith(VERSIONS[n % 2] + '.') for n, row in enumerate(sliced['rows'])] == [True] * PBXS
    assert (sliced['pbxs'], sliced['drifting_pbxs'], sliced['kinds'], sliced['columns'], sliced['missing']) == (
        PBXS, PBXS // 2, ['departments'],
        # The test's own column, then those the audit adds itself (licence and maintenance, backups, settings).
        ['licence', 'licence runs out', 'maintenance runs out', 'newest backup', 'settings drift'], [])
    assert merged_artifacts['tcx_fleet_drift'] == {'pbxs': PBXS, 'drifting_pbxs': PBXS // 2, 'drifting_objects': PBXS // 2, 'missing': []}
    markdown = (tmp_path / 'sliced' / 'tcx-fleet-report.md').read_text()
    assert '| pbx-01 | **drift** | 1 | 1 | 0 | %s' % sliced['rows'][1]['pbx_version'] in markdown
    assert 'expires 2027-03-01 |' in markdown.splitlines()[[n for n, line in enumerate(markdown.splitlines()) if 'pbx-04' in line][0]]
    html = (tmp_path / 'sliced' / 'tcx-fleet-report.html').read_text()
    assert html.count('<tr data-host=') == PBXS and '<script' not in html
    # No client secret in any output or artifact of the jobs (awx_job.run_job scans each job; command too here).
    dumped = stdout + ''.join(p.read_text(errors='replace') for p in (tmp_path / 'runner').rglob('artifacts/**/*') if p.is_file())
    assert [secret for secret in secrets if secret in dumped] == []


def test_the_fleet_report_without_artifacts_says_what_it_needs(tmp_path):
    job = awx_job.run_job(tmp_path / 'job', 'fleet_report.yml', extravars={'tcx_report_dir': str(tmp_path)}, project=PLAYBOOKS,
                          expect_rc=2)
    failed = [r['result'] for r in job.records if r['status'] == 'failed'][0]
    assert 'no audit summaries found' in failed['msg'] and 'tcx_fleet_*' in failed['msg']
