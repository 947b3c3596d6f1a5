# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IP blocklist (XAPI Blocklist, ``Pbx.BlocklistAddr``): its field table and hooks, shared by tcx_blocklist and tcx_config.

An entry holds an address or network (``IPAddrMask``: ``203.0.113.7`` or ``203.0.113.0/24``), whether it is
blocked or allowed (``BlockType``), when it expires (``ExpiresAt``; none: never), a description and who added it
(``AddedBy``). Entries the PBX added itself (its anti-hacking, meetings) are its own: never pruned, and not
"unmanaged" in an audit.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.tcx.xapi.plugins.module_utils.fields import TEXT_RULE, Field, Rule, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector

# The format date-time of the official spec (Pbx.BlocklistAddr.ExpiresAt).
EXPIRES_RULE = Rule(pattern=r'^[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$',
                    shape='a date and time such as 2027-01-31T00:00:00Z')
# Who added an entry (Pbx.AddedBy): the PBX itself for all but these.
ADDED_BY_USERS = ('Manual', 'Whitelist', None)


class Blocklist(EntityKind):
    name = 'blocklist entry'
    plural = 'blocklist'
    module = 'tcx_blocklist'
    entity_set = 'Blocklist'
    result_key = 'entry'
    info_selectors = (Selector('address', 'IPAddrMask'),)
    key_option = 'address'
    key_property = 'IPAddrMask'
    extra_select = ('AddedBy',)
    fields = [
        Field('address', 'IPAddrMask', required=True, managed=False, rule=Rule(not_empty=True, max_length=64)),
        Field('action', 'BlockType', choices=['block', 'allow'], to_api=lambda value, ctx: value.capitalize(),
              from_api=lambda value, ctx: value.lower() if value else value),
        Field('expires_at', 'ExpiresAt', rule=EXPIRES_RULE),
        Field('description', 'Description', rule=TEXT_RULE),
    ]

    def validate(self, ctx):
        address = ctx.params.get('address')
        try:
            ipaddress.ip_network(str(address), strict=False)
        except ValueError:
            raise ValidationError('address must be an IP address or network such as 203.0.113.7 or 203.0.113.0/24, got %r'
                                  % address)

    def protected(self, entity):
        """Entries the PBX added (anti-hacking, meetings) are its own."""
        return entity.get('AddedBy') not in ADDED_BY_USERS

    def create_payload(self, ctx, payload):
        payload = super(Blocklist, self).create_payload(ctx, payload)
        payload.setdefault('BlockType', 'Block')
        payload['AddedBy'] = 'Manual'
        return payload
