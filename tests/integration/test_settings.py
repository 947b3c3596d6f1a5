# -*- coding: utf-8 -*-
"""tcx_settings and tcx_settings_info (the PBX's settings sections) against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

MAIL_PASSWORD = 'smtp-Pa55-word!'
BACKUP_PASSWORD = 'backup-Secr3t-key'


def settings(**options):
    return {'name': 'settings', 'tcx.xapi.tcx_settings': options, 'register': 'out'}


def checked(task):
    return dict(task, check_mode=True)


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


def reads(emulator):
    return [r['path'] for r in emulator.requests('GET', r'^/xapi/')]


E164 = {'country_code': '43', 'area_code': '1', 'international_code': '00', 'national_code': '0'}
ANTI_HACKING = {'hack_blacklist_duration': 3600, 'security_defense_program': True}


def test_two_sections_in_check_mode_then_for_real_then_again(emulator, play):
    """One GET per section given; check mode writes nothing and shows the real run's diff; one PATCH per changed
    section with only what changed; the next run reads the same two sections and changes nothing."""
    emulator.clear_requests()
    task = settings(e164=E164, anti_hacking=ANTI_HACKING)
    check, real, again = play([checked(task), task, task], expect_rc=0).results
    diff = {'before': {'e164': {'country_code': '49', 'area_code': '30', 'international_code': '00', 'national_code': '0'},
                       'anti_hacking': {'hack_blacklist_duration': 86400, 'security_defense_program': True}},
            'after': {'e164': E164, 'anti_hacking': ANTI_HACKING}}
    assert check['diff'] == real['diff'] == diff
    assert (check['changed'], real['changed'], again['changed']) == (True, True, False)
    assert writes(emulator) == [('PATCH', '/xapi/v1/E164Settings', {'CountryCode': '43', 'AreaCode': '1'}),
                                ('PATCH', '/xapi/v1/AntiHackingSettings', {'HackBlacklistDuration': 3600})]
    assert reads(emulator) == ['/xapi/v1/E164Settings', '/xapi/v1/AntiHackingSettings'] * 3
    state = emulator.state()
    assert state['e164Settings']['CountryCode'] == '43' and state['e164Settings']['CountryName'] == 'Germany'
    assert state['antiHackingSettings']['HackBlacklistDuration'] == 3600
    assert again['settings']['e164']['country_code'] == '43' and 'mail' not in again['settings']
    assert again['raw']['E164Settings']['AreaCode'] == '1'


def test_the_mail_password_is_sent_when_unset_never_shown_and_then_left_alone(emulator, play):
    mail = {'mail_server_type': 'Custom', 'mail_server': 'smtp.example.com:587', 'mail_user': 'pbx@example.com',
            'mail_password': MAIL_PASSWORD}
    emulator.clear_requests()
    check, real, again = play([checked(settings(mail=mail)), settings(mail=mail), settings(mail=mail)], expect_rc=0).results
    assert check['diff'] == real['diff']
    assert real['diff']['after']['mail']['mail_password'] == '******** (changed)'
    assert real['diff']['before']['mail']['mail_password'] == '********'
    assert (real['changed'], again['changed']) == (True, False)
    assert writes(emulator) == [('PATCH', '/xapi/v1/MailSettings', {
        'MailServerType': 'Custom', 'MailServer': 'smtp.example.com:587', 'MailUser': 'pbx@example.com',
        'MailPassword': {'Value': MAIL_PASSWORD}})]
    assert emulator.state()['mailSettings']['MailPassword']['Value'] == MAIL_PASSWORD
    for result in (check, real, again):
        assert 'mail_password' not in result['settings']['mail'] and 'MailPassword' not in result['raw']['MailSettings']
    # update_secrets: always sends it again (the PBX returns it concealed: it cannot be compared).
    emulator.clear_requests()
    forced = play([settings(mail=mail, update_secrets='always')], expect_rc=0).result()
    assert forced['changed'] and writes(emulator) == [('PATCH', '/xapi/v1/MailSettings', {'MailPassword': {'Value': MAIL_PASSWORD}})]


def test_backup_schedule_goes_through_the_action_whole_without_concealed_secrets(emulator, play):
    backup = {'schedule_enabled': True, 'rotation': 7, 'schedule': {'schedule_type': 'Daily', 'time': '03:30:00'},
              'contents': {'recordings': True, 'encrypt_backup': True, 'encrypt_backup_password': BACKUP_PASSWORD}}
    emulator.clear_requests()
    check, real, again = play([checked(settings(backup=backup)), settings(backup=backup), settings(backup=backup)],
                              expect_rc=0).results
    assert check['diff'] == real['diff'] and (check['changed'], real['changed'], again['changed']) == (True, True, False)
    assert real['diff']['before']['backup'] == {
        'schedule_enabled': False, 'rotation': 5, 'schedule': {'schedule_type': 'Daily', 'time': '02:00:00'},
        'contents': {'recordings': False, 'encrypt_backup': False, 'encrypt_backup_password': '********'}}
    [(method, path, body)] = writes(emulator)
    assert (method, path) == ('POST', '/xapi/v1/Backups/Pbx.SetBackupSettings')
    assert body['settings']['Schedule'] == {'Day': 'Sunday', 'RepeatHours': 0, 'RepeatMinutes': 0, 'ScheduleType': 'Daily',
                                            'Time': '03:30:00'}
    assert body['settings']['Contents']['EncryptBackupPassword'] == {'Value': BACKUP_PASSWORD}
    assert body['settings']['Rotation'] == 7 and body['settings']['ScheduleEnabled'] is True
    held = emulator.state()['backup_settings']
    assert held['Contents']['Recordings'] is True and held['Contents']['EncryptBackupPassword']['Value'] == BACKUP_PASSWORD
    assert reads(emulator) == ['/xapi/v1/Backups/Pbx.GetBackupSettings()'] * 3
    # The repository: an unchanged concealed password is left out of the action's body.
    emulator.clear_requests()
    repo = play([settings(backup_repository={'location': {'file_system_type': 'Ftp', 'ftp_path': 'ftp://backup.example.com/pbx'}})],
                expect_rc=0).result()
    assert repo['changed']
    [(method, path, body)] = writes(emulator)
    assert path == '/xapi/v1/Backups/Pbx.SetBackupRepositorySettings'
    assert body['settings']['Location']['FileSystemType'] == 'Ftp' and 'FtpPassword' not in body['settings']['Location']


def test_info_reads_every_section_once_and_hides_secrets(emulator, play):
    play([settings(mail={'mail_password': MAIL_PASSWORD})], expect_rc=0)
    emulator.clear_requests()
    result = play([{'tcx.xapi.tcx_settings_info': {}, 'register': 'out'}], expect_rc=0).result()
    from ansible_collections.tcx.xapi.plugins.module_utils.kinds.settings import SECTIONS
    assert reads(emulator) == ['/xapi/v1/' + section.read for section in SECTIONS]
    assert result['settings']['e164'] == {'country_code': '49', 'area_code': '30', 'international_code': '00',
                                          'national_code': '0', 'enabled': True, 'remove_area_code': False,
                                          'remove_country_code': False}
    assert 'mail_password' not in result['settings']['mail'] and 'MailPassword' not in result['raw']['MailSettings']
    # Given back, it changes nothing.
    emulator.clear_requests()
    again = play([settings(**result['settings'])], expect_rc=0).result()
    assert not again['changed'] and writes(emulator) == []


def test_bad_values_fail_alike_in_check_mode_and_for_real_before_any_request(emulator, play):
    emulator.clear_requests()
    task = dict(settings(backup={'schedule': {'time': '25:00'}}, anti_hacking={'hack_barrier_red': 2 ** 31}), ignore_errors=True)
    run = play([checked(task), task])
    assert [r['status'] for r in run.records] == ['failed', 'failed']
    check, real = run.results
    assert check['msg'] == real['msg'] and real['msg'].startswith('settings: ')
    assert 'backup.schedule.time must be a time of day such as 02:30:00' in real['msg']
    assert 'anti_hacking.hack_barrier_red must be at most 2147483647' in real['msg']
    assert emulator.requests(path='^/xapi/') == []
    bad = play([dict(settings(mail={'mail_server_type': 'Exchange'}), ignore_errors=True)]).result()
    assert 'mail_server_type' in bad['msg'] and 'Custom' in bad['msg']
    assert writes(emulator) == []


def test_tcx_config_takes_the_sections_as_one_dict_and_reads_only_those(emulator, play):
    emulator.clear_requests()
    task = {'tcx.xapi.tcx_config': {'settings': {'e164': E164}}, 'register': 'out'}
    check, real, again = play([checked(task), task, task], expect_rc=0).results
    assert (check['changed'], real['changed'], again['changed']) == (True, True, False)
    assert writes(emulator) == [('PATCH', '/xapi/v1/E164Settings', {'CountryCode': '43', 'AreaCode': '1'})]
    assert reads(emulator) == ['/xapi/v1/E164Settings'] * 3
    assert again['unmanaged'] == []
