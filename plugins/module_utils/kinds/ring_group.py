# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ring group kind (XAPI RingGroups): its field table, shared by tcx_ring_group and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import OTHER_HOURS_ROUTES, DestinationField, routes
from ansible_collections.tcx.xapi.plugins.module_utils.extensions import ExtensionList, NamedExtension
from ansible_collections.tcx.xapi.plugins.module_utils.fields import TEXT_RULE, Field, Rule

# Pbx.StrategyType
STRATEGIES = ['Hunt', 'RingAll', 'Paging']
SECONDS_RULE = Rule(minimum=0, maximum=3600)
PORT_RULE = Rule(minimum=0, maximum=65535)


class RingGroup(NamedExtension):
    name = 'ring group'
    plural = 'ring_groups'
    module = 'tcx_ring_group'
    entity_set = 'RingGroups'
    answers_to = ('ring_group',)
    result_key = 'ring_group'
    expand = 'Members,Groups'
    info_expand = {'Members': 'Members($select=Number)', 'Groups': 'Groups($select=GroupId,Name)'}
    department_member_type = 'RingGroup'
    fields = NamedExtension.key_fields() + [
        Field('strategy', 'RingStrategy', choices=STRATEGIES),
        Field('ring_time', 'RingTime', type='int', rule=SECONDS_RULE),
        ExtensionList('members', 'Members'),
        DestinationField('no_answer', 'ForwardNoAnswer'),
        Field('greeting', 'GreetingFile', rule=TEXT_RULE),
        Field('multicast', type='dict', suboptions=[
            Field('address', 'MulticastAddress', rule=TEXT_RULE),
            Field('port', 'MulticastPort', type='int', rule=PORT_RULE),
            Field('codec', 'MulticastCodec', rule=TEXT_RULE),
            Field('packet_time', 'MulticastPacketTime', type='int', rule=SECONDS_RULE),
        ]),
        routes(OTHER_HOURS_ROUTES),
    ]
