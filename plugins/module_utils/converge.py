# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Converge a whole PBX configuration in one task, on the same engine as the single modules.

Each item of ``departments``, ``users``, ``ring_groups``, ... is validated with the argument spec of its
module and handled by the same :class:`EntityKind` and :class:`Engine`. The desired state is a graph:
objects are nodes, references (destinations, members, agents, departments) are edges, and an edge may go
to any object of the run, of any kind, in any order, cycles included. What differs from the single
modules is the order of work, made for speed and safety:

1. validate every item (shapes, spec, kind checks, duplicates under the PBX's comparison:
   department names and emails ignoring case) - nothing read yet;
2. read each kind once, paged (``$top=100``), only the properties the kinds compare (objects of other kinds
   that a destination names are looked up by name or number; one that nothing holds is an error, in check
   mode too);
3. plan every item and run its checks that read (references, unique email against the users as they
   will be after this task, free link names), with the objects that this task creates standing in for
   real ones; then foresee what the PBX would refuse (a number another object holds, a department that
   would keep members, a deleted object that something outside the deletion still uses) - any error
   stops here, before the first write, in check mode as in a real run;
4. create every new object, kind after kind in registry order (writes of one kind in parallel), with the
   references that resolve already: to objects that exist or were created by an earlier kind;
5. set the references a create left out (to objects of its own or a later kind) with one PATCH per
   object, in parallel;
6. update the existing objects, kind after kind;
7. delete the absent items and pruned objects in dependency order (:func:`delete_steps`): an object that
   uses another goes first, a department after its members; a cycle of deleted objects is unlinked (one
   PATCH) first (users go through ``Users/Pbx.BatchDelete``).

Check mode plans the same phases from the same reads and reports the same changes. A write that fails
does not stop the others; the result lists each failure.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import threading

try:
    import yaml
    HAS_YAML = True
except ImportError:  # pragma: no cover - PyYAML comes with ansible-core on the controller
    yaml = None
    HAS_YAML = False

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    ThreadPoolExecutor = None

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils import generated_passwords
from ansible_collections.tcx.xapi.plugins.module_utils import validation
from ansible_collections.tcx.xapi.plugins.module_utils.connection import (
    Context, client_from_module, connection_argument_spec,
)
from ansible_collections.tcx.xapi.plugins.module_utils.entity import Engine, Plan, merge_entity
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError, type_problems
from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS, REGISTRY, kind_named
from ansible_collections.tcx.xapi.plugins.module_utils.lookups import Lookups
from ansible_collections.tcx.xapi.plugins.module_utils.usage import described_holder, planned_senders, users_of

ACTIONS = ('create', 'update', 'delete', 'unchanged', 'failed')
# AnsibleModule echoes every argument back as ``invocation.module_args``; item lists longer than
# this are echoed as a count instead: 10,000 users echoed cost seconds to serialize, hand to the
# controller and display, for a copy of what the playbook already holds.
ECHO_LIMIT = 100


def config_argument_spec():
    """tcx_config's own options: the connection, one list per kind, ``prune`` and ``parallel``."""
    spec = connection_argument_spec()
    for kind in KINDS:
        spec[kind.plural] = dict(type='dict') if kind.singleton else dict(type='list', elements='dict', default=[])
    spec['prune'] = dict(type='list', elements='str', default=[], choices=[k.plural for k in KINDS if not k.singleton])
    spec['parallel'] = dict(type='int', default=4)
    spec['state_file'] = dict(type='path')
    spec.update(generated_passwords.argument_spec())
    return spec


class ItemModule(object):
    """The part of AnsibleModule that a kind uses, for one item of tcx_config."""

    def __init__(self, module, params):
        self.root = module  # the task's module: what the task's secrets join (generated_passwords.conceal)
        self.params = params
        self.check_mode = module.check_mode
        self._diff = module._diff
        self.warn = module.warn


