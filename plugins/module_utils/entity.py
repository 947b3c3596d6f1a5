# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The entity engine: from a field table to argument spec, lookup, comparison, plan, writes and diff.

A module declares an :class:`EntityKind` (entity set, natural key, a table of :class:`Field`) and
calls :func:`run_entity_module`. The engine finds the current entity by its natural key, compares
only the options the user set, plans create / update / delete / nothing, applies it with one
request, and returns ``changed``, the entity without secrets, and a diff in option names.
Entity-specific behaviour is a small override of an :class:`EntityKind` hook, never a copy.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible_collections.tcx.xapi.plugins.module_utils.client import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, XAPIClient, XAPIError,
)
from ansible_collections.tcx.xapi.plugins.module_utils.generated_passwords import PasswordDelivery, PasswordsFileError
from ansible_collections.tcx.xapi.plugins.module_utils.odata import build_query, equals, key_segment
from ansible_collections.tcx.xapi.plugins.module_utils.token_cache import default_cache_dir

SECRET_MASK = '********'
SECRET_CHANGED_MASK = '******** (changed)'
# Properties the PBX returns that must never reach a result or a diff.
SERVER_SECRETS = frozenset(['AccessPassword', 'AuthPassword', 'VMPIN', 'DeskphonePassword',
                            'SipPassword', 'Password', 'Pin'])
ALREADY_IN_USE = 'WARNINGS.XAPI.ALREADY_IN_USE'


class ValidationError(Exception):
    """Bad input, found before any request that writes."""


class UncertainWrite(XAPIError):
    """The answer to a write was lost and reading back whether it took effect failed too."""

    def __init__(self, lost, read_error):
        super(UncertainWrite, self).__init__(
            'the answer was lost (%s) and reading back whether it took effect failed (%s)'
            % (lost.explain(), read_error.explain()), status=read_error.status, transient=True)


def write_with_read_back(client, send, read_back):
    """Send a write that must not be repeated blindly (a POST): after a lost answer, read back first.

    ``send()`` makes the request and returns its answer. After a lost answer (a transient error),
    ``read_back()`` asks the PBX whether the write took effect: a truthy value (the created
    entity, or True for a deletion) is returned as the outcome; a falsy one means it did not, and
    the write is sent again after the client's back-off, at most ``retries`` more times. Reading
    back is a GET, retried with the same back-off. Raises the write's own error when the attempts
    are used up, and :class:`UncertainWrite` when reading back failed, so that the caller reports
    an outcome it does not know as unknown, never as a failure to write.
    """
    attempts = client.retries + 1
    for attempt in range(attempts):
        try:
            return send()
        except XAPIError as exc:
            if not exc.transient:
                raise
            lost = exc
        try:
            outcome = read_back()
        except XAPIError as read_error:
            raise UncertainWrite(lost, read_error)
        if outcome:
            return outcome
        if attempt + 1 >= attempts:
            raise lost
        client.wait_before_retry(attempt)


def connection_argument_spec():
    """The connection options every module shares (documented in the tcx.xapi.connection fragment)."""
    return dict(
        url=dict(type='str', required=True, fallback=(env_fallback, ['TCX_URL'])),
        client_id=dict(type='str', fallback=(env_fallback, ['TCX_CLIENT_ID'])),
        client_secret=dict(type='str', no_log=True, fallback=(env_fallback, ['TCX_CLIENT_SECRET'])),
        access_token=dict(type='str', no_log=True, fallback=(env_fallback, ['TCX_ACCESS_TOKEN'])),
        validate_certs=dict(type='bool', default=True, fallback=(env_fallback, ['TCX_VALIDATE_CERTS'])),
        ca_path=dict(type='path', fallback=(env_fallback, ['TCX_CA_PATH'])),
        timeout=dict(type='int', default=30, fallback=(env_fallback, ['TCX_TIMEOUT'])),
        retries=dict(type='int', default=3, fallback=(env_fallback, ['TCX_RETRIES'])),
        token_cache=dict(type='bool', default=True, fallback=(env_fallback, ['TCX_TOKEN_CACHE'])),
    )


