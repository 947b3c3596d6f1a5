#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_queue_info
short_description: List 3CX call queues
version_added: 0.1.0
description:
  - Return the call queues of a 3CX v20 PBX that match every selecting option given, or all of them when none is given.
  - Pages through any number of them (100 per request, ordered by C(Id)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Only the one with this name (compared ignoring case, like the PBX), the natural key.
    type: str
  number:
    description:
      - Only the one with this extension number.
    type: str
  department:
    description:
      - Only queues of the department with this name (read from the department's C(Members)).
      - A department that does not exist matches nothing and gives a warning.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: Every call queue
  tcx.xapi.tcx_queue_info:
  register: found

- name: Back them up in the shape tcx_config takes
  ansible.builtin.copy:
    content: "{{ {'queues': found.queues} | to_nice_yaml }}"
    dest: queues.yml
    mode: "0600"
'''

RETURN = r'''
queues:
  description:
    - The matching call queues, ordered by C(Id), each in the shape of the options of M(tcx.xapi.tcx_queue) (its name,
      number and every option it holds a value for). Given unchanged to M(tcx.xapi.tcx_queue) or to
      M(tcx.xapi.tcx_config) (C(queues)), they change nothing.
  returned: always
  type: list
  elements: dict
raw:
  description: The same call queues as XAPI returns them (C(Pbx.Queue), with C(Agents, Managers) rows by C(Number)).
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('queues', module_class=module_class)


if __name__ == '__main__':
    main()