class Item(object):
    """One object of the desired configuration and what happens to it."""

    def __init__(self, kind, index, ctx):
        self.kind = kind
        self.index = index
        self.ctx = ctx
        self.engine = Engine(kind, ctx)
        self.current = None
        self.plan = None
        self.error = None
        self.result = None

    @property
    def label(self):
        """``users[3] (user '103')``: where the item is, and what it is."""
        plural = self.kind.plural
        if self.kind.singleton:
            where = plural
        elif self.index is not None:
            where = '%s[%d]' % (plural, self.index)
        else:
            where = '%s (pruned)' % plural
        return '%s (%s)' % (where, self.kind.describe(self.ctx))

    @property
    def key(self):
        value = self.ctx.params.get(self.kind.key_option)
        if value is None and self.current is not None:
            value = self.kind.key_of(self.current)
        return value if value is not None else self.kind.describe(self.ctx)

    @property
    def present(self):
        return self.ctx.params.get('state', 'present') == 'present'

    def plan_now(self, entities):
        """Find the current object among ``entities`` and plan; errors are kept on the item."""
        try:
            desired = self.engine.desired()
            self.current = self.kind.find_among(self.ctx, entities)
            self.plan = self.engine.plan(desired, self.current)
        except (ValidationError, XAPIError) as exc:
            self.error = _message(exc)

    def after(self):
        """The object as it will be after this task (XAPI form), as far as the plan says; None when deleted."""
        if self.plan is None or self.error is not None:
            return self.current
        if self.plan.action == 'delete':
            return None
        return merge_entity(self.current or {}, self.plan.payload)


def invocation(params):
    """``invocation`` for the module result: the arguments, long item lists replaced by their length."""
    args = dict(params)
    for name in PLURALS:
        items = args.get(name) or []
        if isinstance(items, list) and len(items) > ECHO_LIMIT:
            args[name] = '%d items (lists of more than %d items are not echoed)' % (len(items), ECHO_LIMIT)
    return {'module_args': args}


def _message(exc):
    return exc.explain() if isinstance(exc, XAPIError) else str(exc)


def delete_steps(nodes, uses, precedes):
    """The order in which to delete ``nodes``: ``[('delete', [nodes]) | ('unlink', [node]), ...]``.

    ``uses[n]``: the nodes that ``n`` sends calls to or lists (``n`` may name itself): ``n`` is deleted before
    them, or, in a cycle, unlinked from them first (a PATCH). ``precedes[n]``: the nodes that must be deleted
    after ``n`` whatever it holds (a department after its members). ``nodes`` come in the preferred order, which
    each step keeps. Pure logic: tcx_config plans its deletes with it in check mode as in a real run.
    """
    uses = dict((n, set(uses.get(n, ()))) for n in nodes)
    remaining, steps = list(nodes), []
    while remaining:
        alive = set(remaining)
        blocked = set(m for n in remaining for m in (uses[n] | set(precedes.get(n, ()))) & alive if m is not n)
        free = [n for n in remaining if n not in blocked and n not in uses[n]]
        if free:
            steps.append(('delete', free))
            freed = set(free)
            remaining = [n for n in remaining if n not in freed]
            continue
        node = _to_unlink(remaining, uses, precedes)
        if node is None:  # nothing left to unlink: the PBX names what it refuses
            steps.append(('delete', remaining))
            break
        steps.append(('unlink', [node]))
        uses[node] = set()
    return steps


def _to_unlink(remaining, uses, precedes):
    """The node to unlink when every remaining node waits for another: one that names itself, else one on a
    cycle whose edge in the cycle a PATCH can remove (the first in the preferred order); None if there is none."""
    alive = set(remaining)
    for node in remaining:
        if node in uses[node]:
            return node
    blockers = {}
    for node in remaining:
        for other in remaining:
            if other is not node and other in (uses[node] | set(precedes.get(node, ()))):
                blockers.setdefault(other, []).append(node)
    path, seen, node = [], {}, remaining[0]
    while node not in seen and node in blockers:
        seen[node] = len(path)
        path.append(node)
        node = blockers[node][0]
    if node not in seen:
        return None
    cycle = path[seen[node]:]
    # cycle[i + 1] goes before cycle[i]: a PATCH of cycle[i + 1] removes the edge when it uses cycle[i].
    candidates = [cycle[(i + 1) % len(cycle)] for i in range(len(cycle)) if cycle[i] in uses[cycle[(i + 1) % len(cycle)]]]
    candidates = [c for c in candidates if c in alive]
    return min(candidates, key=remaining.index) if candidates else None


