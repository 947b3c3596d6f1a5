# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The outbound rule kind (XAPI OutboundRules): which calls leave through which trunks, for tcx_outbound_rule and tcx_config.

A rule matches calls by prefix, number length, the caller's extension and department; it sends them through up
to five routes in order, each a trunk (by name or number) with digits stripped, prepended or appended. The PBX
tries the rules in their ``Priority`` order (1 first). The spec offers ``Pbx.MoveUpDown`` (a rule swaps places
with its neighbour) and a ``Priority`` property without any statement that a write of it is honoured: the order
is therefore changed only through MoveUpDown, with the fewest calls (one per pair of rules in the wrong order),
after the rules' other writes. A single module moves its rule to ``priority``; in tcx_config the list's order is
the order of the listed rules (unlisted rules keep their places).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.fields import NAME_RULE, TEXT_RULE, Field, Rule, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.inbound_rule import trunk_named, trunks
from ansible_collections.tcx.xapi.plugins.module_utils.references import departments_by_id, departments_by_name, pbx_spelling

MAX_ROUTES = 5  # the web client's outbound rule page offers five routes
PREFIX_RULE = Rule(max_length=40, pattern=r'^[0-9*#+]*$', shape='a dialled prefix (digits, *, #, +)')
LENGTH_RULE = Rule(not_empty=True, pattern=r'^[0-9]{1,2}(-[0-9]{1,2})?$', shape='a number length or range such as 11 or 7-10')
RANGE_RULE = Rule(not_empty=True, pattern=r'^[0-9]{1,10}(-[0-9]{1,10})?$', shape='an extension or a range such as 100-199')
DIGITS_RULE = Rule(max_length=40, pattern=r'^[0-9*#+]*$', shape='digits (and *, #, +)')
ORDER = 'outbound_rules order'


def _lengths_to_api(value, ctx):
    return ','.join(value)


def _lengths_from_api(value, ctx):
    return [part.strip() for part in value.split(',') if part.strip()] if value else None


def _ranges_to_api(value, ctx):
    rows = []
    for text in value:
        low, _dash, high = text.partition('-')
        rows.append({'From': low, 'To': high or low})
    return rows


def _ranges_from_api(value, ctx):
    if value is None:
        return None
    return [row.get('From') if row.get('From') == row.get('To') else '%s-%s' % (row.get('From'), row.get('To')) for row in value]


def _departments_to_api(value, ctx):
    found = departments_by_name(ctx, value)
    return [found[name]['Id'] for name in value if found.get(name)]


def _departments_from_api(value, ctx):
    if value is None:
        return None
    known = departments_by_id(ctx, value)
    return sorted(known[i]['Name'] if i in known else str(i) for i in value)


class RoutesField(Field):
    """Up to five routes in order: ``{trunk, strip_digits, prepend, append, caller_id}``. The PBX reads back five,
    the unused ones with ``TrunkId: -1`` (FACTS.md): those are no route. A trunk is written by Id, shown by number."""

    PARTS = (('strip_digits', 'StripDigits', 0), ('prepend', 'Prepend', ''), ('append', 'Append', ''), ('caller_id', 'CallerID', ''))

    def __init__(self):
        super(RoutesField, self).__init__('routes', 'Routes', type='list', elements='dict', suboptions=[
            Field('trunk', required=True, rule=NAME_RULE),
            Field('strip_digits', type='int', rule=Rule(minimum=0, maximum=255)),
            Field('prepend', rule=DIGITS_RULE), Field('append', rule=DIGITS_RULE), Field('caller_id', rule=TEXT_RULE)])

    def canonical(self, value):
        """Each route without unset or empty parts (the PBX stores them as 0 and '')."""
        routes = []
        for route in value:
            shown = {'trunk': route['trunk']}
            for option, _prop, empty in self.PARTS:
                if route.get(option) not in (None, empty):
                    shown[option] = route[option]
            routes.append(shown)
        return routes

    def to_api(self, value, ctx, held=None):
        rows = []
        for route in self.canonical(value):
            row = {'TrunkId': trunk_named(ctx, route['trunk'])['Id']}
            for option, prop, empty in self.PARTS:
                row[prop] = route.get(option, empty)
            rows.append(row)
        return rows

    def from_api(self, value, ctx):
        if value is None:
            return None
        routes = []
        for row in value:
            if row.get('TrunkId') in (None, -1):
                continue
            trunk = trunks(ctx).by_id.get(row['TrunkId'])
            route = {'trunk': trunk['Number'] if trunk else row.get('TrunkName') or str(row['TrunkId'])}
            for option, prop, empty in self.PARTS:
                if row.get(prop) not in (None, empty):
                    route[option] = row[prop]
            routes.append(route)
        return routes

    def same(self, current, desired, ctx=None):
        return (current or []) == self.canonical(desired or [])


