# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """(ansible-test's yamllint reads these as literal strings: they cannot be built from one text.)

    The routes of an object that follows office hours, each a destination in the collection's one destination
    shape (module_utils/destinations.py): DOCUMENTATION the four of a department, OTHER_HOURS the three of ring
    groups, queues and IVRs (the spec gives them no office-hours route), NO_ANSWER the no-answer destination."""

    DOCUMENTATION = r'''
options:
  routing:
    description:
      - Where calls go in each period. Only the periods and the parts of a period that are given are managed.
      - Each period is a destination (C(to) with C(number), C(name) or C(external)) and an optional prompt.
    type: dict
    suboptions:
      office_hours:
        description: Routing during office hours.
        type: dict
        suboptions:
          to: &to
            description:
              - Where the calls go. One of V(extension), V(queue), V(ring_group), V(ivr), V(voicemail), V(external),
                V(end_call) (also V(none)), V(fax), V(boomerang), V(deflect), V(voicemail_of_destination),
                V(callback), V(route_point), V(proceed_with_no_exceptions).
              - The PBX's own spelling (V(RingGroup), V(VoiceMail)) is accepted too; results use the names above.
            type: str
          number:
            description:
              - &number Number of the destination extension, queue, ring group, IVR, fax or route point; with V(voicemail),
                the user whose voicemail takes the call.
              - Required (or O(routing.office_hours.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.office_hours.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - &unknown An unknown name fails before any write (in check mode it warns, since an earlier task may create it).
            type: str
          external: &external
            description: The outside number; required when C(to) is V(external).
            type: str
          prompt_enabled: &prompt_enabled
            description: Whether a prompt is played first.
            type: bool
          prompt: &prompt
            description: The prompt file to play.
            type: str
      out_of_office:
        description: Routing outside office hours.
        type: dict
        suboptions:
          to: *to
          number:
            description:
              - *number
              - Required (or O(routing.out_of_office.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.out_of_office.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - *unknown
            type: str
          external: *external
          prompt_enabled: *prompt_enabled
          prompt: *prompt
      break_time:
        description: Routing during breaks.
        type: dict
        suboptions:
          to: *to
          number:
            description:
              - *number
              - Required (or O(routing.break_time.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.break_time.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - *unknown
            type: str
          external: *external
          prompt_enabled: *prompt_enabled
          prompt: *prompt
      holidays:
        description: Routing on holidays.
        type: dict
        suboptions:
          to: *to
          number:
            description:
              - *number
              - Required (or O(routing.holidays.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.holidays.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - *unknown
            type: str
          external: *external
          prompt_enabled: *prompt_enabled
          prompt: *prompt
'''

    # Ring groups, queues and IVRs: the spec gives them no office-hours route (they answer then themselves).
    OTHER_HOURS = r'''
options:
  routing:
    description:
      - Where calls go outside office hours, in breaks and on holidays (in office hours the object itself takes them).
        Only the periods and the parts of a period that are given are managed.
      - Each period is a destination (C(to) with C(number), C(name) or C(external)) and an optional prompt.
    type: dict
    suboptions:
      out_of_office:
        description: Routing outside office hours.
        type: dict
        suboptions:
          to: &to
            description:
              - Where the calls go. One of V(extension), V(queue), V(ring_group), V(ivr), V(voicemail), V(external),
                V(end_call) (also V(none)), V(fax), V(boomerang), V(deflect), V(voicemail_of_destination),
                V(callback), V(route_point), V(proceed_with_no_exceptions).
              - The PBX's own spelling (V(RingGroup), V(VoiceMail)) is accepted too; results use the names above.
            type: str
          number:
            description:
              - &number Number of the destination extension, queue, ring group, IVR, fax or route point; with V(voicemail),
                the user whose voicemail takes the call.
              - Required (or O(routing.out_of_office.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.out_of_office.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - &unknown An unknown name fails before any write (in check mode it warns, since an earlier task may create it).
            type: str
          external: &external
            description: The outside number; required when C(to) is V(external).
            type: str
          prompt_enabled: &prompt_enabled
            description: Whether a prompt is played first.
            type: bool
          prompt: &prompt
            description: The prompt file to play.
            type: str
      break_time:
        description: Routing during breaks.
        type: dict
        suboptions:
          to: *to
          number:
            description:
              - *number
              - Required (or O(routing.break_time.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.break_time.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - *unknown
            type: str
          external: *external
          prompt_enabled: *prompt_enabled
          prompt: *prompt
      holidays:
        description: Routing on holidays.
        type: dict
        suboptions:
          to: *to
          number:
            description:
              - *number
              - Required (or O(routing.holidays.name)) when C(to) is one of those.
            type: str
          name:
            description:
              - Instead of O(routing.holidays.number), a queue, ring group or IVR by its name (the PBX compares names ignoring case).
                In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
              - *unknown
            type: str
          external: *external
          prompt_enabled: *prompt_enabled
          prompt: *prompt
'''

    # The option no_answer of ring groups and queues: one destination.
    NO_ANSWER = r'''
options:
  no_answer:
    description:
      - Where a call goes that nobody answered (XAPI C(ForwardNoAnswer)). Only the parts given are managed.
    type: dict
    suboptions:
      to:
        description:
          - Where the calls go. One of V(extension), V(queue), V(ring_group), V(ivr), V(voicemail), V(external),
            V(end_call) (also V(none)), V(fax), V(boomerang), V(deflect), V(voicemail_of_destination),
            V(callback), V(route_point), V(proceed_with_no_exceptions).
          - The PBX's own spelling (V(RingGroup), V(VoiceMail)) is accepted too; results use the names above.
        type: str
      number:
        description:
          - Number of the destination extension, queue, ring group, IVR, fax or route point; with V(voicemail), the user whose voicemail takes the call.
          - Required (or O(no_answer.name)) when C(to) is one of those.
        type: str
      name:
        description:
          - Instead of O(no_answer.number), a queue, ring group or IVR by its name (the PBX compares names ignoring
            case). In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included.
          - An unknown name fails before any write (in check mode it warns, since an earlier task may create it).
        type: str
      external:
        description: The outside number; required when C(to) is V(external).
        type: str
'''
