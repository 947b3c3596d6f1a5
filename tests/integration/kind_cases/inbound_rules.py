# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_inbound_rule (see kind_cases/__init__.py). The emulator's seeded trunk is 10000."""

PREREQUISITES = {'ivrs': [{'name': 'Main Menu', 'number': '800'}]}

PRESENT = {'did': '+493012345600', 'trunk': '10000', 'name': 'Main line', 'office_hours': {'to': 'ivr', 'number': '800'},
           'out_of_office': {'to': 'external', 'external': '+4930999'}, 'route_out_of_office': True,
           'hours': {'type': 'OfficeHours'}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/InboundRules$')]


def CREATE_BODY(state):
    return {'Data': '+493012345600', 'Condition': 'BasedOnDID', 'TrunkDN': {'Id': 2}, 'RuleName': 'Main line',
            'OfficeHoursDestination': {'To': 'IVR', 'Number': '800'},
            'OutOfOfficeHoursDestination': {'To': 'External', 'External': '+4930999'},
            'AlterDestinationDuringOutOfOfficeHours': True, 'Hours': {'Type': 'OfficeHours'}}


# The rule and the trunks (read once, to resolve the trunk).
NOOP_READS = [('GET', '/xapi/v1/InboundRules'), ('GET', '/xapi/v1/Trunks')]

UPDATE = {'name': 'Main number'}


def PATCH(state):
    return {'RuleName': 'Main number'}


def held(state):
    found = [r for r in state['inbound_rules'] if r['Data'] == '+493012345600']
    if not found:
        return None
    rule = found[0]
    return {'RuleName': rule['RuleName'], 'Trunk': rule['TrunkDN']['Number'], 'Office': rule['OfficeHoursDestination']['To']}


HELD_AFTER_UPDATE = {'RuleName': 'Main number', 'Trunk': '10000', 'Office': 'IVR'}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/InboundRules\(\d+\)$')]
VERSIONS = ('20.0.10',)
