# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_contact (see kind_cases/__init__.py)."""

PREREQUISITES = {}

# The suite names the object by its key option: a tagged contact (found by its tag). The natural key of name and
# company is tested in test_contact.py.
PRESENT = {'tag': 'crm-4711', 'first_name': 'Jane', 'last_name': 'Roe', 'company': 'Acme Supplies', 'email': 'jane.roe@acme.example',
           'numbers': {'mobile': '+44 7700 900123', 'business': '+44 20 7946 0012'}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('POST', r'^/xapi/v1/Contacts$')]


def CREATE_BODY(state):
    return {'Tag': 'crm-4711', 'FirstName': 'Jane', 'LastName': 'Roe', 'CompanyName': 'Acme Supplies', 'Email': 'jane.roe@acme.example',
            'PhoneNumber': '+44 7700 900123', 'Business': '+44 20 7946 0012'}


NOOP_READS = [('GET', '/xapi/v1/Contacts')]

UPDATE = {'email': 'jane@acme.example'}


def PATCH(state):
    return {'Email': 'jane@acme.example'}


def held(state):
    found = [c for c in state['contacts'] if c['LastName'] == 'Roe']
    if not found:
        return None
    return dict((k, found[0][k]) for k in ('FirstName', 'CompanyName', 'Email', 'PhoneNumber', 'Business', 'Title', 'ContactType'))


HELD_AFTER_UPDATE = {'FirstName': 'Jane', 'CompanyName': 'Acme Supplies', 'Email': 'jane@acme.example',
                     'PhoneNumber': '+44 7700 900123', 'Business': '+44 20 7946 0012', 'Title': None,
                     'ContactType': '3CX'}
DELETE_WRITES = [('DELETE', r'^/xapi/v1/Contacts\(\d+\)$')]
VERSIONS = ('20.0.10',)
