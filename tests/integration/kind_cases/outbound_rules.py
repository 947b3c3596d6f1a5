# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_outbound_rule (see kind_cases/__init__.py). The emulator's seeded trunk is 10000 (Id 2)."""

PREREQUISITES = {'departments': [{'name': 'Sales'}]}

PRESENT = {'name': 'National', 'prefix': '0', 'number_lengths': ['10', '11'], 'extensions': ['100-199', '205'],
           'departments': ['Sales'], 'routes': [{'trunk': '10000', 'strip_digits': 1, 'prepend': '+49'}]}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/OutboundRules$')]


def CREATE_BODY(state):
    sales = [g for g in state['groups'] if g['Name'] == 'Sales'][0]
    return {'Name': 'National', 'Prefix': '0', 'NumberLengthRanges': '10,11',
            'DNRanges': [{'From': '100', 'To': '199'}, {'From': '205', 'To': '205'}], 'GroupIds': [sales['Id']],
            'Routes': [{'TrunkId': 2, 'StripDigits': 1, 'Prepend': '+49', 'Append': '', 'CallerID': ''}]}


# The rule, the departments (by Id, to name them) and the trunks (to number the routes).
NOOP_READS = [('GET', '/xapi/v1/Groups'), ('GET', '/xapi/v1/OutboundRules'), ('GET', '/xapi/v1/Trunks')]

UPDATE = {'prefix': '00'}


def PATCH(state):
    return {'Prefix': '00'}


def held(state):
    found = [r for r in state['outbound_rules'] if r['Name'] == 'National']
    if not found:
        return None
    rule = found[0]
    return {'Prefix': rule['Prefix'], 'Trunks': [r['TrunkId'] for r in rule['Routes']], 'Priority': rule['Priority']}


HELD_AFTER_UPDATE = {'Prefix': '00', 'Trunks': [2, -1, -1, -1, -1], 'Priority': 1}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/OutboundRules\(\d+\)$')]
VERSIONS = ('20.0.10',)
