# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The field table: what a kind declares about its options, and the values and paths they map to.

A :class:`Field` is one module option and the XAPI property it manages; a :class:`Rule` is what its
value must look like. The helpers here turn option trees and entities into each other. Nothing here
reads or writes the PBX: read-only modules, lookups and filters import it without the write engine.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

from ansible_collections.tcx.xapi.plugins.module_utils.settings_schema import SCHEMA

SECRET_MASK = '********'
SECRET_CHANGED_MASK = '******** (changed)'
# Properties the PBX returns that must never reach a result or a diff. ``AuthID`` is the user name half
# of a phone's SIP credentials (with ``AuthPassword``): whoever has both registers as the extension.
# The settings' concealed passwords and files (MailPassword, EncryptBackupPassword, FtpPassword, SftpPrivateKey,
# ...) come from the spec-derived settings_schema.py: every property of type Pbx.ConcealedPassword or -DataFile.
# A desk phone's (Pbx.Phone) Settings.Secret, and its provisioning links, whose path lets anyone fetch the phone's
# configuration with its SIP credentials, are secrets too.
SERVER_SECRETS = frozenset(['AccessPassword', 'AuthPassword', 'AuthID', 'VMPIN', 'DeskphonePassword',
                            'SipPassword', 'Password', 'Pin', 'Secret', 'ProvisioningLinkExt', 'ProvisioningLinkLocal'] + sorted(
    set(prop for props in SCHEMA['types'].values() for prop, kind in props.items() if kind in ('Pbx.ConcealedPassword', 'Pbx.ConcealedDataFile'))))


class ValidationError(Exception):
    """Bad input, found before any request that writes."""


# -- values and paths -------------------------------------------------------------------------

def get_path(entity, path):
    """Return the value at a dotted property path (``Props.UserNumberFrom``), or None."""
    value = entity
    for part in path.split('.'):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def set_path(target, path, value):
    """Set the value at a dotted property path, creating intermediate objects."""
    parts = path.split('.')
    for part in parts[:-1]:
        if not isinstance(target.get(part), dict):
            target[part] = {}
        target = target[part]
    target[parts[-1]] = value


def strip_secrets(value, extra=()):
    """Return a copy of an entity (or list of them) without any secret property, at any depth."""
    hidden = SERVER_SECRETS.union(extra)
    if isinstance(value, dict):
        return dict((k, strip_secrets(v, extra)) for k, v in value.items()
                    if k not in hidden and not k.startswith('@odata'))
    if isinstance(value, list):
        return [strip_secrets(v, extra) for v in value]
    return value


# json.dumps(value, sort_keys=True, default=str), without building an encoder for each of thousands of values.
_canonical = json.JSONEncoder(sort_keys=True, default=str).encode


