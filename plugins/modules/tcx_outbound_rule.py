#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_outbound_rule
short_description: Manage 3CX outbound rules (XAPI OutboundRules)
version_added: 0.3.0
description:
  - Create, update and delete the outbound rules of a 3CX v20 PBX through its Configuration API, that is which calls
    leave through which trunks, with which digits stripped, prepended or appended.
  - The rule's name identifies it.
  - Only the options you set are managed; others stay as they are.
  - The PBX tries the rules in order. O(priority) moves the rule to that place with C(Pbx.MoveUpDown), one call per
    place; the order is read with the rule, so a rule already in place costs no request.
  - A route to a trunk the PBX does not have fails before any write, listing the trunks.
  - One lookup (a filtered GET) and at most one write per run, besides the moves.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - The rule's name. It identifies the rule.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the rule, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  prefix:
    description:
      - The dialled prefix the rule matches (V("0") for national calls, V("112") for the emergency number).
    type: str
  number_lengths:
    description:
      - The lengths of dialled numbers the rule matches, each a length (V("11")) or a range (V("7-10")).
    type: list
    elements: str
  extensions:
    description:
      - The calling extensions the rule applies to, each an extension (V("105")) or a range (V("100-199")); compared as a set.
    type: list
    elements: str
  departments:
    description:
      - The departments whose members the rule applies to, by name (ignoring case); compared as a set.
    type: list
    elements: str
  emergency:
    description:
      - Whether this is an emergency rule.
    type: bool
  routes:
    description:
      - Up to five routes, tried in this order; replaces the whole list.
    type: list
    elements: dict
    suboptions:
      trunk:
        description:
          - The trunk, by its number (V("10000")) or its provider's name (ignoring case). Results give its number.
        type: str
        required: true
      strip_digits:
        description: How many digits are removed from the front of the dialled number.
        type: int
      prepend:
        description: Digits put in front.
        type: str
      append:
        description: Digits added at the end.
        type: str
      caller_id:
        description: The caller ID sent through this route.
        type: str
  priority:
    description:
      - The rule's place in the order the PBX tries the rules, V(1) first. Unset, a new rule goes last and an existing
        one keeps its place. At most the number of rules.
      - In M(tcx.xapi.tcx_config) the list's order is the order; an item does not take O(priority).
    type: int
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: Emergency calls first, through trunk 10000
  tcx.xapi.tcx_outbound_rule:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Emergency
    prefix: "112"
    emergency: true
    routes:
      - {trunk: "10000"}
    priority: 1

- name: National calls of Sales leave through trunk 10000 in E.164, else as dialled
  tcx.xapi.tcx_outbound_rule:
    name: National
    prefix: "0"
    number_lengths: ["10", "11"]
    departments: [Sales]
    extensions: ["200-299"]
    routes:
      - {trunk: "10000", strip_digits: 1, prepend: "+49"}
      - {trunk: "10000"}
'''

RETURN = r'''
outbound_rule:
  description:
    - The rule after the task (as it would be in check mode), in the shape of this module's options (without
      O(priority)), so that given back to the module unchanged it changes nothing. Empty after a deletion.
  returned: always
  type: dict
  sample:
    name: National
    prefix: "0"
    number_lengths: ["10", "11"]
    departments: [Sales]
    routes:
      - {trunk: "10001", strip_digits: 1, prepend: "+49"}
raw:
  description:
    - The rule as the PBX returns it (XAPI C(Pbx.OutboundRule)), with its C(Priority).
  returned: always
  type: dict
  sample:
    Id: 12
    Name: National
    Prefix: "0"
    Priority: 2
    Routes: [{TrunkId: 7, TrunkName: Provider A, StripDigits: 1, Prepend: "+49", Append: "", CallerID: ""}]
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('outbound_rules', module_class=module_class)


if __name__ == '__main__':
    main()
