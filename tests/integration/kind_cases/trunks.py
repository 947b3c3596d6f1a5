# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_trunk (see kind_cases/__init__.py). The emulator seeds trunk 10000; a new one gets 10001."""

PREREQUISITES = {}

PRESENT = {'name': 'Provider A', 'template': 'generic.pv.xml', 'host': 'sip.provider-a.example', 'port': 5060,
           'auth_id': 'acct-4930555', 'password': 'Trunk-Secret-77', 'simultaneous_calls': 4, 'direction': 'both',
           'main_number': '+4930555100', 'dids': ['+4930555100', '+4930555101'], 'e164_country_code': '49',
           'outbound_caller_id_rules': [{'match': '^0', 'replace': '+49'}]}
DIFF_AFTER = dict(PRESENT, password='********')
# InitTrunk is a GET: the create's one write is the POST of the filled-in skeleton.
CREATE_WRITES = [('POST', r'^/xapi/v1/Trunks$')]


def CREATE_BODY(state):
    from tcx_emulator import seed
    body = seed.new_trunk_defaults()
    del body['Id']
    body.update({'Number': '10001', 'AuthID': 'acct-4930555', 'AuthPassword': {'Value': 'Trunk-Secret-77'}, 'SimultaneousCalls': 4,
                 'Direction': 'Both', 'ExternalNumber': '+4930555100', 'DidNumbers': ['+4930555100', '+4930555101'],
                 'E164CountryCode': '49', 'OutCIDFormatting': [{'SourcePattern': '^0', 'ReplacePattern': '+49'}]})
    body['Gateway'] = dict(seed.new_gateway('Provider A', 'generic.pv.xml', 'sip.provider-a.example'), ProxyPort=5060)
    return body


NOOP_READS = [('GET', '/xapi/v1/Trunks')]

UPDATE = {'simultaneous_calls': 8}


def PATCH(state):
    return {'SimultaneousCalls': 8}


def held(state):
    found = [t for t in state['trunks'] if (t.get('Gateway') or {}).get('Name') == 'Provider A']
    if not found:
        return None
    trunk = found[0]
    return {'Number': trunk['Number'], 'Host': trunk['Gateway']['Host'], 'Calls': trunk['SimultaneousCalls'], 'Dids': trunk['DidNumbers']}


HELD_AFTER_UPDATE = {'Number': '10001', 'Host': 'sip.provider-a.example', 'Calls': 8, 'Dids': ['+4930555100', '+4930555101']}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Trunks\(\d+\)$')]
VERSIONS = ('20.0.10',)
