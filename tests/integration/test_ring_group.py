# -*- coding: utf-8 -*-
"""tcx_ring_group, tcx_ring_group_info and ring groups in tcx_config against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest


@pytest.fixture
def users(api, emulator):
    """Users 101, 102 and 103 exist (request log cleared)."""
    for number in ('101', '102', '103'):
        api.call('POST', 'Users', json={'Number': number, 'FirstName': 'U' + number, 'LastName': 'Test'})
    emulator.clear_requests()


def ring_group_task(**options):
    return {'name': 'ring group', 'tcx.xapi.tcx_ring_group': options, 'register': 'out'}


def config_task(**options):
    return {'name': 'converge', 'tcx.xapi.tcx_config': options}


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


def held(emulator, name):
    """The ring group the emulator holds, with its members in order."""
    found = [g for g in emulator.state()['ring_groups'] if g['Name'] == name]
    return found[0] if found else None


SALES = {'name': 'Sales', 'strategy': 'Hunt', 'ring_time': 25, 'members': ['102', '101'],
         'no_answer': {'to': 'voicemail', 'number': '101'},
         'routing': {'out_of_office': {'to': 'external', 'external': '+4930123'}}}
SALES_OPTIONS = {'name': 'Sales', 'strategy': 'Hunt', 'ring_time': 25, 'members': ['102', '101'],
                 'no_answer': {'to': 'voicemail', 'number': '101'},
                 'routing': {'out_of_office': {'to': 'external', 'external': '+4930123'}}}

# What a new ring group holds besides what it was given (the options' shape of the PBX's defaults).
DEFAULTS = {'ring_time': 20, 'multicast': {'packet_time': 20, 'port': 0}, 'no_answer': {'to': 'end_call'},
            'routing': dict((period, {'to': 'end_call', 'prompt_enabled': False})
                            for period in ('out_of_office', 'break_time', 'holidays'))}


def with_defaults(options, **more):
    return dict(DEFAULTS, **dict(options, **more))


def test_create_check_then_real_then_no_op_then_order_change(emulator, play, users):
    """Check mode writes nothing and predicts the real run's diff; the second run is a no-op; a new order is one PATCH."""
    checked = play([ring_group_task(**SALES)], check=True).result()
    assert checked['changed'] is True
    assert emulator.writes() == []
    result = play([ring_group_task(**SALES)]).result()
    assert result['changed'] is True
    assert result['diff'] == checked['diff'] == {'before': {}, 'after': SALES_OPTIONS}
    number = held(emulator, 'Sales')['Number']
    assert [m['Number'] for m in held(emulator, 'Sales')['Members']] == ['102', '101']
    # Every option the PBX holds a value for, its defaults included: fed back, it changes nothing.
    assert result['ring_group'] == with_defaults(SALES_OPTIONS, number=number, routing=dict(
        DEFAULTS['routing'], out_of_office={'to': 'external', 'external': '+4930123', 'prompt_enabled': False}))
    assert result['raw']['Number'] == number and result['raw']['RingStrategy'] == 'Hunt'
    assert writes(emulator) == [('POST', '/xapi/v1/RingGroups', {
        'Name': 'Sales', 'RingStrategy': 'Hunt', 'RingTime': 25, 'Members': [{'Number': '102'}, {'Number': '101'}],
        'ForwardNoAnswer': {'To': 'VoiceMail', 'Number': '101'},
        'OutOfOfficeRoute': {'Route': {'To': 'External', 'External': '+4930123'}}})]
    emulator.clear_requests()

    reordered = dict(SALES)
    reordered['members'] = ['101', '102']
    run = play([ring_group_task(**SALES), ring_group_task(**reordered), ring_group_task(**reordered)])
    no_op, order, again = run.results
    assert no_op['changed'] is False and no_op['diff']['before'] == no_op['diff']['after']
    assert order['changed'] is True
    given = dict((k, v) for k, v in SALES_OPTIONS.items() if k != 'name')
    assert order['diff'] == {'before': given, 'after': dict(given, members=['101', '102'])}
    assert again['changed'] is False
    group_id = held(emulator, 'Sales')['Id']
    assert writes(emulator) == [('PATCH', '/xapi/v1/RingGroups(%d)' % group_id, {'Members': [{'Number': '101'}, {'Number': '102'}]})]


