# -*- coding: utf-8 -*-
"""tcx_department against the emulator with real ansible-playbook runs: what is particular to departments.

The lifecycle every kind shares (create, check mode, no-op, update, absent, round trip) is in test_lifecycle.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import assert_each_fails_clearly, connection

SALES = {'name': 'Sales', 'language': 'DE', 'timezone': '51',
         'extension_range': {'user_from': '200', 'user_to': '299'},
         'limits': {'live_chat_max': 3},
         'routing': {'out_of_office': {'to': 'VoiceMail', 'prompt_enabled': False}}}


def department_task(**options):
    return {'name': 'department', 'tcx.xapi.tcx_department': options}


def find_group(api, name):
    found = api.find('Groups', "Name eq '%s'" % name.replace("'", "''"))
    return found[0] if found else None


def test_nested_change_keeps_the_other_nested_values(emulator, play, api):
    play([department_task(**SALES)], expect_rc=0)
    result = play([department_task(name='Sales', extension_range={'user_to': '250'})]).result()
    assert result['diff'] == {'before': {'extension_range': {'user_to': '299'}},
                              'after': {'extension_range': {'user_to': '250'}}}
    props = find_group(api, 'Sales')['Props']
    assert (props['UserNumberFrom'], props['UserNumberTo'], props['LiveChatMaxCount']) == ('200', '250', 3)
    assert [w['method'] for w in emulator.writes() if w['path'].startswith('/xapi/v1/Groups(')] == ['PATCH']


@pytest.mark.parametrize('name', ["O'Brien & Sons", 'Vertrieb Süd', "  Spaces  inside ", 'Ünïcødé ✓ (Ost)'])
def test_names_with_quotes_unicode_and_spaces_work(emulator, play, api, name):
    first = play([department_task(name=name, language='DE')]).result()
    assert first['changed'] is True
    assert find_group(api, name)['Name'] == name
    second = play([department_task(name=name, language='DE')]).result()
    assert second['changed'] is False
    assert play([department_task(name=name, state='absent')]).result()['changed'] is True
    assert find_group(api, name) is None


def test_iana_timezone_name_is_resolved_to_the_pbx_id(emulator, play, api):
    zones = api.call('GET', 'Defs', params={'$select': 'Id', '$expand': 'TimeZones'})['TimeZones']
    berlin = [z for z in zones if z['IanaName'] == 'Europe/Berlin'][0]
    result = play([department_task(name='Sales', timezone='Europe/Berlin')]).result()
    assert result['changed'] is True and result['diff']['after'] == {'name': 'Sales', 'timezone': 'Europe/Berlin'}
    assert find_group(api, 'Sales')['TimeZoneId'] == berlin['Id']
    assert play([department_task(name='Sales', timezone='Europe/Berlin')]).result()['changed'] is False


def test_a_zone_given_as_the_pbx_id_is_shown_as_given_and_then_stable(emulator, play, api):
    task = department_task(name='Sales', timezone='51')
    created, again = play([task, task], expect_rc=0).results
    assert created['diff']['after'] == {'name': 'Sales', 'timezone': '51'} and created['department']['timezone'] == '51'
    assert again['changed'] is False and again['department']['timezone'] == '51'
    assert find_group(api, 'Sales')['TimeZoneId'] == '51'


def test_the_pbx_spelling_of_a_destination_shows_no_difference_when_nothing_changes(emulator, play):
    task = department_task(name='Sales', routing={'out_of_office': {'to': 'VoiceMail'}})
    created, again = play([task, task], expect_rc=0).results
    assert again['changed'] is False
    assert again['diff']['before'] == again['diff']['after']


def test_routing_to_an_extension_round_trips(emulator, play, api):
    routing = {'office_hours': {'to': 'Extension', 'number': '100', 'prompt_enabled': True, 'prompt': 'welcome.wav'},
               'holidays': {'to': 'External', 'external': '+4930123456'}}
    play([department_task(name='Sales', routing=routing)], expect_rc=0)
    group = find_group(api, 'Sales')
    assert group['OfficeRoute']['Route']['To'] == 'Extension' and group['OfficeRoute']['Route']['Number'] == '100'
    assert group['OfficeRoute']['IsPromptEnabled'] is True and group['OfficeRoute']['Prompt'] == 'welcome.wav'
    assert group['HolidaysRoute']['Route']['External'] == '+4930123456'
    assert play([department_task(name='Sales', routing=routing)]).result()['changed'] is False


def test_module_defaults_group_and_environment_variables_both_work(emulator, play, api):
    via_group = play([department_task(name='From defaults')], defaults=True).result()
    assert via_group['changed'] is True
    env = {'TCX_URL': emulator.url, 'TCX_CLIENT_ID': emulator.client_id, 'TCX_CLIENT_SECRET': emulator.client_secret}
    via_env = play([department_task(name='From env')], defaults=False, env=env).result()
    assert via_env['changed'] is True
    assert find_group(api, 'From defaults') and find_group(api, 'From env')


def test_explicit_options_work_without_defaults(emulator, play, api):
    result = play([department_task(name='Explicit', **connection(emulator))], defaults=False).result()
    assert result['changed'] is True and find_group(api, 'Explicit')


def test_default_department_is_left_alone_by_a_noop(emulator, play):
    result = play([department_task(name='DEFAULT')]).result()
    assert result['changed'] is False and result['raw']['IsDefault'] is True
    assert result['department']['name'] == 'DEFAULT' and emulator.writes() == []


BAD_INPUT = [
    ({'name': 'Bad', 'extension_range': {'user_from': 'abc'}}, 'extension_range.user_from must be a string of digits'),
    ({'name': 'Bad', 'extension_range': {'user_from': '300', 'user_to': '200'}},
     'user_from (300) is greater than user_to (200)'),
    ({'name': 'Bad', 'timezone': 'Mars/Olympus_Mons'}, "unknown timezone 'Mars/Olympus_Mons'"),
    ({'name': 'Bad', 'timezone': '99999'}, "unknown timezone '99999'"),
    ({'name': 'Bad', 'limits': {'prompts_max': 'many'}}, 'prompts_max'),
    ({'name': 'Bad', 'routing': {'office_hours': {'to': 'Mars'}}}, 'to'),
    ({'name': 'Bad', 'limits': {'live_chat_max': -2}}, 'limits.live_chat_max must be at least 0, got -2'),
    ({'name': 'DEFAULT', 'state': 'absent'}, 'the system department DEFAULT cannot be deleted'),
]


def test_bad_input_fails_clearly_and_writes_nothing(emulator, play):
    assert_each_fails_clearly(play, department_task, BAD_INPUT)
    assert emulator.writes() == []


def test_deleting_a_department_with_members_explains_the_pbx_error(emulator, play, api):
    play([department_task(name='Busy')], expect_rc=0)
    group = find_group(api, 'Busy')
    api.call('POST', 'Users', json={'Number': '150', 'FirstName': 'Ada', 'LastName': 'Lovelace',
                                    'EmailAddress': 'ada@example.com',
                                    'Groups': [{'GroupId': group['Id'], 'Rights': {'RoleName': 'users'}}]})
    result = play([department_task(name='Busy', state='absent')])
    assert result.rc != 0
    message = result.result()['msg']
    assert "department 'Busy'" in message and 'still has members' in message
    assert 'GROUP_WITH_MEMBERS_CANNOT_BE_DELETED' in message
    assert find_group(api, 'Busy') is not None


def test_a_language_compares_ignoring_case_and_is_written_as_the_pbx_writes_it(emulator, play, api):
    emulator.clear_requests()
    created, again, other = play([department_task(name='Sales', language='de'), department_task(name='Sales', language='DE'),
                                  department_task(name='Sales', language='De')]).results
    assert created['changed'] and not again['changed'] and not other['changed']
    assert created['diff']['after']['language'] == 'DE'
    assert other['diff'] == {'before': {'language': 'DE'}, 'after': {'language': 'DE'}}
    assert [(w['method'], w['body'].get('Language')) for w in emulator.writes()] == [('POST', 'DE')]
    assert find_group(api, 'Sales')['Language'] == 'DE'
