"""``GET /xapi/v1/$metadata``: the CSDL XML document of the served schema (OData v4)."""

import functools
from xml.sax.saxutils import quoteattr

from . import schema

EDMX = 'http://docs.oasis-open.org/odata/ns/edmx'
EDM = 'http://docs.oasis-open.org/odata/ns/edm'


def _property(name, type_name, nullable, navigation):
    tag = 'NavigationProperty' if navigation else 'Property'
    null = '' if nullable or type_name.startswith('Collection(') else ' Nullable="false"'
    return '<%s Name=%s Type=%s%s/>' % (tag, quoteattr(name), quoteattr(type_name), null)


def _entity_types():
    """``{type: key property}`` of the types that entity sets hold."""
    return {entry['type']: entry['key'][0] for entry in schema.entity_sets().values() if entry['key']}


@functools.lru_cache(maxsize=1)
def metadata_document():
    """The CSDL document (cached: the schema does not change at run time)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<edmx:Edmx Version="4.0" xmlns:edmx="%s">' % EDMX, '<edmx:DataServices>',
             '<Schema Namespace="Pbx" xmlns="%s">' % EDM]
    keyed = _entity_types()
    for name, entry in schema.load()['enums'].items():
        flags = ' IsFlags="true"' if entry['flags'] else ''
        lines.append('<EnumType Name=%s%s>' % (quoteattr(name.split('.', 1)[1]), flags))
        lines.extend('<Member Name=%s Value="%d"/>' % (quoteattr(member), index if not entry['flags'] else 1 << index)
                     for index, member in enumerate(entry['members']))
        lines.append('</EnumType>')
    for name, entry in schema.load()['types'].items():
        tag = 'EntityType' if name in keyed else 'ComplexType'
        lines.append('<%s Name=%s>' % (tag, quoteattr(name.split('.', 1)[1])))
        if name in keyed:
            lines.append('<Key><PropertyRef Name=%s/></Key>' % quoteattr(keyed[name]))
        nullable, navigation = set(entry['nullable']), set(entry['navigation'])
        lines.extend(_property(prop, type_name, prop in nullable, prop in navigation) for prop, type_name in entry['properties'].items())
        lines.append('</%s>' % tag)
    for set_name, entry in schema.entity_sets().items():
        for operation_name, operation in entry['operations'].items():
            call = operation_name.split('/')[-1].split('(')[0]
            tag = 'Function' if operation['kind'] == 'function' else 'Action'
            lines.append('<%s Name=%s IsBound="true">' % (tag, quoteattr(call.split('.', 1)[1])))
            bound = entry['type'] if operation['bound_to'] == 'entity' else 'Collection(%s)' % entry['type']
            lines.append('<Parameter Name="bindingParameter" Type=%s/>' % quoteattr(bound))
            for parameter, type_name in (operation['parameters'] or {}).items() if isinstance(operation['parameters'], dict) else ():
                lines.append('<Parameter Name=%s Type=%s/>' % (quoteattr(parameter), quoteattr(type_name)))
            if operation['returns']:
                lines.append('<ReturnType Type=%s/>' % quoteattr(operation['returns']))
            lines.append('</%s>' % tag)
    lines.append('<EntityContainer Name="Container">')
    for set_name, entry in schema.entity_sets().items():
        if entry['singleton']:
            lines.append('<Singleton Name=%s Type=%s/>' % (quoteattr(set_name), quoteattr(entry['type'])))
        else:
            lines.append('<EntitySet Name=%s EntityType=%s/>' % (quoteattr(set_name), quoteattr(entry['type'])))
    lines += ['</EntityContainer>', '</Schema>', '</edmx:DataServices>', '</edmx:Edmx>']
    return '\n'.join(lines) + '\n'