def client_from_module(module):
    """Build the :class:`XAPIClient` from a module's connection options (fails the module on error)."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    p = module.params
    if p['timeout'] <= 0 or p['retries'] < 0:
        module.fail_json(msg='timeout must be positive and retries zero or more')
    try:
        return XAPIClient(p['url'], client_id=p['client_id'], client_secret=p['client_secret'],
                          access_token=p['access_token'], validate_certs=p['validate_certs'],
                          ca_path=p['ca_path'], timeout=p['timeout'], retries=p['retries'],
                          check_mode=module.check_mode, warn=module.warn,
                          token_cache_dir=default_cache_dir() if p['token_cache'] else None)
    except (XAPIError, ValueError) as exc:
        module.fail_json(msg=str(exc))


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


def merge_entity(entity, payload):
    """Return ``entity`` with ``payload`` applied the way the PBX applies a PATCH we built."""
    merged = copy.deepcopy(entity)
    merged.update(copy.deepcopy(payload))
    return merged


def strip_secrets(value, extra=()):
    """Return a copy of an entity (or list of them) without any secret property, at any depth."""
    hidden = SERVER_SECRETS.union(extra)
    if isinstance(value, dict):
        return dict((k, strip_secrets(v, extra)) for k, v in value.items()
                    if k not in hidden and not k.startswith('@odata'))
    if isinstance(value, list):
        return [strip_secrets(v, extra) for v in value]
    return value


def _canonical(value):
    return json.dumps(value, sort_keys=True, default=str)


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
            if value:
                entry[name] = value
        if self.secret:
            entry['no_log'] = True
        if self.suboptions:
            entry['options'] = dict((f.option, f.spec()) for f in self.suboptions)
        return entry

    def to_api(self, value, ctx):
        """The XAPI value for an option value."""
        return self._to_api(value, ctx) if self._to_api else value

    def from_api(self, value, ctx):
        """The option value for an XAPI value (what the user would have written)."""
        return self._from_api(value, ctx) if self._from_api else value

    def same(self, current, desired):
        """True when the current option value already matches the desired one."""
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


class Rule(object):
    """What a value must look like: not empty, at most ``max_length`` characters, matching ``pattern``
    (described to the user as ``shape``), or an integer from ``minimum`` to ``maximum``."""

    def __init__(self, not_empty=False, max_length=None, pattern=None, shape=None, minimum=None, maximum=None):
        self.not_empty = not_empty
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.shape = shape
        self.minimum = minimum
        self.maximum = maximum

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
        if self.not_empty and not value.strip():
            return 'must not be empty'
        if self.max_length is not None and len(value) > self.max_length:
            return 'must be at most %d characters, got %d' % (self.max_length, len(value))
        if self.pattern is not None and value and not self.pattern.match(value):
            return 'must be %s, got %r' % (self.shape, value)
        return None


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


def _kind_of_value(value):
    if isinstance(value, dict):
        return 'a dict'
    if isinstance(value, (list, tuple)):
        return 'a list'
    return 'a %s %r' % (type(value).__name__, value)


def type_problems(fields, raw, prefix=''):
    """Values whose shape cannot be what an option takes, each named by its option path.

    Ansible would turn a list given for a string into the string ``"['a']"``, and answers a string
    given for a list of dicts with "dictionary requested" without naming the option; this check
    runs first and says ``users[3].departments must be a list of dicts (name, role), got a str 'Sales'``.
    """
    problems = []
    if not isinstance(raw, dict):
        return problems
    for field in fields:
        value = raw.get(field.option)
        if value is None:
            continue
        where = prefix + field.option
        if field.type == 'str' and isinstance(value, (dict, list, tuple)):
            problems.append('%s must be a string, got %s' % (where, _kind_of_value(value)))
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
        elif field.type == 'list' and field.elements == 'str' and isinstance(value, (list, tuple)):
            for index, element in enumerate(value):
                if isinstance(element, (dict, list, tuple)):
                    problems.append('%s[%d] must be a string, got %s' % (where, index, _kind_of_value(element)))
    return problems


def rule_problems(fields, params, prefix=''):
    """Values that break their field's :class:`Rule`, each named by its option path."""
    problems = []
    for field in fields:
        value = params.get(field.option) if isinstance(params, dict) else None
        if value is None:
            continue
        where = prefix + field.option
        if field.rule is not None:
            for index, element in enumerate(value if isinstance(value, list) else [value]):
                problem = field.rule.problem(element)
                if problem:
                    problems.append('%s %s' % ('%s[%d]' % (where, index) if isinstance(value, list) else where, problem))
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


