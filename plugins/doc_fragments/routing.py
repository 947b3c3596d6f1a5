# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The parts of one destination, in the collection's one destination shape (module_utils/destinations.py);
# %(option)s is the option path that holds it, %(indent)s the indentation of its suboptions.
DESTINATION = r'''
%(indent)sto:
%(indent)s  description:
%(indent)s    - Where the calls go. One of V(extension), V(queue), V(ring_group), V(ivr), V(voicemail), V(external),
%(indent)s      V(end_call) (also V(none)), V(fax), V(boomerang), V(deflect), V(voicemail_of_destination),
%(indent)s      V(callback), V(route_point), V(proceed_with_no_exceptions).
%(indent)s    - The PBX's own spelling (V(RingGroup), V(VoiceMail)) is accepted too; results use the names above.
%(indent)s  type: str
%(indent)snumber:
%(indent)s  description:
%(indent)s    - Number of the destination extension, queue, ring group, IVR, fax or route point; with V(voicemail), the user
%(indent)s      whose voicemail takes the call.
%(indent)s    - Required (or O(%(option)s.name)) when C(to) is one of those.
%(indent)s  type: str
%(indent)sname:
%(indent)s  description:
%(indent)s    - Instead of O(%(option)s.number), a queue, ring group or IVR by its name (the PBX compares
%(indent)s      names ignoring case). In M(tcx.xapi.tcx_config) it may name one created by the same task, in an
%(indent)s      earlier kind of its order.
%(indent)s    - An unknown name fails before any write (in check mode it warns, since an earlier task may create it).
%(indent)s  type: str
%(indent)sexternal:
%(indent)s  description: The outside number; required when C(to) is V(external).
%(indent)s  type: str'''

PROMPT = r'''
          prompt_enabled:
            description: Whether a prompt is played first.
            type: bool
          prompt:
            description: The prompt file to play.
            type: str'''

PERIODS = (('office_hours', 'Routing during office hours.'), ('out_of_office', 'Routing outside office hours.'),
           ('break_time', 'Routing during breaks.'), ('holidays', 'Routing on holidays.'))


def routing(description, periods):
    """The ``routing`` option with these periods: the first one spells out a route, the others refer to it."""
    text = '''
options:
  routing:
    description:
%s
    type: dict
    suboptions:''' % '\n'.join('      - ' + line for line in description)
    for index, (period, about) in enumerate(periods):
        text += '\n      %s:\n        description: %s\n        type: dict\n' % (period, about)
        if index == 0:
            text += '        suboptions: &route' + DESTINATION % {'indent': ' ' * 10, 'option': 'routing.' + period} + PROMPT
        else:
            text += '        suboptions: *route'
    return text + '\n'


class ModuleDocFragment(object):
    """The routes of an object that follows office hours, each a destination in the collection's one destination
    shape (module_utils/destinations.py): the four of a department (DOCUMENTATION), the three of ring groups,
    queues and IVRs (OTHER_HOURS: the spec gives them no office-hours route), and the no-answer destination
    of ring groups and queues (NO_ANSWER)."""

    DOCUMENTATION = routing([
        'Where calls go in each period. Only the periods and the parts of a period that are given are managed.',
        'Each period is a destination (C(to) with C(number), C(name) or C(external)) and an optional prompt.',
    ], PERIODS)

    OTHER_HOURS = routing([
        'Where calls go outside office hours, in breaks and on holidays (in office hours the object itself takes them).',
        'Only the periods and the parts of a period that are given are managed.',
        'Each period is a destination (C(to) with C(number), C(name) or C(external)) and an optional prompt.',
    ], PERIODS[1:])

    NO_ANSWER = r'''
options:
  no_answer:
    description:
      - Where a call goes that nobody answered (XAPI C(ForwardNoAnswer)). Only the parts given are managed.
    type: dict
    suboptions:''' + DESTINATION % {'indent': ' ' * 6, 'option': 'no_answer'} + '\n'
