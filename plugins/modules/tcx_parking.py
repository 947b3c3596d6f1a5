#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_parking
short_description: Manage 3CX shared parking spaces
version_added: 0.1.0
description:
  - Create, update and delete shared parking spaces (XAPI C(Parkings)) of a 3CX v20 PBX through its Configuration API.
  - A parking is identified by its O(number) (such as V(SP11)) when you give one. Without O(number), the
    set of O(departments) identifies it, because the PBX assigns the number itself.
  - The departments of a parking are compared as a set and written as one whole list, as the PBX replaces
    the list on every update.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  number:
    description:
      - Number of the parking, V(SP) followed by digits, for example V(SP11) (checked before any request).
      - With O(state=present) the parking with this number gets exactly O(departments); it is created
        with this number if it does not exist.
      - Without it, O(state=present) looks for a parking whose departments are exactly O(departments);
        if there is one, nothing changes, otherwise one is created and the number the PBX assigned is
        returned in C(parking.number). O(state=absent) then deletes the parking with exactly those
        departments, and fails (listing their numbers) when more than one parking has them.
      - Looked up with C(Parkings(Number='SP11')) from PBX version 20.0.8 and with
        C(Parkings/Pbx.GetByNumber(number='SP11')) on older versions.
    type: str
  departments:
    description:
      - Names of the departments that share the parking. Compared as a set; order and duplicates do not matter.
      - Required with O(state=present); must not be empty. Every department must exist.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the parking, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
notes:
  - Without O(number), check mode cannot know the number the PBX will assign; RV(parking) then has no C(Number).
'''

EXAMPLES = r'''
- name: A parking shared by Sales and Support (number assigned by the PBX)
  tcx.xapi.tcx_parking:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    departments: [Sales, Support]
  register: shared_parking

- name: Show the number the PBX assigned
  ansible.builtin.debug:
    msg: "Park calls on {{ shared_parking.parking.number }}"

- name: Parking SP11 belongs to Sales only
  tcx.xapi.tcx_parking:
    number: SP11
    departments: [Sales]

- name: Remove parking SP11
  tcx.xapi.tcx_parking:
    number: SP11
    state: absent

- name: Remove the parking shared by Sales and Support, whatever its number
  tcx.xapi.tcx_parking:
    departments: [Sales, Support]
    state: absent
'''

RETURN = r'''
parking:
  description:
    - The parking after the task (or as it would be, in check mode) in this module's own options, so it can be
      given back to this module or to M(tcx.xapi.tcx_config) unchanged. It has its O(number) (assigned by the PBX when
      not given; absent in check mode then) and its O(departments) by name. Empty after a deletion.
  returned: always
  type: dict
  sample:
    number: SP11
    departments: [Sales, Support]
raw:
  description:
    - The same object as the PBX's Configuration API returns it (XAPI C(Pbx.Parking) properties), every secret property
      removed. Empty after a deletion. For reading what the options do not cover.
  returned: always
  type: dict
  sample:
    Id: 126
    Number: SP11
    Groups:
      - GroupId: 95
        Name: Sales
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('parkings', module_class=module_class)


if __name__ == '__main__':
    main()