class Field(object):
    """One module option and the XAPI property it manages.

    ``path`` is the dotted XAPI property path; a ``dict`` option with ``suboptions`` and no path is
    a group of fields. ``compare`` is ``exact``, ``set`` (lists compared as sets) or ``ignore_case``.
    ``to_api(value, ctx)`` / ``from_api(value, ctx)`` translate between option and XAPI values
    (for references such as department name to GroupId). ``managed=False`` marks options that
    steer the module but are not entity properties. ``mirrors`` are further property paths that
    always hold the same value as ``path`` (one option setting several properties).
    ``rule`` is a :class:`Rule` the value must follow (checked before the first request).
    ``fold`` turns each element of a ``set`` into what the PBX compares (department names ignoring case).
    """

    def __init__(self, option, path=None, type='str', choices=None, elements=None, suboptions=None,
                 required=False, default=None, secret=False, compare='exact', to_api=None,
                 from_api=None, managed=True, aliases=None, mirrors=(), rule=None, fold=None):
        self.option = option
        self.rule = rule
        self.fold = fold
        self.path = path
        self.mirrors = tuple(mirrors)
        self.type = type
        self.choices = choices
        self.elements = elements
        self.suboptions = suboptions or []
        self.required = required
        self.default = default
        self.secret = secret
        self.compare = compare
        self._to_api = to_api
        self._from_api = from_api
        self.managed = managed
        self.aliases = aliases

    @property
    def is_group(self):
        """True for a dict of suboptions that each map to their own property."""
        return bool(self.suboptions) and self.path is None

    @property
    def paths(self):
        """Every property path this option writes: ``path`` and its ``mirrors``."""
        return (self.path,) + self.mirrors

    def spec(self):
        """The Ansible argument spec entry of this option."""
        entry = {'type': self.type}
        for name in ('choices', 'elements', 'required', 'default', 'aliases'):
            value = getattr(self, name)
            if value or (name == 'default' and value is False):  # a default of false is documented as one
                entry[name] = value
        if self.secret:
            entry['no_log'] = True
        if self.suboptions:
            entry['options'] = dict((f.option, f.spec()) for f in self.suboptions)
        return entry

    def to_api(self, value, ctx, held=None):
        """The XAPI value for an option value; ``held`` is the value the PBX holds now (None on create),
        for a field whose option sets only part of its property."""
        return self._to_api(value, ctx) if self._to_api else value

    def from_api(self, value, ctx):
        """The option value for an XAPI value (what the user would have written)."""
        return self._from_api(value, ctx) if self._from_api else value

    def canonical(self, value):
        """A desired value in the form results show (a destination's ``to: VoiceMail`` as ``voicemail``),
        so that a diff of an unchanged value shows no difference."""
        return value

    def shown(self, current, desired, ctx=None):
        """What a diff shows of the current value next to a desired one that differs: all of it, unless
        the field compares only the parts the user gave (``ctx`` for a field that names what it reaches)."""
        return current

    def waits(self, ctx, value):
        """Whether the value names an object that tcx_config creates in this run and that does not exist yet
        when this object is created (a destination to an object of the same or a later kind): tcx_config
        then creates this object without the option and sets it once every object exists."""
        return False

    def without(self, value, numbers):
        """The option value without its references to the extension ``numbers`` (objects that tcx_config
        deletes in this run, in a cycle with this one); ``value`` itself when it has none."""
        return value

    def read(self, entity, ctx, disagreeing=True):
        """The option value as the entity holds it.

        When mirrored properties disagree, the value is a dict of each property's value, so that
        it differs from any desired value and a diff shows why; with ``disagreeing=False`` it is the
        first property's value (what the option sets them all to).
        """
        values = [self.from_api(get_path(entity, path), ctx) for path in self.paths]
        if disagreeing and any(value != values[0] for value in values[1:]):
            return dict(zip(self.paths, values))
        return values[0]

    def write(self, target, api_value):
        """Put an XAPI value (from :meth:`to_api`) into a request body: at ``path`` and every mirror."""
        for path in self.paths:
            set_path(target, path, copy.deepcopy(api_value))

    def same(self, current, desired, ctx=None):
        """True when the current option value already matches the desired one (``ctx`` for a field
        that resolves references to compare)."""
        if self.compare == 'set':
            fold = self.fold or (lambda value: value)
            held = sorted(_canonical(fold(v)) for v in current or [])
            wanted = sorted(_canonical(fold(v)) for v in desired or [])
            return held == wanted
        if self.compare == 'ignore_case' and isinstance(current, str) and isinstance(desired, str):
            return current.lower() == desired.lower()
        if self.type == 'int' and current is not None:
            try:
                return int(current) == int(desired)
            except (TypeError, ValueError):
                return False
        return current == desired


class Spread(Field):
    """One option held in several properties (a date in ``Day``, ``Month`` and ``Year``).

    ``paths`` lists the properties; ``to_api(value, ctx)`` returns ``{path: value}`` for each of
    them and ``from_api(values, ctx)`` takes that dict back to the option value.
    """

    def __init__(self, option, paths, **kwargs):
        super(Spread, self).__init__(option, paths[0], mirrors=paths[1:], **kwargs)

    def read(self, entity, ctx, disagreeing=True):
        return self.from_api(dict((path, get_path(entity, path)) for path in self.paths), ctx)

    def write(self, target, api_value):
        for path in self.paths:
            set_path(target, path, copy.deepcopy(api_value[path]))


