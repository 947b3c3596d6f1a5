"""The entity types the emulator serves, from the compact schema derived from the official spec.

The tables use OData type names: ``Edm.String``, ``Edm.Boolean``, ``Edm.Int32``,
``Edm.DateTimeOffset``, ``Pbx.<Complex or Enum>`` and ``Collection(<type>)``; they come from
``xapi_schema.json`` (see :mod:`tcx_emulator.schema`), never from a hand-written list.
"""

from . import schema

TYPES = schema.types()
NULLABLE = schema.nullable()
ENUMS = schema.enums()
NAVIGATION = schema.navigation()
ENTITY_SETS = {name: entry['type'] for name, entry in schema.entity_sets().items()}

ROLE_NAMES = ('system_owners', 'system_admins', 'group_owners', 'managers', 'group_admins', 'receptionists', 'users', 'observers')

SCALAR_TYPES = ('Edm.String', 'Edm.Boolean', 'Edm.Byte', 'Edm.Int32', 'Edm.Int64', 'Edm.Double', 'Edm.Single', 'Edm.Decimal',
                'Edm.DateTimeOffset', 'Edm.Duration', 'Edm.Guid', 'Edm.TimeOfDay', 'Edm.Date', 'Edm.Binary', 'Edm.Untyped')


def element_type(type_name):
    """The item type of ``Collection(X)``, or None for a non-collection type."""
    if type_name.startswith('Collection('):
        return type_name[len('Collection('):-1]
    return None


_NAVIGATION_SETS = {entity_type: frozenset(names) for entity_type, names in NAVIGATION.items()}


def navigation_properties(entity_type):
    """The navigation properties of a type as a set (returned only when expanded)."""
    return _NAVIGATION_SETS.get(entity_type, frozenset())


def is_navigation(entity_type, prop):
    """True when ``prop`` is a navigation property (returned only when expanded)."""
    return prop in navigation_properties(entity_type)


def plain_properties(entity_type):
    """Properties that a GET returns without ``$expand``."""
    return [name for name in TYPES[entity_type] if not is_navigation(entity_type, name)]
