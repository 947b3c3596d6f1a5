# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The user kind (XAPI Users): its field table and hooks, shared by tcx_user and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import secrets
import string

from ansible_collections.tcx.xapi.plugins.module_utils.client import (
    ALREADY_IN_USE, UncertainWrite, XAPIError, write_with_read_back,
)
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    MAX_EMAIL, NAME_RULE, PASSWORD_RULE, PHONE_RULE, PIN_RULE, TEXT_RULE, Field, LanguageField, Rule, ValidationError,
)
from ansible_collections.tcx.xapi.plugins.module_utils.forwarding import (
    PROFILES, ForwardingField, current_profile_from_api, current_profile_to_api,
)
from ansible_collections.tcx.xapi.plugins.module_utils.generated_passwords import (
    CREATED, UNCONFIRMED, conceal, follow_up_failed,
)
from ansible_collections.tcx.xapi.plugins.module_utils.links import check_link_name, ensure_link_available
from ansible_collections.tcx.xapi.plugins.module_utils.odata import all_of, any_of, build_query, equals, literal
from ansible_collections.tcx.xapi.plugins.module_utils.phones import PhonesField
from ansible_collections.tcx.xapi.plugins.module_utils.usage import leaving, lists_holding, planned_senders
from ansible_collections.tcx.xapi.plugins.module_utils.references import (
    department_kind, departments_by_id, departments_by_name, directory, name_key,
)

ROLES = ['system_owners', 'system_admins', 'group_owners', 'managers', 'group_admins', 'receptionists', 'users']
VM_EMAIL_OPTIONS = ['None', 'Notification', 'Attachment', 'AttachmentAndDelete', 'VmailToMembers', 'EmailToExtrasOnly']
EXTENSION = re.compile(r'^[0-9]{2,10}$')
EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s.]+$')
PASSWORD_ALPHABET = string.ascii_letters + string.digits + '!#%+-=@_'
PASSWORD_LENGTH = 16
# How many users sharing one email a message lists.
MATCHES_SHOWN = 10
# Users per Pbx.BatchDelete, and Ids per read-back filter (keeps URLs short).
BATCH_SIZE = 100
IDS_PER_LOOKUP = 40
NOT_FOUND = 'WARNINGS.XAPI.NOT_FOUND'
PHONES = PhonesField('phones', 'Phones')
# The properties of the user kind that Users/Pbx.MultiUserUpdate sets on many users at once (its body,
# Pbx.MultiEditUserData in the official spec, has them; not the names, email, language or secrets).
MULTI_EDIT = frozenset(['Enabled', 'SendEmailMissedCalls', 'VMEnabled', 'VMEmailOptions', 'PromptSet', 'Mobile'])


def generate_password():
    """A strong random password with at least one lower, upper, digit and symbol."""
    while True:
        password = ''.join(secrets.choice(PASSWORD_ALPHABET) for dummy in range(PASSWORD_LENGTH))
        classes = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
        if all(any(in_class(c) for c in password) for in_class in classes):
            return password


def department_ids(names, ctx):
    """Department names to ids (one GET for all); None for a name check mode could not resolve."""
    found = departments_by_name(ctx, names)
    return dict((name, (found.get(name) or {}).get('Id')) for name in names)


def departments_to_api(value, ctx):
    """``[{name, role}]`` to the XAPI ``Groups`` list ``[{GroupId, Rights: {RoleName}}]``."""
    ids = department_ids([d['name'] for d in value], ctx)
    return [{'GroupId': ids[d['name']], 'Rights': {'RoleName': d['role']}} for d in value]


def departments_from_api(rows, ctx):
    """The expanded ``Groups`` rows of a user to ``[{name, role}]``."""
    if rows is None:
        return None
    names = departments_by_id(ctx, [row['GroupId'] for row in rows if row.get('GroupId') is not None])
    return [{'name': (names.get(row.get('GroupId')) or {}).get('Name', row.get('GroupId')),
             'role': (row.get('Rights') or {}).get('RoleName')} for row in rows]


