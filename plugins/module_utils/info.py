# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one base of the info modules: select by options or a raw filter, page, strip secrets.

An info module declares an :class:`InfoKind` (entity set, result key, selecting options, how a
department selects its entities) and calls :func:`run_info_module`. Every filter is built with
odata.py, so a value with a quote is a quoted literal, never part of the query syntax. Info
modules only read: the same requests run with and without check mode.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.entity import (
    Context, client_from_module, connection_argument_spec, strip_secrets,
)
from ansible_collections.tcx.xapi.plugins.module_utils.odata import all_of, any_of, build_query, equals

# Keeps a filter of many ``or`` clauses well below URL length limits.
NUMBERS_PER_REQUEST = 40


class Selector(object):
    """An option that keeps the entities whose property ``prop`` equals its value."""

    def __init__(self, option, prop, ignore_case=False):
        self.option = option
        self.prop = prop
        self.ignore_case = ignore_case

    def clause(self, value):
        """The filter clause for an option value (quotes doubled by odata.py)."""
        return equals(self.prop, value, ignore_case=self.ignore_case)


def find_department(ctx, name):
    """The department ``{Id, Name, Number}`` with this name, or None: one filtered GET."""
    params = build_query(equals('Name', name), ['Id', 'Name', 'Number'], top=1)
    found = ctx.client.get('Groups', params=params).get('value', [])
    return found[0] if found else None


class InfoKind(object):
    """The declaration of one info module.

    ``name`` (plural, for messages), ``entity_set``, ``result_key``, ``order_by`` (a unique
    property: the stable order of paging, always returned), ``selectors``, ``expand``
    (navigation property -> ``$expand`` item, read unless ``select`` leaves it out). A department
    selects either through ``Groups({id})/Members`` rows of type ``department_member_type``
    or through the property ``department_property`` holding the department's Number.
    """

    name = None
    entity_set = None
    result_key = None
    order_by = 'Id'
    selectors = ()
    expand = {}
    department_member_type = None
    department_property = None

    @property
    def selects_by_department(self):
        """True when the module has a ``department`` option."""
        return bool(self.department_member_type or self.department_property)

    def argument_spec(self):
        """Connection options, the selectors, ``department``, ``filter`` and ``select``."""
        spec = connection_argument_spec()
        for selector in self.selectors:
            spec[selector.option] = dict(type='str')
        if self.selects_by_department:
            spec['department'] = dict(type='str')
        spec['filter'] = dict(type='str')
        spec['select'] = dict(type='list', elements='str')
        return spec

    def projection(self, select):
        """``($select, $expand)``: navigation properties named in ``select`` are expanded instead."""
        if not select:
            return None, [self.expand[name] for name in sorted(self.expand)] or None
        props = [name for name in select if name not in self.expand]
        if self.order_by not in props:
            props.append(self.order_by)
        expand = [self.expand[name] for name in sorted(set(select)) if name in self.expand]
        return props, expand or None

    def department_clauses(self, ctx, name):
        """Filter clauses whose union is the department's entities; ``[]`` when there are none."""
        group = find_department(ctx, name)
        if group is None:
            ctx.module.warn('no department named %r on the PBX: nothing matches' % name)
            return []
        if self.department_property:
            return [equals(self.department_property, group['Number'])]
        members = ctx.client.get_all('Groups(%d)/Members' % group['Id'], select=['Id', 'Number'],
                                     filter_expr=equals('Type', self.department_member_type))
        numbers = sorted(set(m['Number'] for m in members if m.get('Number')))
        return [any_of(*[equals('Number', n) for n in numbers[start:start + NUMBERS_PER_REQUEST]])
                for start in range(0, len(numbers), NUMBERS_PER_REQUEST)]

    def query(self, ctx):
        """Every matching entity, paged with ``$top=100&$skip`` in ``order_by`` order."""
        params = ctx.params
        clauses = [params['filter']] if params['filter'] else []
        clauses.extend(s.clause(params[s.option]) for s in self.selectors if params[s.option] is not None)
        parts = [None]
        if self.selects_by_department and params['department'] is not None:
            parts = self.department_clauses(ctx, params['department'])
        select, expand = self.projection(params['select'])
        found = []
        for part in parts:
            found.extend(ctx.client.get_all(self.entity_set, all_of(*(clauses + [part])) or None,
                                            select, expand, self.order_by))
        if len(parts) > 1:
            found.sort(key=lambda entity: entity[self.order_by])
        return found


def run_info_module(kind, module_class=None):
    """The whole ``main()`` of an info module (``module_class`` as for ``run_entity_module``)."""
    module = (module_class or AnsibleModule)(argument_spec=kind.argument_spec(), supports_check_mode=True)
    ctx = Context(module, client_from_module(module))
    try:
        found = kind.query(ctx)
    except XAPIError as exc:
        module.fail_json(msg='reading %s failed: %s' % (kind.name, exc.explain()), status=exc.status)
    module.exit_json(changed=False, **{kind.result_key: strip_secrets(found)})
