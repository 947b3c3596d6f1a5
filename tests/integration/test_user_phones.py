# -*- coding: utf-8 -*-
"""tcx_user's desk phones and tcx_phone_info against the emulator: MAC addresses in any spelling, conflicts refused
before any write (check mode too), settings not given kept, re-provisioning only when asked and only what changed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def user(extension='201', **options):
    return {'name': 'user', 'tcx.xapi.tcx_user': dict({'extension': extension}, **options), 'register': 'out'}


def checked(task):
    return dict(task, check_mode=True)


def phones_of(api, extension='201'):
    return api.find('Users', "Number eq '%s'" % extension, **{'$expand': 'Phones', '$select': 'Id'})[0]['Phones']


PHONE = {'mac': '80:5E:C0:12:34:56', 'template': 'yealink_t4x.ph.xml', 'language': 'German'}


def test_a_phone_in_check_mode_then_for_real_then_again_in_another_spelling(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada'})
    emulator.clear_requests()
    respelled = dict(PHONE, mac='805e.c012.3456')
    run = play([checked(user(phones=[PHONE])), user(phones=[PHONE]), user(phones=[respelled])], expect_rc=0)
    check, real, again = run.results
    expected = {'before': {'phones': []}, 'after': {'phones': [{'mac': '805ec0123456', 'template': 'yealink_t4x.ph.xml',
                                                                'language': 'German'}]}}
    assert check['diff'] == real['diff'] == expected
    assert run.writes(0) == []
    assert run.writes(1) == [('PATCH', run.writes(1)[0][1], {'Phones': [
        {'MacAddress': '805ec0123456', 'TemplateName': 'yealink_t4x.ph.xml', 'Settings': {'PhoneLanguage': 'German'}}]})]
    assert again['changed'] is False and run.writes(2) == []
    assert again['user']['phones'] == expected['after']['phones']


def test_settings_not_given_are_kept_and_only_a_changed_phone_is_reprovisioned(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada', 'Phones': [
        {'MacAddress': '805ec0123456', 'TemplateName': 'yealink_t4x.ph.xml', 'Interface': '192.168.1.10',
         'Settings': {'PhoneLanguage': 'English', 'Codecs': ['PCMA']}},
        {'MacAddress': '0c383e000001', 'TemplateName': 'fanvil_x.ph.xml'}]})
    emulator.clear_requests()
    task = user(phones=[{'mac': '80-5E-C0-12-34-56', 'language': 'German'}, {'mac': '0C:38:3E:00:00:01'}], reprovision_phones=True)
    run = play([task, task], expect_rc=0)
    changed, again = run.results
    assert changed['diff'] == {'before': {'phones': [{'mac': '805ec0123456', 'language': 'English'}, {'mac': '0c383e000001'}]},
                               'after': {'phones': [{'mac': '805ec0123456', 'language': 'German'}, {'mac': '0c383e000001'}]}}
    patch, reprovision = run.writes(0)
    assert patch[2]['Phones'][0] == {'Id': patch[2]['Phones'][0]['Id'], 'MacAddress': '805ec0123456', 'TemplateName': 'yealink_t4x.ph.xml',
                                     'Interface': '192.168.1.10', 'Settings': {'PhoneLanguage': 'German', 'Codecs': ['PCMA']}}
    assert reprovision == ('POST', '/xapi/v1/Users/Pbx.ReprovisionPhone', {'mac': '805ec0123456'})
    assert again['changed'] is False and run.writes(1) == []
    assert [p['MacAddress'] for p in phones_of(api)] == ['805ec0123456', '0c383e000001']


def test_the_phones_secret_and_provisioning_links_are_in_no_result(emulator, play, api):
    secrets = {'Secret': 'phone-secret-4711', 'ProvisioningLinkExt': 'https://pbx.example.com/provisioning/x8Yq/805ec0123456.cfg',
               'ProvisioningLinkLocal': 'http://192.168.1.10:5000/provisioning/x8Yq/805ec0123456.cfg'}
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada', 'Phones': [
        {'MacAddress': '805ec0123456', 'ProvisioningLinkExt': secrets['ProvisioningLinkExt'],
         'ProvisioningLinkLocal': secrets['ProvisioningLinkLocal'], 'Settings': {'Secret': secrets['Secret'], 'PhoneLanguage': 'English'}}]})
    run = play([user(phones=[{'mac': '805ec0123456', 'language': 'German'}]),
                {'name': 'info', 'tcx.xapi.tcx_user_info': {'extension': '201'}, 'register': 'out'}], expect_rc=0)
    (phone,) = run.result(0)['raw']['Phones']
    assert phone == {'Id': phone['Id'], 'MacAddress': '805ec0123456', 'Settings': {'PhoneLanguage': 'German'}}
    for value in secrets.values():
        assert value not in run.stdout and value not in repr(run.results)
    assert phones_of(api)[0]['Settings']['Secret'] == secrets['Secret']  # sent back as held, never shown


def test_a_mac_of_another_user_is_refused_before_any_write_naming_that_user(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '202', 'FirstName': 'Bob', 'LastName': 'Smith', 'Phones': [{'MacAddress': '805EC0123456'}]})
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada'})
    emulator.clear_requests()
    message = "user '201': phones: MAC address 805ec0123456 is a desk phone of user 202 (Bob Smith); remove it there first"
    run = play([dict(checked(user(phones=[PHONE], first_name='Ada L.')), ignore_errors=True),
                dict(user(phones=[PHONE], first_name='Ada L.'), ignore_errors=True),
                dict(user(extension='203', phones=[PHONE]), ignore_errors=True),
                dict({'name': 'config', 'tcx.xapi.tcx_config': {'users': [{'extension': '201', 'phones': [PHONE]}]}}, ignore_errors=True)])
    check, real, create, config = run.results
    assert check['msg'] == real['msg'] == message
    assert create['msg'] == message.replace("'201'", "'203'")
    assert config['msg'] == ("1 invalid item, nothing was written: users[0] (user '201'): phones: MAC address 805ec0123456 is a desk "
                             "phone of user 202 (Bob Smith); remove it there first")
    assert emulator.writes() == []


def test_a_bad_mac_is_refused_with_its_place(emulator, play):
    result = play([dict(user(phones=[{'mac': '80:5E:C0:12:34'}]), ignore_errors=True)]).result()
    assert result['msg'] == "user '201': phones[0].mac '80:5E:C0:12:34' is not a MAC address (12 hex digits, with or without ':', '-' or '.')"
    assert emulator.writes() == []


def test_phone_info_lists_detected_phones_with_their_user(emulator, play, api):
    state = emulator.state()
    state['device_infos'] = [
        {'Id': 900, 'MAC': '80:5E:C0:12:34:56', 'Vendor': 'Yealink', 'Model': 'T46U', 'FirmwareVersion': '108.86.0.20',
         'NetworkAddress': '192.168.1.50'},
        {'Id': 901, 'MAC': '0C383E000001', 'Vendor': 'Fanvil', 'Model': 'X4U'}]
    emulator.load_state(state)
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada', 'LastName': 'Lovelace', 'Phones': [{'MacAddress': '805ec0123456'}]})
    run = play([{'name': 'all', 'tcx.xapi.tcx_phone_info': {}, 'register': 'out'},
                {'name': 'free', 'tcx.xapi.tcx_phone_info': {'assigned': False}, 'register': 'out'},
                {'name': 'one', 'tcx.xapi.tcx_phone_info': {'mac': '80-5e-c0-12-34-56'}, 'register': 'out'}], expect_rc=0)
    every, free, one = run.results
    assert every['phones'] == [
        {'mac': '805ec0123456', 'vendor': 'Yealink', 'model': 'T46U', 'firmware': '108.86.0.20', 'ip_address': '192.168.1.50',
         'assigned': True, 'assigned_user': '201 Ada Lovelace'},
        {'mac': '0c383e000001', 'vendor': 'Fanvil', 'model': 'X4U', 'assigned': False}]
    assert [p['mac'] for p in free['phones']] == ['0c383e000001']
    assert [p['model'] for p in one['phones']] == ['T46U']
