# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lookups shared by modules: departments by name or id, and entities by their number.

The PBX compares department names ignoring case (``Sales`` and ``SALES`` are one name): so do these
lookups, and what they return carries the name as the PBX spells it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.entity import ValidationError
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


def _departments_where(ctx, prop, values):
    found = []
    values = sorted(set(values), key=str)
    for start in range(0, len(values), CLAUSES_PER_REQUEST):
        chunk = values[start:start + CLAUSES_PER_REQUEST]
        params = build_query(any_of(*[equals(prop, v, ignore_case=prop == 'Name') for v in chunk]), ['Id', 'Name', 'Number'])
        found.extend(ctx.client.get('Groups', params=params).get('value', []))
    return found


def remember_department(ctx, group):
    """Cache a department under its name (any case), id and number, so later lookups need no request."""
    ctx.shared.setdefault('departments_by_name', {})[name_key(group['Name'])] = group
    ctx.shared.setdefault('departments_by_id', {})[group['Id']] = group
    ctx.shared.setdefault('departments_by_number', {})[group['Number']] = group


def forget_department(ctx, group):
    """Drop a department from the lookups (a planned one that was not created after all)."""
    for key, value in (('departments_by_name', name_key(group['Name'])), ('departments_by_id', group['Id']),
                       ('departments_by_number', group['Number'])):
        ctx.shared.get(key, {}).pop(value, None)


def departments_by_name(ctx, names):
    """Map department names (any case) to their ``{Id, Name, Number}``, reading each name once per task.

    An unknown name fails with a clear message. In check mode it only warns and maps to None,
    because an earlier task of the same play may be about to create that department - unless
    ``shared['all_departments_known']`` says every department, existing or planned, is cached.
    """
    cache = ctx.shared.setdefault('departments_by_name', {})
    complete = ctx.shared.get('all_departments_known', False)
    missing = [n for n in set(names) if name_key(n) not in cache]
    if missing and not complete:
        for group in _departments_where(ctx, 'Name', missing):
            remember_department(ctx, group)
    unknown = sorted(n for n in set(names) if name_key(n) not in cache)
    if unknown:
        text = 'unknown department%s %s' % ('s' if len(unknown) > 1 else '', ', '.join(repr(n) for n in unknown))
        if complete:
            raise ValidationError(text + ': list it under departments or create it first')
        if not ctx.module.check_mode:
            raise ValidationError(text + ': create it first (tcx.xapi.tcx_department)')
        ctx.module.warn(text + ': check mode assumes an earlier task creates it')
    return dict((n, cache.get(name_key(n))) for n in names)


def pbx_spelling(ctx, name):
    """A department name as the PBX spells it (``sales`` -> ``Sales``); unknown names stay as given."""
    group = ctx.shared.get('departments_by_name', {}).get(name_key(name))
    return group['Name'] if group else name


def _known_departments(ctx, prop, values):
    """Departments whose ``prop`` (Id or Number) is in ``values``, reading only the uncached ones."""
    cache = ctx.shared.setdefault('departments_by_%s' % prop.lower(), {})
    missing = [v for v in set(values) if v not in cache]
    if missing:
        for group in _departments_where(ctx, prop, missing):
            remember_department(ctx, group)
    return dict((v, cache[v]) for v in values if v in cache)


def departments_by_id(ctx, ids):
    """Map department ids to their ``{Id, Name, Number}`` (ids the PBX does not know are left out)."""
    return _known_departments(ctx, 'Id', ids)


def departments_by_number(ctx, numbers):
    """Map department numbers (``GRP0001``) to their ``{Id, Name, Number}`` (unknown ones are left out)."""
    return _known_departments(ctx, 'Number', numbers)


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
