#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_config
short_description: Converge a whole 3CX configuration, every kind of object, in one task
version_added: 0.1.0
description:
  - Declarative, idempotent and check-mode-honest converge of many objects at once, on the same
    engine as the module of each kind (each option below names it). A C(loop) of those modules costs about
    0.3 s per item before any HTTP request; this module reads each kind once and writes only what differs.
  - Every item is validated with the options of its module, and every reference (department names)
    is resolved, before the first write. One invalid item fails the task with a message naming it
    (for example C(users[3] (user '103'\)) and the option), and nothing is written.
  - Keys compare as the PBX compares them; department names and emails ignoring case. Two items for one
    department (C(Sales) and C(SALES)), or two users with one email where C(unique_email) is on, are
    refused before any write, naming both items.
  - Check mode fails where the real run would, with the same message, because these checks run before the
    first write of both. Refused are deleting a department that would keep members (its members, read in one
    GET per 40 departments, that this task neither deletes nor moves) or that an item of this task still
    names; deleting a user or parking that a department, ring group, queue, IVR or inbound rule still routes calls to, or a user
    that a ring group keeps as a member or a queue as an agent or manager (the message names it); an email that another user
    holds after this task, when C(unique_email) is on; a department that neither the PBX nor this task defines.
  - The desired state is a graph. A destination, member or key may name any object the same task creates, of any kind
    and in any order, cycles included (a ring group whose no-answer goes to a queue whose no-answer goes back to the
    ring group; a sub-menu whose key 0 returns to the main menu). So a backup of M(tcx.xapi.tcx_config_info) restores
    any call flow in one run.
  - Writes run in phases, up to O(parallel) at a time within one kind. First every new object is created, kind after
    kind (settings, departments, users, parkings, live chat links, ring groups, queues, holidays, office hours, IVRs,
    trunks, inbound rules, outbound rules, contacts, blocklist entries), with the references to objects that exist
    already; then one PATCH per new object sets its references to objects
    created after it; then existing objects are updated; last, deletions run in dependency order (an object that
    sends calls to another goes before it, a department after its members), unlinking a cycle of deleted objects
    with one PATCH first. Check mode plans the same phases and reports the same changes.
  - Also refused before any write are a new user, ring group, queue, IVR or parking whose number another object holds
    (they share the extension numbers), and a destination to a number that nothing holds and no item creates.
    Objects this task deletes (listed absent or pruned) do not hold each other back.
  - If one write fails, the others that can proceed still do; the task then fails and lists each failure.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  settings:
    description:
      - The PBX's settings sections, one dictionary with the options of M(tcx.xapi.tcx_settings) (C(e164), C(mail),
        C(anti_hacking), C(backup), ...). Not a list, because the PBX has exactly one object per section; it is only
        ever updated, one write per section that changes. Left out, the settings are not managed.
    type: dict
  departments:
    description:
      - Departments, each a dictionary with the options of M(tcx.xapi.tcx_department) (C(name), C(state), C(language), ...).
    type: list
    elements: dict
    default: []
  users:
    description:
      - Users, each a dictionary with the options of M(tcx.xapi.tcx_user) (C(extension), C(state), C(first_name), C(departments), ...).
      - Users created without a C(password) get a generated one, delivered as O(generated_passwords_file) and
        O(return_generated_passwords) say, and shown nowhere else.
    type: list
    elements: dict
    default: []
  parkings:
    description:
      - Shared parkings, each a dictionary with the options of M(tcx.xapi.tcx_parking) (C(number), C(departments), C(state)).
    type: list
    elements: dict
    default: []
  livechats:
    description:
      - Live chat links, each a dictionary with the options of M(tcx.xapi.tcx_livechat) (C(link), C(department), ...).
    type: list
    elements: dict
    default: []
  ring_groups:
    description:
      - Ring groups, each a dictionary with the options of M(tcx.xapi.tcx_ring_group) (C(name), C(members), C(strategy), ...).
      - A member may be a user that this task creates.
    type: list
    elements: dict
    default: []
  queues:
    description:
      - Call queues, each a dictionary with the options of M(tcx.xapi.tcx_queue) (C(name), C(agents), C(managers), ...).
      - An agent or manager may be a user that this task creates; C(no_answer) may name a ring group this task creates.
    type: list
    elements: dict
    default: []
  holidays:
    description:
      - Holidays, each a dictionary with the options of M(tcx.xapi.tcx_holiday) (C(name), C(state), C(date), ...).
    type: list
    elements: dict
    default: []
  office_hours:
    description:
      - The system-wide office hours, one dictionary with the options of M(tcx.xapi.tcx_office_hours) (C(hours),
        C(breaks), C(timezone), C(language)). Not a list, because the PBX has exactly one set of office hours; it is
        only ever updated. Left out, the office hours are not managed.
    type: dict
  ivrs:
    description:
      - Digital receptionists, each a dictionary with the options of M(tcx.xapi.tcx_ivr) (C(name), C(menu), ...).
      - Created after the users, ring groups and queues their keys lead to (a key may name one this task creates),
        deleted before them.
    type: list
    elements: dict
    default: []
  trunks:
    description:
      - SIP trunks, each a dictionary with the options of M(tcx.xapi.tcx_trunk) (C(name), C(template), C(host), ...).
      - A trunk created without a number gets the first free one from 10000, in list order (the diff shows it); inbound
        and outbound rules of this task may name it. Deleting a trunk a rule still uses fails before any write.
    type: list
    elements: dict
    default: []
  inbound_rules:
    description:
      - Inbound (DID) rules, each a dictionary with the options of M(tcx.xapi.tcx_inbound_rule) (C(did), C(trunk), ...).
      - Created after the trunks; a destination may name an IVR, queue or ring group this task creates.
    type: list
    elements: dict
    default: []
  outbound_rules:
    description:
      - Outbound rules, each a dictionary with the options of M(tcx.xapi.tcx_outbound_rule) (C(name), C(prefix),
        C(routes), ...) but C(priority).
      - The list's order is the order the PBX tries the listed rules; rules not listed keep their places. After the
        writes, C(Pbx.MoveUpDown) puts them in order with the fewest calls; the order is read with the rules, so a
        list in order costs no request. Each item's diff shows its C(priority) (its place after this task).
    type: list
    elements: dict
    default: []
  contacts:
    description:
      - Contacts of the company phonebook, each a dictionary with the options of M(tcx.xapi.tcx_contact) (C(first_name),
        C(last_name), C(company), C(numbers), ...).
      - With V(contacts) in O(prune), contacts synchronised from a CRM, Google or Microsoft 365 are never deleted.
    type: list
    elements: dict
    default: []
  blocklist:
    description:
      - IP blocklist entries, each a dictionary with the options of M(tcx.xapi.tcx_blocklist) (C(address), C(action),
        C(expires_at), C(description), C(state)). Entries the PBX added itself are never pruned.
    type: list
    elements: dict
    default: []
  prune:
    description:
      - Kinds whose objects that no item names are deleted. The system department C(DEFAULT) is never deleted.
      - Use with care, and try it with C(--check --diff) first, for V(users) it deletes every
        extension of the PBX that is not listed.
    type: list
    elements: str
    choices: [departments, users, parkings, livechats, ring_groups, queues, holidays, ivrs, trunks, inbound_rules, outbound_rules, contacts, blocklist]
    default: []
  parallel:
    description:
      - How many write requests run at the same time.
    type: int
    default: 4
  state_file:
    description:
      - A YAML file of the desired state, as the provision role's variables (C(tcx_departments), C(tcx_users),
        ..., C(tcx_settings), C(tcx_office_hours), C(tcx_prune)); a file that C(playbooks/backup.yml) wrote is one.
        Each of them that the file holds takes the place of the option of the same name (C(tcx_users) of O(users)).
        Other keys of the file are ignored.
      - Read by the module itself (on the controller, where the tasks of this collection run) as plain data. Jinja in
        the file is not evaluated, and its items pass through neither templating nor the task's arguments, which for
        thousands of items are most of a task's cost. The items are validated like those of the options, and their
        secrets are shown nowhere.
      - A relative path is taken from the module's working directory (the directory C(ansible-playbook) was started
        in); C(playbooks/audit.yml) passes C(tcx_state_file) as an absolute path.
    type: path
    version_added: 0.3.0
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.generated_passwords
  - tcx.xapi.attributes
