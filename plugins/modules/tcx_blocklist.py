#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_blocklist
short_description: Manage an entry of the IP blocklist of a 3CX PBX
version_added: 0.1.0
description:
  - Create, update or delete an entry of the IP blocklist of a 3CX v20 PBX (XAPI C(Blocklist)) - an address or network
    that the PBX blocks or allows, until when, and why.
  - The entry is found by O(address) as the PBX holds it; only the options given are managed.
  - One GET and at most one write per run; check mode writes nothing.
  - Entries the PBX added itself (its anti-hacking, meetings) are its own - M(tcx.xapi.tcx_config) never prunes them
    and an audit does not report them as unmanaged.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  address:
    description:
      - The IP address or network (C(IPAddrMask)), such as V(203.0.113.7) or V(203.0.113.0/24); IPv6 as well.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the entry, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  action:
    description:
      - Whether the address is blocked or allowed (C(BlockType)). A new entry without it blocks.
    type: str
    choices: [block, allow]
  expires_at:
    description:
      - When the entry expires (C(ExpiresAt)), a date and time such as V(2027-01-31T00:00:00Z). A new entry without
        it never expires.
    type: str
  description:
    description:
      - Why the entry exists (C(Description)).
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: Block a scanner's network for a month
  tcx.xapi.tcx_blocklist:
    address: 198.51.100.0/24
    action: block
    expires_at: "2027-02-01T00:00:00Z"
    description: SIP scanner, ticket 4711

- name: Always allow the office
  tcx.xapi.tcx_blocklist:
    address: 203.0.113.7
    action: allow
    description: head office

- name: Lift a block
  tcx.xapi.tcx_blocklist:
    address: 198.51.100.0/24
    state: absent
'''

RETURN = r'''
entry:
  description: The entry after the task (or as it would be in check mode) in the options' own shape; empty when deleted.
  returned: always
  type: dict
  sample:
    address: 198.51.100.0/24
    action: block
    expires_at: "2027-02-01T00:00:00Z"
    description: SIP scanner, ticket 4711
raw:
  description: The entry as XAPI holds it (C(Pbx.BlocklistAddr)).
  returned: always
  type: dict
  sample:
    Id: 12
    IPAddrMask: 198.51.100.0/24
    BlockType: Block
    AddedBy: Manual
    ExpiresAt: "2027-02-01T00:00:00Z"
    Description: SIP scanner, ticket 4711
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('blocklist', module_class=module_class)


if __name__ == '__main__':
    main()
