# -*- coding: utf-8 -*-
"""Times of day, durations, weekly hours and holiday dates between their option and XAPI forms."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.holiday import parse_date, period_problem
from ansible_collections.tcx.xapi.plugins.module_utils.times import (
    WeeklyHours, canonical_week, clock_to_duration, duration_to_clock, periods_to_week, week_problems, week_to_periods,
)
from ansible_collections.tcx.xapi.plugins.module_utils.fields import rule_problems


@pytest.mark.parametrize('clock, duration', [('00:00', 'PT0S'), ('09:00', 'PT9H'), ('00:30', 'PT30M'), ('23:59', 'PT23H59M')])
def test_a_time_of_day_is_a_duration_since_midnight_and_back(clock, duration):
    assert clock_to_duration(clock) == duration
    assert duration_to_clock(duration) == clock


@pytest.mark.parametrize('duration, clock', [('PT8H30M0S', '08:30'), ('P0D', '00:00'), ('PT90M', '01:30'), (None, None)])
def test_other_spellings_of_a_duration_read_the_same(duration, clock):
    assert duration_to_clock(duration) == clock


def test_weekly_hours_become_periods_in_day_order_and_come_back_equal():
    week = {'friday': [{'from': '8:00', 'to': '14:00'}], 'monday': [{'from': '13:00', 'to': '17:00'}, {'from': '08:00', 'to': '12:00'}],
            'tuesday': None, 'sunday': []}
    periods = week_to_periods(week)
    assert periods == [{'DayOfWeek': 'Monday', 'Start': '08:00:00', 'Stop': '12:00:00'},
                       {'DayOfWeek': 'Monday', 'Start': '13:00:00', 'Stop': '17:00:00'},
                       {'DayOfWeek': 'Friday', 'Start': '08:00:00', 'Stop': '14:00:00'}]
    assert periods_to_week(periods) == canonical_week(week) == {
        'monday': [{'from': '08:00', 'to': '12:00'}, {'from': '13:00', 'to': '17:00'}], 'friday': [{'from': '08:00', 'to': '14:00'}]}


def test_intervals_that_end_before_they_start_or_overlap_are_named():
    week = {'monday': [{'from': '12:00', 'to': '11:00'}], 'tuesday': [{'from': '08:00', 'to': '12:00'}, {'from': '11:00', 'to': '13:00'}],
            'friday': [{'from': '08:00', 'to': '12:00'}, {'from': '12:00', 'to': '13:00'}]}
    assert week_problems(week, 'hours') == ['hours.monday: 12:00-11:00 ends before it starts',
                                            'hours.tuesday: 08:00-12:00 overlaps 11:00-13:00']


def test_an_interval_until_midnight_ends_at_24_00_written_as_the_pbx_stop_00_00():
    until_midnight = {'friday': [{'from': '18:00', 'to': '24:00'}], 'saturday': [{'from': '00:00', 'to': '00:00'}]}
    assert week_problems(until_midnight, 'hours') == []
    assert week_to_periods(until_midnight) == [{'DayOfWeek': 'Friday', 'Start': '18:00:00', 'Stop': '00:00:00'},
                                               {'DayOfWeek': 'Saturday', 'Start': '00:00:00', 'Stop': '00:00:00'}]
    # 00:00 as an end is the same midnight: both spellings compare equal, shown as 24:00.
    assert periods_to_week(week_to_periods(until_midnight)) == canonical_week(
        {'friday': [{'from': '18:00', 'to': '00:00'}], 'saturday': [{'from': '0:00', 'to': '24:00'}]}) == {
        'friday': [{'from': '18:00', 'to': '24:00'}], 'saturday': [{'from': '00:00', 'to': '24:00'}]}


def test_24_00_is_an_end_only():
    field = WeeklyHours('hours', 'Hours', 'OfficeHours')
    assert rule_problems([field], {'hours': {'monday': [{'from': '08:00', 'to': '24:00'}]}}) == []
    problems = rule_problems([field], {'hours': {'monday': [{'from': '24:00', 'to': '24:00'}]}})
    assert problems == ["hours.monday[0].from must be a time of day 'HH:MM' from 00:00 to 23:59, quoted (YAML reads an "
                        "unquoted 17:00 as the number 1020), got '24:00'"]


@pytest.mark.parametrize('text, parsed', [('2026-12-25', (2026, 12, 25)), ('12-25', (0, 12, 25)), ('02-29', (0, 2, 29)),
                                          ('2028-2-29', (2028, 2, 29))])
def test_dates_with_and_without_a_year(text, parsed):
    assert parse_date(text, 'date') == parsed


@pytest.mark.parametrize('text', ['2026-02-29', '2026-13-01', '25.12.2026', '', '2026-12'])
def test_dates_that_do_not_exist_are_refused_naming_the_option(text):
    with pytest.raises(ValidationError, match='^end_date must be a date YYYY-MM-DD'):
        parse_date(text, 'end_date')


def test_a_period_may_end_on_its_first_day_at_midnight_but_not_before_it_starts():
    day = {'Day': 1, 'Month': 5, 'Year': 2026, 'DayEnd': 1, 'MonthEnd': 5, 'YearEnd': 2026}
    assert period_problem(dict(day, TimeOfStartDate='PT13H', TimeOfEndDate='PT0S')) is None
    assert period_problem(dict(day, TimeOfStartDate='PT13H', TimeOfEndDate='PT12H')) == \
        'end_time 12:00 is not after start_time 13:00 on the same day'
    assert period_problem(dict(day, DayEnd=30, MonthEnd=4)) == 'end_date 2026-04-30 is before date 2026-05-01'
