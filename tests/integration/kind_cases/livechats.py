# -*- coding: utf-8 -*-
"""Lifecycle parameters of tcx_livechat (see kind_cases/__init__.py)."""

PREREQUISITES = {'departments': [{'name': 'Support'}]}

PRESENT = {'link': 'support', 'name': 'Support chat', 'department': 'Support',
           'websites': ['https://www.example.com', 'https://example.com'],
           'greeting': 'OnlyOnDesktop', 'authentication': 'Email', 'allow_sound_notifications': False,
           'communication_options': 'ChatOnly', 'styling': {'animation': 'FadeIn'},
           'translations': {'greeting_message': 'Hello!', 'window_title': 'Support'}}
DIFF_AFTER = dict(PRESENT, websites=['https://example.com', 'https://www.example.com'])
# The link is checked (friendly names are unique across users, departments and links) before the POST.
CREATE_WRITES = [('POST', r'^/xapi/v1/WebsiteLinks/Pbx\.ValidateLink$'), ('POST', r'^/xapi/v1/WebsiteLinks$')]


def CREATE_BODY(state):
    """The link with its department as Group and as destination (DN)."""
    support = [g for g in state['groups'] if g['Name'] == 'Support'][0]
    return {'Link': 'support', 'Name': 'Support chat', 'Group': support['Number'],
            'DN': {'Id': support['Id'], 'Name': 'Support', 'Number': support['Number'], 'Type': 'Group'},
            'Website': ['https://example.com', 'https://www.example.com'],
            'General': {'Greeting': 'OnlyOnDesktop', 'Authentication': 'Email', 'AllowSoundNotifications': False},
            'Advanced': {'CommunicationOptions': 'ChatOnly'}, 'Styling': {'Animation': 'FadeIn'},
            'Translations': {'GreetingMessage': 'Hello!', 'WindowTitle': 'Support'}}


NOOP_READS = [('GET', '/xapi/v1/Groups'), ('GET', "/xapi/v1/WebsiteLinks('support')")]

UPDATE = {'calls_enabled': False}


def PATCH(state):
    return {'CallsEnabled': False}


def held(state):
    found = [w for w in state['weblinks'] if w['Link'] == 'support']
    if not found:
        return None
    link = found[0]
    group = [g for g in state['groups'] if g['Name'] == 'Support'][0]
    return {'Name': link['Name'], 'in Support': link['Group'] == link['DN']['Number'] == group['Number'],
            'Website': link['Website'], 'CallsEnabled': link['CallsEnabled'],
            'General': dict((k, link['General'][k]) for k in ('Greeting', 'Authentication', 'AllowSoundNotifications')),
            'Advanced': link['Advanced']['CommunicationOptions'], 'Styling': link['Styling']['Animation'],
            'Translations': dict((k, link['Translations'][k]) for k in ('GreetingMessage', 'WindowTitle'))}


HELD_AFTER_UPDATE = {'Name': 'Support chat', 'in Support': True,
                     'Website': ['https://example.com', 'https://www.example.com'], 'CallsEnabled': False,
                     'General': {'Greeting': 'OnlyOnDesktop', 'Authentication': 'Email', 'AllowSoundNotifications': False},
                     'Advanced': 'ChatOnly', 'Styling': 'FadeIn',
                     'Translations': {'GreetingMessage': 'Hello!', 'WindowTitle': 'Support'}}
DELETE_WRITES = [('DELETE', r"^/xapi/v1/WebsiteLinks\('support'\)$")]
VERSIONS = ('20.0.10',)
