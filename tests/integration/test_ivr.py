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
    'invalid_key_destination': {'to': 'extension', 'number': '101'},
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
    'name': 'Main Menu', 'prompt': 'main.wav', 'input_timeout': 8, 'prompt_set': DEFAULT_PROMPT_SET,
    'timeout_destination': {'to': 'extension', 'number': '100'},
    'invalid_key_destination': {'number': '101'},
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
    assert created['diff'] == checked['diff'] == {'before': {}, 'after': MAIN}
    assert writes(emulator) == [('POST', '/xapi/v1/Receptionists', MAIN_POST)]
    number = receptionists(emulator)[0]['Number']
    expected = dict(MAIN_OPTIONS, number=number)
    assert created['ivr'] == expected
    assert created['raw']['Number'] == number and created['raw']['Forwards'][1]['ForwardDN'] == QUEUE
    assert again['changed'] is False
    assert info['ivrs'] == [expected]
    assert module['changed'] is False and config['changed'] is False
