"""Read side: collections and single entities with the OData query options applied."""

import functools

from . import seed
from .errors import invalid_query
from .model import TYPES, element_type, is_navigation, navigation_properties
from .query import check_projection, compile_filter, indexed_equalities, parse_count, parse_orderby, parse_paging, parse_projection, sort_entities

INDEXED = {'Pbx.User': ('Number', 'users', 'user_numbers'), 'Pbx.Parking': ('Number', 'parkings', 'parking_numbers'),
           'Pbx.Group': ('Number', 'groups', 'group_numbers')}


class Reader:
    """Renders stored entities as OData JSON (caller holds the store lock)."""

    def __init__(self, store):
        self.store = store

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
        if 'Id' in pinned and entity_type in INDEXED:
            table = getattr(self.store, INDEXED[entity_type][1])
            return [table[pinned['Id']]] if pinned['Id'] in table else []
        if 'Number' in pinned and entity_type in INDEXED:
            table_name, index_name = INDEXED[entity_type][1:]
            key = getattr(self.store, index_name).get(pinned['Number'])
            return [getattr(self.store, table_name)[key]] if key is not None else []
        if 'Link' in pinned and entity_type == 'Pbx.Weblink':
            found = self.store.weblinks.get(pinned['Link'])
            return [found] if found else []
        return entities

    def render(self, entity_type, entity, projection):
        """An entity projected by $select, with $expand-ed navigation properties."""
        select = projection['select']
        navigation = navigation_properties(entity_type)
        if select and '*' not in select:
            out = {name: entity.get(name) for name in select if name not in navigation}
        else:
            out = {name: value for name, value in entity.items() if name not in navigation}
        if entity_type == 'Pbx.Group' and 'HasMembers' in out:
            out['HasMembers'] = bool(self.store.members_of(entity['Id']))
        for name, nested in projection['expand'].items():
            prop_type = TYPES[entity_type][name]
            target = element_type(prop_type) or prop_type
            value = self.navigate(entity_type, entity, name)
            if isinstance(value, list):
                out[name] = [self.render(target, item, nested) if target in TYPES else item for item in value]
            else:
                out[name] = self.render(target, value, nested) if isinstance(value, dict) and target in TYPES else value
        return out

    def navigate(self, entity_type, entity, name):
        """The value of a navigation property."""
        if not is_navigation(entity_type, name):
            raise invalid_query("Property '%s' on type '%s' is not a navigation property or complex property. Only navigation "
                                "properties can be expanded." % (name, entity_type))
        if name == 'Groups' and entity_type in ('Pbx.User', 'Pbx.Parking'):
            kind = 'User' if entity_type == 'Pbx.User' else 'Parking'
            return [self.store.membership_view(row) for row in self.store.memberships_of(kind, entity['Id'])]
        if name == 'Members' and entity_type == 'Pbx.Group':
            return [self.store.membership_view(row) for row in self.store.members_of(entity['Id'])]
        if name == 'Rights' and entity_type == 'Pbx.Group':
            return [seed.rights_for(role) for role in seed.ROLE_RIGHTS]
        if name == 'TimeZones' and entity_type == 'Pbx.Defs':
            return seed.time_zones()
        if name == 'DN' and entity_type == 'Pbx.Weblink':
            return entity.get('DN')
        if entity_type == 'Pbx.UserGroup':
            return entity.get(name)
        return []


@functools.lru_cache(maxsize=256)
def _checked_projection(select_text, expand_text, entity_type):
    projection = parse_projection(select_text, expand_text)
    check_projection(projection, entity_type)
    return projection


def _select_suffix(projection):
    select = projection['select']
    return '(%s)' % ','.join(select) if select else ''
