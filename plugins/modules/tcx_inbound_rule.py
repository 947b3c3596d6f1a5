#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_inbound_rule
short_description: Manage 3CX inbound rules (DID rules, XAPI InboundRules)
version_added: 0.2.0
description:
  - Create, update and delete the inbound rules of a 3CX v20 PBX through its Configuration API, that is where calls to
    a DID number arriving on a trunk go in office hours, out of office hours and on holidays.
  - The DID number identifies the rule; O(trunk) names the trunk that receives it.
  - Only the options you set are managed; others stay as they are.
  - Each destination has the collection's one destination shape (C(to) with C(number), C(name) or C(external)).
    A destination given by number must go to an object that has that number; an unknown number fails before any
    write (in check mode it warns, since an earlier task may create it).
  - One lookup (a filtered GET) and at most one write per run; the trunks are read once to resolve O(trunk).
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  did:
    description:
      - The DID number (or mask, with V(*) as a wildcard) the rule matches, as the trunk delivers it, for example
        V(+493012345600). It identifies the rule.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the rule, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - The rule's name as the web client shows it.
    type: str
  trunk:
    description:
      - The trunk that receives the DID, by its number (V("10000")) or its provider's name (ignoring case).
      - Required to create a rule. Results give the trunk's number. An unknown trunk fails before any write and
        lists the trunks.
    type: str
  office_hours:
    description:
      - Where calls go in office hours.
    type: dict
    suboptions: &destination
      to:
        description:
          - One of V(extension), V(queue), V(ring_group), V(ivr), V(voicemail), V(external), V(end_call) (also V(none)),
            V(fax), V(boomerang), V(deflect), V(voicemail_of_destination), V(callback), V(route_point),
            V(proceed_with_no_exceptions).
          - The PBX's own spelling (V(RingGroup), V(VoiceMail)) is accepted too; results use the names above.
        type: str
      number:
        description:
          - Number of the destination extension, queue, ring group, IVR, fax or route point; required (or
            O(office_hours.name)) with those.
        type: str
      name:
        description:
          - Instead of O(office_hours.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
            In M(tcx.xapi.tcx_config) it may name any one the same task creates. An unknown name fails before any
            write (in check mode it warns).
        type: str
      external:
        description: The outside number; required when C(to) is V(external).
        type: str
  out_of_office:
    description:
      - Where calls go outside office hours, when O(route_out_of_office) is on.
    type: dict
    suboptions: *destination
  holidays:
    description:
      - Where calls go on holidays, when O(route_holidays) is on.
    type: dict
    suboptions: *destination
  route_out_of_office:
    description:
      - Whether calls outside office hours go to O(out_of_office) instead of O(office_hours)
        (C(AlterDestinationDuringOutOfOfficeHours)).
    type: bool
  route_holidays:
    description:
      - Whether calls on holidays go to O(holidays) (C(AlterDestinationDuringHolidays)).
    type: bool
  hours:
    description:
      - Which hours count as office hours for this rule (C(Hours), a C(Pbx.Schedule)).
    type: dict
    suboptions:
      type:
        description:
          - V(OfficeHours) follows the office hours the PBX keeps (the system's or the department's);
            V(SpecificHours) and the other values use the rule's own schedule as the web client sets it;
            V(AllHours) treats every hour as office hours.
        type: str
        choices: [AllHours, OfficeHours, OutOfOfficeHours, SpecificHours, SpecificHoursExcludingHolidays,
                  OutOfSpecificHours, OutOfSpecificHoursIncludingHolidays, Never, BreakTime]
      ignore_holidays:
        description:
          - Whether holidays are ignored (treated as ordinary days).
        type: bool
      weekly:
        description:
          - The rule's own hours, for O(hours.type=SpecificHours) and the other C(Specific) types. For each weekday
            its intervals, each with C(from) and C(to) as V(HH:MM), quoted in YAML (which reads an unquoted V(17:00)
            as a number). A day left out has no hours. V({}) closes every day.
          - The same shape as the system-wide hours of M(tcx.xapi.tcx_office_hours).
        type: dict
        suboptions:
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
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: The main number goes to the main menu in office hours, to the operator's voicemail otherwise
  tcx.xapi.tcx_inbound_rule:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    did: "+493012345600"
    trunk: "10000"
    name: Main line
    office_hours: {to: ivr, name: Main Menu}
    route_out_of_office: true
    out_of_office: {to: voicemail}
    route_holidays: true
    holidays: {to: external, external: "+4930999999"}
    hours:
      type: OfficeHours

- name: Remove the rule of a DID that was given back
  tcx.xapi.tcx_inbound_rule:
    did: "+493012345699"
    state: absent
'''

RETURN = r'''
inbound_rule:
  description:
    - The rule after the task (as it would be in check mode), in the shape of this module's options, so that given back
      to the module unchanged it changes nothing. Empty after a deletion.
  returned: always
  type: dict
  sample:
    did: "+493012345600"
    name: Main line
    trunk: "10000"
    office_hours: {to: ivr, number: "800"}
    out_of_office: {to: voicemail}
    route_out_of_office: true
    route_holidays: false
    hours: {type: OfficeHours}
raw:
  description:
    - The rule as the PBX returns it (XAPI C(Pbx.InboundRule), with C(TrunkDN)), for what the options do not cover.
  returned: always
  type: dict
  sample:
    Id: 52
    Data: "+493012345600"
    RuleName: Main line
    TrunkDN: {Id: 2, Name: Provider, Number: "10000"}
    OfficeHoursDestination: {To: IVR, Number: "800"}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('inbound_rules', module_class=module_class)


if __name__ == '__main__':
    main()
