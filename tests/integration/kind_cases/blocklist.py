# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_blocklist (see kind_cases/__init__.py)."""

PREREQUISITES = {}

PRESENT = {'address': '198.51.100.0/24', 'action': 'block', 'expires_at': '2027-02-01T00:00:00Z', 'description': 'SIP scanner'}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/Blocklist$')]


def CREATE_BODY(state):
    return {'IPAddrMask': '198.51.100.0/24', 'BlockType': 'Block', 'ExpiresAt': '2027-02-01T00:00:00Z',
            'Description': 'SIP scanner', 'AddedBy': 'Manual'}


NOOP_READS = [('GET', '/xapi/v1/Blocklist')]

UPDATE = {'action': 'allow'}


def PATCH(state):
    return {'BlockType': 'Allow'}


def held(state):
    found = [e for e in state['blocklist'] if e['IPAddrMask'] == '198.51.100.0/24']
    if not found:
        return None
    return dict((k, found[0][k]) for k in ('BlockType', 'ExpiresAt', 'Description', 'AddedBy'))


HELD_AFTER_UPDATE = {'BlockType': 'Allow', 'ExpiresAt': '2027-02-01T00:00:00Z', 'Description': 'SIP scanner', 'AddedBy': 'Manual'}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Blocklist\(\d+\)$')]
VERSIONS = ('20.0.10',)
