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

from ansible_collections.tcx.xapi.plugins.module_utils.client import ALREADY_IN_USE, XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context, client_from_module, connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    SECRET_CHANGED_MASK, SECRET_MASK, Field, ValidationError, get_option, get_path, naming_an_option, place,
    set_aside_wrong_shapes, strip_secrets, type_problems,
)
from ansible_collections.tcx.xapi.plugins.module_utils.generated_passwords import PasswordDelivery, PasswordsFileError
from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY, kind_named
from ansible_collections.tcx.xapi.plugins.module_utils.usage import check_delete


def merge_entity(entity, payload):
    """Return ``entity`` with ``payload`` applied the way the PBX applies a PATCH we built."""
    merged = copy.deepcopy(entity)
    merged.update(copy.deepcopy(payload))
    return merged


class Plan(object):
    """What the engine decided: ``action`` (create, update, delete, none), payload and diff.

    ``current`` is the entity as read (None for a create): checks before a delete read it. ``deferred``
    are the ``(leaf, value)`` a create leaves out because they name objects that do not exist yet
    (:meth:`Field.waits`): tcx_config sets them with one PATCH once every object exists.
    """

    def __init__(self, action, payload=None, before=None, after=None, changed_leaves=(), current=None, deferred=()):
        self.action = action
        self.deferred = list(deferred)
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

    def leaves_in(self, tree):
        """The leaves, in order, whose top-level option ``tree`` holds: at the others it holds None (an item gives a
        few of its kind's options, and a thousand items would look up every leaf of each)."""
        return [leaf for leaf in self.leaves if tree.get(leaf.option_path[0]) is not None]

    def desired(self):
        """The option tree of every managed option the user set."""
        tree = {}
        for leaf in self.leaves_in(self.ctx.params):
            value = get_option(self.ctx.params, leaf.option_path)
            if isinstance(value, dict) and leaf.field.suboptions:  # a destination: the parts the user gave
                value = dict((k, v) for k, v in value.items() if v is not None)
            if value is not None:
                place(tree, leaf.option_path, leaf.field.canonical(value))
        return self.kind.normalize(self.ctx, tree)

    def view(self, entity, only=None):
        """An option tree of the entity's values: every managed leaf, or those in ``only``."""
        tree = {}
        for leaf in self.leaves if only is None else self.leaves_in(only):
            if only is not None and get_option(only, leaf.option_path) is None:
                continue
            value = self.kind.option_value(self.ctx, leaf, entity)
            place(tree, leaf.option_path, self.mask(leaf, value, changed=False) if value is not None else None)
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
        if self.ctx.params.get('state') == 'absent':  # a singleton kind has no state: always present
            if current is None:
                return Plan('none')
            before = self.key_view(current)
            before.update(self.view(current))
            return Plan('delete', before=before, current=current)
        if current is None:
            return self.plan_create(desired)
        return self.plan_update(desired, current)

    def plan_create(self, desired):
        payload, after, deferred = {}, self.key_view(), []
        for leaf in self.leaves_in(desired):
            value = get_option(desired, leaf.option_path)
            if value is None:
                continue
            place(after, leaf.option_path, self.mask(leaf, value, changed=False))
            if leaf.field.waits(self.ctx, value):
                deferred.append((leaf, value))
                continue
            # A property another option of this payload set already (Hours.Type and the weekly hours) is built on.
            leaf.field.write(payload, leaf.field.to_api(value, self.ctx, held=get_path(payload, leaf.field.path)))
        payload = self.kind.create_payload(self.ctx, payload)
        return Plan('create', payload=payload, after=after, deferred=deferred)

    def deferred_payload(self, plan, entity):
        """The PATCH body that sets what the create of ``plan`` left out (``plan.deferred``) on ``entity``, the
        object just created: empty when nothing was left out."""
        payload = {}
        for leaf, value in plan.deferred:
            self.add_to_patch(payload, entity, leaf, value)
        return payload

    def plan_update(self, desired, current):
        payload, before, after, changed = {}, {}, {}, []
        renamed = self.plan_rename(current, payload, before, after)
        for leaf in self.leaves_in(desired):
            value = get_option(desired, leaf.option_path)
            if value is None:
                continue
            now = self.kind.option_value(self.ctx, leaf, current)
            differs = self.kind_says_changed(leaf, now, value)
            # A value the PBX holds in another spelling of the same thing (a ring group's number for its name,
            # DE for de) is no change: it shows as written, or a diff and an audit would report one.
            now = leaf.field.shown(now, value, self.ctx) if differs or leaf.field.secret else value
            place(before, leaf.option_path, self.mask(leaf, now, changed=False) if now is not None else None)
            place(after, leaf.option_path, self.mask(leaf, value, changed=differs))
            if differs:
                changed.append(leaf)
                self.add_to_patch(payload, current, leaf, value)
        if not changed and not renamed:
            return Plan('none', before=before, after=after, current=current)
        return Plan('update', payload=payload, before=before, after=after, changed_leaves=changed, current=current)

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
        return not leaf.field.same(current, desired, self.ctx)

    def add_to_patch(self, payload, current, leaf, value):
        """Put a changed leaf into the PATCH body.

        A leaf inside a complex property (``Props.UserNumberFrom``) sends that whole property,
        read from the PBX and changed, because whether XAPI merges or replaces a partial
        complex value is undocumented: sending it whole is right either way.
        """
        held = get_path(payload, leaf.field.path)
        api_value = leaf.field.to_api(value, self.ctx, held=get_path(current, leaf.field.path) if held is None else held)
        for path in leaf.field.paths:
            top = path.split('.')[0]
            if '.' in path and top not in payload:
                payload[top] = copy.deepcopy(current.get(top) or {})
        leaf.field.write(payload, api_value)

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
                check_delete(ctx, kind, plan)
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
        result = {'changed': plan.changed, kind.result_key: kind.options(ctx, entity) if entity else {},
                  'raw': strip_secrets(entity) if entity else {}}
        if ctx.module._diff:
            result['diff'] = {'before': plan.before, 'after': plan.after}
        result.update(kind.result(ctx, entity))
        return result