def _place(tree, option_path, value):
    for name in option_path[:-1]:
        tree = tree.setdefault(name, {})
    tree[option_path[-1]] = value


class Context(object):
    """What hooks get: the module, its params, the client, and two caches.

    ``cache`` belongs to this one object's run (its current memberships, a generated password);
    ``shared`` holds lookups that stay true for every object of a task (departments by name,
    the time zone table), so that tcx_config reads them once for all its items.
    """

    def __init__(self, module, client, shared=None):
        self.module = module
        self.params = module.params
        self.client = client
        self.cache = {}
        self.shared = {} if shared is None else shared

    def cached(self, key, compute):
        """Return ``shared[key]``, computing it once per task."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]


class EntityKind(object):
    """The declaration of one kind of entity. Modules subclass it and override hooks.

    Class attributes: ``name`` (for messages), ``entity_set`` (``Groups``), ``result_key``
    (``department``), ``key_option``/``key_property`` (the natural key), ``fields``, ``expand``
    (navigation properties to read along), ``extra_select`` (properties hooks need).
    """

    name = None
    entity_set = None
    result_key = None
    key_option = None
    key_property = None
    key_ignore_case = False
    fields = []
    expand = None
    extra_select = ()
    required_if = ()
    mutually_exclusive = ()
    required_one_of = ()

    # -- declaration --------------------------------------------------------------------------

    def argument_spec(self):
        """Connection options, ``state`` and the field table as an Ansible argument spec."""
        spec = connection_argument_spec()
        spec['state'] = dict(type='str', default='present', choices=['present', 'absent'])
        for field in self.fields:
            spec[field.option] = field.spec()
        return spec

    def leaves(self):
        """The managed leaves of the field table, computed once per kind."""
        if '_leaves' not in self.__dict__:
            self._leaves = leaves(self.fields)
        return self._leaves

    def select(self):
        """Top-level properties to read: ``Id``, the key, every managed path and ``extra_select``."""
        names = ['Id', self.key_property]
        for leaf in self.leaves():
            names.extend(path.split('.')[0] for path in leaf.field.paths)
        names.extend(self.extra_select)
        return sorted(set(n for n in names if n))

    def describe(self, ctx):
        """How messages name the entity: ``department 'Sales'``."""
        return "%s '%s'" % (self.name, ctx.params.get(self.key_option))

    # -- hooks (override what differs) ---------------------------------------------------------

    def check(self, ctx):
        """Every check of the input that needs no request: the fields' rules, then :meth:`validate`."""
        problems = rule_problems(self.fields, ctx.params)
        if problems:
            raise ValidationError('; '.join(problems))
        self.validate(ctx)

    def validate(self, ctx):
        """Check the input before any request; raise :class:`ValidationError`."""

    def normalize(self, ctx, desired):
        """Turn desired option values into what the PBX stores (may read, never writes)."""
        return desired

    def entity_path(self, entity):
        """The path of one entity, ``Groups(12)``."""
        return self.entity_set + key_segment(entity['Id'])

    def find(self, ctx):
        """The current entity by natural key, or None: one ``$filter`` + ``$select`` GET."""
        key = ctx.params.get(self.key_option)
        if key is None:
            return None
        return self.find_one(ctx, equals(self.key_property, key, ignore_case=self.key_ignore_case))

    def key_of(self, entity):
        """The natural key value of an entity as the PBX holds it."""
        return entity.get(self.key_property)

    def find_among(self, ctx, entities):
        """Like :meth:`find`, but in entities already read (tcx_config reads each kind once)."""
        key = ctx.params.get(self.key_option)
        if key is None:
            return None
        matches = self.index(ctx, entities).get(self.folded_key(key), [])
        if len(matches) > 1:
            raise ValidationError('%s matches %d entities on the PBX; expected one' % (self.describe(ctx), len(matches)))
        return matches[0] if matches else None

    def folded_key(self, key):
        return str(key).lower() if self.key_ignore_case else key

    def index(self, ctx, entities):
        """``{key: [entities]}`` of a listing, built once per task (a thousand lookups stay cheap)."""
        cache_key = ('index', self.entity_set, id(entities))
        if cache_key not in ctx.shared:
            index = {}
            for entity in entities:
                index.setdefault(self.folded_key(self.key_of(entity)), []).append(entity)
            ctx.shared[cache_key] = index
        return ctx.shared[cache_key]

    def member_of(self, params):
        """The department names an object with these options belongs to after its write; None when the
        options leave its memberships as they are (or it has none)."""
        return None

    def departments_named(self, params):
        """Every department name these options refer to (the check before a department is deleted)."""
        return self.member_of(params) or []

    def key_params(self, entity):
        """The options that name an existing entity (to delete one that tcx_config prunes)."""
        return {self.key_option: self.key_of(entity)}

    def protected(self, entity):
        """True for entities that must never be pruned (the system department)."""
        return False

    def delete_many(self, ctx, entities):
        """Delete several entities; return ``{key: error message}`` for those that failed."""
        failures = {}
        for entity in entities:
            try:
                self.delete(ctx, entity)
            except (XAPIError, ValidationError) as exc:
                failures[self.key_of(entity)] = exc.explain() if isinstance(exc, XAPIError) else str(exc)
        return failures

    def find_one(self, ctx, filter_expr):
        """The single entity matching a filter, or None; more than one is an error."""
        params = build_query(filter_expr, self.select(), self.expand, top=2)
        found = ctx.client.get(self.entity_set, params=params).get('value', [])
        if len(found) > 1:
            raise ValidationError('%s matches %d entities on the PBX; expected one'
                                  % (self.describe(ctx), len(found)))
        return found[0] if found else None

    def create_payload(self, ctx, payload):
        """The POST body: the managed properties plus anything the PBX needs on create."""
        payload[self.key_property] = ctx.params[self.key_option]
        return payload

    def preflight(self, ctx, plan):
        """Checks that read the PBX after planning and before the first write (GET only).

        Runs for creates, updates and deletes, in check mode as in a real run, so that a check run
        fails where the real run would, with the same message.
        """

    def create(self, ctx, payload):
        """POST the entity and return it. A lost answer is resolved by reading back, never by a blind repeat."""
        created = write_with_read_back(ctx.client, lambda: ctx.client.post(self.entity_set, payload),
                                       lambda: self.find(ctx))
        if not created or 'Id' not in created:
            created = self.find(ctx) or created
        return created

    def update(self, ctx, current, payload):
        """PATCH only the changed properties."""
        ctx.client.patch(self.entity_path(current), payload)

    def delete(self, ctx, current):
        """DELETE the entity; already gone (a retry after a lost answer) counts as deleted."""
        try:
            ctx.client.delete(self.entity_path(current))
        except XAPIError as exc:
            if exc.status != 404:
                raise

    def delete_by_action(self, ctx, action, body):
        """Delete through a PBX action such as ``Groups/Pbx.DeleteCompanyById``.

        A lost answer is resolved by looking the entity up again: gone means deleted.
        """
        write_with_read_back(ctx.client, lambda: ctx.client.post(action, body) or True,
                             lambda: self.find(ctx) is None)

    def after_write(self, ctx, entity, plan):
        """Writes that must follow the main one (e.g. a primary department). Returns the entity."""
        return entity

    def result(self, ctx, entity):
        """Extra keys for the module result."""
        return {}

    def generated_secrets(self, ctx):
        """Rows for :mod:`generated_passwords`: secrets this run generated that the PBX may now hold."""
        return []


