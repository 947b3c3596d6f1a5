#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_contact_info
short_description: List the contacts of the 3CX company phonebook
version_added: 0.1.0
description:
  - Return the contacts of the company phonebook of a 3CX v20 PBX that match every selecting option given, or all
    contacts when none is given.
  - Pages through any number of contacts (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  company:
    description:
      - Only the contacts of this company, compared ignoring case.
    type: str
  last_name:
    description:
      - Only the contacts with this last name, compared ignoring case.
    type: str
  tag:
    description:
      - Only the contact with this tag.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: The phonebook entries of one supplier
  tcx.xapi.tcx_contact_info:
    company: Acme Supplies
  register: found

- name: The same contacts on another PBX
  tcx.xapi.tcx_config:
    url: https://pbx2.example.com
    contacts: "{{ found.contacts }}"
'''

RETURN = r'''
contacts:
  description:
    - The matching contacts in the options of M(tcx.xapi.tcx_contact), ordered by C(Id); empty when none matches.
      Given back to M(tcx.xapi.tcx_contact) or M(tcx.xapi.tcx_config) they change nothing.
  returned: always
  type: list
  elements: dict
  sample:
    - first_name: Jane
      last_name: Roe
      company: Acme Supplies
      numbers:
        mobile: "+44 7700 900123"
raw:
  description: The same contacts as XAPI holds them (C(Pbx.Contact)).
  returned: always
  type: list
  elements: dict
  sample:
    - Id: 31
      FirstName: Jane
      LastName: Roe
      CompanyName: Acme Supplies
      PhoneNumber: "+44 7700 900123"
      ContactType: 3CX
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('contacts', module_class=module_class)


if __name__ == '__main__':
    main()
