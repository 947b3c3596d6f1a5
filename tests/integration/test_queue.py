# -*- coding: utf-8 -*-
"""tcx_queue, tcx_queue_info and queues in tcx_config against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from test_ring_group import config_task, users, writes  # noqa: F401 pylint: disable=unused-import


def queue_task(**options):
    return {'name': 'queue', 'tcx.xapi.tcx_queue': options}


def held(emulator, name):
    found = [q for q in emulator.state()['queues'] if q['Name'] == name]
    return found[0] if found else None


SUPPORT = {
    'name': 'Support', 'number': '810', 'polling_strategy': 'SkillBasedRouting_RingAll', 'ring_timeout': 15,
    'max_callers': 20, 'max_wait_time': 300, 'no_answer': {'to': 'external', 'external': '+4930999'},
    'sla_time': 60, 'wrap_up_time': 10,
    'agents': [{'extension': '102', 'skill_group': '1'}, {'extension': '101'}], 'managers': ['103'],
    'announcements': {'queue_position': True, 'estimated_wait_time': True, 'estimated_wait_time_interval': 90, 'interval': 45},
    'callback': {'enable_after': 120, 'offer_only': True, 'prefix': '0'},
    'recording': 'AllowToOptOut', 'priority_queue': True,
    'prompts': {'intro_enabled': True, 'intro': 'intro.wav', 'on_hold': 'music.wav', 'play_full': True},
    'routing': {'holidays': {'to': 'voicemail', 'number': '101'}},
}


def test_create_check_real_no_op_and_one_patch_per_change(emulator, play, users):
    checked = play([queue_task(**SUPPORT)], check=True).result()
    assert emulator.writes() == []
    result = play([queue_task(**SUPPORT)]).result()
    assert result['changed'] is True and checked['changed'] is True
    assert result['diff'] == checked['diff'] == {'before': {}, 'after': SUPPORT}
    assert writes(emulator) == [('POST', '/xapi/v1/Queues', {
        'Name': 'Support', 'Number': '810', 'PollingStrategy': 'SkillBasedRouting_RingAll', 'RingTimeout': 15,
        'MaxCallersInQueue': 20, 'MasterTimeout': 300, 'ForwardNoAnswer': {'To': 'External', 'External': '+4930999'},
        'SLATime': 60, 'WrapUpTime': 10,
        'Agents': [{'Number': '102', 'SkillGroup': '1'}, {'Number': '101', 'SkillGroup': None}], 'Managers': [{'Number': '103'}],
        'AnnounceQueuePosition': True, 'AnnounceEstimatedWaitTime': True, 'AnnounceEstimatedWaitTimeInterval': 90,
        'AnnouncementInterval': 45, 'CallbackEnableTime': 120, 'CallbackOfferOnly': True, 'CallbackPrefix': '0',
        'Recording': 'AllowToOptOut', 'PriorityQueue': True, 'EnableIntro': True, 'IntroFile': 'intro.wav',
        'OnHoldFile': 'music.wav', 'PlayFullPrompt': True, 'HolidaysRoute': {'Route': {'To': 'VoiceMail', 'Number': '101'}}})]
    queue, stored = result['queue'], held(emulator, 'Support')
    for option, value in SUPPORT.items():
        if option == 'routing':
            assert queue['routing']['holidays'] == dict(value['holidays'], prompt_enabled=False)
        elif option == 'prompts':  # and the PBX's default prompt set
            assert queue['prompts'] == dict(value, prompt_set=stored['PromptSet'])
        else:
            assert queue[option] == value, option
    assert [(a['Number'], a['SkillGroup']) for a in stored['Agents']] == [('102', '1'), ('101', None)]
    emulator.clear_requests()

    tasks = [queue_task(**SUPPORT),
             queue_task(name='Support', managers=['103'], agents=SUPPORT['agents']),
             queue_task(name='Support', agents=[{'extension': '101'}, {'extension': '102', 'skill_group': '1'}]),
             queue_task(name='Support', managers=['101', '103'], wrap_up_time=10)]
    same, same_lists, reordered, managers = play(tasks).results
    assert same['changed'] is False and same_lists['changed'] is False
    assert reordered['changed'] is True and managers['changed'] is True
    assert managers['diff'] == {'before': {'managers': ['103'], 'wrap_up_time': 10},
                                'after': {'managers': ['101', '103'], 'wrap_up_time': 10}}
    path = '/xapi/v1/Queues(%d)' % stored['Id']
    assert writes(emulator) == [
        ('PATCH', path, {'Agents': [{'Number': '101', 'SkillGroup': None}, {'Number': '102', 'SkillGroup': '1'}]}),
        ('PATCH', path, {'Managers': [{'Number': '101'}, {'Number': '103'}]})]


def test_unknown_agent_fails_before_any_write_and_absent_deletes(emulator, play, api, users):
    result = play([queue_task(name='Q', agents=[{'extension': '555'}], managers=['101'])], expect_rc=2).result()
    assert result['msg'] == "queue 'Q': agents: unknown user extension '555': create it first (tcx.xapi.tcx_user)"
    assert emulator.writes() == []
    queue = api.call('POST', 'Queues', json={'Name': 'Q'})
    emulator.clear_requests()
    gone, again = play([queue_task(name='q', state='absent'), queue_task(name='Q', state='absent')]).results
    assert gone['changed'] is True and again['changed'] is False
    assert gone['diff']['before']['number'] == queue['Number'] and gone['diff']['after'] == {}
    assert writes(emulator) == [('DELETE', '/xapi/v1/Queues(%d)' % queue['Id'], None)]


def test_config_creates_users_ring_groups_and_queues_in_one_run(emulator, play):
    """Members created in the same run; a queue's no_answer names a ring group created in the same run."""
    config = {
        'users': [{'extension': '201', 'first_name': 'Ada', 'password': 'Secret-201-pw!'},
                  {'extension': '202', 'first_name': 'Bob', 'password': 'Secret-202-pw!'}],
        'ring_groups': [{'name': 'Sales', 'members': ['202', '201'], 'strategy': 'Hunt'}],
        'queues': [{'name': 'Sales Queue', 'agents': [{'extension': '201'}], 'managers': ['202'],
                    'no_answer': {'to': 'ring_group', 'name': 'sales'}}],
    }
    checked = play([config_task(**config)], check=True).result()
    assert checked['changed'] is True and emulator.writes() == []
    result = play([config_task(**config)]).result()
    assert result['summary']['ring_groups']['create'] == 1 and result['summary']['queues']['create'] == 1
    ring = [g for g in emulator.state()['ring_groups'] if g['Name'] == 'Sales'][0]
    queue = held(emulator, 'Sales Queue')
    assert [m['Number'] for m in ring['Members']] == ['202', '201']
    assert queue['ForwardNoAnswer'] == dict(queue['ForwardNoAnswer'], To='RingGroup', Number=ring['Number'])
    kinds_in_order = [w['path'].split('/')[3] for w in emulator.writes() if w['method'] == 'POST']
    assert kinds_in_order == ['Users', 'Users', 'RingGroups', 'Queues']
    emulator.clear_requests()

    tasks = [config_task(**config),
             {'name': 'rings', 'tcx.xapi.tcx_ring_group_info': {}, 'register': 'rings'},
             {'name': 'queues', 'tcx.xapi.tcx_queue_info': {'number': queue['Number']}, 'register': 'queues'},
             config_task(ring_groups='{{ rings.ring_groups }}', queues='{{ queues.queues }}'),
             {'name': 'back', 'tcx.xapi.tcx_queue': '{{ queues.queues[0] }}'}]
    again, _rings, found, fed_back, back = play(tasks).results
    assert again['changed'] is False and fed_back['changed'] is False and back['changed'] is False
    assert found['queues'][0]['agents'] == [{'extension': '201'}] and found['queues'][0]['managers'] == ['202']
    assert found['queues'][0]['no_answer'] == {'to': 'ring_group', 'number': ring['Number']}
    assert emulator.writes() == []