class Plan(object):
    """What the engine decided: ``action`` (create, update, delete, none), payload and diff.

    ``current`` is the entity as read (None for a create): checks before a delete read it.
    """

    def __init__(self, action, payload=None, before=None, after=None, changed_leaves=(), current=None):
        self.action = action
        self.current = current
        self.payload = payload or {}
        self.before = before or {}
        self.after = after or {}
        self.changed_leaves = list(changed_leaves)

    @property
    def changed(self):
        return self.action != 'none'

    def become(self, other):
        """Take over ``other``'s decision: the object turned out to exist (another process created it)."""
        self.__dict__.update(other.__dict__)


class Engine(object):
    """Runs one entity module: desired state, lookup, plan, apply, result."""

    def __init__(self, kind, ctx):
        self.kind = kind
        self.ctx = ctx
        self.leaves = kind.leaves()

    def desired(self):
        """The option tree of every managed option the user set."""
        tree = {}
        for leaf in self.leaves:
            value = get_option(self.ctx.params, leaf.option_path)
            if value is not None:
                _place(tree, leaf.option_path, value)
        return self.kind.normalize(self.ctx, tree)

    def current_value(self, leaf, entity):
        """The option value of a leaf as the PBX holds it now.

        When mirrored properties disagree, the value is a dict of each property's value, so that
        it differs from any desired value and the diff shows why.
        """
        values = [leaf.field.from_api(get_path(entity, path), self.ctx) for path in leaf.field.paths]
        if any(value != values[0] for value in values[1:]):
            return dict(zip(leaf.field.paths, values))
        return values[0]

    def view(self, entity, only=None):
        """An option tree of the entity's values: every managed leaf, or those in ``only``."""
        tree = {}
        for leaf in self.leaves:
            if only is not None and get_option(only, leaf.option_path) is None:
                continue
            value = self.current_value(leaf, entity)
            _place(tree, leaf.option_path, self.mask(leaf, value, changed=False) if value is not None else None)
        return tree

    def description(self, entity):
        """The natural key and every non-secret option value the entity has: what an audit shows of an
        object the desired state does not name."""
        tree = self.key_view(entity)
        for leaf in self.leaves:
            value = None if leaf.field.secret else self.current_value(leaf, entity)
            if value not in (None, '', [], {}):
                _place(tree, leaf.option_path, value)
        return tree

    @staticmethod
    def mask(leaf, value, changed):
        """Secrets are shown as a fixed mask, never their value."""
        if not leaf.field.secret:
            return value
        return SECRET_CHANGED_MASK if changed else SECRET_MASK

    def key_view(self, entity=None):
        """The natural key as options (``{name: Sales}``): what a create or delete diff is about."""
        if entity is not None:
            return dict(self.kind.key_params(entity))
        key = self.ctx.params.get(self.kind.key_option)
        return {} if key is None else {self.kind.key_option: key}

    def plan(self, desired, current):
        """Decide what to do for ``state`` and build payload and diff."""
        if self.ctx.params['state'] == 'absent':
            if current is None:
                return Plan('none')
            before = self.key_view(current)
            before.update(self.view(current))
            return Plan('delete', before=before, current=current)
        if current is None:
            return self.plan_create(desired)
        return self.plan_update(desired, current)

    def plan_create(self, desired):
        payload, after = {}, self.key_view()
        for leaf in self.leaves:
            value = get_option(desired, leaf.option_path)
            if value is None:
                continue
            api_value = leaf.field.to_api(value, self.ctx)
            for path in leaf.field.paths:
                set_path(payload, path, copy.deepcopy(api_value))
            _place(after, leaf.option_path, self.mask(leaf, value, changed=False))
        payload = self.kind.create_payload(self.ctx, payload)
        return Plan('create', payload=payload, after=after)

    def plan_update(self, desired, current):
        payload, before, after, changed = {}, {}, {}, []
        renamed = self.plan_rename(current, payload, before, after)
        for leaf in self.leaves:
            value = get_option(desired, leaf.option_path)
            if value is None:
                continue
            now = self.current_value(leaf, current)
            differs = self.kind_says_changed(leaf, now, value)
            _place(before, leaf.option_path, self.mask(leaf, now, changed=False) if now is not None else None)
            _place(after, leaf.option_path, self.mask(leaf, value, changed=differs))
            if differs:
                changed.append(leaf)
                self.add_to_patch(payload, current, leaf, value)
        if not changed and not renamed:
            return Plan('none', before=before, after=after)
        return Plan('update', payload=payload, before=before, after=after, changed_leaves=changed)

    def plan_rename(self, current, payload, before, after):
        """A key the PBX compares ignoring case, found under another spelling (``SALES`` for ``Sales``):
        the name shown changes, so it is an update of the key. Returns whether it is one."""
        kind = self.kind
        wanted, held = self.ctx.params.get(kind.key_option), kind.key_of(current)
        if not kind.key_ignore_case or wanted is None or held is None or wanted == held:
            return False
        payload[kind.key_property] = wanted
        before[kind.key_option], after[kind.key_option] = held, wanted
        return True

    def kind_says_changed(self, leaf, current, desired):
        """Whether a leaf differs; a kind may override with ``secret_changed`` for secrets."""
        if leaf.field.secret and hasattr(self.kind, 'secret_changed'):
            return self.kind.secret_changed(self.ctx, leaf, current, desired)
        return not leaf.field.same(current, desired)

    def add_to_patch(self, payload, current, leaf, value):
        """Put a changed leaf into the PATCH body.

        A leaf inside a complex property (``Props.UserNumberFrom``) sends that whole property,
        read from the PBX and changed, because whether XAPI merges or replaces a partial
        complex value is undocumented: sending it whole is right either way.
        """
        api_value = leaf.field.to_api(value, self.ctx)
        for path in leaf.field.paths:
            top = path.split('.')[0]
            if '.' in path and top not in payload:
                payload[top] = copy.deepcopy(current.get(top) or {})
            set_path(payload, path, copy.deepcopy(api_value))

    def apply(self, plan, current, preflight=True):
        """Carry out the plan (or predict its result in check mode); return the resulting entity.

        ``preflight=False`` when the caller already ran the kind's preflight checks (tcx_config
        runs them for every object before its first write).
        """
        kind, ctx = self.kind, self.ctx
        if plan.action == 'none':
            return current
        if preflight:
            kind.preflight(ctx, plan)
        if plan.action == 'delete':
            if not ctx.module.check_mode:
                kind.delete(ctx, current)
            return None
        if ctx.module.check_mode:
            base = current or {}
            return merge_entity(base, plan.payload)
        if plan.action == 'create':
            try:
                entity = kind.create(ctx, plan.payload)
            except XAPIError as exc:
                entity = self.converge_on_conflict(exc, plan)
                if entity is not None:
                    return entity
                raise
        else:
            kind.update(ctx, current, plan.payload)
            entity = merge_entity(current, plan.payload)
        return kind.after_write(ctx, entity, plan)

    def converge_on_conflict(self, exc, plan):
        """Another process created the same entity meanwhile: converge on it instead of failing.

        ``plan`` becomes the update (or nothing) that the other process's object needed, so that
        ``changed`` and the diff report what this run did, not the create it lost.
        """
        if exc.key != ALREADY_IN_USE or exc.target != self.kind.key_property:
            return None
        found = self.kind.find(self.ctx)
        if found is None:
            return None
        plan.become(self.plan_update(self.desired(), found))
        return self.apply(plan, found) if plan.changed else found

    def run(self):
        """Validate, find, plan, apply; return the module result."""
        kind, ctx = self.kind, self.ctx
        kind.check(ctx)
        desired = self.desired()
        current = kind.find(ctx)
        plan = self.plan(desired, current)
        entity = self.apply(plan, current)
        result = {'changed': plan.changed, kind.result_key: strip_secrets(entity) if entity else {}}
        if ctx.module._diff:
            result['diff'] = {'before': plan.before, 'after': plan.after}
        result.update(kind.result(ctx, entity))
        return result


