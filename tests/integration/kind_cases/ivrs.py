# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_ivr (see kind_cases/__init__.py)."""

PREREQUISITES = {'users': [{'extension': '101', 'first_name': 'U101', 'password': 'Ivr-101-Secret!'}]}

PRESENT = {'name': 'Main Menu', 'number': '800', 'input_timeout': 8, 'departments': ['DEFAULT'],
           'timeout_destination': {'to': 'extension', 'number': '101'},
           'menu': {'0': {'to': 'extension', 'number': '101'}, '*': {'to': 'repeat_prompt'}},
           'routing': {'out_of_office': {'to': 'external', 'external': '+4930123'}}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/Receptionists$')]


def CREATE_BODY(state):
    """Keys in key order, in the PBX's spelling."""
    default = [g['Id'] for g in state['groups'] if g['Name'] == 'DEFAULT'][0]
    return {'Groups': [{'GroupId': default}], 'Name': 'Main Menu', 'Number': '800', 'Timeout': 8,
            'TimeoutForwardType': 'Extension', 'TimeoutForwardDN': '101',
            'Forwards': [{'Input': '0', 'ForwardType': 'Extension', 'ForwardDN': '101'},
                         {'Input': '*', 'ForwardType': 'RepeatPrompt', 'ForwardDN': None}],
            'OutOfOfficeRoute': {'Route': {'To': 'External', 'External': '+4930123'}}}


# The departments by name and the IVR (with its keys); numbers are checked only before a write.
NOOP_READS = [('GET', '/xapi/v1/Groups'), ('GET', '/xapi/v1/Receptionists')]

UPDATE = {'menu': {'0': {'to': 'voicemail', 'number': '101'}, '*': {'to': 'repeat_prompt'}}}


def PATCH(state):
    return {'Forwards': [{'Input': '0', 'ForwardType': 'VoiceMail', 'ForwardDN': '101'},
                         {'Input': '*', 'ForwardType': 'RepeatPrompt', 'ForwardDN': None}]}


def held(state):
    found = [r for r in state['receptionists'] if r['Name'] == 'Main Menu']
    if not found:
        return None
    ivr = found[0]
    return {'Timeout': ivr['Timeout'], 'Timeout to': (ivr['TimeoutForwardType'], ivr['TimeoutForwardDN']),
            'Forwards': [(f['Input'], f['ForwardType'], f['ForwardDN']) for f in ivr['Forwards']]}


HELD_AFTER_UPDATE = {'Timeout': 8, 'Timeout to': ('Extension', '101'),
                     'Forwards': [('0', 'VoiceMail', '101'), ('*', 'RepeatPrompt', None)]}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Receptionists\(\d+\)$')]
VERSIONS = ('20.0.10',)