def test_config_refuses_to_delete_a_user_a_ring_group_or_queue_still_uses(emulator, play, api, users):
    sales = api.call('POST', 'Groups', json={'Name': 'Sales'})
    desk = api.call('POST', 'RingGroups', json={'Name': 'Front Desk', 'Members': [{'Number': '101'}, {'Number': '102'}],
                                                'Groups': [{'GroupId': sales['Id']}]})
    api.call('POST', 'Queues', json={'Name': 'Support', 'Agents': [{'Number': '103'}],
                                     'ForwardNoAnswer': {'To': 'Extension', 'Number': '102'}})
    emulator.clear_requests()
    doomed = {'users': [{'extension': '101', 'state': 'absent'}, {'extension': '102', 'state': 'absent'},
                        {'extension': '103', 'state': 'absent'}],
              'departments': [{'name': 'Sales', 'state': 'absent'}]}
    for check in (True, False):
        result = play([config_task(**doomed)], check=check, expect_rc=2).result()
        # A member or agent is no refusal: the PBX drops a deleted user from the lists (see the next test).
        assert "user '101'" not in result['msg'] and "user '103'" not in result['msg']
        assert "users[1] (user '102'): cannot delete: queue 'Support' sends calls to it (no_answer); send them elsewhere first" \
            in result['msg']
        assert "departments[0] (department 'Sales'): cannot delete: the department still has members (1: ring group %s " \
            "(Front Desk))" % desk['Number'] in result['msg']
    # A ring group of the same task that drops the member lets the user go; one that names it refuses.
    result = play([config_task(users=[{'extension': '101', 'state': 'absent'}],
                               ring_groups=[{'name': 'Front Desk', 'members': ['101']}])], expect_rc=2).result()
    assert "cannot delete: ring_groups[0] (ring group 'Front Desk') of this task refers to it" in result['msg']
    assert emulator.writes() == []
    result = play([config_task(users=[{'extension': '101', 'state': 'absent'}],
                               ring_groups=[{'name': 'Front Desk', 'members': ['102']}])]).result()
    assert result['changed'] is True
    assert [(w['method'], w['path'].split('/')[3].split('(')[0]) for w in emulator.writes()] == [
        ('PATCH', 'RingGroups'), ('POST', 'Users')]
    assert 'member_of' not in [c for c in result['changes'] if c['kind'] == 'user'][0]['diff']['before']


