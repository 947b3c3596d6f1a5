# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IVR kind (XAPI Receptionists, the digital receptionists): its field table and hooks, for tcx_ivr and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import (
    OUT_OF_HOURS_ROUTES, ForwardField, MenuField, NumberOnlyField, forward_uses, named_in, require_known_numbers,
    route_uses, routes,
)
from ansible_collections.tcx.xapi.plugins.module_utils.fields import INT32_MAX, NAME_RULE, Field, Rule
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector

# An IVR's own number: an extension number (digits), assigned by the PBX when not given.
IVR_NUMBER = Rule(not_empty=True, max_length=20, pattern=r'^[0-9]+$', shape='an extension number (digits)')
OPTIONAL_NUMBER = Rule(max_length=20, pattern=r'^[0-9]*$', shape="an extension number (digits), or '' for none")
PROMPT_RULE = Rule(max_length=255)


class Ivr(EntityKind):
    name = 'IVR'
    plural = 'ivrs'
    module = 'tcx_ivr'
    entity_set = 'Receptionists'
    result_key = 'ivr'
    info_selectors = (Selector('name', 'Name', ignore_case=True), Selector('number', 'Number'))
    info_expand = {'Forwards': 'Forwards($select=Input,ForwardType,ForwardDN)'}
    key_option = 'name'
    key_property = 'Name'
    key_ignore_case = True  # like departments: the PBX refuses MAIN when Main exists
    expand = 'Forwards($select=Input,ForwardType,ForwardDN)'
    sends_calls = True
    fixed_options = ('number',)
    fields = [
        Field('name', 'Name', required=True, managed=False, rule=NAME_RULE),
        Field('number', 'Number', rule=IVR_NUMBER),
        Field('prompt', 'PromptFilename', rule=PROMPT_RULE),
        Field('prompt_set', 'PromptSet', rule=NAME_RULE),
        Field('input_timeout', 'Timeout', type='int', rule=Rule(minimum=1, maximum=INT32_MAX)),
        ForwardField('timeout_destination', 'TimeoutForwardType', 'TimeoutForwardDN'),
        NumberOnlyField('invalid_input_destination', 'InvalidKeyForwardDN'),
        MenuField('menu', 'Forwards'),
        Field('forward_sms_to', 'ForwardSmsTo', rule=OPTIONAL_NUMBER),
        routes(OUT_OF_HOURS_ROUTES),
    ]

    def select(self):
        # Forwards is a navigation property: read through $expand, not $select.
        return [name for name in super(Ivr, self).select() if name != 'Forwards']

    def named(self, params):
        return named_in(self, params)

    def stand_in(self, params, number):
        entity = super(Ivr, self).stand_in(params, number)
        if params.get('number'):
            entity['Number'] = params['number']  # other items may route to the number it will have
        return entity

    def preflight(self, ctx, plan):
        if plan.action in ('create', 'update'):
            require_known_numbers(ctx, self, ctx.params)

    def after_write(self, ctx, entity, plan):
        # A POST answer carries no navigation properties: report the keys just written.
        if 'Forwards' not in entity and 'Forwards' in plan.payload:
            entity = dict(entity, Forwards=plan.payload['Forwards'])
        return entity

    def uses(self, entity):
        """The numbers the IVR's keys, its timeout, invalid keys and routes send calls to."""
        named = "IVR '%s'" % entity.get('Name')
        found = forward_uses(entity.get('TimeoutForwardType'), entity.get('TimeoutForwardDN'),
                             '%s sends calls without input to it (timeout_destination); send them elsewhere first' % named)
        if entity.get('InvalidKeyForwardDN'):
            found.append((entity['InvalidKeyForwardDN'], '%s sends invalid keys to it (invalid_input_destination); send them elsewhere first' % named))
        for item in entity.get('Forwards') or []:
            found.extend(forward_uses(item.get('ForwardType'), item.get('ForwardDN'),
                                      '%s sends key %s to it (menu.%s); send it elsewhere first' % (named, item.get('Input'), item.get('Input'))))
        return found + route_uses(entity, 'IVR')
