# -*- coding: utf-8 -*-
"""The call flow graph (plugin_utils/callflow.py, the tcx.xapi.callflow filter): what the audit and the backup draw."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.filter.callflow import callflow
from ansible_collections.tcx.xapi.plugins.plugin_utils import callflow as flows

REPO = Path(__file__).resolve().parents[4]
OFFICE = yaml.safe_load((REPO / 'playbooks' / 'vars' / 'demo_office.yml').read_text(encoding='utf-8'))
DID = 'did:+493012345610'
SVG = '{http://www.w3.org/2000/svg}'

# The demo office's flow, written out: every node (id: label) and edge users rely on seeing.
OFFICE_NODES = {
    DID: 'DID +493012345610', 'rule:+493012345610': 'inbound rule Main number',
    'rule:+493012345610/office_hours': 'office hours', 'rule:+493012345610/out_of_office': 'out of office',
    'rule:+493012345610/holidays': 'holidays', 'ivr:Main Menu': 'IVR Main Menu',
    'ivr:Main Menu/0': 'key 0', 'ivr:Main Menu/1': 'key 1', 'ivr:Main Menu/2': 'key 2', 'ivr:Main Menu/*': 'key *',
    'ivr:Main Menu/timeout': 'timeout', 'repeat_prompt:ivr:Main Menu': 'repeat prompt',
    'ring_group:Sales Team': 'ring group Sales Team', 'ring_group:Sales Team/no_answer': 'no answer',
    'queue:Support Queue': 'queue Support Queue', 'queue:Support Queue/no_answer': 'no answer',
    'extension:201': "201 Seán O'Brien", 'extension:202': '202 Zoë Ångström', 'extension:301': '301 Grace Hopper',
    'voicemail:201': 'voicemail 201',
}
OFFICE_EDGES = {
    (DID, 'rule:+493012345610'),
    ('rule:+493012345610', 'rule:+493012345610/office_hours'), ('rule:+493012345610/office_hours', 'ivr:Main Menu'),
    ('rule:+493012345610', 'rule:+493012345610/out_of_office'), ('rule:+493012345610/out_of_office', 'voicemail:201'),
    ('rule:+493012345610', 'rule:+493012345610/holidays'), ('rule:+493012345610/holidays', 'voicemail:201'),
    ('ivr:Main Menu', 'ivr:Main Menu/0'), ('ivr:Main Menu/0', 'extension:201'),
    ('ivr:Main Menu', 'ivr:Main Menu/1'), ('ivr:Main Menu/1', 'ring_group:Sales Team'),
    ('ivr:Main Menu', 'ivr:Main Menu/2'), ('ivr:Main Menu/2', 'queue:Support Queue'),
    ('ivr:Main Menu', 'ivr:Main Menu/*'), ('ivr:Main Menu/*', 'repeat_prompt:ivr:Main Menu'),
    ('ivr:Main Menu', 'ivr:Main Menu/timeout'), ('ivr:Main Menu/timeout', 'extension:201'),
    ('ring_group:Sales Team', 'extension:201'), ('ring_group:Sales Team', 'extension:202'),
    ('ring_group:Sales Team', 'ring_group:Sales Team/no_answer'), ('ring_group:Sales Team/no_answer', 'voicemail:201'),
    ('queue:Support Queue', 'extension:301'), ('queue:Support Queue', 'extension:201'),
    ('queue:Support Queue', 'queue:Support Queue/no_answer'), ('queue:Support Queue/no_answer', 'ring_group:Sales Team'),
}


def as_backup(state):
    """The demo office as tcx_config_info returns it: lists without tcx_, the PBX's numbers, destinations by number."""
    live = copy.deepcopy(dict((key[len('tcx_'):], value) for key, value in state.items()))
    live['ring_groups'][0]['number'] = '800'
    live['queues'][0]['number'] = '801'
    live['ivrs'][0]['number'] = '802'
    menu = live['ivrs'][0]['menu']
    menu['1'], menu['2'] = {'to': 'ring_group', 'number': '800'}, {'to': 'queue', 'number': '801'}
    live['queues'][0]['no_answer'] = {'to': 'ring_group', 'number': '800'}
    live['inbound_rules'][0]['office_hours'] = {'to': 'ivr', 'number': '802'}
    return live


