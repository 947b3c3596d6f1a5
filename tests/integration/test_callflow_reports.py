# -*- coding: utf-8 -*-
"""The call flow drawn: the audit's HTML (desired and PBX side by side, drift marked) and Markdown (Mermaid), the backup's page."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import copy
import re
import sys
from pathlib import Path

from conftest import run_playbook
from test_playbooks import OFFICE, ReportPage, provision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'unit' / 'plugins' / 'filter'))
from test_callflow import OFFICE_EDGES, OFFICE_NODES, mermaid_items, svg_items  # noqa: E402  (the demo's flow, written out)


def figures(html):
    """``{side: svg text}`` of each DID section: ``{did: {'desired': ..., 'live': ...}}``."""
    found = {}
    for did, body in re.findall(r'<article class="callflow" data-did="([^"]+)"[^>]*>(.*?)</article>', html, re.S):
        found[did] = dict(re.findall(r'<figure class="(desired|live)"><figcaption>[^<]*</figcaption>\s*(<svg.*?</svg>)', body, re.S))
    return found


def drifted_office():
    """The demo office as it stands on a PBX that drifted: 202 left the Sales Team, key 2 rings the team instead of the queue."""
    office = copy.deepcopy(OFFICE)
    office['tcx_ring_groups'][0]['members'] = ['201']
    office['tcx_ivrs'][0]['menu']['2'] = {'to': 'ring_group', 'name': 'Sales Team'}
    return office


def test_the_audit_draws_each_did_desired_beside_the_pbx_with_the_drift_marked(emulator, tmp_path):
    provision(tmp_path, emulator, **drifted_office())
    emulator.clear_requests()
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=dict(OFFICE, tcx_report_dir='reports'))
    assert emulator.writes() == []
    # The audit's one step reads each entity set once for the compare; the PBX's side of the flows is one more
    # read, a GET per entity set of the kinds a flow passes (and the departments they name).
    index = [n for n, r in enumerate(run.records) if r['task'].startswith('Compare the PBX')][0]
    gets = collections.Counter(r['path'].split('/')[-1] for r in run.requests(index)
                               if r['path'].startswith('/xapi/') and r['method'] == 'GET')
    flow = ['Groups', 'InboundRules', 'Queues', 'Receptionists', 'RingGroups']
    assert sorted(name for name, count in gets.items() if count == 2) == flow and set(gets.values()) == {1, 2}, gets

    html = (tmp_path / 'reports' / 'tcx-audit-localhost.html').read_text(encoding='utf-8')
    page = ReportPage()
    page.feed(html)
    assert page.external == []  # opens offline: no script, stylesheet or image to fetch
    assert '<script' not in html and not re.search(r'(src|href)="?https?:', html)
    sides = figures(html)
    assert list(sides) == ['+493012345610'] and 'data-drift="true"' in html
    desired_nodes, desired_edges = svg_items(sides['+493012345610']['desired'])
    live_nodes, live_edges = svg_items(sides['+493012345610']['live'])
    # Every node and edge of the desired state is in the desired picture.
    assert dict((i, label) for i, (state, label) in desired_nodes.items()) == OFFICE_NODES
    assert set(desired_edges) == OFFICE_EDGES
    # The drift, marked on both sides; the rest is the same.
    drift = {('ring_group:Sales Team', 'extension:202'): 'missing', ('ivr:Main Menu/2', 'queue:Support Queue'): 'missing'}
    assert dict((e, s) for e, s in desired_edges.items() if s != 'same') == drift
    assert desired_nodes['extension:202'][0] == 'missing'
    assert dict((e, s) for e, s in live_edges.items() if s != 'same') == {('ivr:Main Menu/2', 'ring_group:Sales Team'): 'extra'}
    assert 'extension:202' not in live_nodes and 'queue:Support Queue' not in live_nodes

    markdown = (tmp_path / 'reports' / 'tcx-audit-localhost.md').read_text(encoding='utf-8')
    chart, = re.findall(r'```mermaid\n(.*?)\n```', markdown, re.S)
    labels, arrows = mermaid_items(chart)
    assert set(arrows) >= set((OFFICE_NODES[a], OFFICE_NODES[b].replace('202 Zoë Ångström', '202 Zoë Ångström (not on the PBX)'))
                              for a, b in OFFICE_EDGES)
    assert arrows[('key 2', 'queue Support Queue')] == '-.->' and arrows[('key 2', 'ring group Sales Team')] == '==>'
    assert labels['202 Zoë Ångström (not on the PBX)'] == 'missing'
    assert '### DID `+493012345610`: drift' in markdown


def test_the_audit_without_inbound_rules_reads_no_call_flow(emulator, tmp_path):
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars={'tcx_departments': [{'name': 'DEFAULT'}], 'tcx_report_dir': 'reports'})
    index = [n for n, r in enumerate(run.records) if r['task'].startswith('Compare the PBX')][0]
    read = sorted(r['path'].split('/')[-1] for r in run.requests(index) if r['path'].startswith('/xapi/'))
    assert read == ['Backups', 'Groups', 'LicenseStatus'], read
    assert 'class="callflow"' not in (tmp_path / 'reports' / 'tcx-audit-localhost.html').read_text(encoding='utf-8')


def test_the_backup_draws_each_did(emulator, tmp_path):
    provision(tmp_path, emulator, **OFFICE)
    run_playbook(tmp_path, 'backup.yml', emulator, extra_vars={'tcx_backup_dir': 'backups'})
    page, = sorted((tmp_path / 'backups').glob('*.html'))
    assert oct(page.stat().st_mode & 0o777) == '0o600'
    html = page.read_text(encoding='utf-8')
    picture, = re.findall(r'<article class="callflow" data-did="\+493012345610">.*?<figure>(<svg.*?</svg>)', html, re.S)
    nodes, edges = svg_items(picture)
    assert dict((i, label) for i, (state, label) in nodes.items()) == OFFICE_NODES
    assert set(edges) == OFFICE_EDGES and set(edges.values()) == {'same'}
