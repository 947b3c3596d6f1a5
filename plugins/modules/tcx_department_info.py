#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_department_info
short_description: List 3CX departments (XAPI groups)
version_added: 0.1.0
description:
  - Return the departments of a 3CX v20 PBX that match every selecting option given, or all
    departments (including the system department C(DEFAULT)) when none is given.
  - Pages through any number of departments (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Only the department with this name, the natural key of a department.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Does the department Sales exist?
  tcx.xapi.tcx_department_info:
    name: Sales
  register: sales

- name: Create it only when it is missing
  tcx.xapi.tcx_department:
    name: Sales
  when: sales.departments | length == 0

- name: Names and numbers of every German-speaking department
  tcx.xapi.tcx_department_info:
    filter: "Language eq 'DE'"
    select: [Name, Number]
  register: german
'''

RETURN = r'''
departments:
  description:
    - The matching departments in the options of M(tcx.xapi.tcx_department). Each can be given back to that module or to
      M(tcx.xapi.tcx_config) unchanged, and then changes nothing. References are by name, secrets are never returned.
    - In the order of RV(raw); with O(select), only the options the selected properties hold.
  returned: always
  type: list
  elements: dict
  sample:
    - name: Sales
      language: DE
      timezone: Europe/Berlin
      extension_range:
        user_from: "200"
        user_to: "299"
raw:
  description:
    - The same departments as the PBX's Configuration API returns them, secrets removed.
      The matching departments, ordered by C(Id); empty when none matches.
    - Each department has every property of the XAPI type C(Pbx.Group) except the navigation
      properties C(Members) and C(Rights); the most used are described below. Only C(Id) and the
      O(select) properties when O(select) is given.
  returned: always
  type: list
  elements: dict
  contains:
    Id:
      description: The department's ID.
      type: int
      sample: 35
    Name:
      description: The department's name.
      type: str
      sample: Sales
    Number:
      description: The department's number.
      type: str
      sample: GRP0001
    IsDefault:
      description: Whether this is the system department C(DEFAULT).
      type: bool
      sample: false
    Language:
      description: Language of prompts and emails.
      type: str
      sample: DE
    TimeZoneId:
      description: ID of the time zone in the PBX's table (see M(tcx.xapi.tcx_system_info)).
      type: str
      sample: "51"
    Props:
      description: Number ranges and limits (C(UserNumberFrom), C(UserNumberTo), C(LiveChatMaxCount), ...).
      type: dict
      sample:
        UserNumberFrom: "200"
        UserNumberTo: "299"
        LiveChatMaxCount: 3
    OfficeRoute:
      description: Routing during office hours (C(OutOfOfficeRoute), C(BreakRoute) and C(HolidaysRoute) are alike).
      type: dict
      sample:
        IsPromptEnabled: false
        Prompt: null
        Route:
          To: VoiceMail
          Number: null
          External: null
  sample:
    - Id: 35
      Name: Sales
      Number: GRP0001
      IsDefault: false
      Language: DE
      TimeZoneId: "51"
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('departments', module_class=module_class)


if __name__ == '__main__':
    main()
