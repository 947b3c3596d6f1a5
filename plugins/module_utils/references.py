# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""References between kinds: objects named by their natural key (departments by name), and entities by number.

The PBX compares department names ignoring case (``Sales`` and ``SALES`` are one name): so do these
lookups, and what they return carries the name as the PBX spells it. A reference reaches the kind it names
through ``ctx.kinds`` (the registry, handed over by the engine): the kind says how its objects are named in
messages (``name``, ``plural``), found (``entity_set``, ``key_property``, ``key_ignore_case``) and created (``module``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.fields import TEXT_RULE, Field, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.odata import (
    any_of, build_query, equals, function_call, named_key_segment,
)

# Keeps a filter of many ``or`` clauses well below URL length limits.
CLAUSES_PER_REQUEST = 40
# The first PBX version that serves ``Users(Number='100')``; older ones serve Pbx.GetByNumber.
FIRST_VERSION_WITH_NUMBER_KEY = (20, 0, 8)


def name_key(name):
    """How the PBX compares department names: ignoring case."""
    return str(name).lower()


def directory(ctx, kind):
    """The task's :class:`~lookups.Directory` of a kind (``ctx.kinds.named('departments')``)."""
    return kind.directory(ctx.lookups)


def _read_where(ctx, kind, prop, values):
    """Read the objects whose ``prop`` is one of ``values`` (40 per request) into the directory."""
    known = directory(ctx, kind)
    values = sorted(set(values), key=str)
    for start in range(0, len(values), CLAUSES_PER_REQUEST):
        chunk = values[start:start + CLAUSES_PER_REQUEST]
        clause = any_of(*[equals(prop, v, ignore_case=kind.key_ignore_case and prop == kind.key_property) for v in chunk])
        for entity in ctx.client.get(kind.entity_set, params=build_query(clause, kind.reference_select())).get('value', []):
            known.remember(entity)


def objects_by_key(ctx, kind, keys, noun=None):
    """Map keys (as the PBX compares them) to the objects ``{Id, Name, Number}`` of a kind, reading each key once per task.

    An unknown key fails with a clear message (naming it a ``noun``, the kind's name unless given). In check mode it
    only warns and maps to None, because an earlier task of the same play may be about to create that object - unless
    the directory is complete or the task is the whole desired state (tcx_config knows every object, existing or planned).
    """
    known = directory(ctx, kind)
    missing = [k for k in set(keys) if known.known(k) is None]
    if missing and not known.complete:
        _read_where(ctx, kind, kind.key_property, missing)
    unknown = sorted(k for k in set(keys) if known.known(k) is None)
    if unknown:
        text = 'unknown %s%s %s' % (noun or kind.name, 's' if len(unknown) > 1 else '', ', '.join(repr(k) for k in unknown))
        if known.complete or ctx.lookups.whole_state:
            raise ValidationError('%s: list it under %s or create it first' % (text, kind.plural))
        if not ctx.module.check_mode:
            raise ValidationError('%s: create it first (tcx.xapi.%s)' % (text, kind.module))
        ctx.module.warn(text + ': check mode assumes an earlier task creates it')
    return dict((k, known.known(k)) for k in keys)


def objects_by(ctx, kind, prop, values):
    """Map ``Id`` or ``Number`` values to the objects of a kind that have them (values the PBX does not know are left out)."""
    known = directory(ctx, kind)
    cache = known.by_id if prop == 'Id' else known.by_number
    missing = [v for v in set(values) if v not in cache]
    if missing:
        _read_where(ctx, kind, prop, missing)
    return dict((v, cache[v]) for v in values if v in cache)


def department_kind(ctx):
    """The department kind, as the registry hands it over."""
    return ctx.kinds.named('departments')


def departments_by_name(ctx, names):
    """Map department names (any case) to their ``{Id, Name, Number}`` (see :func:`objects_by_key`)."""
    return objects_by_key(ctx, department_kind(ctx), names)


def pbx_spelling(ctx, name):
    """A department name as the PBX spells it (``sales`` -> ``Sales``); unknown names stay as given."""
    return directory(ctx, department_kind(ctx)).spelling(name)


def departments_by_id(ctx, ids):
    """Map department ids to their ``{Id, Name, Number}`` (ids the PBX does not know are left out)."""
    return objects_by(ctx, department_kind(ctx), 'Id', ids)


def departments_by_number(ctx, numbers):
    """Map department numbers (``GRP0001``) to their ``{Id, Name, Number}`` (unknown ones are left out)."""
    return objects_by(ctx, department_kind(ctx), 'Number', numbers)


def find_by_number(ctx, entity_set, number, select=None, expand=None):
    """GET one entity by its ``Number`` with the path style of the PBX's version, or None.

    ``Users(Number='100')`` from 20.0.8, ``Users/Pbx.GetByNumber(number='100')`` before.
    """
    if ctx.client.version_at_least(*FIRST_VERSION_WITH_NUMBER_KEY):
        path = entity_set + named_key_segment('Number', number)
    else:
        path = '%s/%s' % (entity_set, function_call('Pbx.GetByNumber', number=number))
    try:
        entity = ctx.client.get(path, params=build_query(select=select, expand=expand))
    except XAPIError as exc:
        if exc.status == 404:
            return None
        raise
    return entity or None


def department_rows(names, ctx):
    """The XAPI ``Groups`` list for department names (unknown names, possible only in check mode, left out)."""
    found = departments_by_name(ctx, names)
    return [{'GroupId': found[name]['Id']} for name in names if found.get(name)]


def department_names(rows, ctx):
    """The sorted department names of ``Groups`` membership rows (of a parking, ring group or queue)."""
    ids = [row['GroupId'] for row in rows or [] if row.get('GroupId') is not None]
    known = departments_by_id(ctx, ids)
    return sorted(set(known[i]['Name'] if i in known else str(i) for i in ids))


def departments_field():
    """The ``departments`` option of an object that belongs to departments without a role (parking, ring group,
    queue): names compared as a set, written as the whole ``Groups`` list."""
    return Field('departments', 'Groups', type='list', elements='str', compare='set',
                 to_api=department_rows, from_api=department_names, rule=TEXT_RULE)


def check_departments(departments):
    """A ``departments`` option names at least one department, none empty (the PBX keeps such an object in one)."""
    if departments is not None:
        if not departments:
            raise ValidationError('departments must name at least one department')
        if any(not (name or '').strip() for name in departments):
            raise ValidationError('departments must not contain an empty name')


def normalize_departments(ctx, desired):
    """The desired ``departments`` as the PBX spells them, sorted; an unknown one fails here (warns in check mode)."""
    if desired.get('departments') is not None:
        departments_by_name(ctx, desired['departments'])
        spelled = dict((name_key(n), pbx_spelling(ctx, n)) for n in desired['departments'])
        desired['departments'] = sorted(spelled.values())
    return desired
