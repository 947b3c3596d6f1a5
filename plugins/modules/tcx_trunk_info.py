#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_trunk_info
short_description: List 3CX SIP trunks (XAPI Trunks)
version_added: 0.3.0
description:
  - Return the trunks of a 3CX v20 PBX that match every selecting option given, or all of them when none is given.
  - Pages through any number of trunks (100 per request, ordered by C(Id)).
  - Passwords are never returned.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Only the trunk with this name (its provider's name).
    type: str
  number:
    description:
      - Only the trunk with this number.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Read every trunk
  tcx.xapi.tcx_trunk_info:
  register: found

- name: Their DID numbers
  ansible.builtin.debug:
    msg: "{{ found.trunks | map(attribute='dids') | flatten }}"
'''

RETURN = r'''
trunks:
  description:
    - The matching trunks, ordered by C(Id), each in the shape of the options of M(tcx.xapi.tcx_trunk).
  returned: always
  type: list
  elements: dict
  sample:
    - name: Provider A
      number: "10001"
      template: generic.pv.xml
      host: sip.provider-a.example
      dids: ["+493012345610"]
raw:
  description:
    - The same trunks as the PBX returns them (XAPI C(Pbx.Trunk)), without any password.
  returned: always
  type: list
  elements: dict
  sample:
    - Id: 7
      Number: "10001"
      Gateway: {Name: Provider A, Host: sip.provider-a.example}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('trunks', module_class=module_class)


if __name__ == '__main__':
    main()
