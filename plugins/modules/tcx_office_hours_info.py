#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_office_hours_info
short_description: Read the system-wide office hours of a 3CX PBX
version_added: 0.1.0
description:
  - Return the office hours of a 3CX v20 PBX (the XAPI singleton C(OfficeHours)) with one GET.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options: {}
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
'''

EXAMPLES = r'''
- name: Read the office hours
  tcx.xapi.tcx_office_hours_info:
  register: found

- name: The same office hours on another PBX
  tcx.xapi.tcx_office_hours:
    url: https://pbx2.example.com
    hours: "{{ found.office_hours.hours | default({}) }}"
    breaks: "{{ found.office_hours.breaks | default({}) }}"
    timezone: "{{ found.office_hours.timezone }}"
'''

RETURN = r'''
office_hours:
  description:
    - The office hours in the options of M(tcx.xapi.tcx_office_hours) (days without intervals left out). Given back
      to M(tcx.xapi.tcx_office_hours) or as O(tcx.xapi.tcx_config#module:office_hours) they change nothing.
  returned: always
  type: dict
  sample:
    hours:
      monday: [{from: "08:00", to: "17:00"}]
    timezone: Europe/Berlin
    language: EN
raw:
  description: The office hours as XAPI holds them (C(Pbx.OfficeHours)).
  returned: always
  type: dict
  sample:
    Hours:
      Type: OfficeHours
      IgnoreHolidays: false
      Periods:
        - {DayOfWeek: Monday, Start: "08:00:00", Stop: "17:00:00"}
    TimeZoneId: "51"
    SystemLanguage: EN
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('office_hours', module_class=module_class)


if __name__ == '__main__':
    main()