# A control character (C0: NUL, tab, newline, ...; DEL): never part of a name, a password, a PIN or an email.
# The PBX stores what it is sent; a NUL or newline in a name breaks its phone displays, CSV exports and logs.
CONTROL_CHARACTER = re.compile(r'[\x00-\x1f\x7f]')


class Rule(object):
    """What a value must look like: not empty, at most ``max_length`` characters, matching ``pattern``
    (described to the user as ``shape``), or an integer from ``minimum`` to ``maximum``.

    Every text value is also free of control characters. ``empty`` is the phrase for an empty value
    (``not_empty``); ``secret`` rules never repeat the value they refuse.
    """

    def __init__(self, not_empty=False, max_length=None, pattern=None, shape=None, minimum=None, maximum=None,
                 empty='must not be empty', secret=False):
        self.not_empty = not_empty
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.shape = shape
        self.minimum = minimum
        self.maximum = maximum
        self.empty = empty
        self.secret = secret

    def problem(self, value):
        """What is wrong with ``value`` (a short phrase), or None."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            if self.minimum is not None and value < self.minimum:
                return 'must be at least %d, got %d' % (self.minimum, value)
            if self.maximum is not None and value > self.maximum:
                return 'must be at most %d, got %d' % (self.maximum, value)
            return None
        if not isinstance(value, str):
            return None
        control = CONTROL_CHARACTER.search(value)
        if control:
            return 'must not contain control characters (newline, tab, NUL, ...), found %s' % describe_character(control.group())
        if self.not_empty and not value.strip():
            return self.empty
        if self.max_length is not None and len(value) > self.max_length:
            return 'must be at most %d characters, got %d' % (self.max_length, len(value))
        if self.pattern is not None and value and not self.pattern.match(value):
            return 'must be %s' % self.shape if self.secret else 'must be %s, got %r' % (self.shape, value)
        return None


def describe_character(char):
    """``U+000A (newline)``: a control character named without printing it."""
    names = {'\x00': 'NUL', '\t': 'tab', '\n': 'newline', '\r': 'carriage return', '\x7f': 'DEL'}
    code = 'U+%04X' % ord(char)
    return '%s (%s)' % (code, names[char]) if char in names else code


# Text limits. The official spec (swagger-20.0.10.yaml: Pbx.User, Pbx.Group, Pbx.Parking, Pbx.Weblink)
# declares no maxLength and no pattern on any string property these modules write (its only string
# limits there are Pbx.User.Blfs, 20480): the lengths below are the collection's own, chosen so that
# no real name is refused (RFC 5321 limits an email address to 254 characters).
MAX_NAME = 255
MAX_EMAIL = 254
# Pbx.GroupProps counters and Pbx.User.PrimaryGroupId are int32 in the spec (maximum 2147483647).
INT32_MAX = 2147483647
NAME_RULE = Rule(not_empty=True, max_length=MAX_NAME)
TEXT_RULE = Rule(max_length=MAX_NAME)
COUNT_RULE = Rule(minimum=0, maximum=INT32_MAX)
# A language as the PBX stores it (Pbx.User.Language, Pbx.Group.Language): a two-letter code, EN, DE, FR.
LANGUAGE_RULE = Rule(not_empty=True, pattern=r'^[A-Za-z]{2}$', shape='a two-letter language code such as EN or DE')
PHONE_RULE = Rule(max_length=40, pattern=r'^[+0-9 ()./*#-]*$', shape='a phone number (digits, +, spaces, ( ) . / - * #)')
# What every text option without a rule of its own must be: free of control characters.
ANY_TEXT = Rule()
# A password given must say something: an empty one would leave the user without one (the PBX takes "").
# Left out, the module generates a strong one on create.
PASSWORD_RULE = Rule(not_empty=True, secret=True,
                     empty='must not be empty: leave password out to have a strong one generated on create')
# A voicemail PIN is typed on a phone's keypad: digits only. The official spec declares VMPIN a plain string
# (swagger-20.0.10.yaml: Pbx.User.VMPIN, no pattern, no length) and FACTS.md says nothing of it; the length
# is the collection's own rule, from 3CX's web client, which asks for a numeric PIN, and its default
# PINs of 4 digits (as the emulator seeds them): 4 to 10 digits.
PIN_RULE = Rule(not_empty=True, pattern=r'^[0-9]{4,10}$', shape='4 to 10 digits (a PIN is typed on a phone keypad)',
                secret=True)


class LanguageField(Field):
    """A language code (``Pbx.User.Language``, ``Pbx.Group.Language``, ``Pbx.OfficeHours.SystemLanguage``): compared
    ignoring case and written in capitals, as the PBX writes its codes (EN, DE), so that ``de`` against a held ``DE``
    is no change."""

    def __init__(self, option, path):
        super(LanguageField, self).__init__(option, path, rule=LANGUAGE_RULE, compare='ignore_case')

    def canonical(self, value):
        return value.upper() if isinstance(value, str) else value


def _kind_of_value(value, secret=False):
    """``a list``, ``a dict``, ``null``, ``a boolean (true)``, ``a float 1.5``; a secret's value is never shown."""
    if value is None:
        return 'null'
    if isinstance(value, dict):
        return 'a dict'
    if isinstance(value, (list, tuple)):
        return 'a list'
    if secret:
        return 'a %s' % ('boolean' if isinstance(value, bool) else type(value).__name__)
    if isinstance(value, bool):
        return 'a boolean (%s)' % str(value).lower()
    return 'a %s %r' % (type(value).__name__, value)


