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
    extension, an empty or over-long name, a language that is not a two-letter code, a phone number with
    letters) fails before anything is written. The official API specification sets no length for these
    texts; the module limits names to 255 characters and an email to 254 (RFC 5321).
  - Department names compare ignoring case, as the PBX compares them (V(sales) is the department C(Sales)).
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
    description: First name, 1 to 255 characters.
    type: str
  last_name:
    description: Last name, up to 255 characters.
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
    description: Language of the user's prompts and emails, two letters, for example V(EN) or V(DE).
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
      - 4 to 10 digits (it is typed on a phone's keypad). The XAPI spec sets no rule for it; this is the
        collection's own, so that a PIN the phones cannot take is refused before any request.
      - Sent according to O(update_password).
    type: str
  password:
    description:
      - Password of the user's web client (XAPI C(AccessPassword)). Never shown; diffs show a fixed mask.
      - Sent according to O(update_password).
      - When a user is created without a password, the module generates a strong one. It is shown nowhere
        unless O(generated_passwords_file) or O(return_generated_passwords) asks for it.
      - An empty password is refused (leave the option out to have one generated).
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
  forwarding:
    description:
      - The user's forwarding profiles (the status of the 3CX app), a mapping of profile - V(available), V(away),
        V(out_of_office), V(custom_1), V(custom_2) - to its settings. Only the profiles and settings given are managed;
        the others stay as they are. The PBX replaces all profiles on a change, so the change is one PATCH with every
        profile as read and the given parts changed.
      - Where calls go - C(no_answer), C(busy), C(not_registered) (calls of the available status) and C(all_calls) (where
        every call goes in an away status) - each a destination for internal and external calls alike, or a dict of
        C(internal_calls) and C(external_calls), each a destination.
      - A destination is C({to, number, name, external}) as in the call flow (M(tcx.xapi.tcx_ring_group)'s
        C(no_answer)) - C(to) one of V(voicemail), V(extension), V(queue), V(ring_group), V(ivr) (with C(number), or
        C(name) for a queue, ring group or IVR), V(external) (with C(external), the outside number), V(mobile) (the
        user's own mobile number, O(mobile) or the one the PBX holds; the PBX keeps it as an outside number), V(end_call).
      - The settings of a profile are C(no_answer_timeout) (seconds a call rings before it counts as not answered,
        1 to 600), C(ring_my_mobile), C(accept_multiple_calls) and C(reject_ring_group_calls) (booleans).
      - Results give every profile the PBX holds, each situation with C(internal_calls) and C(external_calls).
      - The profile names the PBX uses (C(Available), C(Away), C(Out of office), C(Custom 1), C(Custom 2)) are not
        enumerated in the API specification; they are those of the 3CX web client, compared ignoring case and spaces.
    type: dict
  current_profile:
    description:
      - The user's current status, the forwarding profile in effect (C(CurrentProfileName)).
    type: str
    choices: [available, away, out_of_office, custom_1, custom_2]
  phones:
    description:
      - The user's desk phones (C(Phones)), each by its MAC address; the list given is the whole list (a phone left
        out is removed from the user, V([]) removes all). Of a phone the user has, only the settings given are managed.
      - A MAC address already assigned to another user is refused before any write, naming that user, in check mode too.
      - Results give MAC addresses as twelve lower-case hex digits.
      - M(tcx.xapi.tcx_phone_info) lists the phones the PBX detected, with their MAC addresses and models.
    type: list
    elements: dict
    suboptions:
      mac:
        description: The MAC address, in any common spelling (V(80:5E:C0:12:34:56), V(80-5e-c0-12-34-56), V(805e.c012.3456)); compared as its hex digits.
        type: str
        required: true
      template:
        description: The provisioning template of the phone's model (C(TemplateName), a file name such as V(yealink_t4x.ph.xml)).
        type: str
      interface:
        description: The network interface of the PBX the phone is provisioned on (C(Interface)).
        type: str
      codecs:
        description: The codecs the phone offers, in order (C(Settings.Codecs)).
        type: list
        elements: str
      time_zone:
        description: The phone's time zone, as the template names it (C(Settings.TimeZone)).
        type: str
      language:
        description: The language of the phone's display, as the template names it (C(Settings.PhoneLanguage)).
        type: str
      provisioning:
        description: How the phone is provisioned (C(Settings.ProvisionType)).
        type: str
        choices: [LocalLan, RemoteExt, RemoteExtSipProxyMgr, SBC]
  reprovision_phones:
    description:
      - After a write that adds or changes a phone of O(phones), have the PBX provision each such phone again
        (C(Users/Pbx.ReprovisionPhone)), so that it takes the new settings now. Nothing is provisioned in check mode
        or when nothing changed.
    type: bool
    default: false
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.generated_passwords
  - tcx.xapi.attributes
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
    generated_passwords_file: "{{ playbook_dir }}/new-passwords.csv"

- name: Unanswered calls to voicemail, busy external calls to the support queue; out of office to the mobile
  tcx.xapi.tcx_user:
    extension: "201"
    mobile: "+44 7700 900123"
    forwarding:
      available:
        no_answer_timeout: 25
        no_answer: {to: voicemail}
        busy:
          internal_calls: {to: voicemail}
          external_calls: {to: queue, number: "800"}
      out_of_office:
        all_calls: {to: mobile}
    current_profile: available

- name: A Yealink desk phone, provisioned again after the change
  tcx.xapi.tcx_user:
    extension: "201"
    phones:
      - mac: "80:5E:C0:12:34:56"
        template: yealink_t4x.ph.xml
        language: German
    reprovision_phones: true

- name: A user whose generated password the play hands on itself
  tcx.xapi.tcx_user:
    extension: "202"
    first_name: Grace
    last_name: Hopper
    return_generated_passwords: true
  register: grace
  no_log: true  # the generated password is in the result

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
    - The user after the task (or as it would be, in check mode) in this module's own options, so it can be
      given back to this module or to M(tcx.xapi.tcx_config) unchanged. It has its O(extension) and every option the
      PBX holds a value for, departments and primary department by name. Secrets (O(password), O(vm_pin)) are
      never returned. Empty after a deletion.
  returned: always
  type: dict
  sample:
    extension: "201"
    first_name: Seán
    last_name: O'Brien
    email: sean.obrien@example.com
    departments:
      - name: Sales
        role: users
    primary_department: Sales
    friendly_name: sean.obrien
raw:
  description:
    - The same object as the PBX's Configuration API returns it (XAPI C(Pbx.User) properties), every secret property
      removed. Empty after a deletion. For reading what the options do not cover.
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
    - The password the module generated because the user was created without O(password), also when the
      create is not confirmed or a follow-up write failed (the task then fails; see O(generated_passwords_file)
      for the status). Returned only by the run that created the user; put C(no_log) on the task.
  returned: with O(return_generated_passwords=true), when the PBX may hold a password the module generated
  type: str
  sample: "g7#Qw2!xZr9&Lm4p"
'''

from ansible_collections.tcx.xapi.plugins.module_utils import generated_passwords
from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('users', extra_spec=generated_passwords.argument_spec(), module_class=module_class)


if __name__ == '__main__':
    main()
