#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_config_info
short_description: Read a whole 3CX configuration in the shape that tcx_config takes
version_added: 0.1.0
description:
  - Reads every kind that M(tcx.xapi.tcx_config) manages (departments, users, parkings, live chat links), or
    those in O(kinds), and returns one list per kind in the options of its module, the same lists that
    M(tcx.xapi.tcx_config) and the C(tcx.xapi.provision) role take. Given back to them unchanged, they change nothing.
  - This is the backup of C(playbooks/backup.yml). Its lists, as the role's variables C(tcx_departments),
    C(tcx_users), ..., restore the PBX with the C(tcx.xapi.provision) role.
  - Each kind is read once, paged (100 per request), and sorted by its natural key (name, extension, number or link),
    so two reads of one PBX list its objects in the same order.
  - Secrets (passwords, PINs) are never returned; the PBX does not hand them out. A restored user therefore gets a
    generated password (see M(tcx.xapi.tcx_config)).
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  kinds:
    description:
      - The kinds to read, by the name of their list in M(tcx.xapi.tcx_config). Every kind when not given.
      - References to objects of other kinds are returned by their natural key (a user's departments by name)
        whether or not those kinds are read.
    type: list
    elements: str
    choices: [settings, departments, users, parkings, livechats, ring_groups, queues, holidays, office_hours, ivrs, trunks,
             inbound_rules, outbound_rules, contacts, blocklist]
    default: [settings, departments, users, parkings, livechats, ring_groups, queues, holidays, office_hours, ivrs, trunks,
              inbound_rules, outbound_rules, contacts, blocklist]
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
seealso:
  - module: tcx.xapi.tcx_config
  - module: tcx.xapi.tcx_settings_info
  - module: tcx.xapi.tcx_department_info
  - module: tcx.xapi.tcx_user_info
  - module: tcx.xapi.tcx_parking_info
  - module: tcx.xapi.tcx_livechat_info
  - module: tcx.xapi.tcx_ring_group_info
  - module: tcx.xapi.tcx_queue_info
  - module: tcx.xapi.tcx_holiday_info
  - module: tcx.xapi.tcx_office_hours_info
  - module: tcx.xapi.tcx_ivr_info
  - module: tcx.xapi.tcx_trunk_info
  - module: tcx.xapi.tcx_inbound_rule_info
  - module: tcx.xapi.tcx_outbound_rule_info
  - module: tcx.xapi.tcx_contact_info
  - module: tcx.xapi.tcx_blocklist_info
'''

EXAMPLES = r'''
- name: Read the whole configuration
  tcx.xapi.tcx_config_info:
  register: pbx

- name: Copy the departments and users of this PBX to another one
  tcx.xapi.tcx_config:
    url: https://pbx2.example.com
    departments: "{{ pbx.departments }}"
    users: "{{ pbx.users }}"

- name: Keep it as the provision role's variables (restore with the tcx.xapi.provision role)
  ansible.builtin.copy:
    dest: pbx-state.yml
    mode: "0600"
    content: >-
      {{ {'tcx_departments': pbx.departments, 'tcx_users': pbx.users, 'tcx_parkings': pbx.parkings,
          'tcx_livechats': pbx.livechats, 'tcx_ring_groups': pbx.ring_groups,
          'tcx_queues': pbx.queues} | to_nice_yaml(indent=2) }}

- name: Only the users, with the XAPI properties as well
  tcx.xapi.tcx_config_info:
    kinds: [users]
  register: found

- name: Show each user's extension and first name
  ansible.builtin.debug:
    msg: "{{ found.raw.users | items2dict(key_name='Number', value_name='FirstName') }}"
'''

RETURN = r'''
settings:
  description:
    - The PBX's settings sections, one dictionary in the options of M(tcx.xapi.tcx_settings) (not a list, as
      M(tcx.xapi.tcx_config) takes them), every section read with one GET; secrets are never returned.
  returned: when O(kinds) contains V(settings)
  type: dict
  sample:
    e164: {country_code: "49", area_code: "30", international_code: "00", national_code: "0", enabled: true}
    anti_hacking: {hack_blacklist_duration: 86400}
departments:
  description:
    - The departments, each in the options of M(tcx.xapi.tcx_department), sorted by name. The system department
      C(DEFAULT) is listed too.
  returned: when O(kinds) contains V(departments)
  type: list
  elements: dict
  sample:
    - name: Sales
      language: EN
      timezone: Europe/Berlin
      extension_range: {user_from: "200", user_to: "299"}
users:
  description:
    - The users, each in the options of M(tcx.xapi.tcx_user), sorted by extension; departments by name.
  returned: when O(kinds) contains V(users)
  type: list
  elements: dict
  sample:
    - extension: "201"
      first_name: Ada
      last_name: Lovelace
      email: ada@example.com
      departments: [{name: Sales, role: managers}]
