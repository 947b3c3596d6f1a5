# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inbound rule kind (XAPI InboundRules, the DID rules): its field table and hooks, for tcx_inbound_rule and tcx_config.

A rule is found by its DID number (``Data``); the trunk that receives the DID is named by its number or
its provider's name and held as a reference (``TrunkDN``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import fnmatch

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import (
    DestinationField, destination_uses, named_in, require_known_numbers,
)
from ansible_collections.tcx.xapi.plugins.module_utils.fields import NAME_RULE, TEXT_RULE, Field, Rule, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.times import WeeklyHours

# A DID number or mask as the PBX matches it: digits, a leading +, * as a wildcard.
DID_RULE = Rule(not_empty=True, max_length=40, pattern=r'^[+]?[0-9*]+$', shape="a DID number or mask (digits, a leading +, *)")
# Pbx.RuleHoursType.
HOURS_TYPES = ['AllHours', 'OfficeHours', 'OutOfOfficeHours', 'SpecificHours', 'SpecificHoursExcludingHolidays',
               'OutOfSpecificHours', 'OutOfSpecificHoursIncludingHolidays', 'Never', 'BreakTime']
DESTINATIONS = (('office_hours', 'OfficeHoursDestination', 'office hours'),
                ('out_of_office', 'OutOfOfficeHoursDestination', 'out of office'),
                ('holidays', 'HolidaysDestination', 'holidays'))


def trunks(ctx):
    """The task's directory of trunks (by Number), read once: a PBX has a handful."""
    known = ctx.kinds.named('trunks').directory(ctx.lookups)
    if not known.complete:
        for trunk in ctx.client.get_all('Trunks', select=['Id', 'Number', 'Gateway', 'DidNumbers']):
            known.remember(trunk)
        known.complete = True
    return known


def trunk_label(trunk):
    """``10000 (Provider name)``."""
    name = (trunk.get('Gateway') or {}).get('Name')
    return '%s (%s)' % (trunk['Number'], name) if name else str(trunk['Number'])


def trunk_named(ctx, value):
    """The trunk whose number is ``value``, or whose provider has this name (ignoring case)."""
    known = trunks(ctx)
    if value in known.by_number:
        return known.by_number[value]
    matches = [t for t in known.by_id.values() if str((t.get('Gateway') or {}).get('Name') or '').lower() == str(value).lower()]
    if len(matches) == 1:
        return matches[0]
    listed = ', '.join(trunk_label(t) for t in sorted(known.by_id.values(), key=lambda t: t['Id'])) or 'none'
    if matches:
        raise ValidationError('trunk %r names %d trunks (%s): give its number' % (value, len(matches), listed))
    raise ValidationError('unknown trunk %r: give the number or the provider name of one of the trunks (%s)' % (value, listed))


def did_warning(did, trunk):
    """What a DID the trunk does not list (``Pbx.Trunk.DidNumbers``) deserves to be told, or None: the rule would
    match no call the trunk delivers. A DID that the trunk lists once a ``+`` is added lost it to YAML (an
    unquoted ``+49...`` is the number 49...); otherwise the closest DID of the trunk is named."""
    listed = [str(d) for d in trunk.get('DidNumbers') or []]
    did = str(did)
    if any(fnmatch.fnmatchcase(number, did) for number in listed):
        return None
    where = 'trunk %s' % trunk_label(trunk)
    if '+' + did in listed:
        return ("did '%s' is not a DID of %s, but '+%s' is: quote the DID in YAML ('+%s'), which reads an unquoted "
                "+ as part of a number and drops it" % (did, where, did, did))
    if not listed:
        return "did '%s': %s lists no DID numbers, so the rule may never match a call" % (did, where)
    close = difflib.get_close_matches(did, listed, n=1, cutoff=0.6)
    return "did '%s' is not a DID of %s (%s)%s: the rule matches no call the trunk delivers" % (
        did, where, ', '.join(listed), "; closest: '%s'" % close[0] if close else '')


