#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_blocklist_info
short_description: List the IP blocklist of a 3CX PBX
version_added: 0.1.0
description:
  - Return the entries of the IP blocklist of a 3CX v20 PBX that match every selecting option given, or all entries.
  - Pages through any number of entries (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  address:
    description:
      - Only the entry with this address or network, as the PBX holds it.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: The whole blocklist
  tcx.xapi.tcx_blocklist_info:
  register: found

- name: The same blocklist on another PBX
  tcx.xapi.tcx_config:
    url: https://pbx2.example.com
    blocklist: "{{ found.blocklist }}"
'''

RETURN = r'''
blocklist:
  description: The entries in the options of M(tcx.xapi.tcx_blocklist).
  returned: always
  type: list
  elements: dict
  sample:
    - address: 198.51.100.0/24
      action: block
      description: SIP scanner
raw:
  description: The entries as XAPI returns them (C(Pbx.BlocklistAddr)).
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('blocklist', module_class=module_class)


if __name__ == '__main__':
    main()