class Converger(object):
    """Runs tcx_config: see the module docstring for the phases. Knows no kind by name: what differs
    between kinds is in their hooks (kind.py), their order in the registry (registry.py)."""

    def __init__(self, module, client):
        self.module = module
        self.client = client
        self.lookups = Lookups(whole_state=True)
        self.kinds = REGISTRY
        self.listings = {}
        self.items = dict((name, []) for name in PLURALS)
        self.pruned = dict((name, []) for name in PLURALS)
        self.stand_ins = dict((name, {}) for name in PLURALS)
        self.not_created = []
        self.failures = []
        self.delivery = generated_passwords.PasswordDelivery(module, single=False)
        self.delivery_error = None
        self.lock = threading.Lock()

    # -- 1. validation ---------------------------------------------------------------------------

    def validate(self):
        """Validate every item with its module's spec and checks; return the error messages."""
        errors = []
        for kind in KINDS:
            spec = kind.argument_spec()
            for option in connection_argument_spec():
                spec.pop(option)
            validator = ArgumentSpecValidator(spec, mutually_exclusive=list(kind.mutually_exclusive),
                                              required_if=list(kind.required_if),
                                              required_one_of=list(kind.required_one_of))
            # Items valid as given take the fast path (validation.py); the others ansible-core's validator.
            fast = None if kind.mutually_exclusive or kind.required_if or kind.required_one_of else validation.Validator(spec)
            for index, raw in enumerate(self.given(kind)):
                shapes = type_problems(kind.fields, raw, '%s[%d].' % (kind.plural, index))
                if shapes:  # Ansible's validation would convert them, or fail with a Python error ([null] for a dict)
                    errors.append('%s: %s' % (Item(kind, index, self.context(raw, kind)).label, '; '.join(shapes)))
                    continue
                params = fast.validated(raw) if fast else None
                if params is None:
                    result = validator.validate(raw)
                    params = result.validated_parameters
                    if result.error_messages:
                        errors.append('%s: %s' % (Item(kind, index, self.context(params, kind)).label, '; '.join(result.error_messages)))
                        continue
                item = Item(kind, index, self.context(params, kind))
                try:
                    kind.check(item.ctx)
                except ValidationError as exc:
                    errors.append('%s: %s' % (item.label, exc))
                    continue
                self.items[kind.plural].append(item)
            errors.extend(self.duplicates(kind))
            errors.extend(kind.check_together([(i.label, i.ctx.params) for i in self.items[kind.plural]]))
        return errors

    def given(self, kind):
        """The items of a kind in the task's arguments: its list, or a singleton's one dict (none when not given)."""
        raw = self.module.params[kind.plural]
        if kind.singleton:
            return [] if raw is None else [raw]
        return raw

    def duplicates(self, kind):
        """Two items for the same object would fight each other: name them."""
        seen, errors = {}, []
        for item in self.items[kind.plural]:
            key = item.ctx.params.get(kind.key_option)
            if key is None:
                continue
            folded = kind.folded_key(key)
            if folded in seen:
                errors.append('%s: the same %s as %s%s' % (item.label, kind.key_option, seen[folded].label,
                                                           ' (the PBX compares them ignoring case)'
                                                           if kind.key_ignore_case else ''))
            seen[folded] = item
        return errors

    def context(self, params, kind=None):
        """The context of one item of ``kind``: the task's lookups, and the kinds whose new objects are created
        before it (registry order)."""
        before = PLURALS[:PLURALS.index(kind.plural)] if kind is not None else ()
        return Context(ItemModule(self.module, params), self.client, lookups=self.lookups, created_before=before, kinds=self.kinds)

    # -- 2. reading ------------------------------------------------------------------------------

    def kinds_to_read(self):
        """The kinds listed or pruned, and the kinds their options refer to (to know every object named)."""
        wanted = set(name for name in PLURALS if self.items[name] or name in self.module.params['prune'])
        for name in list(wanted):
            wanted.update(kind_named(name).refers_to)
        return [kind for kind in KINDS if kind.plural in wanted]

    def read(self):
        """Read each kind needed once; its directory then knows every object of the kind."""
        for kind in self.kinds_to_read():
            self.read_kind(kind)
        for kind in KINDS:
            kind.prepare(self.lookups, self.listings.get(kind.plural),
                         [i.ctx.params for i in self.items[kind.plural]], kind.plural in self.module.params['prune'])

    def read_kind(self, kind):
        listing = kind.listing(self.client, self.options_read(kind))
        self.listings[kind.plural] = listing
        known = kind.directory(self.lookups)
        for entity in listing:
            known.remember(entity)
        known.complete = True
        return listing

    def options_read(self, kind):
        """The options whose properties the listing of ``kind`` needs (:meth:`Kind.listing`): those its items give;
        None (every property) when the kind is pruned, as a delete's diff shows the whole object."""
        if kind.plural in self.module.params['prune']:
            return None
        return set(option for item in self.items[kind.plural] for option, value in item.ctx.params.items() if value is not None)

    # -- 3. planning -----------------------------------------------------------------------------

    def stand_in_for_new(self):
        """Objects this task creates resolve to stand-ins (negative Id) until they exist, so that items
        of later kinds may name them."""
        for kind in KINDS:
            if kind.plural not in self.listings:
                continue
            known = kind.directory(self.lookups)
            for number, item in enumerate(self.items[kind.plural], start=1):
                key = item.ctx.params.get(kind.key_option)
                if item.present and key is not None and known.known(key) is None:
                    stand_in = kind.stand_in(item.ctx.params, number)
                    self.stand_ins[kind.plural][kind.folded_key(key)] = stand_in
                    known.remember(stand_in)

    def plan_all(self):
        """Plan every item and run the checks that read; return the error messages."""
        errors = []
        for kind in KINDS:
            for item in self.items[kind.plural]:
                item.plan_now(self.listings.get(kind.plural, []))
                if item.error is None and item.plan.action in ('create', 'update'):
                    try:
                        kind.preflight(item.ctx, item.plan)
                    except (ValidationError, XAPIError) as exc:
                        item.error = _message(exc)
                if item.error is not None:
                    errors.append('%s: %s' % (item.label, item.error))
        return errors

    def plan_prune(self):
        """Objects of the pruned kinds that no item names are deleted (never the system department)."""
        for kind in KINDS:
            if kind.plural not in self.module.params['prune']:
                continue
            named = set(id(item.current) for item in self.items[kind.plural] if item.current is not None)
            for entity in self.listings[kind.plural]:
                if id(entity) in named or kind.protected(entity):
                    continue
                params = dict((option, None) for option in kind.argument_spec())
                params.update(kind.key_params(entity), state='absent')
                item = Item(kind, None, self.context(params, kind))
                item.current = entity
                item.plan = item.engine.plan({}, entity)
                self.pruned[kind.plural].append(item)

    def doomed(self, name):
        """The items of kind ``name`` (listed or pruned) that this task deletes."""
        return [i for i in self.items[name] + self.pruned[name] if i.error is None and i.plan.action == 'delete']

    def deleted_numbers(self):
        """``{Number: item}`` of the objects with a number (users, parkings, ...) that this task deletes."""
        return dict((i.current['Number'], i) for name in PLURALS for i in self.doomed(name) if i.current.get('Number'))

    def item_with_number(self, number):
        """The item of this task (of any kind) for the existing object with this Number, or None."""
        if '_by_number' not in self.__dict__:
            self._by_number = dict((str(i.current.get('Number')), i) for name in PLURALS for i in self.items[name]
                                   if i.current is not None and i.current.get('Number') is not None)
        return self._by_number.get(str(number))

    def foresee_refusals(self):
        """What the PBX would refuse, foreseen from what was read and what this task plans: the messages.

        An object may be deleted only when nothing that stays still uses it: no item of this task names
        it, no object (as it will be after this task) sends calls to its number, and the kind's own
        conditions hold (a department keeps no member).
        """
        errors = self.numbers_taken() + self.named_by_items() + self.used_by_objects(self.deleted_numbers())
        for kind in KINDS:
            doomed = self.doomed(kind.plural)
            if doomed:
                errors.extend(kind.foresee_deletes(self.context({}), doomed, self))
        return errors

    def numbers_taken(self):
        """New objects whose number another object holds already: users, parkings, ring groups, queues and IVRs
        share the PBX's extension numbers, and it refuses a second holder ("Number already in use")."""
        wanted = [(i, str(i.plan.payload['Number'])) for name in PLURALS for i in self.items[name]
                  if i.kind.holds_extension and i.error is None and i.plan.action == 'create' and i.plan.payload.get('Number')]
        if not wanted:
            return []
        held = self.extension_holders(set(number for _item, number in wanted))
        deleted = set(str(n) for n in self.deleted_numbers())
        errors = []
        for item, number in wanted:
            holder = held.get(number)
            if holder is None:
                held[number] = '%s of this task' % item.label
                continue
            if number in deleted:  # deletes run after the creates: the number is not free yet
                holder += ', which this task deletes only after its creates (delete it in an earlier task)'
            option = item.kind.number_option()
            errors.append('%s: %s %s is already held by %s: give a free %s%s' % (
                item.label, option, number, holder, option,
                '' if option == item.kind.key_option else ', or leave %s out and the PBX assigns one' % option))
        return errors

    def extension_holders(self, numbers):
        """``{number: "ring group 800 ('Sales')"}``: which existing object holds each of ``numbers``, among the objects of
        every kind in the extension namespace (kinds not read are asked for these numbers only)."""
        held = {}
        for kind in KINDS:
            if not kind.holds_extension:
                continue
            listing = self.listings.get(kind.plural)
            if listing is None:
                listing = kind.with_numbers(self.client, sorted(numbers))
            for entity in listing:
                if str(entity.get('Number')) in numbers:
                    held.setdefault(str(entity['Number']), described_holder(kind.name, entity))
        return held

    def named_by_items(self):
        """Deleted objects that a present item of this task names (a user's departments)."""
        doomed = dict(((i.kind.plural, i.kind.folded_key(i.kind.key_of(i.current))), i)
                      for name in PLURALS for i in self.doomed(name))
        if not doomed:
            return []
        naming = {}
        for name in PLURALS:
            for item in self.items[name]:
                if not item.present:
                    continue
                for target, key in sorted(set((t, kind_named(t).folded_key(k)) for t, k in item.kind.named(item.ctx))):
                    if (target, key) in doomed:
                        naming.setdefault((target, key), []).append(item.label)
        errors = []
        for named, labels in sorted(naming.items()):
            verb = 'refers to' if len(labels) == 1 else 'refer to'
            errors.append('%s: cannot delete: %s of this task %s it' % (doomed[named].label, ', '.join(labels), verb))
        return errors

    def used_by_objects(self, deleted):
        """Deleted numbers that an object still sends calls to after this task (a department's routes)."""
        if not deleted:
            return []
        deleted = dict((str(number), item) for number, item in deleted.items())
        return ['%s: cannot delete: %s' % (deleted[str(number)].label, text)
                for number, text in users_of(planned_senders(self), deleted)]

    # -- 4. to 7. writing -------------------------------------------------------------------------

    def work(self, kind, action):
        """The items of a kind whose plan is ``action`` and that have not failed."""
        return [i for i in self.items[kind.plural] if i.error is None and i.plan.action == action]

    def create_all(self):
        """Phase 4: create every new object, kind after kind (``parallel`` at a time within a kind), with
        the references that resolve already; a kind is planned again once objects it may name exist."""
        settled = False
        for kind in KINDS:
            if settled:
                self.replan(self.work(kind, 'create'))
            self.in_parallel(self.apply_item, self.work(kind, 'create'))
            settled = self.settle_new(kind) or settled

    def link_all(self):
        """Phase 5: one PATCH per new object that names objects created after it (cycles included)."""
        self.in_parallel(self.link_item, [i for kind in KINDS for i in self.work(kind, 'create') if i.plan.deferred])

    def link_item(self, item):
        """Set what the create of an item left out, now that every object it names exists."""
        try:
            payload = item.engine.deferred_payload(item.plan, item.result)
            if payload:
                item.engine.apply(Plan('update', payload=payload), item.result, preflight=False)
        except (ValidationError, XAPIError) as exc:
            self.fail(item, self.with_not_created(_message(exc)))

    def update_all(self):
        """Phase 6: update the existing objects, kind after kind, planned again with the ids of the new ones."""
        settled = any(self.stand_ins.values())
        for kind in KINDS:
            if settled:
                self.replan(self.work(kind, 'update'))
            items = self.work(kind, 'update')
            updates = [(item.current, item.plan.payload) for item in items]
            item_of = dict((id(update), item) for update, item in zip(updates, items))
            batches, rest = kind.batches(updates)
            self.in_parallel(lambda batch: self.apply_batch(kind, batch, [item_of[id(update)] for update in batch]), batches)
            self.in_parallel(self.apply_item, [item_of[id(update)] for update in rest])

    def apply_batch(self, kind, batch, items):
        """Apply one batch of identical updates with the kind's bulk action (many users, one request); a failure
        fails every item of the batch."""
        try:
            kind.update_batch(items[0].ctx, batch)
        except (ValidationError, XAPIError) as exc:
            for item in items:
                self.fail(item, _message(exc))
            return
        for item in items:
            item.result = kind.after_write(item.ctx, merge_entity(item.current, item.plan.payload), item.plan)

    def apply_item(self, item):
        """Apply one item's plan; a failure is kept on the item (its generated secret is collected later)."""
        try:
            item.result = item.engine.apply(item.plan, item.current, preflight=False)
        except (ValidationError, XAPIError) as exc:
            self.fail(item, _message(exc))

    def generated_secrets(self):
        """Every secret the run generated that the PBX may hold, failed items included, in item order."""
        rows = []
        for name in PLURALS:
            for item in self.items[name]:
                rows.extend(item.kind.generated_secrets(item.ctx))
        return rows

    def fail(self, item, message):
        with self.lock:
            item.error = message
            self.failures.append({'kind': item.kind.name, 'key': item.key, 'action': item.plan.action if item.plan else None,
                                  'msg': '%s: %s' % (item.label, message)})

    def settle_new(self, kind):
        """Put the objects of a kind just created in place of their stand-ins; drop those that failed.
        Returns whether any stand-in was settled (later kinds are then planned again)."""
        stand_ins = self.stand_ins[kind.plural]
        known = kind.directory(self.lookups)
        for item in self.items[kind.plural]:
            stand_in = stand_ins.get(kind.folded_key(item.ctx.params.get(kind.key_option)))
            if stand_in is None:
                continue
            known.forget(stand_in)
            if item.error is None and item.result and item.result.get('Id') is not None:
                known.remember(item.result)
            else:
                self.not_created.append((kind, item.ctx.params[kind.key_option]))
        return bool(stand_ins)

    def replan(self, items):
        """Plan items again after objects they may name were created: their ids are known now."""
        for item in items:
            item.plan_now(self.listings.get(item.kind.plural, []))
            if item.error is not None:
                self.fail(item, self.with_not_created(item.error))

    def with_not_created(self, message):
        """Say why an object the message names is unknown: its create failed in this run."""
        failed = ["%s '%s'" % (kind.name, key) for kind, key in self.not_created if "'%s'" % key in message]
        if not failed:
            return message
        return '%s (%s could not be created in this run, see its failure)' % (message, ', '.join(failed))

    def delete_steps(self):
        """Phase 7 planned: the absent items and pruned objects in the order the PBX accepts their deletes
        (:func:`delete_steps`): an object that uses another one (sends calls to it, has it as a member) goes
        first, a department after its members; a cycle is unlinked first."""
        doomed = [i for kind in reversed(KINDS) for i in self.doomed(kind.plural)]
        numbers = dict((str(i.current['Number']), i) for i in doomed if i.current.get('Number') is not None)
        uses, follows = {}, {}
        for item in doomed:
            uses[item] = set(numbers[str(n)] for n, _text in item.kind.uses(item.current) if str(n) in numbers)
            named = [other for other in doomed if other.kind.plural in item.kind.refers_to]
            follows[item] = set(other for other in named if not other.kind.holds_extension)
        return delete_steps(doomed, uses, follows)

    def delete_all(self, steps):
        """Phase 7: delete in :meth:`delete_steps` order; objects of one step kind by kind (a kind may delete
        in batches), unlinks ``parallel`` at a time."""
        for action, items in steps:
            if action == 'unlink':
                self.in_parallel(self.unlink_item, items)
                continue
            for kind in reversed(KINDS):
                doomed = [i for i in items if i.kind is kind and i.error is None]
                if not doomed:
                    continue
                by_key = dict((i.kind.key_of(i.current), i) for i in doomed)
                failures = kind.delete_many(doomed[0].ctx, [i.current for i in doomed], self.in_parallel)
                for key, message in failures.items():
                    if key in by_key:
                        self.fail(by_key[key], message)

    def unlink_item(self, item):
        """PATCH away what an object about to be deleted uses of the other objects deleted after it (a cycle)."""
        numbers = set(str(n) for n, _text in item.kind.uses(item.current)) & set(
            str(i.current['Number']) for name in PLURALS for i in self.doomed(name) if i.current.get('Number') is not None)
        payload = {}
        for leaf in item.kind.leaves():
            value = leaf.field.read(item.current, item.ctx)
            kept = leaf.field.without(value, numbers)
            if kept is not value:
                item.engine.add_to_patch(payload, item.current, leaf, kept)
        try:
            if payload:
                item.kind.update(item.ctx, item.current, payload)
        except (ValidationError, XAPIError) as exc:
            self.fail(item, _message(exc))

    def in_parallel(self, function, items):
        """Call ``function`` on every item, ``parallel`` at a time."""
        workers = max(1, min(self.module.params['parallel'], len(items)))
        if workers == 1 or ThreadPoolExecutor is None:
            for item in items:
                function(item)
            return
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(function, items))

    # -- the whole run ---------------------------------------------------------------------------

    def run(self):
        """Return the module result; raises ValidationError when nothing may be written."""
        errors = self.validate()
        if errors:
            raise ValidationError(self.stop_message(errors))
        self.read()
        self.stand_in_for_new()
        errors = self.plan_all()
        if errors:
            raise ValidationError(self.stop_message(errors))
        self.plan_prune()
        errors = self.foresee_refusals()
        if errors:
            raise ValidationError(self.stop_message(errors))
        steps = self.delete_steps()  # check mode plans the deletes as the real run does
        if not self.module.check_mode:
            self.create_all()
            self.link_all()
            self.update_all()
            self.delete_all(steps)
        return self.result()

    @staticmethod
    def stop_message(errors):
        head = '%d invalid item%s, nothing was written' % (len(errors), '' if len(errors) == 1 else 's')
        return head + ': ' + ' | '.join(errors)

    def unmanaged(self):
        """Objects of the kinds this task lists that no item names and ``prune`` leaves alone:
        ``[{kind, key, options}]`` (``options`` without secrets), what an audit reports as "unmanaged"
        (pruned kinds report them as deletes)."""
        found = []
        for kind in KINDS:
            name = kind.plural
            if name in self.module.params['prune'] or not self.items[name]:
                continue
            named = set(id(i.current) for i in self.items[name] if i.current is not None)
            ctx = self.context(dict((option, None) for option in kind.argument_spec()))
            others = [entity for entity in self.listings.get(name) or [] if id(entity) not in named and not kind.protected(entity)]
            for entity in kind.complete(self.client, others, self.options_read(kind)):
                found.append({'kind': kind.name, 'key': str(kind.key_of(entity)), 'options': kind.options(ctx, entity)})
        return found

    def result(self):
        changes, summary = [], {}
        before, after = {}, {}
        for kind in KINDS:
            name = kind.plural
            counts = dict((action, 0) for action in ACTIONS)
            for item in self.items[name] + self.pruned[name]:
                action = item.plan.action if item.plan else 'failed'
                if item.error is not None:
                    counts['failed'] += 1
                elif action == 'none':
                    counts['unchanged'] += 1
                else:
                    counts[action] += 1
                if action in ('create', 'update', 'delete'):
                    key = str(item.key)
                    changes.append({'kind': kind.name, 'key': key, 'action': action, 'failed': item.error is not None,
                                    'diff': {'before': item.plan.before, 'after': item.plan.after}})
                    before.setdefault(name, {})[key] = item.plan.before
                    after.setdefault(name, {})[key] = item.plan.after
            summary[name] = counts
        result = {'changed': any(not c['failed'] for c in changes), 'changes': changes,
                  'summary': summary, 'failures': self.failures, 'unmanaged': self.unmanaged()}
        delivered, self.delivery_error = self.delivery.deliver(self.generated_secrets())
        result.update(delivered)
        if self.module._diff:
            result['diff'] = {'before': before, 'after': after}
        return result


