#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_contact
short_description: Manage the contacts of the 3CX company phonebook
version_added: 0.1.0
description:
  - Create, update and delete the contacts of the company phonebook of a 3CX v20 PBX (XAPI C(Contacts)).
  - The PBX keeps no property of a contact unique and gives it no name of its own. A contact is identified by its
    name and company, O(first_name), O(last_name) and O(company) together (one left out means empty), compared
    ignoring case and surrounding spaces; a name that differs only in case updates the contact.
  - A contact given a O(tag) is identified by its tag instead, so that its name and company can change. The tag is
    a free text the phonebook does not show, written when the contact is created; give each contact its own. An
    existing contact without a tag is not found by one.
  - Only the options you set are managed; others stay as they are. O(numbers) manages only the numbers it names.
  - One lookup (a filtered GET) and at most one write per run.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  first_name:
    description:
      - First name of the person (up to 255 characters). Part of what identifies the contact without O(tag).
    type: str
  last_name:
    description:
      - Last name of the person. Part of what identifies the contact without O(tag).
    type: str
  company:
    description:
      - The company (C(CompanyName)). Part of what identifies the contact without O(tag); a contact of a company
        alone (a supplier's hotline) gives only O(company).
    type: str
  tag:
    description:
      - A tag of your own that identifies the contact (C(Tag), not shown in the phonebook); with it, the name and
        company may change. Set when the contact is created. Must not be empty.
    type: str
  state:
    description:
      - V(present) creates or updates the contact, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  title:
    description:
      - Job title.
    type: str
  department:
    description:
      - The person's department, a text of the phonebook (not a department of the PBX).
    type: str
  email:
    description:
      - Email address.
    type: str
  numbers:
    description:
      - The contact's phone numbers; only those given are managed, V('') clears one.
      - Digits, V(+), spaces and C(( ) . / - * #), up to 40 characters.
    type: dict
    suboptions:
      mobile:
        description: Mobile number (C(PhoneNumber), shown as Mobile in the web client).
        type: str
      mobile_2:
        description: Second mobile number (C(Mobile2)).
        type: str
      home:
        description: Home number.
        type: str
      business:
        description: Business number.
        type: str
      business_2:
        description: Second business number (C(Business2)).
        type: str
      business_fax:
        description: Business fax number.
        type: str
      pager:
        description: Pager number.
        type: str
      other:
        description: Another number.
        type: str
notes:
  - Contacts synchronised from a CRM, Google or Microsoft 365 (C(ContactType) other than C(3CX)) can be read and
    changed, but V(contacts) in O(tcx.xapi.tcx_config#module:prune) never deletes them.
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: A supplier's hotline in the company phonebook
  tcx.xapi.tcx_contact:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    company: Acme Supplies
    numbers:
      business: "+44 20 7946 0000"

- name: A person, tagged with the CRM's id so that a rename stays the same contact
  tcx.xapi.tcx_contact:
    first_name: Jane
    last_name: Roe
    company: Acme Supplies
    tag: crm-4711
    title: Account manager
    email: jane.roe@acme.example
    numbers:
      mobile: "+44 7700 900123"
      business: "+44 20 7946 0012"

- name: Remove a contact
  tcx.xapi.tcx_contact:
    first_name: John
    last_name: Doe
    company: Acme Supplies
    state: absent
'''

RETURN = r'''
contact:
  description:
    - The contact after the task (or as it would be in check mode) in the options' own shape, which given back to
      this module or to M(tcx.xapi.tcx_config) changes nothing. Empty after a deletion.
  returned: always
  type: dict
  sample:
    first_name: Jane
    last_name: Roe
    company: Acme Supplies
    tag: crm-4711
    email: jane.roe@acme.example
    numbers:
      mobile: "+44 7700 900123"
raw:
  description: The contact as XAPI holds it (C(Pbx.Contact)). Empty after a deletion.
  returned: always
  type: dict
  sample:
    Id: 31
    FirstName: Jane
    LastName: Roe
    CompanyName: Acme Supplies
    Tag: crm-4711
    Email: jane.roe@acme.example
    PhoneNumber: "+44 7700 900123"
    ContactType: 3CX
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('contacts', module_class=module_class)


if __name__ == '__main__':
    main()
