# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_ring_group (see kind_cases/__init__.py)."""

PREREQUISITES = {'users': [{'extension': '101', 'first_name': 'U101', 'password': 'Ring-101-Secret!'},
                           {'extension': '102', 'first_name': 'U102', 'password': 'Ring-102-Secret!'}]}

PRESENT = {'name': 'Sales', 'strategy': 'Hunt', 'ring_time': 25, 'members': ['102', '101'], 'departments': ['DEFAULT'],
           'no_answer': {'to': 'voicemail', 'number': '101'},
           'routing': {'out_of_office': {'to': 'external', 'external': '+4930123'}}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/RingGroups$')]


def CREATE_BODY(state):
    """Members in the order given; destinations in the PBX's spelling."""
    default = [g['Id'] for g in state['groups'] if g['Name'] == 'DEFAULT'][0]
    return {'Groups': [{'GroupId': default}], 'Name': 'Sales', 'RingStrategy': 'Hunt', 'RingTime': 25, 'Members': [{'Number': '102'}, {'Number': '101'}],
            'ForwardNoAnswer': {'To': 'VoiceMail', 'Number': '101'},
            'OutOfOfficeRoute': {'Route': {'To': 'External', 'External': '+4930123'}}}


# The departments by name, the ring group, and its members' numbers.
NOOP_READS = [('GET', '/xapi/v1/Groups'), ('GET', '/xapi/v1/RingGroups'), ('GET', '/xapi/v1/Users')]

UPDATE = {'ring_time': 30}


def PATCH(state):
    return {'RingTime': 30}


def held(state):
    found = [g for g in state['ring_groups'] if g['Name'] == 'Sales']
    if not found:
        return None
    group = found[0]
    return {'RingStrategy': group['RingStrategy'], 'RingTime': group['RingTime'],
            'Members': [m['Number'] for m in group['Members']],
            'ForwardNoAnswer': dict((k, v) for k, v in group['ForwardNoAnswer'].items() if k in ('To', 'Number', 'External') and v is not None),
            'OutOfOffice': group['OutOfOfficeRoute']['Route']['To']}


HELD_AFTER_UPDATE = {'RingStrategy': 'Hunt', 'RingTime': 30, 'Members': ['102', '101'],
                     'ForwardNoAnswer': {'To': 'VoiceMail', 'Number': '101'}, 'OutOfOffice': 'External'}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/RingGroups\(\d+\)$')]
VERSIONS = ('20.0.10',)