class TrunkField(Field):
    """The trunk of a rule: written as a reference ``{Id}`` to ``TrunkDN``, shown as the trunk's number."""

    def from_api(self, value, ctx):
        value = value or {}
        if value.get('Number') is None and value.get('Id') is not None:  # as written ({Id}), not yet read back
            return (trunks(ctx).by_id.get(value['Id']) or {}).get('Number')
        return value.get('Number')

    def to_api(self, value, ctx, held=None):
        return {'Id': trunk_named(ctx, value)['Id']}


class InboundRule(EntityKind):
    name = 'inbound rule'
    plural = 'inbound_rules'
    module = 'tcx_inbound_rule'
    entity_set = 'InboundRules'
    result_key = 'inbound_rule'
    info_selectors = (Selector('did', 'Data'), Selector('name', 'RuleName', ignore_case=True))
    info_expand = {'TrunkDN': 'TrunkDN($select=Id,Name,Number)'}
    key_option = 'did'
    key_property = 'Data'
    expand = 'TrunkDN($select=Id,Name,Number)'
    refers_to = ('ring_groups', 'queues', 'ivrs')
    sends_calls = True
    fields = [
        Field('did', 'Data', required=True, managed=False, rule=DID_RULE),
        Field('name', 'RuleName', rule=TEXT_RULE),
        TrunkField('trunk', 'TrunkDN', rule=NAME_RULE),
    ] + [DestinationField(option, path) for option, path, _text in DESTINATIONS] + [
        Field('route_out_of_office', 'AlterDestinationDuringOutOfOfficeHours', type='bool'),
        Field('route_holidays', 'AlterDestinationDuringHolidays', type='bool'),
        Field('hours', type='dict', suboptions=[
            Field('type', 'Hours.Type', choices=HOURS_TYPES),
            Field('ignore_holidays', 'Hours.IgnoreHolidays', type='bool'),
            WeeklyHours('weekly', 'Hours', 'SpecificHours'),
        ]),
    ]

    def select(self):
        # TrunkDN is a navigation property: read through $expand, not $select.
        return [name for name in super(InboundRule, self).select() if name != 'TrunkDN']

    def describe(self, ctx):
        return "inbound rule '%s'" % ctx.params.get('did')

    def normalize(self, ctx, desired):
        if desired.get('trunk') is not None:
            trunk = trunk_named(ctx, desired['trunk'])  # an unknown trunk fails here
            desired['trunk'] = trunk['Number']
            warning = did_warning(ctx.params['did'], trunk) if ctx.params.get('state') == 'present' else None
            if warning:
                ctx.module.warn(warning)
        return desired

    def named(self, ctx):
        return named_in(ctx, self)

    def create_payload(self, ctx, payload):
        payload = super(InboundRule, self).create_payload(ctx, payload)
        payload['Condition'] = 'BasedOnDID'
        return payload

    def preflight(self, ctx, plan):
        if plan.action == 'create' and not ctx.params.get('trunk'):
            raise ValidationError('trunk is required to create the rule: the number or provider name of the trunk '
                                  'that receives the DID')
        if plan.action in ('create', 'update'):
            require_known_numbers(ctx, self, ctx.params)

    def after_write(self, ctx, entity, plan):
        # A POST answer carries no navigation properties: report the trunk just written.
        if not entity.get('TrunkDN') and 'TrunkDN' in plan.payload:
            trunk = trunks(ctx).by_id[plan.payload['TrunkDN']['Id']]
            peer = {'Id': trunk['Id'], 'Number': trunk['Number'], 'Name': (trunk.get('Gateway') or {}).get('Name')}
            entity = dict(entity, TrunkDN=peer)
        return entity

    def uses(self, entity):
        """The numbers the rule's three destinations send calls to."""
        named = "inbound rule '%s'%s" % (entity.get('Data'), " (%s)" % entity['RuleName'] if entity.get('RuleName') else '')
        found = []
        for option, prop, text in DESTINATIONS:
            found.extend(destination_uses(entity.get(prop), '%s sends %s calls to it (%s); send them elsewhere first'
                                          % (named, text, option)))
        return found