def svg_items(picture):
    """``({node id: (state, label)}, {(from, to): state})`` of an SVG picture."""
    root = ET.fromstring(picture)
    nodes, edges = {}, {}
    for group in root.iter(SVG + 'g'):
        kind, state = group.get('class').split()
        if kind == 'node':
            nodes[group.get('data-id')] = (state, group.find(SVG + 'text').text)
        else:
            edges[(group.get('data-from'), group.get('data-to'))] = state
    return nodes, edges


def mermaid_items(text):
    """``({label: classes}, {(from label, to label): arrow})`` of a Mermaid flowchart."""
    labels = dict(re.findall(r'^  (n\d+)\(?\["(.*)"\]\)?$', text, re.M))
    classes = {}
    for names, state in re.findall(r'^  class (\S+) (\w+)$', text, re.M):
        for name in names.split(','):
            classes[labels[name]] = state
    edges = dict(((labels[a], labels[b]), arrow) for a, arrow, b in re.findall(r'^  (n\d+) (\S+) (n\d+)$', text, re.M))
    return dict((label, classes.get(label, 'same')) for label in labels.values()), edges


def test_the_demo_office_flow_has_every_node_and_edge_from_did_to_agents_and_ends():
    flow = flows.build(OFFICE)
    assert dict((i, n['label']) for i, n in flow.nodes.items()) == OFFICE_NODES
    assert set(flow.edges) == OFFICE_EDGES
    assert flow.dids == [DID] and set(flow.reachable(DID)) == set(OFFICE_NODES)


def test_a_backup_by_number_is_the_same_flow_as_the_desired_state_by_name():
    backup = as_backup(OFFICE)
    assert set(flows.build(backup).edges) == OFFICE_EDGES
    entry, = callflow(OFFICE, live=backup)
    assert entry['drift'] is False and set(n['state'] for n in entry['nodes']) == {'same'}


def test_the_picture_and_the_mermaid_chart_hold_every_node_and_edge_of_the_desired_state():
    entry, = callflow(OFFICE)
    assert entry['did'] == '+493012345610' and entry['svg']['live'] is None and entry['layout'] is True
    nodes, edges = svg_items(entry['svg']['desired'])
    assert dict((i, label) for i, (state, label) in nodes.items()) == OFFICE_NODES
    assert set(edges) == OFFICE_EDGES and set(edges.values()) == {'same'}
    assert sorted(re.findall(r'^  n\d+\(?\["(.*)"\]\)?$', entry['mermaid'], re.M)) == sorted(OFFICE_NODES.values())
    labels, arrows = mermaid_items(entry['mermaid'])
    assert set(arrows) == set((OFFICE_NODES[a], OFFICE_NODES[b]) for a, b in OFFICE_EDGES)
    assert set(arrows.values()) == {'-->'}


