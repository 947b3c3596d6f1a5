# -*- coding: utf-8 -*-
"""tcx_user's forwarding profiles against the emulator: only what is given is managed, the PBX's whole list is sent
back with the rest as it was, check mode writes nothing and shows the real run's diff."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def user(**options):
    return {'name': 'user', 'tcx.xapi.tcx_user': dict({'extension': '201'}, **options), 'register': 'out'}


def checked(task):
    return dict(task, check_mode=True)


def profiles(api, extension='201'):
    found = api.find('Users', "Number eq '%s'" % extension, **{'$expand': 'ForwardingProfiles', '$select': 'Id,CurrentProfileName'})
    return found[0]


def by_name(user_entity):
    return dict((p['Name'], p) for p in user_entity['ForwardingProfiles'])


AWAY = {'away': {'all_calls': {'to': 'extension', 'number': '202'}, 'ring_my_mobile': True},
        'available': {'no_answer': {'internal_calls': {'to': 'voicemail'}, 'external_calls': {'to': 'queue', 'number': '800'}},
                      'no_answer_timeout': 25}}


def test_profiles_given_are_changed_and_the_others_sent_back_as_they_were(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada', 'Mobile': '+44 7700 900001'})
    api.call('POST', 'Users', json={'Number': '202', 'FirstName': 'Bob'})
    api.call('POST', 'Queues', json={'Name': 'Support', 'Number': '800'})
    before = by_name(profiles(api))
    emulator.clear_requests()
    run = play([checked(user(forwarding=AWAY, current_profile='away')), user(forwarding=AWAY, current_profile='away'),
                user(forwarding=AWAY, current_profile='away')], expect_rc=0)
    check, real, again = run.results
    expected_after = {'forwarding': {
        'away': {'all_calls': {'internal_calls': {'to': 'extension', 'number': '202'},
                               'external_calls': {'to': 'extension', 'number': '202'}}, 'ring_my_mobile': True},
        'available': {'no_answer': {'internal_calls': {'to': 'voicemail'}, 'external_calls': {'to': 'queue', 'number': '800'}},
                      'no_answer_timeout': 25}}, 'current_profile': 'away'}
    expected_before = {'forwarding': {
        'away': {'all_calls': {'internal_calls': {'to': 'voicemail'}, 'external_calls': {'to': 'voicemail'}}, 'ring_my_mobile': False},
        'available': {'no_answer': {'internal_calls': {'to': 'voicemail'}, 'external_calls': {'to': 'voicemail'}},
                      'no_answer_timeout': 20}}, 'current_profile': 'available'}
    assert check['diff'] == real['diff'] == {'before': expected_before, 'after': expected_after}
    assert run.writes(0) == []
    (patch,) = run.writes(1)
    assert patch[0] == 'PATCH' and sorted(patch[2]) == ['CurrentProfileName', 'ForwardingProfiles']
    assert patch[2]['CurrentProfileName'] == 'Away'
    sent = dict((p['Name'], p) for p in patch[2]['ForwardingProfiles'])
    assert sorted(sent) == ['Available', 'Away', 'Custom 1', 'Custom 2', 'Out of office']
    for name in ('Out of office', 'Custom 1', 'Custom 2'):
        assert sent[name] == before[name]
    after = by_name(profiles(api))
    assert after['Away']['AwayRoute']['Internal']['To'] == after['Away']['AwayRoute']['External']['To'] == 'Extension'
    assert after['Away']['AwayRoute']['External']['Number'] == '202' and after['Away']['RingMyMobile'] is True
    assert after['Available']['AvailableRoute']['NoAnswerExternal']['Number'] == '800'
    assert after['Available']['AvailableRoute']['BusyExternal'] == before['Available']['AvailableRoute']['BusyExternal']
    assert after['Available']['NoAnswerTimeout'] == 25
    assert again['changed'] is False and run.writes(2) == []
    assert [(r['method'], r['path']) for r in run.requests(2) if r['path'].startswith('/xapi/')] == [('GET', '/xapi/v1/Users')]


def test_to_mobile_is_the_users_mobile_and_follows_a_new_mobile(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada', 'Mobile': '+44 7700 900001'})
    mobile = {'out_of_office': {'all_calls': {'to': 'mobile'}}}
    run = play([user(forwarding=mobile), user(forwarding=mobile), user(forwarding=mobile, mobile='+44 7700 900002')], expect_rc=0)
    first, again, moved = run.results
    held = by_name(profiles(api))['Out of office']['AwayRoute']['External']
    assert (held['To'], held['External']) == ('External', '+44 7700 900002')
    assert first['changed'] is True and again['changed'] is False and moved['changed'] is True
    assert first['user']['forwarding']['out_of_office']['all_calls'] == {'internal_calls': {'to': 'mobile'}, 'external_calls': {'to': 'mobile'}}
    assert moved['diff']['before']['forwarding'] == {'out_of_office': {'all_calls': {
        'internal_calls': {'to': 'external', 'external': '+44 7700 900001'}, 'external_calls': {'to': 'external', 'external': '+44 7700 900001'}}}}


def test_a_new_user_gets_its_forwarding_in_the_create(emulator, play, api):
    run = play([user(first_name='Cy', forwarding={'custom_1': {'busy': {'to': 'voicemail'}, 'reject_ring_group_calls': True}})], expect_rc=0)
    (post,) = run.writes(0)
    assert post[2]['ForwardingProfiles'] == [{'Name': 'Custom 1', 'DisableRingGroupCalls': True, 'AvailableRoute': {
        'BusyInternal': {'To': 'VoiceMail'}, 'BusyExternal': {'To': 'VoiceMail'}}}]
    held = by_name(profiles(api))
    assert sorted(held) == ['Available', 'Away', 'Custom 1', 'Custom 2', 'Out of office']
    assert held['Custom 1']['DisableRingGroupCalls'] is True


def test_bad_forwarding_is_refused_before_any_request_that_writes(emulator, play):
    bad = {'holiday': {}, 'away': {'all_calls': {'to': 'moon'}, 'no_answer_timeout': 0, 'sometimes': True},
           'available': {'busy': {'internal_calls': {'to': 'queue'}}}}
    result = play([dict(user(forwarding=bad), ignore_errors=True)]).result()
    assert result['msg'] == (
        "user '201': forwarding.available.busy.internal_calls needs number or name with to: queue; "
        "forwarding.away.all_calls.external_calls to must be one of end_call, extension, external, ivr, mobile, queue, ring_group, "
        "voicemail, got 'moon'; forwarding.away.all_calls.internal_calls to must be one of end_call, extension, external, ivr, "
        "mobile, queue, ring_group, voicemail, got 'moon'; forwarding.away.no_answer_timeout must be from 1 to 600 seconds, got 0; "
        "forwarding.away has 'sometimes'; the situations are no_answer, busy, not_registered, all_calls and the settings "
        "no_answer_timeout, ring_my_mobile, accept_multiple_calls, reject_ring_group_calls; "
        "forwarding has profile 'holiday'; the profiles are available, away, out_of_office, custom_1, custom_2")
    assert emulator.writes() == []