def _scalar_problem(field, value, where):
    """What is wrong with the shape of a value given for a ``str``, ``int`` or ``bool`` option (or element), or None.

    Ansible's own conversion would turn a list, a dict, a boolean or a float given for a string into its
    Python text (``"['x']"``, ``"True"``), and pass a boolean for an integer on (``True`` is an ``int`` in
    Python): the PBX would store it. Numbers for a string stay allowed (``extension: 101``).
    """
    kind = field.elements if field.type == 'list' else field.type
    if kind == 'str' and (value is None or isinstance(value, (dict, list, tuple, bool, float))):
        return '%s must be a string, got %s' % (where, _kind_of_value(value, field.secret))
    if kind == 'int' and (value is None or isinstance(value, (dict, list, tuple, bool, float))):
        return '%s must be an integer, got %s' % (where, _kind_of_value(value, field.secret))
    if kind == 'bool' and (value is None or isinstance(value, (dict, list, tuple, float))):
        return '%s must be a boolean (true or false), got %s' % (where, _kind_of_value(value, field.secret))
    return None


def type_problems(fields, raw, prefix=''):
    """Values whose shape cannot be what an option takes, each named by its option path.

    Runs on the arguments as given, before Ansible's validation: Ansible would turn a list given for a
    string into the string ``"['a']"``, pass ``true`` on for an integer, answer a string given for a list of
    dicts with "dictionary requested" without naming the option, and fail with a Python error on ``[null]``
    given for a group of options. This check says
    ``users[3].departments must be a list of dicts (name, role), got a str 'Sales'``.
    """
    problems = []
    if not isinstance(raw, dict):
        return problems
    for field in fields:
        value = raw.get(field.option)
        if value is None:
            continue
        where = prefix + field.option
        if field.type in ('str', 'int', 'bool'):
            problem = _scalar_problem(field, value, where)
            if problem:
                problems.append(problem)
        elif field.type == 'dict' and not isinstance(value, (dict, str)):
            problems.append('%s must be a dict, got %s' % (where, _kind_of_value(value)))
        elif field.type == 'dict' and isinstance(value, dict) and field.suboptions:
            problems.extend(type_problems(field.suboptions, value, where + '.'))
        elif field.type == 'list' and field.elements == 'dict':
            shape = 'a list of dicts (%s)' % ', '.join(f.option for f in field.suboptions)
            if not isinstance(value, (list, tuple)):
                problems.append('%s must be %s, got %s' % (where, shape, _kind_of_value(value)))
                continue
            for index, element in enumerate(value):
                if not isinstance(element, dict):
                    problems.append('%s[%d] must be a dict (%s), got %s' % (
                        where, index, ', '.join(f.option for f in field.suboptions), _kind_of_value(element)))
                else:
                    problems.extend(type_problems(field.suboptions, element, '%s[%d].' % (where, index)))
        elif field.type == 'list' and isinstance(value, (dict, bool, float)):
            problems.append('%s must be a list, got %s' % (where, _kind_of_value(value, field.secret)))
        elif field.type == 'list' and isinstance(value, (list, tuple)):
            for index, element in enumerate(value):
                problem = _scalar_problem(field, element, '%s[%d]' % (where, index))
                if problem:
                    problems.append(problem)
    return problems