def test_update_number_kept_and_delete(emulator, play, users):
    play([ring_group_task(name='Desk', number='800', members=['101'])], expect_rc=0)
    emulator.clear_requests()
    run = play([ring_group_task(name='Desk', strategy='RingAll', members=[]),
                ring_group_task(name='Desk', number='801'),
                ], expect_rc=2)
    update = run.results[0]
    assert update['changed'] is True
    assert update['diff'] == {'before': {'strategy': 'Hunt', 'members': ['101']}, 'after': {'strategy': 'RingAll', 'members': []}}
    assert update['ring_group'] == with_defaults({'name': 'Desk', 'number': '800', 'strategy': 'RingAll', 'departments': ['DEFAULT']})
    refused = run.results[1]
    assert [r['status'] for r in run.records] == ['ok', 'failed']
    assert refused['msg'] == ("ring group 'Desk': number is 800 on the PBX and cannot change after creation (given: 801); "
                              "leave number out, or delete the ring group and create it again")
    group_id = held(emulator, 'Desk')['Id']
    assert writes(emulator) == [('PATCH', '/xapi/v1/RingGroups(%d)' % group_id, {'RingStrategy': 'RingAll', 'Members': []})]
    emulator.clear_requests()
    run = play([ring_group_task(name='desk', state='absent'), ring_group_task(name='Desk', state='absent')])
    gone, again = run.results
    assert gone['changed'] is True and gone['diff']['before']['number'] == '800' and gone['diff']['after'] == {}
    assert again['changed'] is False
    assert writes(emulator) == [('DELETE', '/xapi/v1/RingGroups(%d)' % group_id, None)]
    assert held(emulator, 'Desk') is None


def test_unknown_member_fails_before_any_write(emulator, play, users):
    result = play([ring_group_task(name='Desk', members=['101', '999'])], expect_rc=2).result()
    assert result['msg'] == "ring group 'Desk': members: unknown user extension '999': create it first (tcx.xapi.tcx_user)"
    checked = play([ring_group_task(name='Desk', members=['101', '999'])], check=True, expect_rc=0).result()
    assert checked['changed'] is True
    assert emulator.writes() == []


def test_no_answer_names_a_queue_and_info_feeds_back_unchanged(emulator, play, api, users):
    queue = api.call('POST', 'Queues', json={'Name': 'Sales Queue'})
    for name in ('Sales', 'Support'):
        api.call('POST', 'Groups', json={'Name': name})
    api.call('POST', 'RingGroups', json={'Name': 'Elsewhere'})  # in DEFAULT
    emulator.clear_requests()
    tasks = [ring_group_task(name='Sales', members=['103', '101'], no_answer={'to': 'queue', 'name': 'sales queue'},
                             multicast={'address': '224.0.1.75', 'port': 5000}, departments=['support', 'Sales']),
             {'name': 'info', 'tcx.xapi.tcx_ring_group_info': {'department': 'Support'}, 'register': 'found'},
             {'name': 'one', 'tcx.xapi.tcx_ring_group_info': {'name': 'SALES'}, 'register': 'one'},
             {'name': 'back', 'tcx.xapi.tcx_ring_group': '{{ found.ring_groups[0] }}', 'register': 'back'},
             {'name': 'config', 'tcx.xapi.tcx_config': {'ring_groups': '{{ found.ring_groups }}'}, 'register': 'config'}]
    created, found, one, back, config = play(tasks).results
    assert created['changed'] is True
    assert created['ring_group']['no_answer'] == {'to': 'queue', 'number': queue['Number']}
    assert created['ring_group']['departments'] == ['Sales', 'Support']
    assert found['ring_groups'] == [created['ring_group']] == one['ring_groups']
    assert found['raw'][0]['Members'] == [{'Number': '103'}, {'Number': '101'}]
    assert back['changed'] is False and config['changed'] is False
    assert len(emulator.writes()) == 1


def test_no_answer_to_a_number_nobody_holds_fails_before_any_write(emulator, play, users):
    """The PBX refuses a destination to a missing number (NON_EXISTENT_EXT_NUMBER): refused first, in tcx_config's
    check mode as in the real run; a single module in check mode warns (an earlier task may create it)."""
    options = dict(name='Desk', members=['101'], no_answer={'to': 'extension', 'number': '999'})
    failed = play([ring_group_task(**options)], expect_rc=2).result()
    assert failed['msg'] == "ring group 'Desk': no_answer: no user has number 999"
    checked = play([config_task(ring_groups=[options])], check=True, expect_rc=2).result()
    assert 'no_answer: no user has number 999' in checked['msg']
    warned = play([ring_group_task(**options)], check=True, expect_rc=0).result()
    assert warned['changed'] is True
    assert emulator.writes() == []
