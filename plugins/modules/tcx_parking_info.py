#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_parking_info
short_description: List 3CX shared parking spaces
version_added: 0.1.0
description:
  - Return the shared parking spaces of a 3CX v20 PBX that match every selecting option given, or all of them when none is given.
  - Pages through any number of parkings (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  number:
    description:
      - Only the parking with this number, for example V(SP11), the natural key of a parking.
    type: str
  department:
    description:
      - Only parkings shared with the department of this name (read from the department's C(Members)).
      - A department that does not exist matches nothing and gives a warning.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: The parkings of Sales
  tcx.xapi.tcx_parking_info:
    department: Sales
  register: sales_parkings

- name: Show their numbers
  ansible.builtin.debug:
    msg: "{{ sales_parkings.parkings | map(attribute='number') | list }}"

- name: One parking by number
  tcx.xapi.tcx_parking_info:
    number: SP11
'''

RETURN = r'''
parkings:
  description:
    - The matching parkings in the options of M(tcx.xapi.tcx_parking). Each can be given back to that module or to
      M(tcx.xapi.tcx_config) unchanged, and then changes nothing. References are by name, secrets are never returned.
    - In the order of RV(raw); with O(select), only the options the selected properties hold.
  returned: always
  type: list
  elements: dict
  sample:
    - number: SP11
      departments: [Sales, Support]
raw:
  description:
    - The same parkings as the PBX's Configuration API returns them, secrets removed.
      The matching parkings (XAPI C(Pbx.Parking)), ordered by C(Id); empty when none matches.
    - Only C(Id) and the O(select) properties when O(select) is given.
  returned: always
  type: list
  elements: dict
  contains:
    Id:
      description: The parking's ID.
      type: int
      sample: 126
    Number:
      description: The parking's number.
      type: str
      sample: SP11
    TranscriptionMode:
      description: Call transcription mode.
      type: str
      sample: Inherit
    Groups:
      description: The departments that share the parking, when O(select) is not given or contains V(Groups).
      type: list
      elements: dict
      contains:
        GroupId:
          description: ID of the department.
          type: int
          sample: 35
        Name:
          description: Name of the department.
          type: str
          sample: Sales
  sample:
    - Id: 126
      Number: SP11
      TranscriptionMode: Inherit
      Groups:
        - GroupId: 35
          Name: Sales
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('parkings', module_class=module_class)


if __name__ == '__main__':
    main()
