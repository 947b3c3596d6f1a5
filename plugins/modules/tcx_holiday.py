#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_holiday
short_description: Manage 3CX holidays
version_added: 0.1.0
description:
  - Create, update and delete the holidays of a 3CX v20 PBX (XAPI C(Holidays)). On a holiday, calls follow
    the holidays routes of departments and inbound rules.
  - The holiday's name is the natural key. The PBX compares holiday names ignoring case, and so does this
    module; a name that differs only in case renames the holiday, shown in the diff.
  - Only the options you set are managed; others stay as they are. Giving O(date) manages the whole period;
    without O(end_date) the holiday ends on that day, and without O(recurrent) it recurs every year exactly
    when O(date) has no year.
  - One lookup (a filtered GET) and at most one write per run.
  - Input is checked before any write, in check mode as in a real run, with the same message - a date that
    does not exist, an end before the start, a time that is not C(HH:MM).
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Name of the holiday (1 to 255 characters); it identifies the holiday, ignoring case.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the holiday, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  date:
    description:
      - The (first) day of the holiday, V(YYYY-MM-DD), or V(MM-DD) for a day of every year (the PBX keeps year 0).
      - Required to create a holiday.
    type: str
  end_date:
    description:
      - The last day of a holiday of several days, in the same form as O(date) (both with a year or both without).
      - Default when O(date) is given is O(date), a holiday of one day. Must not be before O(date).
    type: str
  start_time:
    description:
      - Time of day the holiday starts on its first day, V(HH:MM) (quote it in YAML, which reads an unquoted
        V(17:00) as a number). V(00:00) (the PBX's default) is midnight.
    type: str
  end_time:
    description:
      - Time of day the holiday ends on its last day, V(HH:MM), quoted. V(00:00) (the PBX's default) is the end of the day.
      - On a holiday of one day, a time other than V(00:00) must be after O(start_time).
    type: str
  recurrent:
    description:
      - Whether the holiday recurs every year.
      - Default when O(date) is given is V(true) for a date without a year and V(false) for a date with one.
    type: bool
  prompt:
    description:
      - The prompt file played to callers on the holiday; V('') for none.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: Christmas, every year
  tcx.xapi.tcx_holiday:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Christmas
    date: "12-24"
    end_date: "12-26"

- name: Company outing in the afternoon of one day
  tcx.xapi.tcx_holiday:
    name: Company outing 2026
    date: "2026-06-19"
    start_time: "13:00"
    prompt: outing.wav

- name: Remove a holiday
  tcx.xapi.tcx_holiday:
    name: Company outing 2025
    state: absent
'''

RETURN = r'''
holiday:
  description:
    - The holiday after the task (or as it would be in check mode) in the options' own shape, which given back
      to this module or to M(tcx.xapi.tcx_config) changes nothing. Empty after a deletion.
    - O(end_date) is left out when it is O(date), and O(start_time) and O(end_time) when both are V(00:00).
  returned: always
  type: dict
  sample:
    name: Christmas
    date: "12-24"
    end_date: "12-26"
    recurrent: true
raw:
  description: The holiday as XAPI holds it (C(Pbx.Holiday)). Empty after a deletion.
  returned: always
  type: dict
  sample:
    Id: 12
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

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('holidays', module_class=module_class)


if __name__ == '__main__':
    main()
