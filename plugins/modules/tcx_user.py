#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_user
short_description: Manage 3CX users (extensions) with their departments, roles, passwords and friendly URL
version_added: 0.1.0
description:
  - Create, update and delete users of a 3CX v20 PBX through its Configuration API (XAPI C(Users)).
  - The extension number is the natural key. Only the options you set are managed; others stay as they are.
  - One lookup (a filtered GET that also reads the user's department memberships) and, when something
    differs, one PATCH with only the changed properties.
  - O(departments) is the user's exact membership and is always written as one whole list, so changing
    one department's role never drops the user's other departments.
  - Bad input (unknown department, taken friendly name, email of another extension, malformed email or
    extension) fails before anything is written.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  extension:
    description:
      - Extension number of the user (XAPI C(Number)), 2 to 10 digits. It identifies the user.
      - Required with O(state=present). With O(state=absent), give O(extension) or O(email).
      - The extension cannot be changed, because it is the key. To renumber a person, delete the old
        extension and create the new one.
    type: str
  state:
    description:
      - V(present) creates or updates the user, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  first_name:
    description: First name.
    type: str
  last_name:
    description: Last name.
    type: str
  email:
    description:
      - Email address. With O(state=absent) and no O(extension), the user with this email
        (compared case-insensitively) is deleted; more than one match fails.
    type: str
  unique_email:
    description:
      - Fail, writing nothing, when another extension already has this email (compared case-insensitively).
    type: bool
    default: true
  mobile:
    description: Mobile number.
    type: str
  outbound_caller_id:
    description: Outbound caller ID.
    type: str
  language:
    description: Language of the user's prompts and emails, for example V(EN) or V(DE).
    type: str
  prompt_set:
    description: Prompt set (ID of the language pack of system prompts).
    type: str
  enabled:
    description: Whether the user is enabled.
    type: bool
  require_2fa:
    description: Whether the user must use two-factor authentication.
    type: bool
  send_missed_call_emails:
    description: Whether the user gets an email for each missed call.
    type: bool
  vm_enabled:
    description: Whether voicemail is enabled.
    type: bool
  vm_email_options:
    description: What voicemail sends by email.
    type: str
    choices: [None, Notification, Attachment, AttachmentAndDelete, VmailToMembers, EmailToExtrasOnly]
  vm_pin:
    description:
      - Voicemail PIN (XAPI C(VMPIN)). Never shown; diffs show a fixed mask.
      - Sent according to O(update_password).
    type: str
  password:
    description:
      - Password of the user's web client (XAPI C(AccessPassword)). Never shown; diffs show a fixed mask.
      - Sent according to O(update_password).
      - When a user is created without a password, the module generates a strong one and returns it once as
        RV(generated_password). Set C(no_log=true) on the task if that value must not appear in the output.
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) and O(vm_pin) only when the user is created, so a task that carries
        them stays idempotent (the PBX's secrets cannot be compared reliably).
      - V(always) sends them on every run and reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  departments:
    description:
      - The departments the user belongs to, each with the user's role there. When given, this is the
        user's exact membership (compared as a set); departments not listed are left.
      - The whole list is written in one request (XAPI replaces the list), so memberships you list are
        never lost when another one changes.
      - Each department must exist (M(tcx.xapi.tcx_department)); a user always belongs to at least one.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the department.
        type: str
        required: true
      role:
        description: The user's role in that department.
        type: str
        choices: [system_owners, system_admins, group_owners, managers, group_admins, receptionists, users]
        default: users
  primary_department:
    description:
      - Name of the user's primary department. It must be one of the user's departments (in O(departments)
        when given). It is set after the membership exists, because the PBX refuses it before.
    type: str
  friendly_name:
    description:
      - Friendly URL name of the user (C(/callus/<name>) and C(/meet/<name>)); sets XAPI C(ClickToCallId) and
        C(WebMeetingFriendlyName).
      - Checked first with the PBX (C(WebsiteLinks/Pbx.ValidateLink)); in check mode with reads only.
        A name held by another user, department or live chat link fails before any write.
    type: str
  call_us_enable_chat:
    description: Whether chat is enabled on the user's click-to-call page.
    type: bool
extends_documentation_fragment:
  - tcx.xapi.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    support: full
    platforms: posix
notes:
  - Passwords and PINs are never returned and never shown in diffs; RV(user) has every secret property removed.
'''

EXAMPLES = r'''
- name: New colleague in Sales (primary) and Support (manager), with a friendly URL
  tcx.xapi.tcx_user:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    extension: "201"
    first_name: Seán
    last_name: O'Brien
    email: sean.obrien@example.com
    language: EN
    departments:
      - name: Sales
      - name: Support
        role: managers
    primary_department: Sales
    friendly_name: sean.obrien
    call_us_enable_chat: true
  register: new_user
  no_log: true  # the generated password is in the result

- name: Tell the new colleague their first password
  ansible.builtin.debug:
    msg: "Extension 201, password {{ new_user.generated_password }}"
  when: new_user.generated_password is defined

- name: Reset a password
  tcx.xapi.tcx_user:
    extension: "201"
    password: "{{ vault_new_password }}"
    update_password: always

- name: Offboarding by email address
  tcx.xapi.tcx_user:
    email: sean.obrien@example.com
    state: absent
'''

RETURN = r'''
user:
  description:
    - The user as the PBX holds it after the task (XAPI C(Pbx.User) properties), or as it would be in check
      mode, with every secret property (C(AccessPassword), C(VMPIN), C(AuthPassword), ...) removed.
      Empty after a deletion.
  returned: always
  type: dict
  sample:
    Id: 42
    Number: "201"
    FirstName: Seán
    LastName: O'Brien
    EmailAddress: sean.obrien@example.com
    PrimaryGroupId: 35
    ClickToCallId: sean.obrien
generated_password:
  description:
    - The password the module generated because the user was created without O(password). Returned only by
      the run that created the user; use C(no_log) on the task if it must not be shown.
  returned: when a user was created without O(password) (not in check mode)
  type: str
  sample: "g7#Qw2!xZr9&Lm4p"
'''

import re
import secrets
import string

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.entity import (
    ALREADY_IN_USE, EntityKind, Field, ValidationError, run_entity_module,
)
from ansible_collections.tcx.xapi.plugins.module_utils.links import check_link_name, ensure_link_available
from ansible_collections.tcx.xapi.plugins.module_utils.odata import all_of, build_query, equals, literal
from ansible_collections.tcx.xapi.plugins.module_utils.references import departments_by_id, departments_by_name

ROLES = ['system_owners', 'system_admins', 'group_owners', 'managers', 'group_admins', 'receptionists', 'users']
VM_EMAIL_OPTIONS = ['None', 'Notification', 'Attachment', 'AttachmentAndDelete', 'VmailToMembers', 'EmailToExtrasOnly']
EXTENSION = re.compile(r'^[0-9]{2,10}$')
EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s.]+$')
PASSWORD_ALPHABET = string.ascii_letters + string.digits + '!#%+-=@_'
PASSWORD_LENGTH = 16
# How many users sharing one email a message lists.
MATCHES_SHOWN = 10


def generate_password():
    """A strong random password with at least one lower, upper, digit and symbol."""
    while True:
        password = ''.join(secrets.choice(PASSWORD_ALPHABET) for dummy in range(PASSWORD_LENGTH))
        if (any(c.islower() for c in password) and any(c.isupper() for c in password)
                and any(c.isdigit() for c in password) and any(not c.isalnum() for c in password)):
            return password


def _group_names(ctx):
    return ctx.cache.setdefault('user_group_names', {})


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
    names = _group_names(ctx)
    unnamed = [row['GroupId'] for row in rows if row.get('GroupId') not in names]
    if unnamed:
        for group_id, group in departments_by_id(ctx, unnamed).items():
            names[group_id] = group['Name']
    return [{'name': names.get(row.get('GroupId'), row.get('GroupId')),
             'role': (row.get('Rights') or {}).get('RoleName')} for row in rows]


def primary_to_api(value, ctx):
    """A department name to its id."""
    return department_ids([value], ctx)[value]


def primary_from_api(group_id, ctx):
    """A department id to its name (from the user's memberships, else one GET)."""
    if group_id is None:
        return None
    names = _group_names(ctx)
    if group_id not in names:
        for found_id, group in departments_by_id(ctx, [group_id]).items():
            names[found_id] = group['Name']
    return names.get(group_id, group_id)


class User(EntityKind):
    name = 'user'
    entity_set = 'Users'
    result_key = 'user'
    key_option = 'extension'
    key_property = 'Number'
    expand = 'Groups($expand=Rights)'
    fields = [
        Field('extension', 'Number', managed=False),
        Field('first_name', 'FirstName'),
        Field('last_name', 'LastName'),
        Field('email', 'EmailAddress'),
        Field('unique_email', type='bool', default=True, managed=False),
        Field('mobile', 'Mobile'),
        Field('outbound_caller_id', 'OutboundCallerID'),
        Field('language', 'Language'),
        Field('prompt_set', 'PromptSet'),
        Field('enabled', 'Enabled', type='bool'),
        Field('require_2fa', 'Require2FA', type='bool'),
        Field('send_missed_call_emails', 'SendEmailMissedCalls', type='bool'),
        Field('vm_enabled', 'VMEnabled', type='bool'),
        Field('vm_email_options', 'VMEmailOptions', choices=VM_EMAIL_OPTIONS),
        Field('vm_pin', 'VMPIN', secret=True),
        Field('password', 'AccessPassword', secret=True),
        Field('update_password', choices=['on_create', 'always'], default='on_create', managed=False),
        Field('departments', 'Groups', type='list', elements='dict', compare='set',
              to_api=departments_to_api, from_api=departments_from_api, suboptions=[
                  Field('name', required=True),
                  Field('role', choices=ROLES, default='users'),
              ]),
        Field('primary_department', 'PrimaryGroupId', to_api=primary_to_api, from_api=primary_from_api),
        Field('friendly_name', 'ClickToCallId', mirrors=('WebMeetingFriendlyName',)),
        Field('call_us_enable_chat', 'CallUsEnableChat', type='bool'),
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
            doubled = sorted(set(n for n in names if names.count(n) > 1))
            if doubled:
                raise ValidationError('departments lists %s more than once: give each department once, with one role'
                                      % ', '.join("'%s'" % n for n in doubled))
            if p['primary_department'] is not None and p['primary_department'] not in names:
                raise ValidationError("primary_department '%s' is not among departments (%s): add it there"
                                      % (p['primary_department'], ', '.join("'%s'" % n for n in names)))

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
            if len(matches) > 1:
                raise ValidationError('%d users have this email (extensions %s): give the extension to delete'
                                      % (len(matches), ', '.join(u['Number'] for u in matches)))
            user = super(User, self).find_one(ctx, equals('Number', matches[0]['Number'])) if matches else None
        if user:
            ctx.cache['current_groups'] = user.get('Groups') or []
            for row in user.get('Groups') or []:
                if row.get('GroupId') is not None and row.get('Name'):
                    _group_names(ctx)[row['GroupId']] = row['Name']
        return user

    @staticmethod
    def users_with_email(ctx, email, other_than=None):
        """Users whose email is ``email`` (case-insensitive), optionally except one extension."""
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
        """POST without the primary department, then set it (the PBX refuses it before the membership exists)."""
        body = dict(payload)
        primary = body.pop('PrimaryGroupId', None)
        try:
            user = super(User, self).create(ctx, body)
        except XAPIError as exc:
            if exc.key == ALREADY_IN_USE and exc.target == 'Number' and self.find(ctx) is None:
                raise ValidationError('extension %s is already used by another PBX object (a parking, queue, '
                                      'ring group, IVR, ...): choose a free number' % ctx.params['extension'])
            raise
        if primary is not None and user.get('PrimaryGroupId') != primary:
            ctx.client.patch(self.entity_path(user), {'PrimaryGroupId': primary})
            user['PrimaryGroupId'] = primary
        return user

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

    def result(self, ctx, entity):
        if 'generated_password' in ctx.cache and entity:
            return {'generated_password': ctx.cache['generated_password']}
        return {}


def main():
    run_entity_module(User())


if __name__ == '__main__':
    main()
