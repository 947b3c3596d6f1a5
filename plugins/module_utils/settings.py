# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Settings sections: one declaration per single object of the PBX's settings, its fields derived from the spec.

A :class:`Section` names the option (``e164``), the spec's type (``Pbx.E164Settings``) and where the PBX
reads and writes it (a singleton with GET and PATCH, or a pair of functions/actions such as
``Backups/Pbx.GetBackupSettings()`` and ``Backups/Pbx.SetBackupSettings``). Its fields come from
``settings_schema.py`` (derived from the spec by tools/derive_schema.py): each property becomes the option
of its snake_case name, with the type, choices and range the spec gives; a ``Pbx.ConcealedPassword`` is a
secret; a complex property is a group of its own fields. What the collection cannot manage as an option
(concealed files, lists of objects, references to other objects, ``Id``) is left out; properties the PBX
computes are named in ``read_only``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field, Rule
from ansible_collections.tcx.xapi.plugins.module_utils.settings_schema import SCHEMA

CONCEALED = 'Pbx.ConcealedPassword'
# A concealed file (a private key, a service account's JSON) is a secret the collection does not manage.
UNMANAGED_TYPES = ('Pbx.ConcealedDataFile',)
SCALARS = {'Edm.Boolean': 'bool', 'Edm.Int32': 'int', 'Edm.Int64': 'int', 'Edm.String': 'str',
           'Edm.Duration': 'str', 'Edm.TimeOfDay': 'str', 'Edm.DateTimeOffset': 'str'}
# The formats of the official spec (swagger-20.0.10.yaml, format int32 / time / duration / date-time).
RULES = {
    'Edm.Int32': Rule(minimum=-2 ** 31, maximum=2 ** 31 - 1),
    'Edm.TimeOfDay': Rule(pattern=r'^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$', shape='a time of day such as 02:30:00'),
    'Edm.Duration': Rule(pattern=r'^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$',
                         shape='an ISO 8601 duration such as PT8H'),
    'Edm.DateTimeOffset': Rule(pattern=r'^[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$',
                               shape='a date and time such as 2027-01-31T00:00:00Z'),
}


def snake_case(name):
    """The option name of a property: ``HackBarrierAmber`` -> ``hack_barrier_amber``, ``FQDN`` -> ``fqdn``."""
    name = re.sub(r'([A-Z]+)([A-Z][a-z])', r'\1_\2', name)
    return re.sub(r'([a-z0-9])([A-Z])', r'\1_\2', name).lower()


def concealed_is_set(value):
    """True when a ``Pbx.ConcealedPassword`` as read says the PBX holds a value."""
    return isinstance(value, dict) and bool(value.get('Concealed') or value.get('Value'))


def conceal_value(value, ctx=None):
    """The ``Pbx.ConcealedPassword`` that sets a secret."""
    return {'Value': value}


def without_unset_secrets(value):
    """A copy of a settings object without the concealed secrets it only read back (``Value`` empty):
    sent whole to an action, they would overwrite what the PBX holds with nothing."""
    if isinstance(value, dict):
        if set(value) == set(['Concealed', 'Value']) and not value.get('Value'):
            return None
        kept = {}
        for name, item in value.items():
            item = without_unset_secrets(item)
            if item is not None or not isinstance(value[name], dict):
                kept[name] = item
        return kept
    return copy.deepcopy(value)


# What ansible-test's validate-modules takes for a secret's name: options so named that are not secrets
# (allow_change_password, a bool; sftp_host_key_fingerprint) say so with no_log: false.
SECRET_NAME = re.compile(r'(?:pass(?!ive)|secret|token|key)', re.I)


def explicit_no_log(spec):
    """Set ``no_log: false`` on every option of an argument spec (at any depth) whose name looks like a secret's
    and that is none; return the spec."""
    for name, entry in spec.items():
        if 'no_log' not in entry and SECRET_NAME.search(name):
            entry['no_log'] = False
        if entry.get('options'):
            explicit_no_log(entry['options'])
    return spec


class Section(object):
    """One settings section: ``option`` (in tcx_settings, tcx_config's ``settings``, the role's ``tcx_settings``),
    ``type_name`` (``Pbx.E164Settings``), ``read`` (the GET path; default: the type's name, a singleton),
    ``write`` (an action that takes the whole object as ``settings``; default: PATCH of ``read``),
    ``read_only`` (properties the PBX computes) and ``skip`` (properties not managed).
    """

    def __init__(self, option, type_name, read=None, write=None, read_only=(), skip=()):
        self.option = option
        self.type_name = type_name
        self.key = type_name.split('.', 1)[1]
        self.read = read or self.key
        self.write = write
        self.ignored = frozenset(('Id',) + tuple(read_only) + tuple(skip))

    def field(self):
        """The option of the section: a group of one field per managed property."""
        return Field(self.option, type='dict', suboptions=self.subfields(self.type_name, self.key, top=True))

    def subfields(self, type_name, prefix, top=False):
        """The fields of a type's properties (their paths below ``prefix``)."""
        fields = []
        for prop, kind in SCHEMA['types'][type_name].items():
            if top and prop in self.ignored:
                continue
            field = self.property_field(snake_case(prop), '%s.%s' % (prefix, prop), kind)
            if field is not None:
                fields.append(field)
        return fields

    def property_field(self, option, path, kind):
        """The field of one property, or None for what cannot be an option."""
        if kind == CONCEALED:
            return Field(option, path, secret=True, to_api=conceal_value)
        if kind in SCALARS:
            return Field(option, path, type=SCALARS[kind], rule=RULES.get(kind))
        if kind in SCHEMA['enums']:
            return Field(option, path, choices=list(SCHEMA['enums'][kind]))
        if kind.startswith('Collection('):
            item = kind[len('Collection('):-1]
            if item == 'Edm.String':
                return Field(option, path, type='list', elements='str')
            if item in SCHEMA['enums']:
                return Field(option, path, type='list', elements='str', choices=list(SCHEMA['enums'][item]))
            return None
        if kind in SCHEMA['types'] and kind not in UNMANAGED_TYPES and path.count('.') < 3:
            subfields = self.subfields(kind, path)
            return Field(option, type='dict', suboptions=subfields) if subfields else None
        return None

    def wanted(self, params):
        """True when these module arguments manage the section (or, without it among them, read all)."""
        return self.option not in params or params[self.option] is not None

    def get(self, client):
        """The section as the PBX holds it: one GET."""
        found = client.get(self.read)
        return dict((k, v) for k, v in (found or {}).items() if not k.startswith('@odata'))

    def put(self, client, current, wanted):
        """Write what differs between ``current`` and ``wanted`` (both the whole section): a PATCH of the
        changed properties (a complex one whole), or the action with the whole object."""
        if self.write:
            client.post(self.write, {'settings': without_unset_secrets(wanted)})
            return
        body = dict((name, value) for name, value in wanted.items() if current.get(name) != value)
        if body:
            client.patch(self.read, without_unset_secrets(body))


class SectionsRead(dict):
    """What tcx_config reads of the settings: ``{section key: object}``, filled with the sections an item
    manages when it is planned (one GET each), so that a task that sets two sections reads two."""

    def __init__(self, sections, client):
        super(SectionsRead, self).__init__()
        self.sections = sections
        self.client = client

    def load(self, params):
        """Read the sections ``params`` manage that are not read yet; return self."""
        for section in self.sections:
            if section.wanted(params) and section.key not in self:
                self[section.key] = section.get(self.client)
        return self

    def __deepcopy__(self, memo):
        return copy.deepcopy(dict(self), memo)
