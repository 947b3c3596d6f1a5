# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The parking kind (XAPI Parkings): its field table and hooks, shared by tcx_parking and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field, Rule, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.references import (
    check_departments, departments_by_name, departments_field, find_by_number, normalize_departments,
)

# A shared parking space's number: SP and digits (SP11), as the PBX assigns them.
PARKING_NUMBER = Rule(not_empty=True, max_length=12, pattern=r'^SP[0-9]+$', shape='SP followed by digits (SP11)')


class Parking(EntityKind):
    name = 'parking'
    plural = 'parkings'
    module = 'tcx_parking'
    entity_set = 'Parkings'
    result_key = 'parking'
    info_selectors = (Selector('number', 'Number'),)
    info_expand = {'Groups': 'Groups($select=GroupId,Name)'}
    department_member_type = 'Parking'
    refers_to = ('departments',)
    holds_extension = True
    key_option = 'number'
    key_property = 'Number'
    expand = 'Groups'
    required_if = (('state', 'present', ['departments']),)
    required_one_of = (('number', 'departments'),)
    fields = [
        Field('number', 'Number', managed=False, rule=PARKING_NUMBER),
        departments_field(),
    ]

    def select(self):
        # Groups is a navigation property: read through $expand, not $select.
        return ['Id', 'Number']

    def describe(self, ctx):
        if ctx.params.get('number'):
            return "parking '%s'" % ctx.params['number']
        return 'parking of departments %s' % ', '.join(repr(n) for n in sorted(set(ctx.params.get('departments') or [])))

    def validate(self, ctx):
        number, departments = ctx.params.get('number'), ctx.params.get('departments')
        if number is not None and not number.strip():
            raise ValidationError('number must not be empty')
        check_departments(departments)

    def normalize(self, ctx, desired):
        return normalize_departments(ctx, desired)

    def member_of(self, params):
        return params.get('departments')

    def find(self, ctx):
        """By number when given, else the parking(s) whose department set is exactly ``departments``."""
        number = ctx.params.get('number')
        if number:
            return find_by_number(ctx, self.entity_set, number, select=self.select(), expand=self.expand)
        return self.find_among(ctx, None)

    def find_among(self, ctx, entities):
        """Among ``entities`` (all parkings when None: pages through them) by number or department set."""
        number = ctx.params.get('number')
        if number and entities is not None:
            return super(Parking, self).find_among(ctx, entities)
        if entities is None:
            entities = ctx.client.get_all(self.entity_set, select=self.select(), expand=self.expand)
        matches = self.with_departments(ctx, ctx.params['departments'], entities)
        if len(matches) > 1 and ctx.params['state'] == 'absent':
            raise ValidationError('%d parkings have exactly these departments (%s); give the number of the one to delete'
                                  % (len(matches), ', '.join(p['Number'] for p in matches)))
        return matches[0] if matches else None

    @staticmethod
    def with_departments(ctx, names, parkings):
        """The parkings whose departments are exactly ``names``, lowest Id first."""
        found = departments_by_name(ctx, names)
        if not all(found.get(name) for name in names):
            return []
        wanted = set(found[name]['Id'] for name in names)
        matches = [p for p in parkings if set(row.get('GroupId') for row in p.get('Groups') or []) == wanted]
        return sorted(matches, key=lambda p: p['Id'])

    def key_params(self, entity):
        return {'number': entity['Number']}

    def create_payload(self, ctx, payload):
        if ctx.params.get('number'):
            payload['Number'] = ctx.params['number']
        return payload