def membership_key(membership):
    """A ``{name, role}`` membership as the PBX compares it: the department name ignoring case."""
    return dict(membership, name=name_key(membership.get('name')))


def primary_to_api(value, ctx):
    """A department name to its id."""
    return department_ids([value], ctx)[value]


def primary_from_api(group_id, ctx):
    """A department id to its name (from the user's memberships, else one GET)."""
    if group_id is None:
        return None
    return (departments_by_id(ctx, [group_id]).get(group_id) or {}).get('Name', group_id)


class User(EntityKind):
    name = 'user'
    plural = 'users'
    module = 'tcx_user'
    entity_set = 'Users'
    result_key = 'user'
    info_selectors = (Selector('extension', 'Number'), Selector('email', 'EmailAddress', ignore_case=True))
    info_expand = {'Groups': 'Groups($select=GroupId,Name;$expand=Rights($select=RoleName))', 'ForwardingProfiles': 'ForwardingProfiles',
                   'Phones': 'Phones'}
    department_member_type = 'Extension'
    refers_to = ('departments',)
    holds_extension = True
    answers_to = ('extension', 'voicemail', 'voicemail_of_destination')  # a user's number, its voicemail
    key_option = 'extension'
    key_property = 'Number'
    expand = 'Groups($select=GroupId,Name;$expand=Rights($select=RoleName)),ForwardingProfiles,Phones'
    # Five forwarding profiles are most of a user's JSON (about 7 KB each with its phones): read only when managed.
    optional_expand = {'forwarding': 'ForwardingProfiles', 'phones': 'Phones'}
    fields = [
        Field('extension', 'Number', managed=False),
        Field('first_name', 'FirstName', rule=NAME_RULE),
        Field('last_name', 'LastName', rule=TEXT_RULE),
        Field('email', 'EmailAddress', rule=Rule(max_length=MAX_EMAIL)),
        Field('unique_email', type='bool', default=True, managed=False),
        Field('mobile', 'Mobile', rule=PHONE_RULE),
        Field('outbound_caller_id', 'OutboundCallerID', rule=PHONE_RULE),
        LanguageField('language', 'Language'),
        Field('prompt_set', 'PromptSet', rule=NAME_RULE),
        Field('enabled', 'Enabled', type='bool'),
        Field('require_2fa', 'Require2FA', type='bool'),
        Field('send_missed_call_emails', 'SendEmailMissedCalls', type='bool'),
        Field('vm_enabled', 'VMEnabled', type='bool'),
        Field('vm_email_options', 'VMEmailOptions', choices=VM_EMAIL_OPTIONS),
        Field('vm_pin', 'VMPIN', secret=True, rule=PIN_RULE),
        Field('password', 'AccessPassword', secret=True, rule=PASSWORD_RULE),
        Field('update_password', choices=['on_create', 'always'], default='on_create', managed=False),
        Field('departments', 'Groups', type='list', elements='dict', compare='set', fold=membership_key,
              to_api=departments_to_api, from_api=departments_from_api, suboptions=[
                  Field('name', required=True, rule=NAME_RULE),
                  Field('role', choices=ROLES, default='users'),
              ]),
        Field('primary_department', 'PrimaryGroupId', to_api=primary_to_api, from_api=primary_from_api,
              rule=NAME_RULE, compare='ignore_case'),
        Field('friendly_name', 'ClickToCallId', mirrors=('WebMeetingFriendlyName',)),
        Field('call_us_enable_chat', 'CallUsEnableChat', type='bool'),
        ForwardingField('forwarding', 'ForwardingProfiles'),
        Field('current_profile', 'CurrentProfileName', choices=[option for option, _name in PROFILES],
              to_api=current_profile_to_api, from_api=current_profile_from_api),
        PHONES,
        Field('reprovision_phones', type='bool', default=False, managed=False),
    ]

    def argument_spec(self):
        spec = super(User, self).argument_spec()
        spec['update_password']['no_log'] = False  # a choice, not a secret: silences Ansible's name heuristic
        return spec

    def describe(self, ctx):
        if ctx.params.get('extension') is not None:
            return "user '%s'" % ctx.params['extension']
        if ctx.params.get('email'):
            return "user with email '%s'" % ctx.params['email']
        return 'user'

    # -- input ----------------------------------------------------------------------------------

    def validate(self, ctx):
        p = ctx.params
        if p['extension'] is None and (p['state'] == 'present' or p['email'] is None):
            raise ValidationError('extension is required: it identifies the user (to delete by email, '
                                  'give email with state: absent)')
        if p['extension'] is not None and not EXTENSION.match(p['extension']):
            raise ValidationError('extension must be 2 to 10 digits, got %r' % p['extension'])
        if p['email'] is not None and not EMAIL.match(p['email']):
            raise ValidationError('email %r is not a valid email address' % p['email'])
        if p['state'] == 'absent':
            return
        if p['friendly_name'] is not None:
            check_link_name(p['friendly_name'])
        departments = p['departments']
        if departments is not None:
            if not departments:
                raise ValidationError('departments must list at least one department: a user always belongs '
                                      'to one (the system department is DEFAULT)')
            names = [d['name'] for d in departments]
            folded = [name_key(n) for n in names]
            doubled = sorted(set(n for n in names if folded.count(name_key(n)) > 1))
            if doubled:
                raise ValidationError('departments lists %s more than once (names compare ignoring case): give each '
                                      'department once, with one role' % ', '.join("'%s'" % n for n in doubled))
            if p['primary_department'] is not None and name_key(p['primary_department']) not in folded:
                raise ValidationError("primary_department '%s' is not among departments (%s): add it there"
                                      % (p['primary_department'], ', '.join("'%s'" % n for n in names)))

    def member_of(self, params):
        if params.get('departments') is None:
            return None
        return [d['name'] for d in params['departments']]

    def named(self, ctx):
        names = self.member_of(ctx.params) or []
        names += [ctx.params['primary_department']] if ctx.params.get('primary_department') else []
        return [('departments', name) for name in names]

    def prepare(self, lookups, listing, items, pruned):
        """The users (number, names, email) as they will be after this task, for the unique-email checks
        without a request. Users this task deletes (absent or pruned) are left out; the users it creates
        or updates carry their desired names and email."""
        if listing is None:
            return
        after = dict((u['Number'], u) for u in listing)
        named = set()
        for p in items:
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
        if pruned:
            after = dict((n, u) for n, u in after.items() if n in named)
        lookups.users_after = list(after.values())

    def check_together(self, items):
        """Two users of this task with one email (ignoring case), where either has unique_email: name both."""
        seen, errors = {}, []
        for label, p in items:
            if p['state'] != 'present' or not p.get('email'):
                continue
            first_label, first = seen.setdefault(p['email'].lower(), (label, p))
            if first is not p and (p['unique_email'] or first['unique_email']):
                errors.append("%s: email '%s' is also given to %s (emails compare ignoring case); give each user "
                              "their own email or set unique_email: false on both" % (label, p['email'], first_label))
        return errors

    def secret_changed(self, ctx, leaf, current, desired):
        """Secrets cannot be compared: send them on create, or on every run with ``update_password: always``."""
        return ctx.params['update_password'] == 'always'

    # -- lookup ----------------------------------------------------------------------------------

    def find(self, ctx):
        """By extension (one GET with the memberships); for ``absent`` also by email."""
        if ctx.params.get('extension') is not None:
            user = super(User, self).find(ctx)
        else:
            matches = self.users_with_email(ctx, ctx.params['email'])
            self.require_one_email_match(matches)
            user = super(User, self).find_one(ctx, equals('Number', matches[0]['Number'])) if matches else None
        return self.remember_current(ctx, user)

    def find_among(self, ctx, entities):
        if ctx.params.get('extension') is not None:
            user = super(User, self).find_among(ctx, entities)
        else:
            wanted = ctx.params['email'].lower()
            matches = [u for u in entities if (u.get('EmailAddress') or '').lower() == wanted]
            self.require_one_email_match(matches)
            user = matches[0] if matches else None
        return self.remember_current(ctx, user)

    @staticmethod
    def require_one_email_match(matches):
        if len(matches) > 1:
            raise ValidationError('%d users have this email (extensions %s): give the extension to delete'
                                  % (len(matches), ', '.join(u['Number'] for u in matches)))

    @staticmethod
    def remember_current(ctx, user):
        """Keep the user's memberships for the checks before writing, and the department names they show."""
        if user:
            ctx.cache['current_groups'] = user.get('Groups') or []
            known = directory(ctx, department_kind(ctx))
            for row in user.get('Groups') or []:
                if row.get('GroupId') is not None and row.get('Name') and row['GroupId'] not in known.by_id:
                    known.by_id[row['GroupId']] = {'Id': row['GroupId'], 'Name': row['Name']}
        return user

    def key_params(self, entity):
        return {'extension': entity['Number']}

    def foresee_deletes(self, ctx, doomed, run):
        """Users that lists (ring group members, queue agents and managers) still hold after this task leave them
        when deleted: said in each one's diff (``member_of``) and a warning, as a single tcx_user does."""
        held = {}
        for number, text in lists_holding(planned_senders(run), [i.current['Number'] for i in doomed]):
            held.setdefault(str(number), set()).add(text)
        for item in doomed:
            texts = sorted(held.get(str(item.current['Number']), ()))
            if texts:
                item.plan.before['member_of'] = texts
                ctx.module.warn('%s: %s' % (item.label, leaving(texts)))
        return []

    def delete_many(self, ctx, entities, in_parallel):
        """One ``Users/Pbx.BatchDelete`` per 100 users; return ``{extension: error}`` of those not deleted."""
        failures = {}
        for start in range(0, len(entities), BATCH_SIZE):
            failures.update(self.delete_batch(ctx, entities[start:start + BATCH_SIZE]))
        return failures

    def delete_batch(self, ctx, users):
        """Delete up to 100 users; the PBX answers with the ones it could not delete.

        A lost answer is resolved by reading back which of them still exist, and only those are
        sent again. A user the PBX reports as not found is gone, which is what was asked.
        """
        pending = {'users': users}
        # The PBX names a failed user by extension; by Id (as a string) when it knows no such user.
        numbers = dict((str(u['Id']), u['Number']) for u in users)
        extensions = set(numbers.values())

        def send():
            return ctx.client.post('Users/Pbx.BatchDelete', {'ids': [u['Id'] for u in pending['users']]}) or {}

        def read_back():
            pending['users'] = self.still_present(ctx, pending['users'])
            return {'value': []} if not pending['users'] else None

        try:
            answer = write_with_read_back(ctx.client, send, read_back)
        except XAPIError as exc:
            return dict((u['Number'], exc.explain()) for u in pending['users'])
        failures = {}
        for row in answer.get('value') or []:
            if row.get('Error') == NOT_FOUND:
                continue
            number = str(row.get('ExtensionNumber'))
            failures[number if number in extensions else numbers.get(number, number)] = row.get('Error') or 'not deleted'
        return failures

    @staticmethod
    def still_present(ctx, users):
        """Those of ``users`` that the PBX still holds (read by Id, 40 per request)."""
        present = set()
        for start in range(0, len(users), IDS_PER_LOOKUP):
            chunk = users[start:start + IDS_PER_LOOKUP]
            params = build_query(any_of(*[equals('Id', u['Id']) for u in chunk]), ['Id'])
            present.update(u['Id'] for u in ctx.client.get('Users', params=params).get('value', []))
        return [u for u in users if u['Id'] in present]

    @staticmethod
    def users_with_email(ctx, email, other_than=None):
        """Users whose email is ``email`` (case-insensitive), optionally except one extension.

        When tcx_config has read every user already (``lookups.users_after``: the users as they will
        be after its run), no request is made.
        """
        lookups = ctx.lookups
        if lookups.users_after is not None:
            if lookups.users_by_email is None:
                lookups.users_by_email = {}
                for user in lookups.users_after:
                    lookups.users_by_email.setdefault((user.get('EmailAddress') or '').lower(), []).append(user)
            matches = [u for u in lookups.users_by_email.get(email.lower(), []) if u.get('Number') != other_than]
            return sorted(matches, key=lambda u: u['Number'])[:MATCHES_SHOWN]
        clauses = [equals('EmailAddress', email, ignore_case=True)]
        if other_than is not None:
            clauses.append('Number ne %s' % literal(other_than))
        params = build_query(all_of(*clauses), ['Id', 'Number', 'FirstName', 'LastName'], orderby='Number',
                             top=MATCHES_SHOWN)
        return ctx.client.get('Users', params=params).get('value', [])

    # -- before the first write --------------------------------------------------------------------

    def create_payload(self, ctx, payload):
        payload = super(User, self).create_payload(ctx, payload)
        if 'AccessPassword' not in payload and not ctx.module.check_mode:
            ctx.cache['generated_password'] = generate_password()
            conceal(ctx.module, ctx.cache['generated_password'])
            payload['AccessPassword'] = ctx.cache['generated_password']
        return payload

    def preflight(self, ctx, plan):
        """Checks that read: email of another extension, friendly name taken, primary not a member."""
        p = ctx.params
        if p['unique_email'] and 'EmailAddress' in plan.payload:
            others = self.users_with_email(ctx, plan.payload['EmailAddress'], other_than=p['extension'])
            if others:
                raise ValidationError(self._email_taken_message(plan, others))
        if 'ClickToCallId' in plan.payload:
            ensure_link_available(ctx, p['friendly_name'], p['extension'])
        if 'PrimaryGroupId' in plan.payload and p['departments'] is None:
            members = [row.get('GroupId') for row in (ctx.cache.get('current_groups') or [])]
            if plan.action == 'create' or plan.payload['PrimaryGroupId'] not in members:
                raise ValidationError("primary_department '%s' is not one of the user's departments: "
                                      "list it in departments" % p['primary_department'])

    def _email_taken_message(self, plan, others):
        users = ', '.join('%s (%s %s)' % (u['Number'], u.get('FirstName') or '', u.get('LastName') or '')
                          for u in others).replace(' )', ')')
        text = "email '%s' already belongs to extension %s" % (plan.payload['EmailAddress'], users)
        if plan.action == 'create':
            text += ('. The extension is the key of a user and cannot be changed: to move this person to '
                     'the new extension, delete the old one first')
        return text + '; or set unique_email: false to allow a shared email'

    # -- writes ----------------------------------------------------------------------------------

    def create(self, ctx, payload):
        """POST without the primary department, then set it (the PBX refuses it before the membership exists).

        A generated password counts as held by the PBX from the moment the POST is sent until the
        PBX is known to have refused it: a create whose outcome is unknown, or whose follow-up
        failed, is reported as such and its password is still delivered.
        """
        body = dict(payload)
        primary = body.pop('PrimaryGroupId', None)
        self.password_status(ctx, UNCONFIRMED)
        try:
            user = super(User, self).create(ctx, body)
        except UncertainWrite as exc:
            raise XAPIError('the PBX may have created it, but that is not confirmed: %s; if it exists, its password '
                            'is the generated one, delivered with status unconfirmed' % exc.message,
                            status=exc.status, transient=True)
        except XAPIError as exc:
            taken = exc.key == ALREADY_IN_USE and exc.target == 'Number'
            holder = self.find(ctx) if taken else None
            if taken and holder is None:
                ctx.cache.pop('generated_password', None)
                raise ValidationError('extension %s is already used by another PBX object (a parking, queue, '
                                      'ring group, IVR, ...): choose a free number' % ctx.params['extension'])
            if holder is not None and holder.get('AccessPassword') == ctx.cache.get('generated_password'):
                # A POST of this run whose answer was lost landed after the read-back looked: ours.
                self.password_status(ctx, CREATED)
            else:
                ctx.cache.pop('generated_password', None)  # refused, or another process's user won the race
            raise
        self.password_status(ctx, CREATED)
        if primary is not None and user.get('PrimaryGroupId') != primary:
            try:
                ctx.client.patch(self.entity_path(user), {'PrimaryGroupId': primary})
            except XAPIError as exc:
                reason = 'setting primary_department failed: %s' % exc.explain()
                self.password_status(ctx, follow_up_failed(reason))
                raise XAPIError('created, but %s' % reason, status=exc.status, key=exc.key, target=exc.target)
            user['PrimaryGroupId'] = primary
        return user

    @staticmethod
    def password_status(ctx, status):
        """Record how sure the run is that the PBX holds the generated password (if one was generated)."""
        if 'generated_password' in ctx.cache:
            ctx.cache['generated_password_status'] = status

    def update(self, ctx, current, payload):
        """One PATCH; a new primary department that is also a new membership goes in a second one."""
        members = [row.get('GroupId') for row in current.get('Groups') or []]
        primary = payload.get('PrimaryGroupId')
        if primary is not None and 'Groups' in payload and primary not in members:
            body = dict(payload)
            del body['PrimaryGroupId']
            ctx.client.patch(self.entity_path(current), body)
            ctx.client.patch(self.entity_path(current), {'PrimaryGroupId': primary})
            return
        ctx.client.patch(self.entity_path(current), payload)

    def batches(self, updates):
        """Batches of up to 100 users for each payload that two or more users get alike and that holds only properties
        ``Users/Pbx.MultiUserUpdate`` carries (MULTI_EDIT); the other updates are PATCHed one by one."""
        alike = {}
        for update in updates:
            if update[1] and set(update[1]) <= MULTI_EDIT:
                alike.setdefault(repr(sorted(update[1].items())), []).append(update)
        batches = []
        for group in alike.values():
            if len(group) > 1:
                batches.extend(group[start:start + BATCH_SIZE] for start in range(0, len(group), BATCH_SIZE))
        batched = set(id(update) for batch in batches for update in batch)
        return batches, [update for update in updates if id(update) not in batched]

    def update_batch(self, ctx, batch):
        """One ``Users/Pbx.MultiUserUpdate``: the batch's one payload on each of its users."""
        ctx.client.post('Users/Pbx.MultiUserUpdate', {'ids': [current['Id'] for current, _payload in batch], 'user': batch[0][1]})

    def after_write(self, ctx, entity, plan):
        """Phones this write added or changed are provisioned again when ``reprovision_phones`` asks.

        A new user gets the PBX's default forwarding profiles, which the POST answer does not carry: tcx_user reads
        the user back once, so that what it reports is what the PBX reports from then on (tcx_config, which returns
        no objects, does not)."""
        PHONES.reprovision(ctx, plan)
        if plan.action == 'create' and not ctx.module.check_mode and not ctx.lookups.whole_state \
                and 'ForwardingProfiles' not in entity and 'ForwardingProfiles' not in plan.payload:
            entity = self.find(ctx) or entity
        return super(User, self).after_write(ctx, entity, plan)

    def generated_secrets(self, ctx):
        """The generated password with its status, when the PBX may hold it."""
        password = ctx.cache.get('generated_password')
        status = ctx.cache.get('generated_password_status')
        if not password or not status:
            return []
        p = ctx.params
        return [{'extension': p['extension'], 'first_name': p.get('first_name'), 'last_name': p.get('last_name'),
                 'email': p.get('email'), 'password': password, 'status': status}]
