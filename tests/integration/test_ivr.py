# -*- coding: utf-8 -*-
"""tcx_ivr, tcx_ivr_info and IVRs in tcx_config against the emulator with real ansible-playbook runs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

QUEUE, RING_GROUP = '801', '802'
DEFAULT_PROMPT_SET = '1e6ed594-af95-4bb4-af56-b957ac87d6d7'


@pytest.fixture
def call_flow(api, emulator):
    """Users 100 and 101, the queue 'Sales Queue' (801) and the ring group 'Support' (802); request log cleared."""
    api.call('POST', 'Users', json={'Number': '100', 'FirstName': 'Ada', 'LastName': 'Lovelace'})
    api.call('POST', 'Users', json={'Number': '101', 'FirstName': 'Alan', 'LastName': 'Turing'})
    api.call('POST', 'Queues', json={'Name': 'Sales Queue', 'Number': QUEUE})
    api.call('POST', 'RingGroups', json={'Name': 'Support', 'Number': RING_GROUP})
    emulator.clear_requests()


def ivr_task(check=False, **options):
    task = {'name': 'ivr', 'tcx.xapi.tcx_ivr': options}
    if check:
        task['check_mode'] = True
    return task


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


def receptionists(emulator):
    return emulator.state()['receptionists']


MAIN = {
    'name': 'Main Menu', 'prompt': 'main.wav', 'input_timeout': 8,
    'timeout_destination': {'to': 'extension', 'number': '100'},
    'invalid_input_destination': {'to': 'extension', 'number': '101'},
    'menu': {'1': {'to': 'queue', 'name': 'sales queue'}, '2': {'to': 'RingGroup', 'number': RING_GROUP},
             '0': {'to': 'extension', 'number': '100'}, '9': {'to': 'voicemail', 'number': '101'}, '*': {'to': 'repeat_prompt'}},
    'routing': {'out_of_office': {'to': 'voicemail_of_destination', 'number': '100'},
                'holidays': {'to': 'external', 'external': '+4930999'}},
}
MAIN_POST = {
    'Name': 'Main Menu', 'PromptFilename': 'main.wav', 'Timeout': 8, 'TimeoutForwardType': 'Extension', 'TimeoutForwardDN': '100',
    'InvalidKeyForwardDN': '101',
    'Forwards': [{'Input': '0', 'ForwardType': 'Extension', 'ForwardDN': '100'},
                 {'Input': '1', 'ForwardType': 'Queue', 'ForwardDN': QUEUE},
                 {'Input': '2', 'ForwardType': 'RingGroup', 'ForwardDN': RING_GROUP},
                 {'Input': '9', 'ForwardType': 'VoiceMail', 'ForwardDN': '101'},
                 {'Input': '*', 'ForwardType': 'RepeatPrompt', 'ForwardDN': None}],
    'OutOfOfficeRoute': {'Route': {'To': 'VoiceMailOfDestination', 'Number': '100'}},
    'HolidaysRoute': {'Route': {'To': 'External', 'External': '+4930999'}},
}
# What the module and the info module return: the options' shape, names resolved to numbers.
MAIN_OPTIONS = {
    'name': 'Main Menu', 'prompt': 'main.wav', 'input_timeout': 8, 'prompt_set': DEFAULT_PROMPT_SET, 'departments': ['DEFAULT'],
    'timeout_destination': {'to': 'extension', 'number': '100'},
    'invalid_input_destination': {'number': '101'},
    'menu': {'0': {'to': 'extension', 'number': '100'}, '1': {'to': 'queue', 'number': QUEUE},
             '2': {'to': 'ring_group', 'number': RING_GROUP}, '9': {'to': 'voicemail', 'number': '101'},
             '*': {'to': 'repeat_prompt'}},
    'routing': {'out_of_office': {'to': 'voicemail_of_destination', 'number': '100', 'prompt_enabled': False},
                'holidays': {'to': 'external', 'external': '+4930999', 'prompt_enabled': False},
                'break_time': {'to': 'end_call', 'prompt_enabled': False}},
}


def test_create_check_real_no_op_and_info_round_trip(emulator, play, call_flow):
    result = play([
        ivr_task(check=True, **MAIN),
        ivr_task(**MAIN),
        ivr_task(**MAIN),
        {'name': 'info', 'tcx.xapi.tcx_ivr_info': {}, 'register': 'found'},
        {'name': 'module', 'tcx.xapi.tcx_ivr': {}, 'args': '{{ found.ivrs[0] }}'},
        {'name': 'config', 'tcx.xapi.tcx_config': {'ivrs': '{{ found.ivrs }}'}},
    ])
    assert result.rc == 0, result.stdout[-6000:]
    checked, created, again, info, module, config = result.results
    assert checked['changed'] is True and created['changed'] is True
    after = dict(MAIN, menu=dict(MAIN['menu'], **{'2': {'to': 'ring_group', 'number': RING_GROUP}}))  # as results spell it
    assert created['diff'] == checked['diff'] == {'before': {}, 'after': after}
    assert writes(emulator) == [('POST', '/xapi/v1/Receptionists', MAIN_POST)]
    number = receptionists(emulator)[0]['Number']
    expected = dict(MAIN_OPTIONS, number=number)
    # The POST answer has no navigation properties: departments not given are not reported (the info module reads them).
    assert created['ivr'] == dict((k, v) for k, v in expected.items() if k != 'departments')
    assert created['raw']['Number'] == number and created['raw']['Forwards'][1]['ForwardDN'] == QUEUE
    assert again['changed'] is False
    assert info['ivrs'] == [expected]
    assert module['changed'] is False and config['changed'] is False


def ivr_in_emulator(api, emulator, **extra):
    """An IVR 'Main Menu' (800) with keys 1 (queue) and 2 (ring group), made through the API; request log cleared."""
    body = {'Name': 'Main Menu', 'Number': '800', 'Forwards': [{'Input': '1', 'ForwardType': 'Queue', 'ForwardDN': QUEUE},
                                                               {'Input': '2', 'ForwardType': 'RingGroup', 'ForwardDN': RING_GROUP}]}
    body.update(extra)
    created = api.call('POST', 'Receptionists', json=body)
    emulator.clear_requests()
    return created


def test_a_key_change_is_one_patch_carrying_only_the_menu(emulator, play, api, call_flow):
    ivr = ivr_in_emulator(api, emulator)
    menu = {'1': {'to': 'ring_group', 'name': 'Support'}, '2': {'to': 'RingGroup', 'number': RING_GROUP}}
    result = play([ivr_task(check=True, name='MAIN MENU', number='800', menu=menu),
                   ivr_task(name='Main Menu', number='800', menu=menu),
                   ivr_task(name='Main Menu', menu=menu)])
    assert result.rc == 0, result.stdout[-4000:]
    checked, changed, again = result.results
    # Key 1 changes and was given by name: it shows the queue it held by name; key 2 is unchanged.
    before = {'1': {'to': 'queue', 'name': 'Sales Queue'}, '2': {'to': 'ring_group', 'number': RING_GROUP}}
    assert changed['diff'] == {'before': {'number': '800', 'menu': before}, 'after': {'number': '800', 'menu': dict(menu, **{'2': before['2']})}}
    assert checked['diff']['after']['name'] == 'MAIN MENU'  # a name in another case renames, shown in the diff
    assert changed['changed'] and not again['changed']
    assert writes(emulator) == [('PATCH', '/xapi/v1/Receptionists(%d)' % ivr['Id'], {'Forwards': [
        {'Input': '1', 'ForwardType': 'RingGroup', 'ForwardDN': RING_GROUP},
        {'Input': '2', 'ForwardType': 'RingGroup', 'ForwardDN': RING_GROUP}]})]


def test_bad_destinations_and_a_new_number_fail_before_any_write(emulator, play, api, call_flow):
    ivr_in_emulator(api, emulator)
    tasks = [dict(ivr_task(check=check, **options), ignore_errors=True) for check in (True, False) for options in (
        {'name': 'New', 'menu': {'1': {'to': 'extension', 'number': '555'}, '2': {'to': 'queue', 'number': '999'}}},
        {'name': 'New', 'menu': {'1': {'to': 'queue', 'name': 'Nope'}}},
        {'name': 'New', 'menu': {'x': {'to': 'queue'}, '#': {'to': 'external', 'external': '1'}}},
        {'name': 'Main Menu', 'number': '801'},
    )]
    result = play(tasks)
    messages = [r.get('msg') for r in result.results]
    assert messages[4:] == [
        "IVR 'New': menu.1: no user has number 555; menu.2: no queue has number 999",
        "IVR 'New': unknown queue 'Nope': create it first (tcx.xapi.tcx_queue)",
        "IVR 'New': menu key # to must be one of call_by_name, custom_input, end_call, extension, ivr, queue, repeat_prompt, "
        "ring_group, voicemail, got 'external'; has key 'x'; the keys are 0-9, * and # (quote them in YAML)",
        "IVR 'Main Menu': number is 800 on the PBX and cannot change after creation (given: 801); leave number out, "
        "or delete the IVR and create it again",
    ]
    assert [r['status'] for r in result.records] == ['ok', 'ok', 'failed', 'failed'] + ['failed'] * 4  # check mode warns of what an earlier task may create
    assert messages[2:4] == messages[6:8]  # check mode fails alike where it can know
    assert result.results[0].get('failed') is None and 'no user has number 555' in ' '.join(result.results[0]['warnings'])
    assert writes(emulator) == []


def test_absent_deletes_and_tcx_config_refuses_deletes_the_ivr_still_leads_to(emulator, play, api, call_flow):
    ivr = ivr_in_emulator(api, emulator, TimeoutForwardType='Extension', TimeoutForwardDN='100')
    refused = [{'name': 'config', 'tcx.xapi.tcx_config': {'users': [{'extension': '100', 'state': 'absent'}]},
                'ignore_errors': True, 'check_mode': check} for check in (True, False)]
    result = play(refused + [ivr_task(name='main menu', state='absent', check=True), ivr_task(name='main menu', state='absent'),
                             ivr_task(name='main menu', state='absent')])
    checked, real, check_delete, deleted, again = result.results
    expected = ("1 invalid item, nothing was written: users[0] (user '100'): cannot delete: IVR 'Main Menu' sends calls "
                "without input to it (timeout_destination); send them elsewhere first")
    assert checked['msg'] == real['msg'] == expected
    assert check_delete['changed'] and deleted['changed'] and not again['changed']
    assert deleted['diff']['after'] == {} and deleted['diff']['before']['number'] == '800'
    assert deleted['diff']['before']['menu'] == {'1': {'to': 'queue', 'number': QUEUE}, '2': {'to': 'ring_group', 'number': RING_GROUP}}
    assert writes(emulator) == [('DELETE', '/xapi/v1/Receptionists(%d)' % ivr['Id'], None)]


def test_tcx_config_creates_a_user_and_the_ivr_that_leads_to_it_in_one_run(emulator, play, call_flow):
    menu = {'1': {'to': 'extension', 'number': '105'}, '2': {'to': 'queue', 'name': 'Sales Queue'}}
    config = {'users': [{'extension': '105', 'first_name': 'Grace', 'last_name': 'Hopper'}],
              'ivrs': [{'name': 'Night', 'number': '805', 'menu': menu}]}
    result = play([{'name': 'check', 'tcx.xapi.tcx_config': config, 'check_mode': True},
                   {'name': 'apply', 'tcx.xapi.tcx_config': config},
                   {'name': 'again', 'tcx.xapi.tcx_config': config}])
    assert result.rc == 0, result.stdout[-4000:]
    checked, applied, again = result.results
    assert checked['diff'] == applied['diff'] and checked['changed'] and applied['changed'] and not again['changed']
    assert checked['diff']['after']['ivrs'] == {'Night': {'name': 'Night', 'number': '805', 'menu': menu}}
    assert [(w['method'], w['path']) for w in emulator.writes()] == [('POST', '/xapi/v1/Users'), ('POST', '/xapi/v1/Receptionists')]
    forwards = emulator.writes()[1]['body']['Forwards']
    assert forwards == [{'Input': '1', 'ForwardType': 'Extension', 'ForwardDN': '105'}, {'Input': '2', 'ForwardType': 'Queue', 'ForwardDN': QUEUE}]


def test_tcx_config_refuses_to_delete_a_queue_a_key_leads_to_and_names_a_ring_group_of_the_same_run(emulator, play, api, call_flow):
    ivr = ivr_in_emulator(api, emulator)
    doomed = {'queues': [{'name': 'Sales Queue', 'state': 'absent'}]}
    same_run = {'ring_groups': [{'name': 'Night Desk', 'members': ['100']}],
                'ivrs': [{'name': 'Main Menu', 'menu': {'1': {'to': 'ring_group', 'name': 'night desk'}}}]}
    result = play([{'name': 'refused', 'tcx.xapi.tcx_config': doomed, 'check_mode': True, 'ignore_errors': True},
                   {'name': 'refused', 'tcx.xapi.tcx_config': doomed, 'ignore_errors': True},
                   {'name': 'same run', 'tcx.xapi.tcx_config': same_run},
                   {'name': 'again', 'tcx.xapi.tcx_config': same_run}])
    checked, real, applied, again = result.results
    assert checked['msg'] == real['msg'] == (
        "1 invalid item, nothing was written: queues[0] (queue 'Sales Queue'): cannot delete: IVR 'Main Menu' sends key 1 "
        "to it (menu.1); send it elsewhere first")
    assert applied['changed'] and not again['changed'], result.stdout[-3000:]
    desk = [r for r in emulator.state()['ring_groups'] if r['Name'] == 'Night Desk'][0]
    assert [(w['method'], w['path'], w['body']) for w in emulator.writes()][1:] == [
        ('PATCH', '/xapi/v1/Receptionists(%d)' % ivr['Id'], {'Forwards': [{'Input': '1', 'ForwardType': 'RingGroup', 'ForwardDN': desk['Number']}]})]
    assert emulator.writes()[0]['path'] == '/xapi/v1/RingGroups'


def test_info_selects_by_department(emulator, play, api, call_flow):
    sales = api.call('POST', 'Groups', json={'Name': 'Sales'})
    ivr_in_emulator(api, emulator, Groups=[{'GroupId': sales['Id']}])
    api.call('POST', 'Receptionists', json={'Name': 'Other'})
    result = play([{'name': 'info', 'tcx.xapi.tcx_ivr_info': {'department': 'Sales'}},
                   {'name': 'info', 'tcx.xapi.tcx_ivr_info': {'name': 'OTHER'}}])
    by_department, by_name = result.results
    assert [(i['name'], i['departments']) for i in by_department['ivrs']] == [('Main Menu', ['Sales'])]
    assert [i['name'] for i in by_name['ivrs']] == ['Other']


def test_single_modules_refuse_to_delete_what_is_still_used_before_any_write(emulator, play, api, call_flow):
    """Deleting a ring group an IVR key sends calls to, a queue a department route and an inbound rule use, or a
    user an IVR times out to fails with the message tcx_config gives, in check mode as in the real run, and writes
    nothing; the reads are one listing per kind that sends calls."""
    ivr_in_emulator(api, emulator, TimeoutForwardType='Extension', TimeoutForwardDN='100')
    api.call('POST', 'Groups', json={'Name': 'Sales', 'OfficeRoute': {'Route': {'To': 'Queue', 'Number': QUEUE}}})
    api.call('POST', 'InboundRules', json={'Data': '+493012345600', 'TrunkDN': {'Id': 2},
                                           'OfficeHoursDestination': {'To': 'Queue', 'Number': QUEUE}})
    emulator.clear_requests()
    tasks = [dict(task, check_mode=check, ignore_errors=True) for check in (True, False) for task in (
        {'name': 'ring group', 'tcx.xapi.tcx_ring_group': {'name': 'support', 'state': 'absent'}},
        {'name': 'queue', 'tcx.xapi.tcx_queue': {'name': 'Sales Queue', 'state': 'absent'}},
        {'name': 'user', 'tcx.xapi.tcx_user': {'extension': '100', 'state': 'absent'}},
    )]
    result = play(tasks)
    messages = [r['msg'] for r in result.results]
    assert messages[:3] == messages[3:] == [
        "ring group 'support': cannot delete: IVR 'Main Menu' sends key 2 to it (menu.2); send it elsewhere first",
        "queue 'Sales Queue': cannot delete: department 'Sales' routes office hours calls to it (routing.office_hours); "
        "route them elsewhere first; IVR 'Main Menu' sends key 1 to it (menu.1); send it elsewhere first; inbound rule "
        "'+493012345600' sends office hours calls to it (office_hours); send them elsewhere first",
        "user '100': cannot delete: IVR 'Main Menu' sends calls without input to it (timeout_destination); "
        "send them elsewhere first"]
    assert emulator.writes() == []
    reads = sorted(set(e['path'] for e in result.requests(0) if e['path'].startswith('/xapi/')))
    assert reads == ['/xapi/v1/Groups', '/xapi/v1/InboundRules', '/xapi/v1/Queues', '/xapi/v1/Receptionists',
                     '/xapi/v1/RingGroups']
    # The find, the names of its departments for the diff, then one listing per kind that sends calls.
    assert sorted(e['path'] for e in result.requests(0) if e['path'].startswith('/xapi/')) == sorted(
        reads + ['/xapi/v1/RingGroups', '/xapi/v1/Groups'])


def test_a_number_another_object_holds_fails_before_the_post(emulator, play, call_flow):
    tasks = [dict(task, check_mode=check, ignore_errors=True) for check in (True, False) for task in (
        {'name': 'ring group', 'tcx.xapi.tcx_ring_group': {'name': 'New Group', 'number': '100'}},
        {'name': 'queue', 'tcx.xapi.tcx_queue': {'name': 'New Queue', 'number': RING_GROUP}},
        {'name': 'ivr', 'tcx.xapi.tcx_ivr': {'name': 'New Menu', 'number': QUEUE}},
    )]
    result = play(tasks)
    messages = [r['msg'] for r in result.results]
    assert messages[:3] == messages[3:] == [
        "ring group 'New Group': number 100 is already held by user 100 ('Ada Lovelace'): give a free number, "
        "or leave number out and the PBX assigns one",
        "queue 'New Queue': number 802 is already held by ring group 802 ('Support'): give a free number, or leave "
        "number out and the PBX assigns one",
        "IVR 'New Menu': number 801 is already held by queue 801 ('Sales Queue'): give a free number, or leave number "
        "out and the PBX assigns one"]
    assert emulator.writes() == []


def test_deleting_a_member_user_says_which_groups_it_leaves(emulator, play, api, call_flow):
    user = [u for u in emulator.state()['users'] if u['Number'] == '101'][0]
    api.call('POST', 'RingGroups', json={'Name': 'Front Desk', 'Members': [{'Number': '100'}, {'Number': '101'}]})
    api.call('PATCH', 'Queues(%d)' % [q for q in emulator.state()['queues'] if q['Name'] == 'Sales Queue'][0]['Id'],
             json={'Agents': [{'Number': '101'}], 'Managers': [{'Number': '101'}]})
    emulator.clear_requests()
    result = play([{'name': 'check', 'tcx.xapi.tcx_user': {'extension': '101', 'state': 'absent'}, 'check_mode': True},
                   {'name': 'delete', 'tcx.xapi.tcx_user': {'extension': '101', 'state': 'absent'}}])
    assert result.rc == 0, result
    left = ["queue 'Sales Queue' (agents)", "queue 'Sales Queue' (managers)", "ring group 'Front Desk' (members)"]
    for name in ('check', 'delete'):
        task = result.task(name)
        assert task['changed'] is True
        assert task['diff']['before']['member_of'] == left and task['diff']['after'] == {}
        assert 'deleting it removes it from ' + ', '.join(left) in task['warnings']
    assert [(w['method'], w['path']) for w in emulator.writes()] == [('DELETE', '/xapi/v1/Users(%d)' % user['Id'])]
    state = emulator.state()
    assert [u['Number'] for u in state['users']] == ['100']
    assert [m['Number'] for m in [r for r in state['ring_groups'] if r['Name'] == 'Front Desk'][0]['Members']] == ['100']


def test_tcx_config_refuses_a_taken_number_and_takes_a_free_one(emulator, play, call_flow):
    taken = {'ring_groups': [{'name': 'New Group', 'number': '100'}], 'ivrs': [{'name': 'New Menu', 'number': '850'}]}
    for check in (True, False):
        result = play([{'name': 'config', 'tcx.xapi.tcx_config': taken}], check=check, expect_rc=2).result()
        assert result['msg'] == ("1 invalid item, nothing was written: ring_groups[0] (ring group 'New Group'): number 100 is "
                                 "already held by user 100 ('Ada Lovelace'): give a free number, or leave number out and the PBX assigns one")
    assert emulator.writes() == []
    free = {'ring_groups': [{'name': 'New Group', 'number': '860'}], 'ivrs': [{'name': 'New Menu', 'number': '850'}]}
    assert play([{'name': 'config', 'tcx.xapi.tcx_config': free}]).result()['changed'] is True
    assert [(w['method'], w['body']['Number']) for w in emulator.writes()] == [('POST', '860'), ('POST', '850')]
