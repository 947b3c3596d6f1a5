#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_ring_group
short_description: Manage 3CX ring groups
version_added: 0.1.0
description:
  - Create, update and delete ring groups (XAPI C(RingGroups)) of a 3CX v20 PBX through its Configuration API.
  - A ring group is identified by its O(name); the PBX compares names ignoring case, so a different spelling
    of an existing name renames it.
  - Only the options given are managed; the others keep what the PBX holds.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Name of the ring group, its natural key.
    type: str
    required: true
  number:
    description:
      - Extension number of the ring group (2 to 10 digits), used when it is created. Without it the PBX
        assigns the first free extension, returned in RV(ring_group.number).
      - A number never changes after creation; giving another number for an existing ring group fails
        before any write.
    type: str
  strategy:
    description:
      - How the members ring. V(Hunt) rings them one after the other in the order of O(members),
        V(RingAll) all at once, V(Paging) pages them (one-way audio).
    type: str
    choices: [Hunt, RingAll, Paging]
  ring_time:
    description: Seconds a call rings (each member, with V(Hunt)) before it goes to O(no_answer).
    type: int
  members:
    description:
      - The user extensions of the ring group, in ring order. The order matters for O(strategy=Hunt);
        a change of order alone is one update.
      - The list is managed whole; V([]) empties it. Every extension must be a user; an unknown one fails
        before any write (in check mode it warns, since an earlier task may create the user).
    type: list
    elements: str
  greeting:
    description: The greeting prompt file played to callers (XAPI C(GreetingFile)).
    type: str
  multicast:
    description: The multicast settings of a O(strategy=Paging) ring group.
    type: dict
    suboptions:
      address:
        description: Multicast IP address.
        type: str
      port:
        description: Multicast port.
        type: int
      codec:
        description: Codec of the multicast stream.
        type: str
      packet_time:
        description: Packet time in milliseconds.
        type: int
  departments:
    description:
      - Names of the departments the ring group belongs to (the PBX compares names ignoring case). Compared as a set,
        written as one whole list; must not be empty. Every department must exist.
      - Without it, a new ring group belongs to the system department C(DEFAULT).
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the ring group, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
  - tcx.xapi.routing.no_answer
  - tcx.xapi.routing.other_hours
notes:
  - M(tcx.xapi.tcx_config) refuses to delete a user that a ring group keeps as a member, naming the ring group.
'''

EXAMPLES = r'''
- name: Sales rings its members one after the other, then goes to the sales queue
  tcx.xapi.tcx_ring_group:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Sales
    strategy: Hunt
    ring_time: 20
    members: ["201", "202", "301"]
    no_answer:
      to: queue
      name: Sales Queue
    routing:
      out_of_office:
        to: voicemail
        number: "201"
  register: sales

- name: Show the number the PBX assigned
  ansible.builtin.debug:
    msg: "Sales rings on {{ sales.ring_group.number | default('a number the PBX assigns (check mode)') }}"

- name: Remove the ring group
  tcx.xapi.tcx_ring_group:
    name: Sales
    state: absent
'''

RETURN = r'''
ring_group:
  description:
    - The ring group after the task (as it would be in check mode) in the shape of this module's options,
      its name, number and every option it holds a value for. Given back to this module or to
      M(tcx.xapi.tcx_config) (C(ring_groups)), it changes nothing. Empty after a deletion.
  returned: always
  type: dict
  contains:
    name:
      description: The name.
      type: str
    number:
      description: The extension number (assigned by the PBX when not given; absent in check mode then).
      type: str
    members:
      description: The member extensions, in ring order.
      type: list
      elements: str
  sample:
    name: Sales
    number: "800"
    strategy: Hunt
    ring_time: 20
    members: ["201", "202", "301"]
    no_answer:
      to: queue
      number: "810"
    routing:
      out_of_office:
        to: voicemail
        number: "201"
        prompt_enabled: false
raw:
  description: The ring group as XAPI returns it (C(Pbx.RingGroup), C(Members) rows by C(Number)). Empty after a deletion.
  returned: always
  type: dict
  sample:
    Id: 51
    Name: Sales
    Number: "800"
    RingStrategy: Hunt
    RingTime: 20
    Members:
      - Number: "201"
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('ring_groups', module_class=module_class)


if __name__ == '__main__':
    main()