def set_aside_wrong_shapes(fields, params):
    """Run :func:`type_problems` on arguments as given and take every option with a problem out of ``params``
    (in place), so that Ansible's validation neither converts nor trips on it; return the problems."""
    problems = []
    for field in fields:
        found = type_problems([field], params)
        if found:
            problems.extend(found)
            params.pop(field.option, None)
    return problems


def rule_problems(fields, params, prefix=''):
    """Values that break their field's :class:`Rule`, each named by its option path; a text option without a
    rule of its own follows :data:`ANY_TEXT` (no control characters)."""
    problems = []
    for field in fields:
        value = params.get(field.option) if isinstance(params, dict) else None
        if value is None:
            continue
        where = prefix + field.option
        rule = field.rule
        if rule is None and 'str' in (field.type, field.elements):
            rule = ANY_TEXT
        if rule is not None:
            for index, element in enumerate(value if isinstance(value, list) else [value]):
                found = rule.problem(element)
                # A rule may name several problems, and a part of the value: '.monday: ...' follows the option path.
                for problem in (found if isinstance(found, list) else [found] if found else []):
                    place_ = '%s[%d]' % (where, index) if isinstance(value, list) else where
                    problems.append('%s%s%s' % (place_, '' if problem.startswith('.') else ' ', problem))
        if field.suboptions and isinstance(value, dict):
            problems.extend(rule_problems(field.suboptions, value, where + '.'))
        elif field.suboptions and isinstance(value, list):
            for index, element in enumerate(value):
                problems.extend(rule_problems(field.suboptions, element, '%s[%d].' % (where, index)))
    return problems


class Leaf(object):
    """A managed field together with its position in the option tree (``('routing', 'office_hours', 'to')``)."""

    def __init__(self, field, option_path):
        self.field = field
        self.option_path = option_path


def leaves(fields, prefix=()):
    """Every managed field of a table, groups flattened, with its option path."""
    result = []
    for field in fields:
        if not field.managed:
            continue
        if field.is_group:
            result.extend(leaves(field.suboptions, prefix + (field.option,)))
        else:
            result.append(Leaf(field, prefix + (field.option,)))
    return result


def get_option(tree, option_path):
    """Return the value at an option path (``('extension_range', 'user_from')``) of a tree, or None."""
    for name in option_path:
        if not isinstance(tree, dict):
            return None
        tree = tree.get(name)
    return tree


def place(tree, option_path, value):
    """Set the value at an option path of a tree, creating the groups on the way."""
    for name in option_path[:-1]:
        tree = tree.setdefault(name, {})
    tree[option_path[-1]] = value


def is_empty(value):
    """True for a value that says nothing (None, '', [], {}): left out of an object's options."""
    return value is None or value == '' or value == [] or value == {}


def naming_an_option(messages):
    """Ansible's argument errors that name their option (it reports only its first error, which may not)."""
    return [m for m in messages or [] if "option '" in m or "argument '" in m]