def naming_an_option(messages):
    """Ansible's argument errors that name their option (it reports only its first error, which may not)."""
    return [m for m in messages or [] if "option '" in m or "argument '" in m]


def _naming_an_option(module):
    return naming_an_option(getattr(getattr(module, 'validation_result', None), 'error_messages', None))


class _EntityModule(AnsibleModule):
    """An AnsibleModule whose argument errors name the option whose value has the wrong shape.

    Ansible answers ``departments: Sales`` with "dictionary requested, could not parse JSON or
    key=value"; this one says which option and what it takes (:func:`type_problems`).
    """

    fields = ()
    ready = False

    def fail_json(self, msg=None, **kwargs):
        if not self.ready:
            params = getattr(self, 'params', None) or {}
            problems = type_problems(self.fields, params) or _naming_an_option(self)
            if problems:
                msg = '; '.join(problems)
            # Ansible may fail on a value of the wrong shape before it has collected the no_log
            # values: the client secret would then show in the echoed arguments.
            for name, entry in (getattr(self, 'argument_spec', None) or {}).items():
                if entry.get('no_log') and isinstance(params.get(name), str) and params[name]:
                    self.no_log_values.add(params[name])
        super(_EntityModule, self).fail_json(msg=msg, **kwargs)


def run_entity_module(kind, extra_spec=None, module_class=None):
    """The whole ``main()`` of an entity module.

    Generated secrets are delivered (:class:`PasswordDelivery`) also when the task fails: the PBX
    may hold them. ``module_class`` builds the module object (default :class:`AnsibleModule`);
    the action plugins pass one that runs in the controller's worker process, constructed the
    same way.
    """
    spec = kind.argument_spec()
    spec.update(extra_spec or {})
    if module_class is None:  # in a module process; in the controller, module_class checks the arguments itself
        module_class = type('EntityModule', (_EntityModule,), {'fields': kind.fields})
    module = module_class(argument_spec=spec, supports_check_mode=True, required_if=list(kind.required_if),
                          mutually_exclusive=list(kind.mutually_exclusive), required_one_of=list(kind.required_one_of))
    module.ready = True
    client = client_from_module(module)
    ctx = Context(module, client)
    try:
        delivery = PasswordDelivery(module, single=True)
    except PasswordsFileError as exc:
        module.fail_json(msg='%s: %s' % (kind.describe(ctx), exc))
    result, failure = {}, None
    try:
        result = Engine(kind, ctx).run()
    except ValidationError as exc:
        failure = {'msg': '%s: %s' % (kind.describe(ctx), exc)}
    except XAPIError as exc:
        failure = {'msg': '%s: %s' % (kind.describe(ctx), exc.explain()), 'status': exc.status,
                   'warning_key': exc.key}
    delivered, error = delivery.deliver(kind.generated_secrets(ctx))
    if failure is None and error is not None:
        failure = {'msg': '%s: %s' % (kind.describe(ctx), error)}
    elif error is not None:
        failure['msg'] += '; ' + error
    if failure is not None:
        failure.update(delivered)
        module.fail_json(**failure)
    result.update(delivered)
    module.exit_json(**result)
