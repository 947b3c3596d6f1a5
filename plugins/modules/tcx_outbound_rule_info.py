#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_outbound_rule_info
short_description: List 3CX outbound rules (XAPI OutboundRules)
version_added: 0.3.0
description:
  - Return the outbound rules of a 3CX v20 PBX that match every selecting option given, or all of them when none is given,
    in the order the PBX tries them.
  - Pages through any number of rules (100 per request, ordered by C(Priority)).
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Only the rule with this name.
    type: str
  prefix:
    description:
      - Only the rules with this prefix.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Read the rules in their order
  tcx.xapi.tcx_outbound_rule_info:
  register: found

- name: Apply them unchanged (nothing changes, the order included)
  tcx.xapi.tcx_config:
    outbound_rules: "{{ found.outbound_rules }}"
'''

RETURN = r'''
outbound_rules:
  description:
    - The matching rules in the order the PBX tries them, each in the shape of the options of
      M(tcx.xapi.tcx_outbound_rule); given to M(tcx.xapi.tcx_config) unchanged, they change nothing.
  returned: always
  type: list
  elements: dict
  sample:
    - name: Emergency
      prefix: "112"
      emergency: true
      routes: [{trunk: "10001"}]
raw:
  description:
    - The same rules as the PBX returns them (XAPI C(Pbx.OutboundRule)).
  returned: always
  type: list
  elements: dict
  sample:
    - Id: 12
      Name: Emergency
      Priority: 1
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('outbound_rules', module_class=module_class)


if __name__ == '__main__':
    main()
