# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_parking (see kind_cases/__init__.py)."""

PREREQUISITES = {'departments': [{'name': 'Sales'}, {'name': 'Support'}]}

PRESENT = {'number': 'SP11', 'departments': ['Support', 'Sales']}
DIFF_AFTER = {'number': 'SP11', 'departments': ['Sales', 'Support']}
CREATE_WRITES = [('POST', r'^/xapi/v1/Parkings$')]


def group_id(state, name):
    return [g['Id'] for g in state['groups'] if g['Name'] == name][0]


def CREATE_BODY(state):
    return {'Number': 'SP11', 'Groups': [{'GroupId': group_id(state, 'Sales')}, {'GroupId': group_id(state, 'Support')}]}


# By number: Parkings(Number=...) from 20.0.8, the Pbx.GetByNumber function before.
NOOP_READS = {'20.0.10': [('GET', '/xapi/v1/Groups'), ('GET', "/xapi/v1/Parkings(Number='SP11')")],
              '20.0.7': [('GET', '/xapi/v1/Groups'), ('GET', "/xapi/v1/Parkings/Pbx.GetByNumber(number='SP11')")]}

UPDATE = {'departments': ['Sales']}


def PATCH(state):
    return {'Groups': [{'GroupId': group_id(state, 'Sales')}]}


def held(state):
    found = [p for p in state['parkings'] if p['Number'] == 'SP11']
    if not found:
        return None
    names = dict((g['Id'], g['Name']) for g in state['groups'])
    return sorted(names[m['GroupId']] for m in state['memberships']
                  if m['MemberType'] == 'Parking' and m['MemberId'] == found[0]['Id'])


HELD_AFTER_UPDATE = ['Sales']
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Parkings\(\d+\)$')]
VERSIONS = ('20.0.10', '20.0.7')
