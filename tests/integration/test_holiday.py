# -*- coding: utf-8 -*-
"""tcx_holiday and tcx_holiday_info against the emulator with real ansible-playbook runs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest


def holiday(**options):
    return {'name': 'holiday', 'tcx.xapi.tcx_holiday': options, 'register': 'out'}


def checked(task):
    return dict(task, check_mode=True)


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


def holidays(emulator):
    """The holidays the emulator holds, by name, without their Id."""
    return dict((h['Name'], dict((k, v) for k, v in h.items() if k not in ('Id', 'Name', 'Group')))
                for h in emulator.state()['holidays'])


CHRISTMAS = {'name': 'Christmas', 'date': '12-24', 'end_date': '12-26', 'prompt': 'xmas.wav'}
CHRISTMAS_HELD = {'Day': 24, 'Month': 12, 'Year': 0, 'DayEnd': 26, 'MonthEnd': 12, 'YearEnd': 0, 'IsRecurrent': True,
                  'TimeOfStartDate': 'PT0S', 'TimeOfEndDate': 'PT0S', 'HolidayPrompt': 'xmas.wav'}


def test_create_in_check_mode_then_for_real_then_again(emulator, play):
    """Check mode and the real run show one diff; only the real run writes, one POST; the next run changes nothing."""
    run = play([checked(holiday(**CHRISTMAS)), holiday(**CHRISTMAS), holiday(**CHRISTMAS)], expect_rc=0)
    check, real, again = run.results
    expected = {'name': 'Christmas', 'date': '12-24', 'end_date': '12-26', 'recurrent': True, 'prompt': 'xmas.wav'}
    assert check['changed'] is real['changed'] is True
    assert check['diff'] == real['diff'] == {'before': {}, 'after': expected}
    assert again['changed'] is False
    assert writes(emulator) == [('POST', '/xapi/v1/Holidays', {
        'Name': 'Christmas', 'Day': 24, 'Month': 12, 'Year': 0, 'DayEnd': 26, 'MonthEnd': 12, 'YearEnd': 0,
        'IsRecurrent': True, 'HolidayPrompt': 'xmas.wav'})]
    assert holidays(emulator) == {'Christmas': CHRISTMAS_HELD}
    assert real['holiday'] == again['holiday'] == check['holiday'] == expected
    assert real['raw']['Day'] == 24 and 'Id' in real['raw']


def test_a_dated_range_with_times_and_a_one_field_update(emulator, play):
    """A date with a year does not recur unless told; times become durations; one changed option is one PATCH of it."""
    outing = {'name': 'Outing', 'date': '2026-6-19', 'start_time': '13:00', 'end_time': '9:30', 'end_date': '2026-06-20'}
    run = play([holiday(**outing), checked(holiday(name='OUTING', end_time='17:45')), holiday(name='outing', end_time='17:45')],
               expect_rc=0)
    created, check, update = run.results
    assert created['holiday'] == {'name': 'Outing', 'date': '2026-06-19', 'end_date': '2026-06-20', 'start_time': '13:00',
                                  'end_time': '09:30', 'recurrent': False}
    diff = {'before': {'name': 'Outing', 'end_time': '09:30'}, 'after': {'name': 'outing', 'end_time': '17:45'}}
    assert update['diff'] == diff and update['changed'] is True
    assert check['diff'] == {'before': {'name': 'Outing', 'end_time': '09:30'}, 'after': {'name': 'OUTING', 'end_time': '17:45'}}
    (post, patch) = writes(emulator)
    assert post[2]['TimeOfStartDate'] == 'PT13H' and post[2]['TimeOfEndDate'] == 'PT9H30M' and post[2]['IsRecurrent'] is False
    assert patch[0] == 'PATCH' and patch[2] == {'Name': 'outing', 'TimeOfEndDate': 'PT17H45M'}
    assert holidays(emulator)['outing']['TimeOfEndDate'] == 'PT17H45M'


def test_unquoted_yaml_dates_work_and_unquoted_times_are_explained(emulator, play):
    """YAML reads 2026-06-19 as a date and 17:00 as the number 1020 (base 60): the first works, the second says why not."""
    task = holiday(name='Outing', date=datetime.date(2026, 6, 19))
    bad = dict(holiday(name='Outing', end_time=17 * 60), ignore_errors=True)
    created, refused = play([task, bad]).results
    assert created['holiday']['date'] == '2026-06-19'
    assert refused['msg'] == ("holiday 'Outing': end_time must be a time of day 'HH:MM' from 00:00 to 23:59, quoted "
                              "(YAML reads an unquoted 17:00 as the number 1020), got '1020'")


@pytest.mark.parametrize('options, message', [
    ({'date': '2026-02-30'}, "date must be a date YYYY-MM-DD (or MM-DD for a date of every year), got '2026-02-30'"),
    ({'date': '2026-12-26', 'end_date': '2026-12-24'}, 'end_date 2026-12-24 is before date 2026-12-26'),
    ({'date': '12-26', 'end_date': '2026-12-27'}, 'date and end_date must both have a year or both have none (12-26, 2026-12-27)'),
    ({'date': '2026-05-01', 'start_time': '14:00', 'end_time': '13:00'},
     'end_time 13:00 is not after start_time 14:00 on the same day'),
    ({'date': '05-01', 'start_time': '25:00'}, 'start_time must be a time of day'),
    ({'prompt': 'x.wav'}, 'date is required to create a holiday'),
])
def test_bad_input_fails_alike_in_check_mode_and_for_real_and_writes_nothing(emulator, play, options, message):
    task = dict(holiday(name='Bad', **options), ignore_errors=True)
    run = play([checked(task), task])
    assert [r['status'] for r in run.records] == ['failed', 'failed']
    check, real = run.results
    assert check['msg'] == real['msg'] and message in real['msg'] and real['msg'].startswith("holiday 'Bad': ")
    assert writes(emulator) == []


def test_a_range_that_ends_before_the_held_start_is_refused_before_the_patch(emulator, play, api):
    api.call('POST', 'Holidays', json={'Name': 'Easter', 'Day': 5, 'Month': 4, 'Year': 2026, 'DayEnd': 6, 'MonthEnd': 4,
                                       'YearEnd': 2026, 'IsRecurrent': False})
    emulator.clear_requests()
    result = play([dict(holiday(name='Easter', end_date='2026-04-01'), ignore_errors=True)]).result()
    assert result['msg'] == "holiday 'Easter': end_date 2026-04-01 is before date 2026-04-05"
    assert writes(emulator) == []


def test_absent_deletes_in_check_mode_nothing_and_again_changes_nothing(emulator, play, api):
    held = api.call('POST', 'Holidays', json={'Name': 'New Year', 'Day': 1, 'Month': 1, 'DayEnd': 1, 'MonthEnd': 1})
    emulator.clear_requests()
    gone = holiday(name='new year', state='absent')
    check, real, again = play([checked(gone), gone, gone], expect_rc=0).results
    before = {'name': 'New Year', 'date': '01-01', 'end_date': '01-01', 'start_time': '00:00', 'end_time': '00:00',
              'recurrent': True, 'prompt': None}
    assert check['diff'] == real['diff'] == {'before': before, 'after': {}}
    assert (check['changed'], real['changed'], again['changed']) == (True, True, False)
    assert writes(emulator) == [('DELETE', '/xapi/v1/Holidays(%d)' % held['Id'], None)]
    assert holidays(emulator) == {}


def test_info_output_fed_back_changes_nothing(emulator, play, api):
    """What tcx_holiday_info lists, given to tcx_holiday and to tcx_config, changes nothing and writes nothing."""
    api.call('POST', 'Holidays', json={'Name': 'Christmas', 'Day': 24, 'Month': 12, 'DayEnd': 26, 'MonthEnd': 12,
                                       'IsRecurrent': True, 'HolidayPrompt': 'xmas.wav'})
    api.call('POST', 'Holidays', json={'Name': 'Outing', 'Day': 19, 'Month': 6, 'Year': 2026, 'DayEnd': 19, 'MonthEnd': 6,
                                       'YearEnd': 2026, 'IsRecurrent': False, 'TimeOfStartDate': 'PT13H',
                                       'TimeOfEndDate': 'PT0S'})
    emulator.clear_requests()
    run = play([
        {'name': 'info', 'tcx.xapi.tcx_holiday_info': {}, 'register': 'found'},
        {'name': 'one', 'tcx.xapi.tcx_holiday_info': {'name': 'CHRISTMAS'}},
        {'name': 'module', 'tcx.xapi.tcx_holiday': '{{ item }}', 'loop': '{{ found.holidays }}'},
        {'name': 'config', 'tcx.xapi.tcx_config': {'holidays': '{{ found.holidays }}'}},
    ], expect_rc=0)
    found, one = run.results[0], run.results[1]
    assert found['holidays'] == [
        {'name': 'Christmas', 'date': '12-24', 'end_date': '12-26', 'recurrent': True, 'prompt': 'xmas.wav'},
        {'name': 'Outing', 'date': '2026-06-19', 'start_time': '13:00', 'end_time': '00:00', 'recurrent': False}]
    assert [h['Name'] for h in found['raw']] == ['Christmas', 'Outing']
    assert one['holidays'] == found['holidays'][:1]
    assert [r['changed'] for r in run.results[2]['results']] == [False, False]
    assert run.results[3]['changed'] is False and run.results[3]['summary']['holidays']['unchanged'] == 2
    assert writes(emulator) == []


def test_tcx_config_creates_updates_and_prunes_holidays(emulator, play, api):
    api.call('POST', 'Holidays', json={'Name': 'Old', 'Day': 1, 'Month': 5, 'DayEnd': 1, 'MonthEnd': 5})
    api.call('POST', 'Holidays', json={'Name': 'Christmas', 'Day': 25, 'Month': 12, 'DayEnd': 25, 'MonthEnd': 12})
    emulator.clear_requests()
    config = {'holidays': [dict(CHRISTMAS, name='christmas'), {'name': 'Outing', 'date': '2026-06-19'}], 'prune': ['holidays']}
    task = {'name': 'config', 'tcx.xapi.tcx_config': config, 'register': 'out'}
    check, real, again = play([checked(task), task, task], expect_rc=0).results
    assert check['diff'] == real['diff']
    assert real['summary']['holidays'] == {'create': 1, 'update': 1, 'delete': 1, 'unchanged': 0, 'failed': 0}
    assert real['diff']['after']['holidays']['christmas'] == {'name': 'christmas', 'date': '12-24', 'end_date': '12-26',
                                                              'recurrent': True, 'prompt': 'xmas.wav'}
    assert again['changed'] is False
    assert sorted(holidays(emulator)) == ['Outing', 'christmas']
    assert holidays(emulator)['christmas'] == CHRISTMAS_HELD
    assert sorted(m for m, dummy, dummy2 in writes(emulator)) == ['DELETE', 'PATCH', 'POST']