def _naming_an_option(module):
    return naming_an_option(getattr(getattr(module, 'validation_result', None), 'error_messages', None))


class ShapeChecks(object):
    """Mixed into the module class of a kind (``AnsibleModule`` in a module process, ``TaskModule`` in the
    controller's worker process): checks the shape of the arguments as given, before they are validated.

    Ansible would write ``password: [x]`` as ``"['x']"`` and answer ``departments: Sales`` with
    "dictionary requested, could not parse JSON or key=value"; this sets such values aside when the
    arguments are read (``_load_params``, which both module classes call before they validate:
    :func:`set_aside_wrong_shapes`), and a failure of validation names the option and what it takes.
    """

    fields = ()
    ready = False
    shape_problems = ()

    def _load_params(self):
        super(ShapeChecks, self)._load_params()
        self.shape_problems = set_aside_wrong_shapes(self.fields, self.params)

    def fail_json(self, msg=None, **kwargs):
        if not self.ready:
            params = getattr(self, 'params', None) or {}
            problems = list(self.shape_problems) or type_problems(self.fields, params) or _naming_an_option(self)
            if problems:
                msg = '; '.join(problems)
        super(ShapeChecks, self).fail_json(msg=msg, **kwargs)


def connection_fields():
    """The connection options as fields, so that their values are checked as given too (``timeout: true``,
    ``url: [x]``): Ansible's validation would turn them into text or pass a boolean on as a number."""
    return [Field(name, type='str' if entry['type'] == 'path' else entry['type'], secret=bool(entry.get('no_log')))
            for name, entry in connection_argument_spec().items()]


@failures_masked
def run_entity_module(plural, extra_spec=None, module_class=None):
    """The whole ``main()`` of the module of the kind ``plural`` in the registry.

    Generated secrets are delivered (:class:`PasswordDelivery`) also when the task fails: the PBX
    may hold them. ``module_class`` is the module's class (default :class:`MaskingModule`; the action
    plugin passes ``TaskModule``, which runs in the controller's worker process), with
    :class:`ShapeChecks` mixed in.
    """
    kind = kind_named(plural)
    spec = kind.argument_spec()
    spec.update(extra_spec or {})
    constraints = dict(required_if=list(kind.required_if), mutually_exclusive=list(kind.mutually_exclusive),
                       required_one_of=list(kind.required_one_of))
    fields = {'fields': kind.fields + connection_fields()}
    module_class = type('EntityModule', (ShapeChecks, module_class or MaskingModule), fields)
    module = module_class(argument_spec=spec, supports_check_mode=True, **constraints)
    module.ready = True
    if module.shape_problems:  # before any request, as every other check of the input
        module.fail_json(msg='; '.join(module.shape_problems))
    client = client_from_module(module)
    ctx = Context(module, client, kinds=REGISTRY)
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
