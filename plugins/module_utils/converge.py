# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Converge a whole PBX configuration in one task, on the same engine as the single modules.

Each item of ``departments``, ``users``, ``parkings`` and ``livechats`` is validated with the
argument spec of its module and handled by the same :class:`EntityKind` and :class:`Engine`.
What differs is the order of work, made for speed and safety:

1. validate every item (shapes, spec, kind checks, duplicates under the PBX's comparison:
   department names and emails ignoring case) - nothing read yet;
2. read each kind once, paged (``$top=100``), only the properties the kinds compare;
3. plan every item and run its checks that read (references, unique email against the users as
   they will be after this task, free link names), with departments that this task creates
   standing in for real ones; then foresee what the PBX would refuse (a department that would
   keep members or is still referenced, a deleted extension a route still goes to) - any error
   stops here, before the first write, in check mode as in a real run;
4. create and update in dependency order (departments, users, parkings, live chats), writes of
   one kind in parallel; later kinds are planned again with the ids of departments just created;
5. delete in reverse order (users through ``Users/Pbx.BatchDelete``), absent items and pruned ones.

A write that fails does not stop the others; the result lists each failure.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    ThreadPoolExecutor = None

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils import generated_passwords
from ansible_collections.tcx.xapi.plugins.module_utils.entity import (
    Context, Engine, ValidationError, client_from_module, connection_argument_spec, get_option, type_problems,
)
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.department import (
    ROUTES, Department, describe_member, members_refusal,
)
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.livechat import LiveChat
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User
from ansible_collections.tcx.xapi.plugins.module_utils.references import (
    forget_department, name_key, remember_department,
)

# (option of tcx_config, kind) in dependency order: creates run top-down, deletions bottom-up.
KINDS = (('departments', Department()), ('users', User()), ('parkings', Parking()), ('livechats', LiveChat()))
KIND_NAMES = [name for name, _kind in KINDS]
ACTIONS = ('create', 'update', 'delete', 'unchanged', 'failed')
# AnsibleModule echoes every argument back as ``invocation.module_args``; item lists longer than
# this are echoed as a count instead: 10,000 users echoed cost seconds to serialize, hand to the
# controller and display, for a copy of what the playbook already holds.
ECHO_LIMIT = 100


def config_argument_spec():
    """tcx_config's own options: the connection, one list per kind, ``prune`` and ``parallel``."""
    spec = connection_argument_spec()
    for name in KIND_NAMES:
        spec[name] = dict(type='list', elements='dict', default=[])
    spec['prune'] = dict(type='list', elements='str', default=[], choices=KIND_NAMES)
    spec['parallel'] = dict(type='int', default=4)
    spec.update(generated_passwords.argument_spec())
    return spec


class ItemModule(object):
    """The part of AnsibleModule that a kind uses, for one item of tcx_config."""

    def __init__(self, module, params):
        self.params = params
        self.check_mode = module.check_mode
        self._diff = module._diff
        self.warn = module.warn


class Item(object):
    """One object of the desired configuration and what happens to it."""

    def __init__(self, kind_name, kind, index, ctx):
        self.kind_name = kind_name
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
        where = '%s[%d]' % (self.kind_name, self.index) if self.index is not None else '%s (pruned)' % self.kind_name
        return '%s (%s)' % (where, self.kind.describe(self.ctx))

    @property
    def key(self):
        value = self.ctx.params.get(self.kind.key_option)
        if value is None and self.current is not None:
            value = self.kind.key_of(self.current)
        return value if value is not None else self.kind.describe(self.ctx)

    def plan_now(self, entities):
        """Find the current object among ``entities`` and plan; errors are kept on the item."""
        try:
            desired = self.engine.desired()
            self.current = self.kind.find_among(self.ctx, entities)
            self.plan = self.engine.plan(desired, self.current)
        except (ValidationError, XAPIError) as exc:
            self.error = _message(exc)


def invocation(params):
    """``invocation`` for the module result: the arguments, long item lists replaced by their length."""
    args = dict(params)
    for name in KIND_NAMES:
        items = args.get(name) or []
        if len(items) > ECHO_LIMIT:
            args[name] = '%d items (lists of more than %d items are not echoed)' % (len(items), ECHO_LIMIT)
    return {'module_args': args}


def _message(exc):
    return exc.explain() if isinstance(exc, XAPIError) else str(exc)