def test_config_deletes_a_member_user_and_says_which_groups_it_leaves(emulator, play, api, users):
    api.call('POST', 'RingGroups', json={'Name': 'Front Desk', 'Members': [{'Number': '101'}, {'Number': '102'}]})
    api.call('POST', 'Queues', json={'Name': 'Support', 'Agents': [{'Number': '101'}]})
    emulator.clear_requests()
    left = ["queue 'Support' (agents)", "ring group 'Front Desk' (members)"]
    for check in (True, False):
        result = play([config_task(users=[{'extension': '101', 'state': 'absent'}])], check=check).result()
        assert result['changed'] is True
        assert result['changes'][0]['diff']['before']['member_of'] == left
        assert result['diff']['before']['users']['101']['member_of'] == left
        assert "users[0] (user '101'): deleting it removes it from %s" % ', '.join(left) in result['warnings']
        if check:
            assert emulator.writes() == []
    assert [(w['method'], w['path']) for w in emulator.writes()] == [('POST', '/xapi/v1/Users/Pbx.BatchDelete')]
    state = emulator.state()
    assert [m['Number'] for m in state['ring_groups'][0]['Members']] == ['102'] and state['queues'][0]['Agents'] == []


def test_config_info_restores_ring_groups_and_queues_onto_an_empty_pbx(emulator, play):
    """The read side's lists, applied to a reset PBX, rebuild the users, ring groups and queues; the next run
    changes nothing."""
    config = {
        'departments': [{'name': 'Sales'}],
        'users': [{'extension': '201', 'first_name': 'Ada', 'departments': [{'name': 'Sales'}]},
                  {'extension': '202', 'first_name': 'Bob', 'departments': [{'name': 'Sales'}]}],
        'ring_groups': [{'name': 'Sales', 'number': '800', 'members': ['202', '201'], 'departments': ['Sales'],
                         'no_answer': {'to': 'voicemail', 'number': '201'}}],
        'queues': [{'name': 'Sales Queue', 'number': '810', 'agents': [{'extension': '201', 'skill_group': '2'}],
                    'managers': ['202'], 'no_answer': {'to': 'ring_group', 'number': '800'},
                    'routing': {'holidays': {'to': 'ring_group', 'name': 'Sales'}}}],
    }
    play([config_task(**config)], expect_rc=0)
    before = play([{'tcx.xapi.tcx_config_info': {'kinds': ['ring_groups', 'queues']}}], expect_rc=0).result()
    lists = dict((plural, before[plural]) for plural in ('ring_groups', 'queues'))
    users = play([{'tcx.xapi.tcx_config_info': {'kinds': ['departments', 'users']}}], expect_rc=0).result()
    emulator.reset()
    restore = dict(lists, departments=users['departments'], users=users['users'])
    restored, again, after = play([config_task(**restore), config_task(**restore),
                                   {'tcx.xapi.tcx_config_info': {'kinds': ['ring_groups', 'queues']}}]).results
    assert restored['changed'] is True and again['changed'] is False
    assert dict((plural, after[plural]) for plural in lists) == lists
    assert lists['queues'][0]['no_answer'] == {'to': 'ring_group', 'number': '800'}
    assert lists['queues'][0]['agents'] == [{'extension': '201', 'skill_group': '2'}]


def test_config_refuses_to_delete_a_ring_group_a_queue_sends_calls_to_unless_it_reroutes_them(emulator, play, api):
    desk = api.call('POST', 'RingGroups', json={'Name': 'Desk'})
    queue = api.call('POST', 'Queues', json={'Name': 'Q', 'ForwardNoAnswer': {'To': 'RingGroup', 'Number': desk['Number']}})
    emulator.clear_requests()
    gone = {'ring_groups': [{'name': 'Desk', 'state': 'absent'}]}
    for check in (True, False):
        result = play([config_task(**gone)], check=check, expect_rc=2).result()
        assert result['msg'].endswith("ring_groups[0] (ring group 'Desk'): cannot delete: queue 'Q' sends calls to it "
                                      "(no_answer); send them elsewhere first")
    assert emulator.writes() == []
    rerouted = dict(gone, queues=[{'name': 'Q', 'no_answer': {'to': 'end_call'}}])
    assert play([config_task(**rerouted)], expect_rc=0).result()['changed'] is True
    assert [(w['method'], w['path']) for w in emulator.writes()] == [
        ('PATCH', '/xapi/v1/Queues(%d)' % queue['Id']), ('DELETE', '/xapi/v1/RingGroups(%d)' % desk['Id'])]
