#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_user_info
short_description: List 3CX users (extensions)
version_added: 0.1.0
description:
  - Return the users of a 3CX v20 PBX that match every selecting option given, or all users when none is given.
  - Pages through any number of users (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Secret properties (C(AccessPassword), C(AuthPassword), C(AuthID), C(VMPIN), C(DeskphonePassword) and similar) are never returned.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  extension:
    description:
      - Only the user with this extension number (XAPI C(Number)), the natural key of a user.
    type: str
  email:
    description:
      - Only users with this email address, compared without regard to case.
    type: str
  department:
    description:
      - Only members of the department with this name (read from the department's C(Members)).
      - A department that does not exist matches nothing and gives a warning.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Find the user with extension 100
  tcx.xapi.tcx_user_info:
    extension: "100"
  register: found

- name: Fail when the extension does not exist
  ansible.builtin.assert:
    that: found.users | length == 1

- name: Is this email address already used? (case-insensitive)
  tcx.xapi.tcx_user_info:
    email: John.Doe@example.com
    select: [Number]
  register: by_email

- name: Every member of Sales with their departments and roles
  tcx.xapi.tcx_user_info:
    department: Sales
  register: sales

- name: Disabled users whose last name starts with O'B (a raw OData filter)
  tcx.xapi.tcx_user_info:
    filter: "Enabled eq false and startswith(LastName,'O''B')"
    select: [Number, FirstName, LastName]
'''

RETURN = r'''
users:
  description:
    - The matching users in the options of M(tcx.xapi.tcx_user). Each can be given back to that module or to
      M(tcx.xapi.tcx_config) unchanged, and then changes nothing. References are by name, secrets are never returned.
    - In the order of RV(raw); with O(select), only the options the selected properties hold.
  returned: always
  type: list
  elements: dict
  sample:
    - extension: "100"
      first_name: John
      last_name: Doe
      email: john.doe@example.com
      departments:
        - name: Sales
          role: users
      primary_department: Sales
raw:
  description:
    - The same users as the PBX's Configuration API returns them, secrets removed.
      The matching users, ordered by C(Id); empty when none matches.
    - Each user has every property of the XAPI type C(Pbx.User) (about 70) except the secret ones;
      the most used are described below. Only C(Id) and the O(select) properties when O(select) is given.
  returned: always
  type: list
  elements: dict
  contains:
    Id:
      description: The user's ID.
      type: int
      sample: 37
    Number:
      description: The extension number.
      type: str
      sample: "100"
    FirstName:
      description: First name.
      type: str
      sample: John
    LastName:
      description: Last name.
      type: str
      sample: Doe
    EmailAddress:
      description: Email address.
      type: str
      sample: john.doe@example.com
    Enabled:
      description: Whether the extension is enabled.
      type: bool
      sample: true
    PrimaryGroupId:
      description: ID of the user's primary department.
      type: int
      sample: 35
    Groups:
      description:
        - The user's department memberships, when O(select) is not given or contains V(Groups).
      type: list
      elements: dict
      contains:
        GroupId:
          description: ID of the department.
          type: int
          sample: 35
        Name:
          description: Name of the department.
          type: str
          sample: Sales
        Rights:
          description: The user's role in that department.
          type: dict
          contains:
            RoleName:
              description: The role, for example V(users) or V(managers).
              type: str
              sample: users
  sample:
    - Id: 37
      Number: "100"
      FirstName: John
      LastName: Doe
      EmailAddress: john.doe@example.com
      Enabled: true
      PrimaryGroupId: 35
      Groups:
        - GroupId: 35
          Name: Sales
          Rights:
            RoleName: users
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('users', module_class=module_class)


if __name__ == '__main__':
    main()
