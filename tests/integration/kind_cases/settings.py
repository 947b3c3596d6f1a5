# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_settings, a singleton of sections: never created nor deleted (see kind_cases/__init__.py)."""

PREREQUISITES = {}

# "Create" sets options of two sections: one PATCH each, one GET each for a no-op.
PRESENT = {'e164': {'country_code': '43', 'area_code': '1'}, 'music_on_hold': {'music_on_hold_randomize': True}}
DIFF_BEFORE = {'e164': {'country_code': '49', 'area_code': '30'}, 'music_on_hold': {'music_on_hold_randomize': False}}
DIFF_AFTER = PRESENT
CREATE_WRITES = [('PATCH', r'^/xapi/v1/E164Settings$'), ('PATCH', r'^/xapi/v1/MusicOnHoldSettings$')]
NOOP_READS = [('GET', '/xapi/v1/E164Settings'), ('GET', '/xapi/v1/MusicOnHoldSettings')]

PATCH_PATH = 'E164Settings'  # the update's one PATCH: the section's path
UPDATE = {'e164': {'country_code': '41'}}


def PATCH(state):
    return {'CountryCode': '41'}


def held(state):
    return {'CountryCode': state['e164Settings']['CountryCode'], 'AreaCode': state['e164Settings']['AreaCode'],
            'Randomize': state['musicOnHoldSettings']['MusicOnHoldRandomize']}


HELD_AFTER_UPDATE = {'CountryCode': '41', 'AreaCode': '1', 'Randomize': True}
VERSIONS = ('20.0.10',)
