# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IVR kind (XAPI Receptionists, the digital receptionists): its field table and hooks, for tcx_ivr and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import (
    OTHER_HOURS_ROUTES, ForwardField, MenuField, NumberOnlyField, forward_uses, named_in, routes,
)
from ansible_collections.tcx.xapi.plugins.module_utils.extensions import NamedExtension
from ansible_collections.tcx.xapi.plugins.module_utils.fields import INT32_MAX, NAME_RULE, Field, Rule

OPTIONAL_NUMBER = Rule(max_length=20, pattern=r'^[0-9]*$', shape="an extension number (digits), or '' for none")
PROMPT_RULE = Rule(max_length=255)


class Ivr(NamedExtension):
    name = 'IVR'
    plural = 'ivrs'
    module = 'tcx_ivr'
    entity_set = 'Receptionists'
    answers_to = ('ivr',)
    result_key = 'ivr'
    info_expand = {'Forwards': 'Forwards($select=Input,ForwardType,ForwardDN)', 'Groups': 'Groups($select=GroupId,Name)'}
    expand = 'Forwards($select=Input,ForwardType,ForwardDN),Groups'
    department_member_type = 'IVR'
    refers_to = NamedExtension.refers_to + ('ring_groups', 'queues')
    destinations = ()  # its forwards are not Pbx.Destination values: see uses()
    fields = NamedExtension.key_fields() + [
        Field('prompt', 'PromptFilename', rule=PROMPT_RULE),
        Field('prompt_set', 'PromptSet', rule=NAME_RULE),
        Field('input_timeout', 'Timeout', type='int', rule=Rule(minimum=1, maximum=INT32_MAX)),
        ForwardField('timeout_destination', 'TimeoutForwardType', 'TimeoutForwardDN'),
        NumberOnlyField('invalid_input_destination', 'InvalidKeyForwardDN'),
        MenuField('menu', 'Forwards'),
        Field('forward_sms_to', 'ForwardSmsTo', rule=OPTIONAL_NUMBER),
        routes(OTHER_HOURS_ROUTES),
    ]

    def select(self):
        # Forwards is a navigation property: read through $expand, not $select.
        return [name for name in super(Ivr, self).select() if name != 'Forwards']

    def named(self, ctx):
        return super(Ivr, self).named(ctx) + named_in(ctx, self)

    def uses(self, entity):
        """The numbers the IVR's keys, its timeout, invalid input and routes send calls to."""
        named = "IVR '%s'" % entity.get('Name')
        found = forward_uses(entity.get('TimeoutForwardType'), entity.get('TimeoutForwardDN'),
                             '%s sends calls without input to it (timeout_destination); send them elsewhere first' % named)
        if entity.get('InvalidKeyForwardDN'):
            found.append((entity['InvalidKeyForwardDN'],
                          '%s sends invalid input to it (invalid_input_destination); send it elsewhere first' % named))
        for item in entity.get('Forwards') or []:
            found.extend(forward_uses(item.get('ForwardType'), item.get('ForwardDN'),
                                      '%s sends key %s to it (menu.%s); send it elsewhere first' % (named, item.get('Input'), item.get('Input'))))
        return found + super(Ivr, self).uses(entity)
