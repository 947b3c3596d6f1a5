# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: callflow
short_description: Each DID's call flow as a Mermaid flowchart and an inline SVG picture, drift marked
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Builds the call flow of a state in the C(tcx.xapi.provision) role's variables (C(tcx_inbound_rules), C(tcx_ivrs),
    C(tcx_queues), C(tcx_ring_groups), C(tcx_users)) or as M(tcx.xapi.tcx_config_info) returns it (the same lists
    without C(tcx_), so a backup too) - DID, inbound rule, office hours, out of office and holidays, IVR keys, queues
    and ring groups, their agents and members, voicemail and external ends - and returns one entry per DID.
  - With O(live), the PBX's state (the registered result of M(tcx.xapi.tcx_config_info)), each node and edge is
    marked C(missing) (desired, not on the PBX), C(extra) (on the PBX, not desired), C(context) (on the PBX, of an
    object the desired state does not manage) or C(same). Objects given by number on one side and by name on the
    other are matched through the numbers the other side lists.
  - The SVG is laid out by the Python library C(grandalf) (a layered, Sugiyama layout; pure Python, no system
    binary), drawn inline (no script, font or image from the network). Without C(grandalf) on the controller the
    entries' C(svg) values are null and C(layout) is false; show the C(mermaid) text instead.
  - The audit (C(playbooks/audit.yml)) and the backup (C(playbooks/backup.yml)) draw their reports with it.
options:
  _input:
    description: The desired state (or the backup) whose DIDs are drawn.
    type: dict
    required: true
  live:
    description: The PBX's state to compare with (the registered result of M(tcx.xapi.tcx_config_info)); none to draw one side.
    type: dict
  svg:
    description: Whether to draw the SVG pictures (with V(false), the Mermaid text only).
    type: bool
    default: true
'''

EXAMPLES = r'''
- name: Read the PBX's call flow
  tcx.xapi.tcx_config_info:
    kinds: [ring_groups, queues, ivrs, inbound_rules]
  register: pbx

- name: Write the desired and the live flow of each DID as Mermaid
  ansible.builtin.copy:
    dest: callflow.md
    mode: "0600"
    content: |
      {% for flow in {'tcx_inbound_rules': tcx_inbound_rules, 'tcx_ivrs': tcx_ivrs} | tcx.xapi.callflow(live=pbx, svg=false) %}
      ## DID {{ flow.did }}{{ ' (drift)' if flow.drift else '' }}
      ```mermaid
      {{ flow.mermaid }}
      ```
      {% endfor %}
'''

RETURN = r'''
_value:
  description: One entry per DID, those of the input first.
  type: list
  elements: dict
  contains:
    did:
      description: The DID.
      type: str
    drift:
      description: Whether the DID's flow on the PBX differs from the desired one (false without O(live)).
      type: bool
    mermaid:
      description: A Mermaid C(flowchart LR) of both sides, drift as the classes C(missing) and C(extra).
      type: str
    svg:
      description: C(desired) and C(live), an inline C(<svg>) of each side or null (the side has no such DID, or no C(grandalf)).
      type: dict
    layout:
      description: Whether the SVG pictures could be drawn (C(grandalf) is installed).
      type: bool
    nodes:
      description: The nodes of both sides, each with C(id), C(kind), C(label) and C(state).
      type: list
      elements: dict
    edges:
      description: The edges of both sides, each with C(from), C(to) (node ids) and C(state).
      type: list
      elements: dict
'''

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.plugin_utils import callflow as flows


def callflow(state, live=None, svg=True):
    """One entry per DID of ``state`` (and of ``live``): Mermaid text, SVG pictures, nodes and edges (see DOCUMENTATION)."""
    if not isinstance(state, dict) or (live is not None and not isinstance(live, dict)):
        raise AnsibleFilterError('callflow expects a state (a mapping of the provision role variables or a tcx_config_info result)'
                                 ' and live: a tcx_config_info result or none')
    found = []
    for entry in flows.flows_by_did(state, live):
        nodes, edges = flows.merged(entry)
        pictures = flows.pictures(entry) if svg else {'desired': None, 'live': None}
        found.append({'did': entry['did'], 'drift': entry['drift'], 'mermaid': flows.mermaid(nodes, edges), 'svg': pictures,
                      'layout': flows.HAS_LAYOUT and bool(svg), 'nodes': nodes,
                      'edges': [dict(e, state=e.get('state', 'same')) for e in edges]})
    return found


class FilterModule(object):
    def filters(self):
        return {'callflow': callflow}
