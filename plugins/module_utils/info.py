# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one base of the info modules: select by options or a raw filter, page, return options and raw objects.

An info module names its kind in the registry and calls :func:`run_info_module`; what it selects by
is declared on the kind (``info_selectors``, ``info_expand``, ``department_member_type`` or
``department_property``). Every filter is built with odata.py, so a value with a quote is a quoted
literal, never part of the query syntax. Info modules only read: the same requests run with and
without check mode. They import no write engine.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import (
    Context, client_from_module, connection_argument_spec,
)
from ansible_collections.tcx.xapi.plugins.module_utils.fields import strip_secrets
from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY, kind_named
from ansible_collections.tcx.xapi.plugins.module_utils.odata import all_of, any_of, build_query, equals

# Keeps a filter of many ``or`` clauses well below URL length limits.
NUMBERS_PER_REQUEST = 40


def find_department(ctx, name):
    """The department ``{Id, Name, Number}`` with this name, or None: one filtered GET. Names compare ignoring
    case, as the PBX and the write modules compare them (``sales`` is ``Sales``)."""
    params = build_query(equals('Name', name, ignore_case=kind_named('departments').key_ignore_case), ['Id', 'Name', 'Number'], top=1)
    found = ctx.client.get('Groups', params=params).get('value', [])
    return found[0] if found else None


def selects_by_department(kind):
    """True when the kind's info module has a ``department`` option."""
    return bool(kind.department_member_type or kind.department_property)


def info_argument_spec(kind):
    """Connection options, the selectors, ``department``, ``filter`` and ``select`` (a singleton: only the connection)."""
    spec = connection_argument_spec()
    if kind.singleton:
        return spec
    for selector in kind.info_selectors:
        spec[selector.option] = dict(type='str')
    if selects_by_department(kind):
        spec['department'] = dict(type='str')
    spec['filter'] = dict(type='str')
    spec['select'] = dict(type='list', elements='str')
    return spec


def projection(kind, select):
    """``($select, $expand)``: navigation properties named in ``select`` are expanded instead."""
    expand = kind.info_expand
    if not select:
        return None, [expand[name] for name in sorted(expand)] or None
    props = [name for name in select if name not in expand]
    if kind.info_order_by not in props:
        props.append(kind.info_order_by)
    expanded = [expand[name] for name in sorted(set(select)) if name in expand]
    return props, expanded or None


def department_clauses(kind, ctx, name):
    """Filter clauses whose union is the department's entities; ``[]`` when there are none."""
    group = find_department(ctx, name)
    if group is None:
        ctx.module.warn('no department named %r on the PBX: nothing matches' % name)
        return []
    if kind.department_property:
        return [equals(kind.department_property, group['Number'])]
    members = ctx.client.get_all('Groups(%d)/Members' % group['Id'], select=['Id', 'Number'],
                                 filter_expr=equals('Type', kind.department_member_type))
    numbers = sorted(set(m['Number'] for m in members if m.get('Number')))
    return [any_of(*[equals('Number', n) for n in numbers[start:start + NUMBERS_PER_REQUEST]])
            for start in range(0, len(numbers), NUMBERS_PER_REQUEST)]


def read(kind, ctx, filter_expr=None, select=None):
    """The entities matching ``filter_expr`` (every one when None), paged with ``$top=100&$skip`` in
    ``info_order_by`` order, with the properties of ``select`` (all, and ``info_expand``, when None)."""
    props, expand = projection(kind, select)
    return ctx.client.get_all(kind.entity_set, filter_expr, props, expand, kind.info_order_by)


def query(kind, ctx):
    """Every matching entity, paged with ``$top=100&$skip`` in ``info_order_by`` order."""
    params = ctx.params
    clauses = [params['filter']] if params['filter'] else []
    clauses.extend(s.clause(params[s.option], kind) for s in kind.info_selectors if params[s.option] is not None)
    parts = [None]
    if selects_by_department(kind) and params['department'] is not None:
        parts = department_clauses(kind, ctx, params['department'])
    found = []
    for part in parts:
        found.extend(read(kind, ctx, all_of(*(clauses + [part])) or None, params['select']))
    if len(parts) > 1:
        found.sort(key=lambda entity: entity[kind.info_order_by])
    return found


@failures_masked
def run_info_module(plural, module_class=None):
    """The whole ``main()`` of the info module of the kind ``plural`` (``module_class`` as for ``run_entity_module``).

    Returns ``<plural>``: each object in its module's options (see ``EntityKind.options``), and ``raw``:
    the same objects as XAPI returns them, secrets removed. For a singleton kind both are one dict.
    """
    kind = kind_named(plural)
    module = (module_class or MaskingModule)(argument_spec=info_argument_spec(kind), supports_check_mode=True)
    ctx = Context(module, client_from_module(module), kinds=REGISTRY)
    try:
        found = [kind.find(ctx)] if kind.singleton else query(kind, ctx)
        options = [kind.options(ctx, entity) for entity in found]
    except XAPIError as exc:
        module.fail_json(msg='reading %s failed: %s' % (kind.plural, exc.explain()), status=exc.status)
    if kind.singleton:
        module.exit_json(changed=False, raw=strip_secrets(found[0]), **{kind.plural: options[0]})
    module.exit_json(changed=False, raw=strip_secrets(found), **{kind.plural: options})
