#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_ivr_info
short_description: List 3CX digital receptionists (IVRs, XAPI Receptionists)
version_added: 0.2.0
description:
  - Return the IVRs of a 3CX v20 PBX that match every selecting option given, or all of them when none is given.
  - Pages through any number of IVRs (100 per request, ordered by C(Id)), reading their keys and departments along.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Only the IVR with this name (compared ignoring case, as the PBX does).
    type: str
  number:
    description:
      - Only the IVR with this extension number.
    type: str
  department:
    description:
      - Only IVRs of the department with this name (read from the department's C(Members)).
      - A department that does not exist matches nothing and gives a warning.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Read every IVR
  tcx.xapi.tcx_ivr_info:
  register: found

- name: Apply them unchanged (nothing changes)
  tcx.xapi.tcx_config:
    ivrs: "{{ found.ivrs }}"
'''

RETURN = r'''
ivrs:
  description:
    - The matching IVRs, ordered by C(Id), each in the shape of the options of M(tcx.xapi.tcx_ivr); given to it or to
      M(tcx.xapi.tcx_config) unchanged, they change nothing.
  returned: always
  type: list
  elements: dict
  sample:
    - name: Main Menu
      number: "800"
      input_timeout: 8
      timeout_destination: {to: end_call}
      menu:
        "1": {to: queue, number: "801"}
raw:
  description:
    - The same IVRs as the PBX returns them (XAPI C(Pbx.Receptionist) with C(Forwards)).
  returned: always
  type: list
  elements: dict
  sample:
    - Id: 41
      Name: Main Menu
      Number: "800"
      Forwards: [{Input: "1", ForwardType: Queue, ForwardDN: "801"}]
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('ivrs', module_class=module_class)


if __name__ == '__main__':
    main()
