# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Objects that are an extension of their own, named by an administrator: ring groups, queues (and IVRs).

They share what :class:`NamedExtension` declares: the natural key ``name`` (the PBX compares it ignoring
case), a ``number`` that the PBX assigns when none is given and that never changes afterwards, lists of
user extensions (:class:`ExtensionList`: a ring group's members, a queue's agents and managers) that
must exist before any write, and the numbers their routes, no-answer destination and lists use.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import destination_uses, require_known_numbers, route_uses
from ansible_collections.tcx.xapi.plugins.module_utils.fields import NAME_RULE, TEXT_RULE, Field, Rule, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.usage import require_free_number
from ansible_collections.tcx.xapi.plugins.module_utils.references import (
    check_departments, departments_field, directory, normalize_departments, objects_by_key,
)

# An extension number as the PBX numbers its DNs (users, ring groups, queues, IVRs).
EXTENSION_RULE = Rule(not_empty=True, max_length=10, pattern=r'^[0-9]{2,10}$', shape='an extension number (2 to 10 digits)')


class ExtensionList(Field):
    """A list of user extensions at ``path`` (a navigation property whose rows carry ``Number``).

    Without ``extras`` the option is a list of extension strings (``members: ['101', '102']``); with
    ``extras`` (``(('skill_group', 'SkillGroup'),)``) a list of dicts with ``extension`` and those keys.
    ``ordered`` lists compare in order (hunt strategies ring in that order); others as sets. The PBX
    replaces the whole list on every PATCH, so a change sends it whole.
    """

    def __init__(self, option, path, ordered=True, extras=()):
        self.extras = tuple(extras)
        self.ordered = ordered
        if self.extras:
            suboptions = [Field('extension', required=True, rule=EXTENSION_RULE)]
            suboptions += [Field(name, rule=TEXT_RULE) for name, _prop in self.extras]
            super(ExtensionList, self).__init__(option, path, type='list', elements='dict', suboptions=suboptions)
        else:
            super(ExtensionList, self).__init__(option, path, type='list', elements='str', rule=EXTENSION_RULE)

    def extension(self, element):
        return element['extension'] if self.extras else element

    def canonical(self, value):
        """The option value without unset keys (Ansible fills missing suboptions with None)."""
        if not self.extras:
            return list(value)
        return [dict((k, v) for k, v in element.items() if v not in (None, '')) for element in value]

    def extensions(self, value):
        return [self.extension(element) for element in value or []]

    def problems(self, value):
        """Extensions given twice: the PBX refuses them (WARNINGS.XAPI.DUPLICATE)."""
        numbers = self.extensions(value)
        doubled = sorted(set(n for n in numbers if numbers.count(n) > 1))
        if doubled:
            return ['%s lists %s more than once' % (self.option, ', '.join("'%s'" % n for n in doubled))]
        return []

    def to_api(self, value, ctx, held=None):
        rows = []
        for element in self.canonical(value):
            row = {'Number': self.extension(element)}
            for name, prop in self.extras:
                row[prop] = element.get(name)
            rows.append(row)
        return rows

    def from_api(self, value, ctx):
        if value is None:
            return None
        elements = []
        for row in value:
            if not self.extras:
                elements.append(row.get('Number'))
                continue
            element = {'extension': row.get('Number')}
            for name, prop in self.extras:
                if row.get(prop) not in (None, ''):
                    element[name] = row[prop]
            elements.append(element)
        return elements

    def without(self, value, numbers):
        """The list without the extensions ``numbers``."""
        kept = [element for element in value or [] if str(self.extension(element)) not in numbers]
        return kept if len(kept) < len(value or []) else value

    def same(self, current, desired, ctx=None):
        held, wanted = self.canonical(current or []), self.canonical(desired or [])
        if self.ordered:
            return held == wanted
        key = repr if self.extras else str
        return sorted(held, key=key) == sorted(wanted, key=key)


