# -*- coding: utf-8 -*-
"""tcx_office_hours and tcx_office_hours_info (the OfficeHours singleton) against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest


def office_hours(**options):
    return {'name': 'office hours', 'tcx.xapi.tcx_office_hours': options, 'register': 'out'}


def checked(task):
    return dict(task, check_mode=True)


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


def held(emulator):
    return emulator.state()['office_hours']


DAY = [{'from': '08:00', 'to': '12:00'}, {'from': '13:00', 'to': '17:00'}]
WEEK = {'monday': DAY, 'tuesday': DAY, 'friday': [{'from': '8:00', 'to': '14:00'}]}
SEEDED = dict((day, [{'from': '09:00', 'to': '17:00'}]) for day in ('monday', 'tuesday', 'wednesday', 'thursday', 'friday'))


def periods(*rows):
    return [{'DayOfWeek': day, 'Start': start + ':00', 'Stop': stop + ':00'} for day, start, stop in rows]


def test_set_hours_breaks_zone_and_language_in_check_mode_then_for_real_then_again(emulator, play):
    """Check mode and the real run show one diff; only the real run writes, one PATCH; the next run changes nothing."""
    task = office_hours(hours=WEEK, breaks={'monday': [{'from': '12:00', 'to': '12:30'}]}, timezone='Europe/Vienna',
                        language='DE')
    check, real, again = play([checked(task), task, task], expect_rc=0).results
    after = {'hours': {'monday': DAY, 'tuesday': DAY, 'friday': [{'from': '08:00', 'to': '14:00'}]},
             'breaks': {'monday': [{'from': '12:00', 'to': '12:30'}]}, 'timezone': 'Europe/Vienna', 'language': 'DE'}
    assert check['diff'] == real['diff'] == {
        'before': {'hours': SEEDED, 'breaks': {}, 'timezone': 'Etc/UTC', 'language': 'EN'}, 'after': after}
    assert (check['changed'], real['changed'], again['changed']) == (True, True, False)
    assert real['office_hours'] == again['office_hours'] == check['office_hours'] == after
    hours = periods(('Monday', '08:00', '12:00'), ('Monday', '13:00', '17:00'), ('Tuesday', '08:00', '12:00'),
                    ('Tuesday', '13:00', '17:00'), ('Friday', '08:00', '14:00'))
    breaks = periods(('Monday', '12:00', '12:30'))
    assert writes(emulator) == [('PATCH', '/xapi/v1/OfficeHours', {
        'Hours': {'Type': 'OfficeHours', 'IgnoreHolidays': False, 'Periods': hours},
        'BreakTime': {'Type': 'BreakTime', 'IgnoreHolidays': False, 'Periods': breaks},
        'TimeZoneId': '60', 'SystemLanguage': 'DE'})]
    assert held(emulator)['Hours']['Periods'] == hours and held(emulator)['TimeZoneId'] == '60'
    assert emulator.requests('POST', r'^/xapi/') == [] and emulator.requests('DELETE') == []


def test_one_option_is_one_patch_of_it_and_the_rest_stays(emulator, play):
    emulator.clear_requests()
    result = play([office_hours(language='FR')], expect_rc=0).result()
    assert result['diff'] == {'before': {'language': 'EN'}, 'after': {'language': 'FR'}}
    assert writes(emulator) == [('PATCH', '/xapi/v1/OfficeHours', {'SystemLanguage': 'FR'})]
    # The time zone table is read to show the zone by name in the result.
    assert [(r['method'], r['path']) for r in emulator.requests(path='^/xapi/')] == [
        ('GET', '/xapi/v1/OfficeHours'), ('PATCH', '/xapi/v1/OfficeHours'), ('GET', '/xapi/v1/Defs')]
    assert held(emulator)['Hours']['Periods'][0] == {'DayOfWeek': 'Monday', 'Start': '09:00:00', 'Stop': '17:00:00'}


def test_empty_hours_close_every_day(emulator, play):
    result = play([office_hours(hours={})], expect_rc=0).result()
    assert result['diff'] == {'before': {'hours': SEEDED}, 'after': {'hours': {}}}
    assert held(emulator)['Hours']['Periods'] == []


@pytest.mark.parametrize('options, message', [
    ({'hours': {'monday': [{'from': '17:00', 'to': '08:00'}]}}, 'hours.monday: 17:00-08:00 ends before it starts'),
    ({'breaks': {'friday': [{'from': '12:00', 'to': '13:00'}, {'from': '12:30', 'to': '14:00'}]}},
     'breaks.friday: 12:00-13:00 overlaps 12:30-14:00'),
    ({'hours': {'sunday': [{'from': '1020', 'to': '18:00'}]}}, "hours.sunday[0].from must be a time of day 'HH:MM'"),
    ({'hours': {'monday': [{'from': '08:00'}]}}, 'hours.monday: each interval needs from and to'),
    ({'timezone': 'Mars/Olympus'}, "unknown timezone 'Mars/Olympus'"),
    ({'language': 'German'}, 'language must be a two-letter language code'),
])
def test_bad_input_fails_alike_in_check_mode_and_for_real_and_writes_nothing(emulator, play, options, message):
    task = dict(office_hours(**options), ignore_errors=True)
    run = play([checked(task), task])
    assert [r['status'] for r in run.records] == ['failed', 'failed']
    check, real = run.results
    assert check['msg'] == real['msg'] and message in real['msg'] and real['msg'].startswith('office hours: ')
    assert writes(emulator) == []


def test_there_is_no_state(emulator, play):
    result = play([dict(office_hours(state='absent'), ignore_errors=True)]).result()
    assert 'state' in result['msg'] and 'Unsupported parameters' in result['msg']
    assert writes(emulator) == []


def test_info_output_fed_back_changes_nothing(emulator, play):
    """What tcx_office_hours_info returns, given to tcx_office_hours and to tcx_config, changes nothing."""
    play([office_hours(hours=WEEK, breaks={'tuesday': [{'from': '12:00', 'to': '13:00'}]}, timezone='60')], expect_rc=0)
    emulator.clear_requests()
    run = play([
        {'name': 'info', 'tcx.xapi.tcx_office_hours_info': {}, 'register': 'found'},
        {'name': 'module', 'tcx.xapi.tcx_office_hours': '{{ found.office_hours }}'},
        {'name': 'config', 'tcx.xapi.tcx_config': {'office_hours': '{{ found.office_hours }}'}},
    ], expect_rc=0)
    found, module, config = run.results
    assert found['office_hours'] == {'hours': {'monday': DAY, 'tuesday': DAY, 'friday': [{'from': '08:00', 'to': '14:00'}]},
                                     'breaks': {'tuesday': [{'from': '12:00', 'to': '13:00'}]}, 'timezone': 'Europe/Berlin',
                                     'language': 'EN'}
    assert found['raw']['TimeZoneId'] == '60' and found['raw']['Hours']['Type'] == 'OfficeHours'
    assert module['changed'] is False and config['changed'] is False
    assert config['summary']['office_hours'] == {'create': 0, 'update': 0, 'delete': 0, 'unchanged': 1, 'failed': 0}
    assert writes(emulator) == []


def test_tcx_config_takes_the_office_hours_as_one_dict(emulator, play):
    config = {'office_hours': {'hours': {'saturday': [{'from': '10:00', 'to': '14:00'}]}, 'timezone': 'UTC'},
              'holidays': [{'name': 'Christmas', 'date': '12-25'}]}
    task = {'name': 'config', 'tcx.xapi.tcx_config': config, 'register': 'out'}
    check, real, again = play([checked(task), task, task], expect_rc=0).results
    assert check['diff'] == real['diff']
    assert real['diff']['after']['office_hours'] == {'office hours': {
        'hours': {'saturday': [{'from': '10:00', 'to': '14:00'}]}, 'timezone': 'UTC'}}
    assert [(c['kind'], c['key'], c['action']) for c in real['changes']] == [
        ('holiday', 'Christmas', 'create'), ('office hours', 'office hours', 'update')]
    assert again['changed'] is False
    assert held(emulator)['Hours']['Periods'] == periods(('Saturday', '10:00', '14:00'))
    assert sorted(m for m, dummy, dummy2 in writes(emulator)) == ['PATCH', 'POST']


def test_tcx_config_names_the_office_hours_in_its_errors(emulator, play):
    config = {'office_hours': {'hours': {'monday': [{'from': '9', 'to': '17:00'}]}}, 'prune': ['office_hours']}
    result = play([dict({'name': 'config', 'tcx.xapi.tcx_config': config}, ignore_errors=True)]).result()
    assert 'prune' in result['msg'] and 'office_hours' in result['msg']
    config.pop('prune')
    result = play([dict({'name': 'config', 'tcx.xapi.tcx_config': config}, ignore_errors=True)]).result()
    assert result['msg'].startswith('1 invalid item, nothing was written: office_hours (office hours): hours.monday[0].from must be')
    assert writes(emulator) == []


def test_open_until_midnight_is_24_00_or_00_00_and_stops_at_midnight(emulator, play):
    """24:00 (or 00:00 as an end) is midnight at the end of the day, as a holiday's end_time 00:00 is: written as the
    Stop the PBX's time of day allows (00:00:00), read back as 24:00, so that both spellings are no change."""
    late = {'friday': [{'from': '18:00', 'to': '24:00'}]}
    check, real, again, other = play([checked(office_hours(hours=late)), office_hours(hours=late), office_hours(hours=late),
                                      office_hours(hours={'friday': [{'from': '18:00', 'to': '00:00'}]})], expect_rc=0).results
    assert check['diff'] == real['diff'] == {'before': {'hours': SEEDED}, 'after': {'hours': late}}
    assert (check['changed'], real['changed'], again['changed'], other['changed']) == (True, True, False, False)
    assert writes(emulator) == [('PATCH', '/xapi/v1/OfficeHours', {
        'Hours': {'Type': 'OfficeHours', 'IgnoreHolidays': False, 'Periods': periods(('Friday', '18:00', '00:00'))}})]
    assert again['office_hours']['hours'] == late


def test_a_language_in_small_letters_is_the_language_the_pbx_holds(emulator, play):
    """The PBX holds EN: en is no change; de is written as DE, and is then no change either."""
    emulator.clear_requests()
    same, changed, again = play([office_hours(language='en'), office_hours(language='de'), office_hours(language='de')],
                                expect_rc=0).results
    assert (same['changed'], changed['changed'], again['changed']) == (False, True, False)
    assert same['diff'] == {'before': {'language': 'EN'}, 'after': {'language': 'EN'}}
    assert changed['diff'] == {'before': {'language': 'EN'}, 'after': {'language': 'DE'}}
    assert writes(emulator) == [('PATCH', '/xapi/v1/OfficeHours', {'SystemLanguage': 'DE'})]