def state_file_options(path):
    """The options a desired-state file (``state_file``) gives: ``{option: value}`` from its provision role
    variables (``tcx_users`` -> ``users``; ``tcx_prune``, ``tcx_settings``, ...). Read as plain data with
    PyYAML's safe loader (libyaml's when present): no Jinja is evaluated, nothing passes through templating.
    Other keys of the file (``tcx_users_csv``, ``tcx_url``, ...) are not options of the file and are ignored.
    """
    where = 'state_file %s' % path
    if not HAS_YAML:
        raise ValidationError('%s cannot be read: the Python library PyYAML is missing' % where)
    try:
        with open(path, 'rb') as source:
            data = yaml.load(source, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))  # nosec: a safe loader
    except IOError as exc:
        raise ValidationError('%s cannot be read: %s' % (where, exc.strerror or exc))
    except yaml.YAMLError as exc:
        raise ValidationError('%s is not valid YAML: %s' % (where, exc))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValidationError("%s must hold the provision role's variables (a mapping such as tcx_users: [...]), not a %s"
                              % (where, type(data).__name__))
    options = {}
    for kind in KINDS:
        name = 'tcx_' + kind.plural
        if name not in data:
            continue
        value = data[name]
        if kind.singleton:
            if value is not None and not isinstance(value, dict):
                raise ValidationError('%s: %s must be a mapping (the options of %s), not a %s'
                                      % (where, name, kind.plural, type(value).__name__))
        elif value is None:
            value = []
        elif not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ValidationError('%s: %s must be a list of mappings (each a %s with its options)' % (where, name, kind.name))
        options[kind.plural] = value
    if data.get('tcx_prune') is not None:
        prune = data['tcx_prune']
        allowed = [k.plural for k in KINDS if not k.singleton]
        if not isinstance(prune, list) or [p for p in prune if p not in allowed]:
            raise ValidationError('%s: tcx_prune must be a list of kinds out of %s, got %r' % (where, ', '.join(allowed), prune))
        options['prune'] = prune
    return options


