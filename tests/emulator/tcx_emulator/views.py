"""Read side: collections and single entities with the OData query options applied."""

import functools

from . import query, seed
from .errors import invalid_query
from .model import ENTITY_SETS, TYPES, element_type, is_navigation, navigation_properties
from .query import (apply_options, check_projection, compile_filter, indexed_equalities, parse_count, parse_orderby, parse_paging,
                    parse_projection, search_matches, search_terms, sort_entities)
from .schema import entity_sets, newer_properties
from .sets import SETS

SET_OF_TYPE = {entity_type: name for name, entity_type in ENTITY_SETS.items()}
MEMBER_LISTS = {(ENTITY_SETS[name], member_list.prop): member_list for name, rules in SETS.items() for member_list in rules.member_lists}
# Navigation properties whose value is stored on the entity itself.
STORED_NAVIGATION = {('Pbx.Weblink', 'DN'), ('Pbx.DidNumber', 'RoutingRule')} | {
    (ENTITY_SETS[name], path.split('.')[0]) for name, rules in SETS.items() for path, _target in rules.references} | {
    (ENTITY_SETS[name], key_list.prop) for name, rules in SETS.items() for key_list in rules.key_lists} | {
    (ENTITY_SETS[name], stored.prop) for name, rules in SETS.items() for stored in rules.stored_lists}


# Types whose ``Groups`` are their department memberships, with the membership's member type.
MEMBERSHIP_TYPES = dict([('Pbx.User', 'User')] + [(ENTITY_SETS[name], rules.peer_type) for name, rules in SETS.items()
                                                  if rules.hooks == 'DepartmentMemberHooks'])