class Converger(object):
    """Runs tcx_config: see the module docstring for the phases."""

    def __init__(self, module, client):
        self.module = module
        self.client = client
        self.shared = {}
        self.listings = {}
        self.items = dict((name, []) for name in KIND_NAMES)
        self.pruned = dict((name, []) for name in KIND_NAMES)
        self.placeholders = {}
        self.failed_departments = []
        self.failures = []
        self.delivery = generated_passwords.PasswordDelivery(module, single=False)
        self.delivery_error = None
        self.lock = threading.Lock()

    # -- 1. validation ---------------------------------------------------------------------------

    def validate(self):
        """Validate every item with its module's spec and checks; return the error messages."""
        errors = []
        for name, kind in KINDS:
            spec = kind.argument_spec()
            for option in connection_argument_spec():
                spec.pop(option)
            validator = ArgumentSpecValidator(spec, mutually_exclusive=list(kind.mutually_exclusive),
                                              required_if=list(kind.required_if),
                                              required_one_of=list(kind.required_one_of))
            secrets = [leaf.option_path for leaf in kind.leaves() if leaf.field.secret]
            for index, raw in enumerate(self.module.params[name]):
                self.hide_secrets(secrets, raw)
                shapes = type_problems(kind.fields, raw, '%s[%d].' % (name, index))
                result = validator.validate(raw)
                item = Item(name, kind, index, self.context(result.validated_parameters))
                if shapes or result.error_messages:
                    errors.append('%s: %s' % (item.label, '; '.join(shapes or result.error_messages)))
                    continue
                try:
                    kind.check(item.ctx)
                except ValidationError as exc:
                    errors.append('%s: %s' % (item.label, exc))
                    continue
                self.items[name].append(item)
            errors.extend(self.duplicates(name, kind))
        errors.extend(self.shared_emails())
        return errors

    def hide_secrets(self, secrets, raw):
        """Passwords and PINs of items (at the option paths ``secrets``) are secrets of the task:
        Ansible masks them in all output."""
        for option_path in secrets:
            value = get_option(raw, option_path)
            if value not in (None, ''):
                self.module.no_log_values.add(str(value))

    def duplicates(self, name, kind):
        """Two items for the same object would fight each other: name them."""
        seen, errors = {}, []
        for item in self.items[name]:
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

    def shared_emails(self):
        """Two users of this task with one email (ignoring case), where either has unique_email: name both."""
        seen, errors = {}, []
        for item in self.items['users']:
            p = item.ctx.params
            if p['state'] != 'present' or not p.get('email'):
                continue
            first = seen.setdefault(p['email'].lower(), item)
            if first is not item and (p['unique_email'] or first.ctx.params['unique_email']):
                errors.append("%s: email '%s' is also given to %s (emails compare ignoring case); give each user "
                              "their own email or set unique_email: false on both" % (item.label, p['email'], first.label))
        return errors

    def context(self, params):
        return Context(ItemModule(self.module, params), self.client, shared=self.shared)

    # -- 2. reading ------------------------------------------------------------------------------

    def read(self):
        """Read each kind that is listed or pruned once, and prime the department lookups."""
        prune = set(self.module.params['prune'])
        for name, kind in KINDS:
            if name != 'departments' and not self.items[name] and name not in prune:
                continue
            self.listings[name] = self.client.get_all(kind.entity_set, select=kind.select(), expand=kind.expand)
        self.shared['listing:Users'] = self.users_after()
        ctx = self.context({})
        for group in self.listings['departments']:
            remember_department(ctx, group)
        self.shared['all_departments_known'] = True

    def users_after(self):
        """The users (number, names, email) as they will be after this task, for the unique-email checks.

        None when users were not read. Users this task deletes (absent or pruned) are left out; the
        users it creates or updates carry their desired names and email.
        """
        listing = self.listings.get('users')
        if listing is None:
            return None
        after = dict((u['Number'], u) for u in listing)
        named = set()
        for item in self.items['users']:
            p = item.ctx.params
            if p['state'] == 'absent':
                if p['extension'] is not None:
                    after.pop(p['extension'], None)
                else:
                    for number in [n for n, u in after.items() if (u.get('EmailAddress') or '').lower() == p['email'].lower()]:
                        after.pop(number)
                continue
            named.add(p['extension'])
            user = dict(after.get(p['extension']) or {'Number': p['extension']})
            for option, prop in (('first_name', 'FirstName'), ('last_name', 'LastName'), ('email', 'EmailAddress')):
                if p.get(option) is not None:
                    user[prop] = p[option]
            after[p['extension']] = user
        if 'users' in self.module.params['prune']:
            after = dict((n, u) for n, u in after.items() if n in named)
        return list(after.values())

    # -- 3. planning -----------------------------------------------------------------------------

    def stand_in_for_new_departments(self):
        """Departments this task creates resolve to placeholders until they exist."""
        ctx = self.context({})
        known = set(name_key(g['Name']) for g in self.listings['departments'])
        for number, item in enumerate(self.items['departments'], start=1):
            name = item.ctx.params['name']
            if item.ctx.params['state'] == 'present' and name_key(name) not in known:
                group = {'Id': -number, 'Name': name, 'Number': 'new department %d' % number}
                self.placeholders[name_key(name)] = group
                remember_department(ctx, group)

    def plan_all(self):
        """Plan every item and run the checks that read; return the error messages."""
        errors = []
        for name, kind in KINDS:
            for item in self.items[name]:
                item.plan_now(self.listings.get(name, []))
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
        for name, kind in KINDS:
            if name not in self.module.params['prune']:
                continue
            named = set(id(item.current) for item in self.items[name] if item.current is not None)
            for entity in self.listings[name]:
                if id(entity) in named or kind.protected(entity):
                    continue
                params = dict((option, None) for option in kind.argument_spec())
                params.update(kind.key_params(entity), state='absent')
                item = Item(name, kind, None, self.context(params))
                item.current = entity
                item.plan = item.engine.plan({}, entity)
                self.pruned[name].append(item)

    def doomed(self, name):
        """The items of kind ``name`` (listed or pruned) that this task deletes."""
        return [i for i in self.items[name] + self.pruned[name] if i.error is None and i.plan.action == 'delete']

    def foresee_refusals(self):
        """What the PBX would refuse, foreseen from what was read and what this task plans: the messages.

        A department may be deleted only when no member stays (its current members that this task
        neither deletes nor moves, read in one GET per 40 departments) and no item of this task puts
        one in; a user or parking may be deleted only when no department routes calls to it.
        """
        deleted_numbers = dict((i.kind.key_of(i.current), i) for name in ('users', 'parkings') for i in self.doomed(name))
        errors = self.routes_to_deleted(deleted_numbers)
        departments = self.doomed('departments')
        if not departments:
            return errors
        kind = departments[0].kind
        members = kind.members(self.context({}), [i.current for i in departments])
        planned = dict((str(i.kind.key_of(i.current)), i) for name in KIND_NAMES if name != 'departments'
                       for i in self.items[name] if i.current is not None)
        referring = self.items_naming_departments()
        for item in departments:
            group = item.current
            staying = [describe_member(row) for row in members.get(group['Id'], [])
                       if row.get('Number') not in deleted_numbers and self.stays_in(planned.get(str(row.get('Number'))), group)]
            if staying:
                errors.append('%s: %s' % (item.label, members_refusal(staying)))
            joining = referring.get(name_key(group['Name']), [])
            if joining:
                errors.append('%s: cannot delete: %s of this task %s it' % (
                    item.label, ', '.join(joining), 'refers to' if len(joining) == 1 else 'refer to'))
        return errors

    def items_naming_departments(self):
        """``{department name key: [labels of present items that name it]}``, built once per task."""
        referring = {}
        for name in KIND_NAMES:
            for item in self.items[name]:
                if item.ctx.params['state'] != 'present':
                    continue
                for key in sorted(set(name_key(n) for n in item.kind.departments_named(item.ctx.params))):
                    referring.setdefault(key, []).append(item.label)
        return referring

    @staticmethod
    def stays_in(item, group):
        """Whether a member of ``group`` is still in it after this task: ``item`` is the member's item of
        this task (None when the task does not name it), whose departments may move it out."""
        names = item.kind.member_of(item.ctx.params) if item is not None else None
        return names is None or name_key(group['Name']) in [name_key(n) for n in names]

    def routes_to_deleted(self, deleted_numbers):
        """Departments that would still route calls to a user or parking this task deletes."""
        if not deleted_numbers:
            return []
        kind = dict(KINDS)['departments']
        planned = dict((name_key(i.ctx.params['name']), i) for i in self.items['departments'])
        groups = list(self.listings.get('departments') or [])
        groups.extend({'Name': i.ctx.params['name']} for i in self.items['departments']
                      if i.current is None and i.ctx.params['state'] == 'present')
        errors = []
        for group in groups:
            item = planned.get(name_key(group['Name']))
            if item is not None and item.ctx.params['state'] == 'absent':
                continue
            targets = dict(kind.route_targets(group))
            for period, dummy in ROUTES:
                desired = (item.ctx.params.get('routing') or {}).get(period) if item is not None else None
                if desired and desired.get('to') is not None:
                    targets.pop(period, None)
                    if desired.get('number'):
                        targets[period] = desired['number']
            for period, number in sorted(targets.items()):
                if number in deleted_numbers:
                    errors.append("%s: cannot delete: department '%s' routes %s calls to it (routing.%s); "
                                  "route them elsewhere first" % (deleted_numbers[number].label, group['Name'],
                                                                  period.replace('_', ' '), period))
        return errors

    # -- 4. and 5. writing -----------------------------------------------------------------------

    def write_kind(self, name):
        """Create and update the objects of one kind, ``parallel`` at a time."""
        work = [i for i in self.items[name] if i.error is None and i.plan.action in ('create', 'update')]
        self.in_parallel(self.apply_item, work)

    def apply_item(self, item):
        """Apply one item's plan; a failure is kept on the item (its generated secret is collected later)."""
        try:
            item.result = item.engine.apply(item.plan, item.current, preflight=False)
        except (ValidationError, XAPIError) as exc:
            self.fail(item, _message(exc))

    def generated_secrets(self):
        """Every secret the run generated that the PBX may hold, failed items included, in item order."""
        rows = []
        for name in KIND_NAMES:
            for item in self.items[name]:
                rows.extend(item.kind.generated_secrets(item.ctx))
        return rows

    def fail(self, item, message):
        with self.lock:
            item.error = message
            self.failures.append({'kind': item.kind.name, 'key': item.key, 'action': item.plan.action if item.plan else None,
                                  'msg': '%s: %s' % (item.label, message)})

    def settle_new_departments(self):
        """Put created departments in place of their placeholders; drop those that failed."""
        ctx = self.context({})
        for item in self.items['departments']:
            placeholder = self.placeholders.get(name_key(item.ctx.params['name']))
            if placeholder is None:
                continue
            forget_department(ctx, placeholder)
            if item.error is None and item.result and item.result.get('Id') is not None:
                remember_department(ctx, item.result)
            else:
                self.failed_departments.append(item.ctx.params['name'])

    def replan_kind(self, name):
        """Plan a kind again after departments were created: their ids are known now."""
        for item in self.items[name]:
            if item.error is None and item.plan.action in ('create', 'update'):
                item.plan_now(self.listings.get(name, []))
                if item.error is not None:
                    self.fail(item, self.with_failed_departments(item.error))

    def with_failed_departments(self, message):
        """Say why a department the message names is unknown: its create failed in this run."""
        failed = [name for name in self.failed_departments if "'%s'" % name in message]
        if not failed:
            return message
        return '%s (department%s %s could not be created in this run, see its failure)' % (
            message, 's' if len(failed) > 1 else '', ', '.join("'%s'" % name for name in failed))

    def delete_all(self):
        """Absent items and pruned objects, in reverse dependency order."""
        for name, kind in reversed(KINDS):
            doomed = [i for i in self.items[name] + self.pruned[name] if i.error is None and i.plan.action == 'delete']
            if not doomed or self.module.check_mode:
                continue
            if name == 'users':
                by_key = dict((i.kind.key_of(i.current), i) for i in doomed)
                for key, message in kind.delete_many(doomed[0].ctx, [i.current for i in doomed]).items():
                    if key in by_key:
                        self.fail(by_key[key], message)
            else:
                self.in_parallel(lambda item: self.delete_item(kind, item), doomed)

    def delete_item(self, kind, item):
        try:
            kind.delete(item.ctx, item.current)
        except (ValidationError, XAPIError) as exc:
            self.fail(item, _message(exc))

    def in_parallel(self, function, items):
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
        self.stand_in_for_new_departments()
        errors = self.plan_all()
        if errors:
            raise ValidationError(self.stop_message(errors))
        self.plan_prune()
        errors = self.foresee_refusals()
        if errors:
            raise ValidationError(self.stop_message(errors))
        if not self.module.check_mode:
            self.write_kind('departments')
            self.settle_new_departments()
            for name in KIND_NAMES[1:]:
                if self.placeholders:
                    self.replan_kind(name)
                self.write_kind(name)
            self.delete_all()
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
        for name, kind in KINDS:
            if name in self.module.params['prune'] or not self.items[name]:
                continue
            named = set(id(i.current) for i in self.items[name] if i.current is not None)
            engine = Engine(kind, self.context(dict((option, None) for option in kind.argument_spec())))
            for entity in self.listings.get(name) or []:
                if id(entity) not in named and not kind.protected(entity):
                    found.append({'kind': kind.name, 'key': str(kind.key_of(entity)),
                                  'options': engine.description(entity)})
        return found

    def result(self):
        changes, summary = [], {}
        before, after = {}, {}
        for name, kind in KINDS:
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


def run_config_module(module_class=None):
    """The whole ``main()`` of tcx_config: every exit echoes the arguments through :func:`invocation`.

    ``module_class`` as for :func:`run_entity_module`.
    """
    module = (module_class or AnsibleModule)(argument_spec=config_argument_spec(), supports_check_mode=True)
    echo = invocation(module.params)
    if module.params['parallel'] < 1:
        module.fail_json(msg='parallel must be at least 1', invocation=echo)
    try:
        converger = Converger(module, client_from_module(module))
        result = converger.run()
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
