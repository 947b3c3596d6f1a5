# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The holiday kind (XAPI Holidays): its field table and hooks, shared by tcx_holiday and tcx_config.

A ``Pbx.Holiday`` holds its first day in ``Day``/``Month``/``Year`` and its last in
``DayEnd``/``MonthEnd``/``YearEnd`` (year 0: every year), the times of day it starts and ends as
durations since midnight (``TimeOfStartDate``/``TimeOfEndDate``, ``PT0S`` for midnight), whether it
recurs every year (``IsRecurrent``) and the prompt played (``HolidayPrompt``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.tcx.xapi.plugins.module_utils.fields import NAME_RULE, TEXT_RULE, Field, Spread, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.times import (
    CLOCK_RULE, canonical_clock, clock_to_duration, duration_to_clock, minutes,
)

DATE = re.compile(r'^(?:([0-9]{4})-)?([0-9]{1,2})-([0-9]{1,2})$')
START = ('Day', 'Month', 'Year')
END = ('DayEnd', 'MonthEnd', 'YearEnd')
MIDNIGHT = '00:00'


def parse_date(value, option):
    """``(year, month, day)`` of ``YYYY-MM-DD`` or ``MM-DD`` (year 0: every year); ValidationError names ``option``."""
    match = DATE.match(str(value).strip())
    if match:
        year, month, day = (int(part or 0) for part in match.groups())
        try:
            datetime.date(year or 2000, month, day)  # 2000 is a leap year: 02-29 exists without a year
            return year, month, day
        except ValueError:
            pass
    raise ValidationError('%s must be a date YYYY-MM-DD (or MM-DD for a date of every year), got %r' % (option, str(value)))


def format_date(year, month, day):
    return ('%04d-%02d-%02d' % (year, month, day)) if year else ('%02d-%02d' % (month, day))


def date_field(option, paths):
    """A date option held in three properties (day, month, year)."""
    def to_api(value, ctx):
        return dict(zip(paths, reversed(parse_date(value, option))))

    def from_api(values, ctx):
        day, month, year = (values.get(path) for path in paths)
        if not day or not month:
            return None
        return format_date(year or 0, month, day)
    return Spread(option, paths, to_api=to_api, from_api=from_api)


def time_field(option, path):
    """A time of day ``HH:MM`` held as a duration since midnight."""
    return Field(option, path, rule=CLOCK_RULE, to_api=lambda value, ctx: clock_to_duration(value),
                 from_api=lambda value, ctx: duration_to_clock(value))


def period_problem(entity):
    """What is wrong with the period of a holiday (XAPI form): it ends before it starts; or None."""
    start, end = [tuple(entity.get(p) or 0 for p in reversed(paths)) for paths in (START, END)]
    if not start[1] or not end[1]:
        return None
    if bool(start[0]) != bool(end[0]):
        return 'date and end_date must both have a year or both have none (%s, %s)' % (
            format_date(*start), format_date(*end))
    if end < start:
        return 'end_date %s is before date %s' % (format_date(*end), format_date(*start))
    start_time, end_time = (duration_to_clock(entity.get(p)) for p in ('TimeOfStartDate', 'TimeOfEndDate'))
    if end == start and start_time and end_time and end_time != MIDNIGHT and minutes(end_time) <= minutes(start_time):
        return 'end_time %s is not after start_time %s on the same day' % (end_time, start_time)
    return None


class Holiday(EntityKind):
    name = 'holiday'
    plural = 'holidays'
    module = 'tcx_holiday'
    entity_set = 'Holidays'
    result_key = 'holiday'
    info_selectors = (Selector('name', 'Name', ignore_case=True),)
    key_option = 'name'
    key_property = 'Name'
    key_ignore_case = True  # the PBX refuses "christmas" when "Christmas" exists
    fields = [
        Field('name', 'Name', required=True, managed=False, rule=NAME_RULE),
        date_field('date', START),
        date_field('end_date', END),
        time_field('start_time', 'TimeOfStartDate'),
        time_field('end_time', 'TimeOfEndDate'),
        Field('recurrent', 'IsRecurrent', type='bool'),
        Field('prompt', 'HolidayPrompt', rule=TEXT_RULE),
    ]

    def validate(self, ctx):
        for option in ('date', 'end_date'):
            if ctx.params.get(option) is not None:
                parse_date(ctx.params[option], option)

    def normalize(self, ctx, desired):
        """Dates and times in their canonical spelling; a holiday of one ``date`` ends that day; ``recurrent``
        follows the date (a date without a year recurs) unless given."""
        for option in ('date', 'end_date'):
            if desired.get(option) is not None:
                desired[option] = format_date(*parse_date(desired[option], option))
        for option in ('start_time', 'end_time'):
            if desired.get(option) is not None:
                desired[option] = canonical_clock(desired[option])
        if desired.get('date') is not None:
            desired.setdefault('end_date', desired['date'])
            if desired.get('recurrent') is None:
                desired['recurrent'] = not DATE.match(desired['date']).group(1)
        return desired

    def create_payload(self, ctx, payload):
        if 'Day' not in payload:
            raise ValidationError('date is required to create a holiday')
        return super(Holiday, self).create_payload(ctx, payload)

    def preflight(self, ctx, plan):
        if plan.action in ('create', 'update'):
            problem = period_problem(dict(plan.current or {}, **plan.payload))
            if problem:
                raise ValidationError(problem)

    def options(self, ctx, entity):
        """As the module takes them; an end on the first day and times of a whole day (midnight to midnight) left out."""
        tree = super(Holiday, self).options(ctx, entity)
        if tree.get('end_date') == tree.get('date'):
            tree.pop('end_date', None)
        if tree.get('start_time') == MIDNIGHT and tree.get('end_time') == MIDNIGHT:
            del tree['start_time'], tree['end_time']
        return tree
