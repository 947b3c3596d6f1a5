# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The contact kind (XAPI Contacts, the company phonebook): its field table and hooks, shared by tcx_contact
and tcx_config.

A ``Pbx.Contact`` (official spec, swagger-20.0.10.yaml) has no property the PBX keeps unique and none that
names it as a whole (no ``Name``, no ``DisplayName``): only ``Id``. What a person looks a contact up by is its
name and company, so that is its natural key: ``first_name``, ``last_name`` and ``company`` together, an
omitted one meaning empty, compared ignoring case and surrounding spaces. ``Tag`` is the one free property
the phonebook does not show: a contact given a ``tag`` is found by it instead, so that its name and company
can change (a rename, a company's new name) without a delete and a create.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.fields import PHONE_RULE, TEXT_RULE, Field, Rule, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.odata import all_of, any_of, equals

# The parts of the natural key: option and property.
NAME_PARTS = (('first_name', 'FirstName'), ('last_name', 'LastName'), ('company', 'CompanyName'))
# The numbers of a contact (Pbx.Contact); the web client shows PhoneNumber as "Mobile" (the spec has Mobile2 and no Mobile).
NUMBERS = (('mobile', 'PhoneNumber'), ('mobile_2', 'Mobile2'), ('home', 'Home'), ('business', 'Business'),
           ('business_2', 'Business2'), ('business_fax', 'BusinessFax'), ('pager', 'Pager'), ('other', 'Other'))
# Pbx.ContactSource: contacts of the other sources are synchronised from a CRM or a cloud directory.
OWN_SOURCE = '3CX'


def name_identity(values):
    """The natural key of a contact from ``{first_name, last_name, company}`` values: folded, None as empty."""
    return tuple((values.get(option) or '').strip().lower() for option, _prop in NAME_PARTS)


def entity_identity(entity):
    """The natural key of a contact as the PBX holds it (XAPI form)."""
    return name_identity(dict((option, entity.get(prop)) for option, prop in NAME_PARTS))


def empty_or_null(prop):
    """A filter clause for a property that holds nothing."""
    return any_of('%s eq null' % prop, "%s eq ''" % prop)


class Contact(EntityKind):
    name = 'contact'
    plural = 'contacts'
    module = 'tcx_contact'
    entity_set = 'Contacts'
    result_key = 'contact'
    info_selectors = (Selector('company', 'CompanyName', ignore_case=True), Selector('last_name', 'LastName', ignore_case=True),
                      Selector('tag', 'Tag'))
    key_option = 'tag'
    key_property = 'Tag'
    extra_select = ('ContactType',)
    fields = [
        Field('first_name', 'FirstName', rule=TEXT_RULE),
        Field('last_name', 'LastName', rule=TEXT_RULE),
        Field('company', 'CompanyName', rule=TEXT_RULE),
        Field('tag', 'Tag', managed=False, rule=Rule(not_empty=True, max_length=255)),
        Field('title', 'Title', rule=TEXT_RULE),
        Field('department', 'Department', rule=TEXT_RULE),
        Field('email', 'Email', rule=Rule(max_length=254)),
        Field('numbers', type='dict', suboptions=[Field(option, prop, rule=PHONE_RULE) for option, prop in NUMBERS]),
    ]

    def describe(self, ctx):
        p = ctx.params
        if p.get('tag'):
            return "contact tagged '%s'" % p['tag']
        return "contact '%s'" % self.label(p)

    @staticmethod
    def label(values):
        """``John Doe (Acme)``: how messages name a contact by its name and company."""
        name = ' '.join(v for v in (values.get('first_name'), values.get('last_name')) if v)
        if values.get('company'):
            return '%s (%s)' % (name, values['company']) if name else values['company']
        return name

    def validate(self, ctx):
        p = ctx.params
        if not p.get('tag') and not any((p.get(option) or '').strip() for option, _prop in NAME_PARTS):
            raise ValidationError('give first_name, last_name or company (they identify the contact), or its tag')

    def key_of(self, entity):
        """The tag of a tagged contact, else ``First Last (Company)``."""
        if entity.get('Tag'):
            return entity['Tag']
        return self.label(dict((option, entity.get(prop)) for option, prop in NAME_PARTS))

    def key_params(self, entity):
        params = dict((option, entity.get(prop)) for option, prop in NAME_PARTS)
        if entity.get('Tag'):
            params['tag'] = entity['Tag']
        return params

    def find(self, ctx):
        """By tag (one GET), else by name and company (one GET, each part ignoring case, an empty one null or '')."""
        p = ctx.params
        if p.get('tag'):
            return self.find_one(ctx, equals('Tag', p['tag']))
        clauses = []
        for option, prop in NAME_PARTS:
            value = (p.get(option) or '').strip()
            clauses.append(equals(prop, value, ignore_case=True) if value else empty_or_null(prop))
        return self.find_one(ctx, all_of(*clauses))

    def find_among(self, ctx, entities):
        p = ctx.params
        if p.get('tag'):
            matches = [e for e in entities if e.get('Tag') == p['tag']]
        else:
            wanted = name_identity(p)
            matches = self.index(ctx, entities).get(wanted, [])
        if len(matches) > 1:
            raise ValidationError('%s matches %d contacts on the PBX; expected one: give each a tag' % (self.describe(ctx), len(matches)))
        return matches[0] if matches else None

    def index(self, ctx, entities):
        """``{(first, last, company): [entities]}`` of a listing, built once per task."""
        cache_key = (self.entity_set, id(entities))
        if cache_key not in ctx.lookups.indexes:
            index = {}
            for entity in entities:
                index.setdefault(entity_identity(entity), []).append(entity)
            ctx.lookups.indexes[cache_key] = index
        return ctx.lookups.indexes[cache_key]

    def check_together(self, items):
        """Two untagged items with one name and company (ignoring case) are one contact and would fight: name both.
        (Two items with one tag are named by tcx_config itself: the tag is the key option.)"""
        seen, errors = {}, []
        for label, p in items:
            if p.get('tag') or p.get('state') == 'absent':
                continue
            first = seen.setdefault(name_identity(p), label)
            if first != label:
                errors.append('%s: the same contact as %s (name and company compare ignoring case); give each contact '
                              'once, or tell them apart with a tag' % (label, first))
        return errors

    def create_payload(self, ctx, payload):
        """The managed properties and the tag, if given (an untagged contact is created without one)."""
        if ctx.params.get('tag'):
            payload['Tag'] = ctx.params['tag']
        return payload

    def protected(self, entity):
        """Contacts synchronised from a CRM, Google or Microsoft 365 are never pruned: the sync would bring them back."""
        return entity.get('ContactType') not in (None, OWN_SOURCE)
