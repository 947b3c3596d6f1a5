# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_holiday (see kind_cases/__init__.py)."""

PREREQUISITES = {}

PRESENT = {'name': 'Christmas', 'date': '12-24', 'end_date': '12-26', 'prompt': 'xmas.wav'}
# A date without a year recurs every year unless told otherwise.
DIFF_AFTER = dict(PRESENT, recurrent=True)
CREATE_WRITES = [('POST', r'^/xapi/v1/Holidays$')]


def CREATE_BODY(state):
    return {'Name': 'Christmas', 'Day': 24, 'Month': 12, 'Year': 0, 'DayEnd': 26, 'MonthEnd': 12, 'YearEnd': 0,
            'IsRecurrent': True, 'HolidayPrompt': 'xmas.wav'}


NOOP_READS = [('GET', '/xapi/v1/Holidays')]

UPDATE = {'prompt': 'christmas.wav'}


def PATCH(state):
    return {'HolidayPrompt': 'christmas.wav'}


def held(state):
    found = [h for h in state['holidays'] if h['Name'] == 'Christmas']
    if not found:
        return None
    return dict((k, found[0][k]) for k in ('Day', 'Month', 'Year', 'DayEnd', 'MonthEnd', 'YearEnd', 'IsRecurrent', 'HolidayPrompt'))


HELD_AFTER_UPDATE = {'Day': 24, 'Month': 12, 'Year': 0, 'DayEnd': 26, 'MonthEnd': 12, 'YearEnd': 0, 'IsRecurrent': True,
                     'HolidayPrompt': 'christmas.wav'}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Holidays\(\d+\)$')]
VERSIONS = ('20.0.10',)