class OutboundRule(EntityKind):
    name = 'outbound rule'
    plural = 'outbound_rules'
    module = 'tcx_outbound_rule'
    entity_set = 'OutboundRules'
    result_key = 'outbound_rule'
    info_selectors = (Selector('name', 'Name'), Selector('prefix', 'Prefix'))
    info_order_by = 'Priority'
    key_option = 'name'
    key_property = 'Name'
    refers_to = ('departments', 'trunks')
    fields = [
        Field('name', 'Name', required=True, managed=False, rule=NAME_RULE),
        Field('prefix', 'Prefix', rule=PREFIX_RULE),
        Field('number_lengths', 'NumberLengthRanges', type='list', elements='str', to_api=_lengths_to_api,
              from_api=_lengths_from_api, rule=LENGTH_RULE),
        Field('extensions', 'DNRanges', type='list', elements='str', compare='set', to_api=_ranges_to_api,
              from_api=_ranges_from_api, rule=RANGE_RULE),
        Field('departments', 'GroupIds', type='list', elements='str', compare='set', fold=lambda name: str(name).lower(),
              to_api=_departments_to_api, from_api=_departments_from_api, rule=TEXT_RULE),
        Field('emergency', 'EmergencyRule', type='bool'),
        RoutesField(),
        Field('priority', 'Priority', type='int', rule=Rule(minimum=1, maximum=100000)),
    ]

    def options(self, ctx, entity):
        """The rule in the options' shape, without ``priority``: a list of rules (tcx_config, a backup) holds the
        order as the list's order."""
        tree = super(OutboundRule, self).options(ctx, entity)
        tree.pop('priority', None)
        return tree

    def backup_order(self, entity):
        """A backup lists the rules in the order the PBX tries them: tcx_config restores that order."""
        return _priority(entity)

    def validate(self, ctx):
        routes = ctx.params.get('routes')
        if routes is not None and len(routes) > MAX_ROUTES:
            raise ValidationError('routes takes at most %d routes (the PBX tries them in order), got %d' % (MAX_ROUTES, len(routes)))
        departments = ctx.params.get('departments') or []
        if any(not (name or '').strip() for name in departments):
            raise ValidationError('departments must not contain an empty name')

    def normalize(self, ctx, desired):
        """Departments as the PBX spells them, route trunks as their numbers: an unknown department or trunk fails
        here, before any write (in check mode too)."""
        if desired.get('departments') is not None:
            departments_by_name(ctx, desired['departments'])
            desired['departments'] = sorted(set(pbx_spelling(ctx, name) for name in desired['departments']))
        if desired.get('routes') is not None and ctx.params.get('state') == 'present':
            routes = []
            for place, route in enumerate(desired['routes'], start=1):
                try:
                    trunk = trunk_named(ctx, route['trunk'])
                except ValidationError as exc:
                    raise ValidationError('routes[%d]: %s' % (place, exc))
                routes.append(dict(route, trunk=trunk['Number']))
            desired['routes'] = routes
        return desired

    def named(self, ctx):
        return [('departments', name) for name in ctx.params.get('departments') or []]

    # -- the order -------------------------------------------------------------------------------

    def check_together(self, items):
        """In tcx_config the list's order is the priority: an item does not give one."""
        return ['%s: priority is the place in the list in tcx_config; leave it out' % label
                for label, params in items if params.get('priority') is not None]

    def prepare(self, lookups, listing, items, pruned):
        """tcx_config: each listed rule's priority, as it will be after this task: the places the listed rules hold
        (new ones added last, deleted ones gone) are taken by them in list order; unlisted rules keep theirs."""
        if listing is None:
            return
        present = [p for p in items if p.get('state', 'present') == 'present']
        listed = set(p['name'] for p in present)
        absent = set(p['name'] for p in items if p.get('state') == 'absent')
        current = [rule['Name'] for rule in sorted(listing, key=_priority) if rule['Name'] not in absent and (rule['Name'] in listed or not pruned)]
        after = current + [p['name'] for p in present if p['name'] not in set(current)]
        order = iter([p['name'] for p in present])
        after = [next(order) if name in listed else name for name in after]
        places = dict((name, place) for place, name in enumerate(after, start=1))
        for params in present:
            params['priority'] = places[params['name']]
        lookups.notes[ORDER] = {'listed': [p['name'] for p in present], 'pending': 0, 'lock': threading.Lock()}

    def preflight(self, ctx, plan):
        """Counts the rules this task writes (the last one written puts the rules in order, when a place changes);
        a single module's ``priority`` must be a place the PBX will have."""
        if plan.action not in ('create', 'update'):
            return
        order = ctx.lookups.notes.get(ORDER)
        moves = 'Priority' in plan.payload
        if order is None:  # the single module
            order = ctx.lookups.notes[ORDER] = {'listed': None, 'pending': 0, 'lock': threading.Lock()}
            if moves:
                count = len(self.order_now(ctx)) + (1 if plan.action == 'create' else 0)
                if ctx.params['priority'] > count:
                    raise ValidationError('priority must be at most %d: the PBX will hold %d outbound rules' % (count, count))
        with order['lock']:
            order['pending'] += 1
            order['moves'] = order.get('moves') or moves

    def order_now(self, ctx):
        """``[(Id, Name)]`` of every rule in the order the PBX tries them."""
        rules = ctx.client.get_all(self.entity_set, select=['Id', 'Name', 'Priority'], orderby='Priority')
        return [(rule['Id'], rule['Name']) for rule in rules]

    def create(self, ctx, payload):
        return self.written(ctx, lambda body: super(OutboundRule, self).create(ctx, body), payload)

    def update(self, ctx, current, payload):
        def patch(body):
            if body:
                super(OutboundRule, self).update(ctx, current, body)
        return self.written(ctx, patch, payload)

    def written(self, ctx, write, payload):
        """Write without ``Priority`` (the PBX keeps it); the last rule of the task written puts the rules in order."""
        body = dict((k, v) for k, v in payload.items() if k != 'Priority')
        order = ctx.lookups.notes.get(ORDER) or {'listed': None, 'pending': 1, 'lock': threading.Lock(), 'moves': 'Priority' in payload}
        try:
            result = write(body)
        finally:
            with order['lock']:
                order['pending'] -= 1
                last = order['pending'] <= 0
        if last and order.get('moves'):
            self.put_in_order(ctx, order)
        return result

    def put_in_order(self, ctx, order):
        """MoveUpDown until the rules stand in the wanted order: one call per adjacent swap, the fewest there are."""
        now = self.order_now(ctx)
        names = [name for _id, name in now]
        if order['listed'] is None:  # the single module: its rule to ``priority``
            wanted = ctx.params['priority']
            if ctx.params['name'] not in names:
                return
            target = [name for name in names if name != ctx.params['name']]
            target.insert(min(wanted, len(names)) - 1, ctx.params['name'])
        else:
            listed = set(order['listed'])
            queue = iter([name for name in order['listed'] if name in names])
            target = [next(queue) if name in listed else name for name in names]
        rank = dict((name, place) for place, name in enumerate(target))
        ids = [rule_id for rule_id, _name in now]
        ranks = [rank[name] for name in names]
        for end in range(len(ranks) - 1, 0, -1):  # bubble sort: exactly one swap per inversion
            for place in range(end):
                if ranks[place] > ranks[place + 1]:
                    ctx.client.post('OutboundRules/Pbx.MoveUpDown', {'id': ids[place + 1], 'up': True})
                    ranks[place], ranks[place + 1] = ranks[place + 1], ranks[place]
                    ids[place], ids[place + 1] = ids[place + 1], ids[place]

    def delete_many(self, ctx, entities, in_parallel):
        """Every rule in one ``Pbx.Purge``; when the PBX refuses the batch, one by one (to name each failure)."""
        if len(entities) < 2:
            return super(OutboundRule, self).delete_many(ctx, entities, in_parallel)
        try:
            ctx.client.post('OutboundRules/Pbx.Purge', {'purgeObject': {'Ids': [rule['Id'] for rule in entities]}})
            return {}
        except XAPIError:
            return super(OutboundRule, self).delete_many(ctx, entities, in_parallel)


def _priority(rule):
    return (rule.get('Priority') if rule.get('Priority') is not None else 1 << 30, rule.get('Id') or 0)
