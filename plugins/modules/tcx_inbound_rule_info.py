#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_inbound_rule_info
short_description: List 3CX inbound rules (DID rules, XAPI InboundRules)
version_added: 0.2.0
description:
  - Return the inbound rules of a 3CX v20 PBX that match every selecting option given, or all of them when none is given.
  - Pages through any number of rules (100 per request, ordered by C(Id)), reading their trunk along.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  did:
    description:
      - Only the rule of this DID number.
    type: str
  name:
    description:
      - Only the rules with this name (compared ignoring case).
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Read the rules of Berlin numbers
  tcx.xapi.tcx_inbound_rule_info:
    filter: "startswith(Data,'+4930')"
  register: berlin

- name: Apply them unchanged (nothing changes)
  tcx.xapi.tcx_config:
    inbound_rules: "{{ berlin.inbound_rules }}"
'''

RETURN = r'''
inbound_rules:
  description:
    - The matching rules, ordered by C(Id), each in the shape of the options of M(tcx.xapi.tcx_inbound_rule); given to
      it or to M(tcx.xapi.tcx_config) unchanged, they change nothing.
  returned: always
  type: list
  elements: dict
  sample:
    - did: "+493012345600"
      name: Main line
      trunk: "10000"
      office_hours: {to: ivr, number: "800"}
raw:
  description:
    - The same rules as the PBX returns them (XAPI C(Pbx.InboundRule) with C(TrunkDN)).
  returned: always
  type: list
  elements: dict
  sample:
    - Id: 52
      Data: "+493012345600"
      RuleName: Main line
      TrunkDN: {Id: 2, Name: Provider, Number: "10000"}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('inbound_rules', module_class=module_class)


if __name__ == '__main__':
    main()