def test_drift_is_marked_on_both_sides():
    live = as_backup(OFFICE)
    live['ring_groups'][0]['members'] = ['201', '205']           # 202 left the ring group, 205 joined
    live['ivrs'][0]['menu']['2'] = {'to': 'ring_group', 'number': '800'}  # key 2 rings the group, not the queue
    live['inbound_rules'].append({'did': '+493012345699', 'name': 'Fax', 'office_hours': {'to': 'extension', 'number': '201'}})
    first, second = callflow(OFFICE, live=live)
    assert (first['did'], first['drift'], second['did'], second['drift']) == ('+493012345610', True, '+493012345699', True)

    desired_nodes, desired_edges = svg_items(first['svg']['desired'])
    live_nodes, live_edges = svg_items(first['svg']['live'])
    assert desired_edges[('ring_group:Sales Team', 'extension:202')] == 'missing'
    assert desired_edges[('ivr:Main Menu/2', 'queue:Support Queue')] == 'missing'
    assert desired_nodes['extension:202'] == ('missing', '202 Zoë Ångström')
    assert live_edges[('ring_group:Sales Team', 'extension:205')] == 'extra'
    assert live_edges[('ivr:Main Menu/2', 'ring_group:Sales Team')] == 'extra'
    assert live_nodes['extension:205'] == ('extra', 'extension 205')
    assert [e for e, state in desired_edges.items() if state != 'same'] == [
        e for e in desired_edges if e in {('ring_group:Sales Team', 'extension:202'), ('ivr:Main Menu/2', 'queue:Support Queue')}]
    # Same in the one Mermaid chart of both sides.
    labels, arrows = mermaid_items(first['mermaid'])
    assert labels['202 Zoë Ångström (not on the PBX)'] == 'missing' and labels['extension 205 (only on the PBX)'] == 'extra'
    assert arrows[('ring group Sales Team', '202 Zoë Ångström (not on the PBX)')] == '-.->'
    assert arrows[('key 2', 'queue Support Queue')] == '-.->' and arrows[('key 2', 'ring group Sales Team')] == '==>'
    # A DID only on the PBX, its rule unmanaged (the desired state lists inbound rules).
    assert second['svg']['desired'] is None and svg_items(second['svg']['live'])[0]['did:+493012345699'][0] == 'extra'


def test_objects_the_desired_state_does_not_manage_are_context_not_drift():
    desired = {'tcx_inbound_rules': OFFICE['tcx_inbound_rules']}  # the rule only: the IVR and beyond are not managed
    entry, = callflow(desired, live=as_backup(OFFICE))
    assert entry['drift'] is False
    states = dict((n['id'], n['state']) for n in entry['nodes'])
    assert states['rule:+493012345610'] == 'same' and states['ivr:Main Menu'] == 'same'
    assert states['ivr:Main Menu/1'] == 'context' and states['ring_group:Sales Team'] == 'context'


def test_without_grandalf_only_the_mermaid_text(monkeypatch):
    monkeypatch.setattr(flows, 'HAS_LAYOUT', False)
    entry, = callflow(OFFICE, live=as_backup(OFFICE))
    assert entry['layout'] is False and entry['svg'] == {'desired': None, 'live': None}
    assert entry['mermaid'].startswith('flowchart LR\n')


def test_the_picture_needs_nothing_from_the_network():
    entry, = callflow(OFFICE)
    assert not re.search(r'https?://(?!www\.w3\.org/2000/svg)', entry['svg']['desired'])
    assert '<script' not in entry['svg']['desired'] and '<image' not in entry['svg']['desired']


def test_a_state_that_is_not_a_mapping_is_refused():
    with pytest.raises(AnsibleFilterError, match='callflow expects a state'):
        callflow(['tcx_ivrs'])


def test_a_flow_without_drift_is_laid_out_once_and_drawn_on_both_sides(monkeypatch):
    """The live picture of a DID without drift is the desired picture under its own title: the same picture as a
    layout of its own would be, for half the CPU."""
    alone = dict((side, flows.svg(part['nodes'], part['edges'], '%s: DID +493012345610' % side))
                 for side, part in flows.flows_by_did(OFFICE, as_backup(OFFICE))[0].items() if side in ('desired', 'live'))
    laid_out = []
    draw = flows.svg
    monkeypatch.setattr(flows, 'svg', lambda nodes, edges, title='': laid_out.append(title) or draw(nodes, edges, title))
    entry, = callflow(OFFICE, live=as_backup(OFFICE))
    assert entry['drift'] is False and laid_out == ['desired: DID +493012345610']
    assert entry['svg'] == alone and '<title>live: DID +493012345610</title>' in entry['svg']['live']
    drifted = as_backup(OFFICE)
    drifted['ring_groups'][0]['members'] = drifted['ring_groups'][0]['members'][:1]
    laid_out[:] = []
    entry, = callflow(OFFICE, live=drifted)
    assert entry['drift'] is True and laid_out == ['desired: DID +493012345610', 'live: DID +493012345610']