def apply_state_file(module):
    """Put the lists of ``state_file`` (when given) in the place of the options of the same name.

    The file's secrets (an item's password) join the module's secrets: every exit masks them."""
    path = module.params.get('state_file')
    if not path:
        return
    module.params.update(state_file_options(os.path.abspath(path)))


@failures_masked
def run_config_module(module_class=None):
    """The whole ``main()`` of tcx_config: every exit echoes the arguments through :func:`invocation`.

    ``module_class`` as for :func:`run_entity_module`.
    """
    module = (module_class or MaskingModule)(argument_spec=config_argument_spec(), supports_check_mode=True)
    echo = invocation(module.params)
    if module.params['parallel'] < 1:
        module.fail_json(msg='parallel must be at least 1', invocation=echo)
    try:
        apply_state_file(module)
        converger = Converger(module, client_from_module(module))
        result = converger.run()
        result['pbx_version'] = converger.client.version_text
    except (ValidationError, generated_passwords.PasswordsFileError) as exc:
        module.fail_json(msg=str(exc), invocation=echo)
    except XAPIError as exc:
        module.fail_json(msg='reading the PBX failed: %s' % exc.explain(), status=exc.status, invocation=echo)
    failures = result['failures']
    messages = [f['msg'] for f in failures]
    if converger.delivery_error:
        messages.append(converger.delivery_error)
    if messages:
        head = '%d change%s failed: ' % (len(failures), '' if len(failures) == 1 else 's') if failures else ''
        module.fail_json(msg=head + ' | '.join(messages), invocation=echo, **result)
    module.exit_json(invocation=echo, **result)