class Reader:
    """Renders stored entities as OData JSON (caller holds the store lock)."""

    def __init__(self, store, service):
        self.store = store
        self.service = service
        query.NAVIGATOR['navigate'] = self.navigate

    def entities(self, entity_set):
        """Every stored entity of a set (or the computed rows of a read-only view)."""
        view = SETS[entity_set].view
        if view:
            return getattr(self.service, view)()
        return self.store.tables[entity_set].values()

    @staticmethod
    def served_navigation(entity_type):
        """Navigation properties the emulator fills (the others read as empty)."""
        served = {(name[0], name[1]) for name in MEMBER_LISTS} | STORED_NAVIGATION | {
            ('Pbx.Group', 'Members'), ('Pbx.Group', 'Rights'), ('Pbx.Defs', 'TimeZones')} | {
            (owner, 'Groups') for owner in MEMBERSHIP_TYPES}
        return {prop for owner, prop in served if owner == entity_type}

    def projection(self, args, entity_type):
        """The parsed and checked ``$select``/``$expand`` (shared between requests: read it, never change it)."""
        return _checked_projection(args.get('$select'), args.get('$expand'), entity_type)

    def collection(self, entity_type, entities, args, context):
        """``{"@odata.context", ["@odata.count"], "value"}`` after $filter/$orderby/$skip/$top/$select/$expand."""
        top, skip = parse_paging(args)
        count = parse_count(args.get('$count'))
        projection = self.projection(args, entity_type)
        order_keys = parse_orderby(args.get('$orderby'), entity_type)
        if args.get('$filter'):
            predicate, tree = compile_filter(args['$filter'], entity_type)
            entities = [entity for entity in self._candidates(entity_type, entities, tree) if predicate(entity)]
        else:
            entities = list(entities)
        if args.get('$search') is not None:
            terms = search_terms(args['$search'])
            entities = [entity for entity in entities if search_matches(entity, terms)]
        sort_entities(entities, order_keys)
        total = len(entities)
        page = entities[skip:skip + top] if top is not None else entities[skip:]
        body = {'@odata.context': context + _select_suffix(projection)}
        if count:
            body['@odata.count'] = total
        body['value'] = [self.render(entity_type, entity, projection) for entity in page]
        return body

    def entity(self, entity_type, entity, args, context):
        """A single entity with ``@odata.context`` .../$entity."""
        projection = self.projection(args, entity_type)
        body = {'@odata.context': context + _select_suffix(projection) + '/$entity'}
        body.update(self.render(entity_type, entity, projection))
        return body

    def _candidates(self, entity_type, entities, tree):
        """Narrow by the Id/Number/Link index when the filter pins one."""
        pinned = indexed_equalities(tree)
        entity_set = SET_OF_TYPE.get(entity_type)
        if entity_set not in self.store.tables:
            return entities
        table, key_name = self.store.tables[entity_set], entity_sets()[entity_set]['key'][0]
        if key_name in pinned:
            return [table[pinned[key_name]]] if pinned[key_name] in table else []
        if 'Number' in pinned and entity_set in self.store.numbers:
            key = self.store.numbers[entity_set].get(pinned['Number'])
            return [table[key]] if key is not None else []
        return entities

    def render(self, entity_type, entity, projection):
        """An entity projected by $select, with $expand-ed navigation properties."""
        select = projection['select']
        navigation = navigation_properties(entity_type)
        newer = newer_properties(self.store.options.pbx_version).get(entity_type)
        if newer:
            navigation = navigation | newer  # properties this PBX version does not have
        if select and '*' not in select:
            out = {name: entity.get(name) for name in select if name not in navigation}
        else:
            out = {name: value for name, value in entity.items() if name not in navigation}
        conceal(entity_type, out)
        if entity_type == 'Pbx.Group' and 'HasMembers' in out:
            out['HasMembers'] = bool(self.store.members_of(entity['Id']))
        for name, nested in projection['expand'].items():
            prop_type = TYPES[entity_type][name]
            target = element_type(prop_type) or prop_type
            value = self.navigate(entity_type, entity, name)
            if isinstance(value, list):
                value, total = apply_options(value, nested['options'], target) if nested['options'] else (value, None)
                if total is not None:
                    out[name + '@odata.count'] = total
                out[name] = [self.render(target, item, nested) if target in TYPES else item for item in value]
            else:
                out[name] = self.render(target, value, nested) if isinstance(value, dict) and target in TYPES else value
        return out

    def navigate(self, entity_type, entity, name):
        """The value of a navigation property."""
        if not is_navigation(entity_type, name):
            raise invalid_query("Property '%s' on type '%s' is not a navigation property or complex property. Only navigation "
                                "properties can be expanded." % (name, entity_type))
        if name == 'Groups' and entity_type in MEMBERSHIP_TYPES:
            return [self.store.membership_view(row) for row in self.store.memberships_of(MEMBERSHIP_TYPES[entity_type], entity['Id'])]
        if name == 'Members' and entity_type == 'Pbx.Group':
            return [self.store.membership_view(row) for row in self.store.members_of(entity['Id'])]
        if name == 'Rights' and entity_type == 'Pbx.Group':
            return [seed.rights_for(role) for role in seed.ROLE_RIGHTS]
        if name == 'TimeZones' and entity_type == 'Pbx.Defs':
            return seed.time_zones()
        if (entity_type, name) in MEMBER_LISTS:
            kinds = MEMBER_LISTS[entity_type, name].kinds
            return [self.service.member_view(item, kinds) for item in entity.get(name) or []]
        if (entity_type, name) in STORED_NAVIGATION or entity_type == 'Pbx.UserGroup':
            return entity.get(name)
        return [] if element_type(TYPES[entity_type][name]) else None


def conceal(type_name, value, depth=0):
    """Concealed secrets as a PBX returns them (the spec's ``Pbx.ConcealedPassword`` / ``-DataFile``: whether one is
    set, never its value), in ``value`` (an object of ``type_name``) and the complex values it holds."""
    for name, prop_type in TYPES.get(type_name, {}).items():
        held = value.get(name) if isinstance(value, dict) else None
        if not isinstance(held, dict):
            continue
        if prop_type == 'Pbx.ConcealedPassword':
            value[name] = {'Concealed': bool(held.get('Value') or held.get('Concealed')), 'Value': None}
        elif prop_type == 'Pbx.ConcealedDataFile':
            value[name] = {'Concealed': bool(held.get('Contents') or held.get('Concealed')), 'Contents': None, 'Name': held.get('Name')}
        elif prop_type in TYPES and depth < 4:
            value[name] = dict(held)
            conceal(prop_type, value[name], depth + 1)
    return value


@functools.lru_cache(maxsize=256)
def _checked_projection(select_text, expand_text, entity_type):
    projection = parse_projection(select_text, expand_text)
    check_projection(projection, entity_type)
    return projection


def _select_suffix(projection):
    select = projection['select']
    return '(%s)' % ','.join(select) if select else ''