class NamedExtension(EntityKind):
    """The declaration shared by ring groups, queues and IVRs: a subclass adds its noun, entity set and fields
    (:meth:`key_fields` first), and lists its :class:`ExtensionList` fields by being in ``fields``."""

    key_option = 'name'
    key_property = 'Name'
    key_ignore_case = True  # the PBX refuses 'SALES' when 'Sales' exists
    info_selectors = (Selector('name', 'Name', ignore_case=True), Selector('number', 'Number'))
    refers_to = ('departments', 'users')
    sends_calls = True
    holds_extension = True
    extra_select = ('Number',)
    # Where the object sends calls besides its routes: (option, property) of Pbx.Destination values.
    destinations = (('no_answer', 'ForwardNoAnswer'),)

    @staticmethod
    def key_fields():
        """The ``name``, ``number`` and ``departments`` options of a kind whose objects are extensions."""
        return [Field('name', 'Name', required=True, managed=False, rule=NAME_RULE),
                Field('number', 'Number', rule=EXTENSION_RULE), departments_field()]

    def extension_lists(self):
        return [f for f in self.fields if isinstance(f, ExtensionList)]

    def select(self):
        """Plain properties only: the lists and departments are navigation properties, read through ``expand``."""
        lists = set(f.path for f in self.extension_lists()) | set(['Groups'])
        return [name for name in super(NamedExtension, self).select() if name not in lists]

    def validate(self, ctx):
        check_departments(ctx.params.get('departments'))
        problems = []
        for field in self.extension_lists():
            problems.extend(field.problems(ctx.params.get(field.option)))
        if problems:
            raise ValidationError('; '.join(problems))

    def normalize(self, ctx, desired):
        """Departments as the PBX spells them; every extension named must be a user (checked before any write)."""
        desired = normalize_departments(ctx, desired)
        numbers = []
        for field in self.extension_lists():
            numbers.extend(field.extensions(desired.get(field.option)))
        if numbers and ctx.params.get('state') == 'present':
            users = ctx.kinds.named('users')
            try:
                objects_by_key(ctx, users, numbers, noun='user extension')  # an unknown extension fails here (warns in check mode)
            except ValidationError as exc:
                known = directory(ctx, users)
                where = [f.option for f in self.extension_lists()
                         if any(known.known(n) is None for n in f.extensions(desired.get(f.option)))]
                raise ValidationError('%s: %s' % (', '.join(where), exc))
        return desired

    def member_of(self, params):
        return params.get('departments')

    def named(self, ctx):
        """The departments and users these options name: tcx_config refuses to delete one while this object stays."""
        users = [('users', number) for field in self.extension_lists() for number in field.extensions(ctx.params.get(field.option))]
        return super(NamedExtension, self).named(ctx) + users

    def uses(self, entity):
        """The numbers the object sends calls to: its routes and its destinations."""
        found = route_uses(entity, self.name)
        for option, prop in self.destinations:
            found.extend(destination_uses(entity.get(prop), "%s '%s' sends calls to it (%s); send them elsewhere first"
                                          % (self.name, entity.get('Name'), option)))
        return found

    def holds(self, entity):
        """The extensions of its lists (members, agents, managers): the PBX drops a deleted user from them."""
        return [(row['Number'], "%s '%s' (%s)" % (self.name, entity.get('Name'), field.option))
                for field in self.extension_lists() for row in entity.get(field.path) or [] if row.get('Number')]

    def stand_in(self, params, number):
        stand_in = super(NamedExtension, self).stand_in(params, number)
        if params.get('number'):
            stand_in['Number'] = params['number']
        return stand_in

    def preflight(self, ctx, plan):
        """The PBX never changes a number once assigned, and refuses a destination to a number nothing holds:
        say so before any write (in check mode too)."""
        if plan.action == 'update' and 'Number' in plan.payload:
            raise ValidationError('number is %s on the PBX and cannot change after creation (given: %s); leave '
                                  'number out, or delete the %s and create it again'
                                  % (plan.before.get('number'), plan.payload['Number'], self.name))
        if plan.action == 'create' and plan.payload.get('Number') and not ctx.lookups.whole_state:
            # tcx_config checks every new number of its items at once (Converger.numbers_taken).
            require_free_number(ctx, self, plan.payload['Number'], ctx.params.get(self.key_option))
        if plan.action in ('create', 'update'):
            require_known_numbers(ctx, self, ctx.params)
