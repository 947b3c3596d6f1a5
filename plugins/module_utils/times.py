# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Times of day and weekly hours: as users write them (``08:30``, ``{monday: [{from, to}]}``) and as XAPI holds them.

XAPI holds a time of day as ``Edm.TimeOfDay`` (``08:30:00``, the ``Start``/``Stop`` of a ``Pbx.Period``)
or as an ``Edm.Duration`` since midnight (``PT8H30M``, a holiday's ``TimeOfStartDate``), and weekly
hours as a ``Pbx.Schedule`` whose ``Periods`` list one ``{DayOfWeek, Start, Stop}`` per interval.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field, Rule

CLOCK_PATTERN = r'^([01]?[0-9]|2[0-3]):[0-5][0-9]$'
# YAML 1.1 reads an unquoted 17:00 as the number 1020 (base 60), which Ansible then passes on as '1020'.
CLOCK_RULE = Rule(not_empty=True, pattern=CLOCK_PATTERN,
                  shape="a time of day 'HH:MM' from 00:00 to 23:59, quoted (YAML reads an unquoted 17:00 as the number 1020)")
# The end of an interval may also be midnight at the end of the day: 24:00, or 00:00 as holidays read it.
END_CLOCK_PATTERN = r'^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$'
END_CLOCK_RULE = Rule(not_empty=True, pattern=END_CLOCK_PATTERN,
                      shape="a time of day 'HH:MM' from 00:00 to 24:00 (24:00 or 00:00 ends at midnight), quoted (YAML reads "
                            "an unquoted 17:00 as the number 1020)")
MIDNIGHT_END = '24:00'
DAYS = ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')
# An Edm.Duration as the official spec writes its pattern: days, hours, minutes, seconds.
DURATION = re.compile(r'^-?P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:[.][0-9]+)?S)?)?$')


def minutes(clock):
    """Minutes since midnight of ``HH:MM``."""
    hours, mins = clock.split(':')[:2]
    return int(hours) * 60 + int(mins)


def end_minutes(clock):
    """Minutes since midnight of the end of an interval: ``24:00`` and ``00:00`` are the midnight that ends the day (1440)."""
    return minutes(clock) or 1440


def clock_of(total):
    """``HH:MM`` of minutes since midnight."""
    return '%02d:%02d' % divmod(total, 60)


def canonical_clock(value):
    """The canonical spelling of a valid ``H:MM`` / ``HH:MM`` (``8:30`` -> ``08:30``)."""
    return clock_of(minutes(value))


def clock_to_duration(clock):
    """``08:30`` -> ``PT8H30M`` (``00:00`` -> ``PT0S``)."""
    hours, mins = divmod(minutes(clock), 60)
    text = ('%dH' % hours if hours else '') + ('%dM' % mins if mins else '')
    return 'PT' + (text or '0S')


def duration_to_clock(duration):
    """``PT8H30M`` -> ``08:30``; None for None; an unreadable value is returned as it is."""
    if duration is None:
        return None
    match = DURATION.match(str(duration))
    if not match:
        return duration
    days, hours, mins, secs = (int(part or 0) for part in match.groups())
    return clock_of(days * 1440 + hours * 60 + mins + secs // 60)


def canonical_week(week):
    """Weekly hours as options, canonical: only days with intervals, each interval ``{from, to}`` as ``HH:MM``,
    in order of ``from``. What the user wrote and what the PBX holds compare equal when they mean the same."""
    found = {}
    for day in DAYS:
        intervals = (week or {}).get(day) or []
        if intervals:
            found[day] = sorted(({'from': canonical_clock(i['from']), 'to': clock_of(end_minutes(i['to']))} for i in intervals),
                                key=lambda i: (i['from'], i['to']))
    return found


def week_to_periods(week):
    """Weekly hours (options) as ``Pbx.Period`` items, day by day from Monday. An interval until midnight stops at
    ``00:00:00``: a ``Stop`` is an ``Edm.TimeOfDay`` (the official spec's pattern ends at 23:59:59), and midnight
    ends the day as a holiday's ``TimeOfEndDate`` of ``PT0S`` does."""
    return [{'DayOfWeek': day.capitalize(), 'Start': interval['from'] + ':00',
             'Stop': ('00:00' if interval['to'] == MIDNIGHT_END else interval['to']) + ':00'}
            for day, intervals in canonical_week(week).items() for interval in intervals]


def periods_to_week(periods):
    """``Pbx.Period`` items as weekly hours (options)."""
    week = {}
    for period in periods or []:
        day = str(period.get('DayOfWeek') or '').lower()
        if day in DAYS and period.get('Start') and period.get('Stop'):
            week.setdefault(day, []).append({'from': period['Start'][:5], 'to': period['Stop'][:5]})
    return canonical_week(week)


def week_problems(week, option):
    """What is wrong with weekly hours beyond each time's shape: an interval that ends before it starts, overlaps."""
    problems = []
    for day in DAYS:
        intervals = (week or {}).get(day) or []
        if any(not i.get('from') or not i.get('to') for i in intervals):
            problems.append('%s.%s: each interval needs from and to' % (option, day))
            continue
        ordered = sorted(intervals, key=lambda i: minutes(i['from']))
        for interval in ordered:
            if end_minutes(interval['to']) <= minutes(interval['from']):
                problems.append('%s.%s: %s-%s ends before it starts' % (option, day, interval['from'], interval['to']))
        for first, second in zip(ordered, ordered[1:]):
            if minutes(second['from']) < end_minutes(first['to']):
                problems.append('%s.%s: %s-%s overlaps %s-%s' % (option, day, first['from'], first['to'],
                                                                 second['from'], second['to']))
    return problems


class WeeklyHours(Field):
    """Weekly hours ``{monday: [{from: '08:00', to: '12:00'}], ...}`` held in a ``Pbx.Schedule`` property.

    A day left out has no hours. Only the schedule's ``Periods`` are managed: its ``Type`` and
    ``IgnoreHolidays`` are kept as the PBX holds them (``schedule_type`` when it holds no schedule).
    """

    def __init__(self, option, path, schedule_type):
        interval = [Field('from', rule=CLOCK_RULE), Field('to', rule=END_CLOCK_RULE)]
        super(WeeklyHours, self).__init__(option, path, type='dict', rule=self, suboptions=[
            Field(day, type='list', elements='dict', suboptions=interval) for day in DAYS])
        self.schedule_type = schedule_type

    def problem(self, value):
        """Intervals that end before they start or overlap (``.monday: ...``); badly written times are
        the suboptions' own problems."""
        intervals = [i for day in DAYS for i in (value or {}).get(day) or []]
        if any(i.get('from') is not None and CLOCK_RULE.problem(i['from']) for i in intervals) or any(
                i.get('to') is not None and END_CLOCK_RULE.problem(i['to']) for i in intervals):
            return None
        return week_problems(value, '')

    def canonical(self, value):
        """Only days with intervals, each ``{from, to}`` as ``HH:MM``, in order (``{}``: closed every day)."""
        return canonical_week(value)

    def to_api(self, value, ctx, held=None):
        schedule = dict(held or {'Type': self.schedule_type})
        schedule['Periods'] = week_to_periods(value)
        return schedule

    def from_api(self, value, ctx):
        return periods_to_week((value or {}).get('Periods'))
