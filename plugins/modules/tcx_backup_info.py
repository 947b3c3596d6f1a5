#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_backup_info
short_description: List the backups a 3CX PBX holds, with their age
version_added: 0.1.0
description:
  - Return the backups of a 3CX v20 PBX (C(Backups)), newest first, each with its time, size and age, and the newest.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options: {}
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
'''

EXAMPLES = r'''
- name: List the backups
  tcx.xapi.tcx_backup_info:
  register: found

- name: Fail when the newest backup is older than two days
  ansible.builtin.assert:
    that: found.newest and found.newest.age_days < 2
    fail_msg: "{{ inventory_hostname }} has no backup of the last two days"
'''

RETURN = r'''
backups:
  description: The backups, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    file_name:
      description: Its file name (C(FileName)).
      type: str
    created_at:
      description: When it was made (C(CreationTime)).
      type: str
    size:
      description: Its size in bytes (C(Size)).
      type: int
    age_hours:
      description: Its age in hours.
      type: float
    age_days:
      description: Its age in whole days.
      type: int
    download_link:
      description: Where the PBX serves it (C(DownloadLink)).
      type: str
newest:
  description: The newest backup (as in RV(backups)), or null when the PBX holds none.
  returned: always
  type: dict
'''

import datetime

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.tcx.xapi.plugins.module_utils.backup import listing, with_age
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import client_from_module, connection_argument_spec


def main(module_class=None):
    module = (module_class or AnsibleModule)(argument_spec=connection_argument_spec(), supports_check_mode=True)
    try:
        found = listing(client_from_module(module))
    except XAPIError as exc:
        module.fail_json(msg='reading the backups failed: %s' % exc.explain(), status=exc.status)
    now = datetime.datetime.now(datetime.timezone.utc)
    backups = [with_age(backup, now) for backup in found]
    module.exit_json(changed=False, backups=backups, newest=backups[0] if backups else None)


if __name__ == '__main__':
    main()