parkings:
  description:
    - The shared parkings, each in the options of M(tcx.xapi.tcx_parking), sorted by number; departments by name.
  returned: when O(kinds) contains V(parkings)
  type: list
  elements: dict
  sample:
    - number: SP0
      departments: [Sales]
livechats:
  description:
    - The live chat links, each in the options of M(tcx.xapi.tcx_livechat), sorted by link; the department by name.
  returned: when O(kinds) contains V(livechats)
  type: list
  elements: dict
  sample:
    - link: sales-chat
      department: Sales
ring_groups:
  description:
    - The ring groups, each in the options of M(tcx.xapi.tcx_ring_group), sorted by name; members by extension.
  returned: when O(kinds) contains V(ring_groups)
  type: list
  elements: dict
  sample:
    - name: Sales
      number: "800"
      strategy: Hunt
      members: ["201", "202"]
queues:
  description:
    - The call queues, each in the options of M(tcx.xapi.tcx_queue), sorted by name; agents and managers by extension.
  returned: when O(kinds) contains V(queues)
  type: list
  elements: dict
  sample:
    - name: Support
      number: "810"
      polling_strategy: LongestWaiting
      agents: [{extension: "301"}]
      managers: ["202"]
holidays:
  description:
    - The holidays, each in the options of M(tcx.xapi.tcx_holiday), sorted by name.
  returned: when O(kinds) contains V(holidays)
  type: list
  elements: dict
  sample:
    - name: Christmas
      date: "12-24"
      end_date: "12-26"
      recurrent: true
office_hours:
  description:
    - The system-wide office hours, one dictionary in the options of M(tcx.xapi.tcx_office_hours) (not a list, as
      M(tcx.xapi.tcx_config) takes them).
  returned: when O(kinds) contains V(office_hours)
  type: dict
  sample:
    hours:
      monday: [{from: "08:00", to: "17:00"}]
    timezone: Europe/Berlin
    language: EN
ivrs:
  description:
    - The digital receptionists, each in the options of M(tcx.xapi.tcx_ivr); destinations by number.
  returned: when O(kinds) contains V(ivrs)
  type: list
  elements: dict
  sample:
    - name: Main Menu
      number: "800"
      menu: {"1": {to: queue, number: "810"}}
trunks:
  description:
    - The SIP trunks, each in the options of M(tcx.xapi.tcx_trunk). A trunk's password is never read; a trunk that
      has one shows V(FILL-IN-FROM-VAULT), to be replaced from the vault before a restore (given unreplaced, the
      password is not written).
  returned: when O(kinds) contains V(trunks)
  type: list
  elements: dict
  sample:
    - name: Provider A
      number: "10001"
      template: generic.pv.xml
      host: sip.provider-a.example
      password: FILL-IN-FROM-VAULT
      dids: ["+493012345610"]
inbound_rules:
  description:
    - The inbound (DID) rules, each in the options of M(tcx.xapi.tcx_inbound_rule); the trunk by number.
  returned: when O(kinds) contains V(inbound_rules)
  type: list
  elements: dict
  sample:
    - did: "+493012345600"
      trunk: "10000"
      office_hours: {to: ivr, number: "800"}
outbound_rules:
  description:
    - The outbound rules in the order the PBX tries them (the order M(tcx.xapi.tcx_config) restores), each in the
      options of M(tcx.xapi.tcx_outbound_rule); trunks by number.
  returned: when O(kinds) contains V(outbound_rules)
  type: list
  elements: dict
  sample:
    - name: Emergency
      prefix: "112"
      emergency: true
      routes: [{trunk: "10001"}]
contacts:
  description:
    - The contacts of the company phonebook, each in the options of M(tcx.xapi.tcx_contact), sorted by tag or by name and company.
  returned: when O(kinds) contains V(contacts)
  type: list
  elements: dict
  sample:
    - first_name: Jane
      last_name: Roe
      company: Acme Supplies
      numbers: {mobile: "+44 7700 900123"}
blocklist:
  description:
    - The IP blocklist entries, each in the options of M(tcx.xapi.tcx_blocklist), sorted by address.
  returned: when O(kinds) contains V(blocklist)
  type: list
  elements: dict
  sample:
    - address: 198.51.100.0/24
      action: block
      description: SIP scanner
raw:
  description:
    - For each kind read, its objects as the XAPI returns them (the properties of its info module's C(raw)),
      in the same order as the lists above (for the office hours, its one object); secret properties removed.
  returned: always
  type: dict
  sample:
    departments:
      - {Id: 35, Name: Sales, Number: GRP0001, Language: EN}
    users:
      - Id: 37
        Number: "201"
        FirstName: Ada
        Groups: [{GroupId: 35, Name: Sales, Rights: {RoleName: managers}}]
'''

from ansible_collections.tcx.xapi.plugins.module_utils.config_info import run_config_info_module


def main(module_class=None):
    run_config_info_module(module_class=module_class)


if __name__ == '__main__':
    main()
