# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_department (see kind_cases/__init__.py)."""

PREREQUISITES = {}

PRESENT = {'name': 'Sales', 'language': 'DE', 'timezone': 'Etc/UTC',
           'extension_range': {'user_from': '200', 'user_to': '299'},
           'limits': {'live_chat_max': 3},
           'routing': {'out_of_office': {'to': 'voicemail', 'prompt_enabled': False}}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/Groups$')]


def CREATE_BODY(state):
    """The options given, nested as XAPI nests them; the zone as the PBX's ID."""
    return {'Name': 'Sales', 'Language': 'DE', 'TimeZoneId': '51',
            'Props': {'UserNumberFrom': '200', 'UserNumberTo': '299', 'LiveChatMaxCount': 3},
            'OutOfOfficeRoute': {'Route': {'To': 'VoiceMail'}, 'IsPromptEnabled': False}}


# The zone is given by name: the PBX's zone table (Defs), read by the create and kept with the token, compares it.
NOOP_READS = [('GET', '/xapi/v1/Groups')]

UPDATE = {'language': 'FR'}


def PATCH(state):
    return {'Language': 'FR'}


def held(state):
    found = [g for g in state['groups'] if g['Name'] == 'Sales']
    if not found:
        return None
    group = found[0]
    return {'Language': group['Language'], 'TimeZoneId': group['TimeZoneId'],
            'Props': dict((k, group['Props'][k]) for k in ('UserNumberFrom', 'UserNumberTo', 'LiveChatMaxCount')),
            'OutOfOfficeRoute': (group['OutOfOfficeRoute']['Route']['To'], group['OutOfOfficeRoute']['IsPromptEnabled'])}


HELD_AFTER_UPDATE = {'Language': 'FR', 'TimeZoneId': '51',
                     'Props': {'UserNumberFrom': '200', 'UserNumberTo': '299', 'LiveChatMaxCount': 3},
                     'OutOfOfficeRoute': ('VoiceMail', False)}
DELETE_WRITES = [('POST', r'^/xapi/v1/Groups/Pbx\.DeleteCompanyById$')]
VERSIONS = ('20.0.10',)
