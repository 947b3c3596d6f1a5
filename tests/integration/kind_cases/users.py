# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_user (see kind_cases/__init__.py)."""

MASK = '********'

PREREQUISITES = {'departments': [{'name': 'Sales'}, {'name': 'Support'}]}

PRESENT = {'extension': '150', 'first_name': 'Ada', 'last_name': 'Lovelace', 'email': 'ada@example.com',
           'mobile': '+491701234567', 'language': 'DE', 'enabled': True, 'require_2fa': False,
           'send_missed_call_emails': False, 'vm_enabled': True, 'vm_email_options': 'Attachment',
           'password': 'Sup3r-Secret-Pw!71', 'vm_pin': '739184',
           'departments': [{'name': 'Sales', 'role': 'users'}, {'name': 'Support', 'role': 'managers'}],
           'primary_department': 'Support', 'friendly_name': 'ada.lovelace', 'call_us_enable_chat': True}
DIFF_AFTER = dict(PRESENT, password=MASK, vm_pin=MASK)
# The friendly name is checked first, the primary department set after the memberships.
CREATE_WRITES = [('POST', r'^/xapi/v1/WebsiteLinks/Pbx\.ValidateLink$'), ('POST', r'^/xapi/v1/Users$'),
                 ('PATCH', r'^/xapi/v1/Users\(\d+\)$')]
NOOP_READS = [('GET', '/xapi/v1/Users')]

UPDATE = {'mobile': '+491709999999'}


def PATCH(state):
    return {'Mobile': '+491709999999'}


def held(state):
    found = [u for u in state['users'] if u['Number'] == '150']
    if not found:
        return None
    user = found[0]
    names = dict((g['Id'], g['Name']) for g in state['groups'])
    return {'user': dict((k, user[k]) for k in ('FirstName', 'LastName', 'EmailAddress', 'Mobile', 'AccessPassword',
                                                'VMPIN', 'ClickToCallId', 'WebMeetingFriendlyName', 'Language',
                                                'VMEmailOptions', 'SendEmailMissedCalls', 'CallUsEnableChat')),
            'primary': names[user['PrimaryGroupId']],
            'departments': sorted((names[m['GroupId']], m['RoleName']) for m in state['memberships']
                                  if m['MemberType'] == 'User' and m['MemberId'] == user['Id'])}


HELD_AFTER_UPDATE = {
    'user': {'FirstName': 'Ada', 'LastName': 'Lovelace', 'EmailAddress': 'ada@example.com', 'Mobile': '+491709999999',
             'AccessPassword': PRESENT['password'], 'VMPIN': PRESENT['vm_pin'], 'ClickToCallId': 'ada.lovelace',
             'WebMeetingFriendlyName': 'ada.lovelace', 'Language': 'DE', 'VMEmailOptions': 'Attachment',
             'SendEmailMissedCalls': False, 'CallUsEnableChat': True},
    'primary': 'Support', 'departments': [('Sales', 'users'), ('Support', 'managers')]}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Users\(\d+\)$')]
# PBX 20.0.7 has no Users(Number=...) key: the lookups differ.
VERSIONS = ('20.0.10', '20.0.7')