notes:
  - Item options that are secrets (C(password), C(vm_pin), a trunk's C(password)) are hidden in all output, as in the single modules.
  - Like every module, the result echoes the arguments in C(invocation.module_args), except that an item list
    of more than 100 items is echoed as its length, because echoing 10,000 users would cost seconds for a copy
    of what the playbook already holds.
  - For thousands of items, read them from a file in the task (a CSV through P(tcx.xapi.users_from_csv#filter),
    or C(lookup('ansible.builtin.file', 'users.json') | from_json)) rather than from C(vars_files) or inline YAML.
    ansible-core tags every value loaded from YAML with its origin; for 10,000 users that costs about 20 seconds
    before the module starts, against about 8 seconds for the whole no-op converge read from a file.
seealso:
  - module: tcx.xapi.tcx_settings
  - module: tcx.xapi.tcx_department
  - module: tcx.xapi.tcx_user
  - module: tcx.xapi.tcx_parking
  - module: tcx.xapi.tcx_livechat
  - module: tcx.xapi.tcx_ring_group
  - module: tcx.xapi.tcx_queue
  - module: tcx.xapi.tcx_holiday
  - module: tcx.xapi.tcx_office_hours
  - module: tcx.xapi.tcx_ivr
  - module: tcx.xapi.tcx_trunk
  - module: tcx.xapi.tcx_inbound_rule
  - module: tcx.xapi.tcx_outbound_rule
  - module: tcx.xapi.tcx_contact
  - module: tcx.xapi.tcx_blocklist
  - module: tcx.xapi.tcx_config_info
    description: Reads the whole configuration in this module's own input shape, one list per kind.
'''

EXAMPLES = r'''
- name: Converge the office
  tcx.xapi.tcx_config:
    departments:
      - name: Sales
        extension_range: {user_from: "200", user_to: "299"}
    users:
      - extension: "201"
        first_name: Ada
        last_name: Lovelace
        email: ada@example.com
        departments: [{name: Sales, role: managers}]
      - extension: "299"
        state: absent
    parkings:
      - departments: [Sales]
    livechats:
      - link: sales-chat
        department: Sales
    generated_passwords_file: "{{ playbook_dir }}/new-passwords.csv"
  register: office

- name: Converge a PBX to the desired state kept in a file (for example one that backup.yml wrote)
  tcx.xapi.tcx_config:
    state_file: "{{ 'state/pbx1.yml' | tcx.xapi.absolute_path }}"

- name: Remove every parking that the configuration does not list
  tcx.xapi.tcx_config:
    parkings:
      - number: SP1
        departments: [Sales]
    prune: [parkings]
'''

RETURN = r'''
changes:
  description: One entry per object that is (or in check mode would be) created, updated or deleted.
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: >-
        V(settings), V(department), V(user), V(parking), V(live chat link), V(ring group), V(queue), V(holiday), V(office hours),
        V(IVR), V(trunk), V(inbound rule), V(outbound rule), V(contact) or V(blocklist entry).
      type: str
    key:
      description: The object's natural key (name, extension, number or link); V(office hours) for the office hours.
      type: str
    action:
      description: V(create), V(update) or V(delete).
      type: str
    failed:
      description: Whether this change failed (see RV(failures)).
      type: bool
    diff:
      description: Before and after of the object's managed options, secrets masked.
      type: dict
  sample:
    - kind: user
      key: "201"
      action: create
      failed: false
      diff: {before: {}, after: {first_name: Ada}}
summary:
  description: Counts per kind of V(create), V(update), V(delete), V(unchanged) and V(failed) objects.
  returned: always
  type: dict
  sample:
    users: {create: 1, update: 0, delete: 1, unchanged: 998, failed: 0}
failures:
  description: The changes that failed, each with C(kind), C(key), C(action) and C(msg).
  returned: always
  type: list
  elements: dict
unmanaged:
  description:
    - Objects of a kind this task lists (it has items of that kind) that no item names and O(prune) leaves
      alone; with O(prune) they are deletes in RV(changes) instead. The system department is never listed.
    - Each has C(kind), C(key) and C(options), its values in the module's options (secrets left out).
    - The drift audit (C(playbooks/audit.yml)) reports them as unmanaged.
  returned: always
  type: list
  elements: dict
  sample:
    - kind: user
      key: "102"
      options: {extension: "102", first_name: Eve, departments: [{name: Sales, role: system_owners}]}
pbx_version:
  description:
    - The PBX version as its C(X-3CX-Version) header sent it (C(20.0.10.1034)), or V(null) when it sent none.
    - The drift audit (C(playbooks/audit.yml)) reports it per PBX in its fleet summary.
  returned: success
  type: str
  sample: 20.0.10.1034
generated_passwords:
  description:
    - Extension to password, for users created without one, also for creates that are not confirmed or whose
      follow-up write failed (those are in RV(failures); see O(generated_passwords_file) for each status).
      Put C(no_log) on the task.
  returned: with O(return_generated_passwords=true), when the PBX may hold passwords the module generated
  type: dict
  sample: {"201": "g7#Qw2!xZr9&Lm4p"}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.converge import run_config_module


def main(module_class=None):
    run_config_module(module_class=module_class)


if __name__ == '__main__':
    main()
