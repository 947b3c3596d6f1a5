# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_office_hours, a singleton: never created nor deleted (see kind_cases/__init__.py)."""

DAY = [{'from': '08:00', 'to': '12:00'}, {'from': '13:00', 'to': '17:00'}]

PREREQUISITES = {}

# "Create" sets the options of the one object the PBX always holds: one PATCH.
PRESENT = {'hours': {'monday': DAY, 'friday': [{'from': '08:00', 'to': '14:00'}]}, 'language': 'DE'}
DIFF_BEFORE = {'hours': dict((day, [{'from': '09:00', 'to': '17:00'}])
                             for day in ('monday', 'tuesday', 'wednesday', 'thursday', 'friday')), 'language': 'EN'}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('PATCH', r'^/xapi/v1/OfficeHours$')]
# The result shows the zone by name: from the time zone table that the create read and kept with the token.
NOOP_READS = [('GET', '/xapi/v1/OfficeHours')]

UPDATE = {'language': 'FR'}


def PATCH(state):
    return {'SystemLanguage': 'FR'}


def held(state):
    hours = state['office_hours']
    return {'SystemLanguage': hours['SystemLanguage'],
            'Hours': [(p['DayOfWeek'], p['Start'], p['Stop']) for p in hours['Hours']['Periods']]}


HELD_AFTER_UPDATE = {'SystemLanguage': 'FR', 'Hours': [('Monday', '08:00:00', '12:00:00'), ('Monday', '13:00:00', '17:00:00'),
                                                       ('Friday', '08:00:00', '14:00:00')]}
VERSIONS = ('20.0.10',)
