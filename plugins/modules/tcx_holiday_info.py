#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_holiday_info
short_description: List 3CX holidays
version_added: 0.1.0
description:
  - Return the holidays of a 3CX v20 PBX that match every selecting option given, or all holidays when none is given.
  - Pages through any number of holidays (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Only the holiday with this name, compared ignoring case as the PBX compares it.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Every holiday
  tcx.xapi.tcx_holiday_info:
  register: found

- name: The same holidays on another PBX
  tcx.xapi.tcx_config:
    url: https://pbx2.example.com
    holidays: "{{ found.holidays }}"
'''

RETURN = r'''
holidays:
  description:
    - The matching holidays in the options of M(tcx.xapi.tcx_holiday), ordered by C(Id); empty when none matches.
      Given back to M(tcx.xapi.tcx_holiday) or M(tcx.xapi.tcx_config) they change nothing.
  returned: always
  type: list
  elements: dict
  sample:
    - name: Christmas
      date: "12-24"
      end_date: "12-26"
      recurrent: true
raw:
  description: The same holidays as XAPI holds them (C(Pbx.Holiday)).
  returned: always
  type: list
  elements: dict
  sample:
    - Id: 12
      Name: Christmas
      Day: 24
      Month: 12
      Year: 0
      DayEnd: 26
      MonthEnd: 12
      YearEnd: 0
      TimeOfStartDate: PT0S
      TimeOfEndDate: PT0S
      IsRecurrent: true
      HolidayPrompt: null
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('holidays', module_class=module_class)


if __name__ == '__main__':
    main()
