"""The compact XAPI schema kept in the repository (``xapi_schema.json``).

It is derived from the official spec by ``tools/derive_schema.py`` (``make schema-check`` fails
when it is out of date with the spec file beside the repository) and holds, for the entity sets
the emulator serves: keys, alternate keys, methods, navigation paths, bound functions and actions,
and every type they use (property names, OData types, nullable, navigation) and enum.
"""

import functools
import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent / 'xapi_schema.json'


@functools.lru_cache(maxsize=1)
def load():
    """The parsed schema file (FileNotFoundError names the file when it is missing)."""
    with open(SCHEMA_FILE, encoding='utf-8') as stream:
        return json.load(stream)


def entity_sets():
    """``{set name: entry}`` (entry keys: type, singleton, key, alternate_keys, collection, entity, navigation_paths, operations)."""
    return load()['entity_sets']


def types():
    """``{type: {property: odata type}}``."""
    return {name: entry['properties'] for name, entry in load()['types'].items()}


def nullable():
    """``{type: frozenset of nullable properties}``."""
    return {name: frozenset(entry['nullable']) for name, entry in load()['types'].items()}


def navigation():
    """``{type: [navigation properties]}``."""
    return {name: entry['navigation'] for name, entry in load()['types'].items() if entry['navigation']}


def enums():
    """``{enum type: [members]}``."""
    return {name: entry['members'] for name, entry in load()['enums'].items()}


def warnings():
    """The ``Pbx.Warnings`` keys."""
    return load()['warnings']


def operation(entity_set, call, bound_to):
    """The schema entry of a bound function or action called as ``call`` (``Pbx.X``, ``Pbx.X()``, ``Pbx.X(a='1')``), or None."""
    wanted = ('' if bound_to == 'collection' else '{key}/') + call.split('(')[0]
    for name, entry in entity_sets().get(entity_set, {}).get('operations', {}).items():
        if name.split('(')[0] == wanted:
            return entry
    return None


@functools.lru_cache(maxsize=8)
def newer_properties(version):
    """``{type: frozenset}`` of the properties 20.0.10 has and ``version`` lacks (known for 20.0.7 only; empty otherwise)."""
    changes = load().get('versions', {}).get(version, {}).get('types', {})
    return {name: frozenset(change['added']) for name, change in changes.items() if change['added']}
