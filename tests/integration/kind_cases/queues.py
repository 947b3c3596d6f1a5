# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_queue (see kind_cases/__init__.py)."""

PREREQUISITES = {'users': [{'extension': '101', 'first_name': 'U101', 'password': 'Queue-101-Secret!'},
                           {'extension': '102', 'first_name': 'U102', 'password': 'Queue-102-Secret!'}]}

PRESENT = {'name': 'Support', 'number': '810', 'polling_strategy': 'SkillBasedRouting_RingAll', 'ring_timeout': 15,
           'no_answer': {'to': 'external', 'external': '+4930999'},
           'agents': [{'extension': '102', 'skill_group': '1'}, {'extension': '101'}], 'managers': ['101'],
           'departments': ['DEFAULT'],
           'announcements': {'queue_position': True, 'interval': 45},
           'routing': {'holidays': {'to': 'voicemail', 'number': '101'}}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/Queues$')]


def CREATE_BODY(state):
    default = [g['Id'] for g in state['groups'] if g['Name'] == 'DEFAULT'][0]
    return {'Groups': [{'GroupId': default}], 'Name': 'Support', 'Number': '810', 'PollingStrategy': 'SkillBasedRouting_RingAll', 'RingTimeout': 15,
            'ForwardNoAnswer': {'To': 'External', 'External': '+4930999'},
            'Agents': [{'Number': '102', 'SkillGroup': '1'}, {'Number': '101', 'SkillGroup': None}],
            'Managers': [{'Number': '101'}], 'AnnounceQueuePosition': True, 'AnnouncementInterval': 45,
            'HolidaysRoute': {'Route': {'To': 'VoiceMail', 'Number': '101'}}}


# The departments by name, the queue, and its agents' and managers' numbers.
NOOP_READS = [('GET', '/xapi/v1/Groups'), ('GET', '/xapi/v1/Queues'), ('GET', '/xapi/v1/Users')]

UPDATE = {'wrap_up_time': 20}


def PATCH(state):
    return {'WrapUpTime': 20}


def held(state):
    found = [q for q in state['queues'] if q['Name'] == 'Support']
    if not found:
        return None
    queue = found[0]
    return {'Number': queue['Number'], 'PollingStrategy': queue['PollingStrategy'], 'RingTimeout': queue['RingTimeout'],
            'WrapUpTime': queue['WrapUpTime'], 'Agents': [(a['Number'], a['SkillGroup']) for a in queue['Agents']],
            'Managers': [m['Number'] for m in queue['Managers']],
            'ForwardNoAnswer': dict((k, v) for k, v in queue['ForwardNoAnswer'].items() if k in ('To', 'Number', 'External') and v is not None)}


HELD_AFTER_UPDATE = {'Number': '810', 'PollingStrategy': 'SkillBasedRouting_RingAll', 'RingTimeout': 15,
                     'WrapUpTime': 20, 'Agents': [('102', '1'), ('101', None)], 'Managers': ['101'],
                     'ForwardNoAnswer': {'To': 'External', 'External': '+4930999'}}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Queues\(\d+\)$')]
VERSIONS = ('20.0.10',)
