#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_office_hours
short_description: Manage the system-wide office hours of a 3CX PBX
version_added: 0.1.0
description:
  - Set the office hours of a 3CX v20 PBX (the XAPI singleton C(OfficeHours)) - weekly hours, breaks, time zone and
    system language. Departments and inbound rules that follow the system's hours route calls by them.
  - The PBX always has exactly one set of office hours, so there is no C(state) - the module only updates them.
  - Only the options you set are managed; others stay as they are. O(hours) and O(breaks) are each managed whole, and a
    day left out of a given O(hours) has no office hours.
  - One GET and at most one PATCH per run, plus one GET of the PBX's time zone table to show the zone by name. Input is
    checked before the first request, an unknown time zone before any write, in check mode as in a real run.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  hours:
    description:
      - The weekly office hours - for each day, its intervals, each with C(from) and C(to) as V(HH:MM), quoted in YAML
        (which reads an unquoted V(17:00) as a number). Intervals of a day must not overlap; each ends after it starts.
      - A day left out, or given an empty list, is closed. V({}) closes every day.
    type: dict
    suboptions: &week
      monday:
        description: Intervals on Mondays.
        type: list
        elements: dict
        suboptions: &interval
          from:
            description: Start of the interval, V(HH:MM).
            type: str
          to:
            description: End of the interval, V(HH:MM), after C(from); V(24:00) (or V(00:00)) is midnight at the end of the day.
            type: str
      tuesday:
        description: Intervals on Tuesdays.
        type: list
        elements: dict
        suboptions: *interval
      wednesday:
        description: Intervals on Wednesdays.
        type: list
        elements: dict
        suboptions: *interval
      thursday:
        description: Intervals on Thursdays.
        type: list
        elements: dict
        suboptions: *interval
      friday:
        description: Intervals on Fridays.
        type: list
        elements: dict
        suboptions: *interval
      saturday:
        description: Intervals on Saturdays.
        type: list
        elements: dict
        suboptions: *interval
      sunday:
        description: Intervals on Sundays.
        type: list
        elements: dict
        suboptions: *interval
  breaks:
    description:
      - The weekly breaks (C(BreakTime)), in the same form as O(hours), for example a lunch break every weekday.
    type: dict
    suboptions: *week
  timezone:
    description:
      - Time zone of the office hours, as a 3CX time zone ID such as V("51"), any IANA name including links
        such as V(Europe/Vienna), V(UTC) or V(Europe/Kiev), or a Windows name such as V(W. Europe Standard Time).
      - Resolved as for M(tcx.xapi.tcx_department) (the PBX's table in C(/Defs) C(TimeZones)); an unknown zone fails
        before any change and lists the closest names. Diffs show the zone as written here when the PBX holds that zone.
    type: str
  language:
    description:
      - The system language (C(SystemLanguage)), a two-letter code such as V(EN) or V(DE).
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: Office hours on weekdays with a lunch break, Berlin time
  tcx.xapi.tcx_office_hours:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    timezone: Europe/Berlin
    hours:
      monday: &day [{from: "08:00", to: "17:00"}]
      tuesday: *day
      wednesday: *day
      thursday: *day
      friday: [{from: "08:00", to: "14:00"}]
    breaks:
      monday: &lunch [{from: "12:00", to: "13:00"}]
      tuesday: *lunch
      wednesday: *lunch
      thursday: *lunch
'''

RETURN = r'''
office_hours:
  description:
    - The office hours after the task (or as they would be in check mode) in the options' own shape (days without
      intervals left out), which given back to this module or to M(tcx.xapi.tcx_config) changes nothing.
  returned: always
  type: dict
  sample:
    hours:
      monday: [{from: "08:00", to: "17:00"}]
      friday: [{from: "08:00", to: "14:00"}]
    breaks:
      monday: [{from: "12:00", to: "13:00"}]
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
    BreakTime:
      Type: BreakTime
      IgnoreHolidays: false
      Periods: []
    TimeZoneId: "51"
    SystemLanguage: EN
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('office_hours', module_class=module_class)


if __name__ == '__main__':
    main()
