#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_phone_info
short_description: List the desk phones a 3CX PBX detected
version_added: 0.1.0
description:
  - Return the phones the PBX detected on its networks (XAPI C(DeviceInfos)) - MAC address, vendor, model, firmware,
    address, and the user each is assigned to - so that an inventory or an audit can show the unassigned ones.
  - A phone is given to a user with the O(tcx.xapi.tcx_user#module:phones) option of M(tcx.xapi.tcx_user).
  - Pages through any number of phones (100 per request, ordered by C(Id)). Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  mac:
    description:
      - Only the phone with this MAC address, in any common spelling (V(80:5E:C0:12:34:56), V(805ec0123456), ...).
    type: str
  assigned:
    description:
      - V(true) only the phones assigned to a user, V(false) only the unassigned ones; all when not given.
    type: bool
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
'''

EXAMPLES = r'''
- name: The phones nobody has yet
  tcx.xapi.tcx_phone_info:
    assigned: false
  register: unassigned

- name: Show them
  ansible.builtin.debug:
    msg: "{{ unassigned.phones | map(attribute='mac') | list }}"
'''

RETURN = r'''
phones:
  description:
    - The detected phones, ordered by C(Id); MAC addresses as twelve lower-case hex digits (as O(tcx.xapi.tcx_user#module:phones) takes them).
  returned: always
  type: list
  elements: dict
  sample:
    - mac: 805ec0123456
      vendor: Yealink
      model: T46U
      firmware: 108.86.0.20
      ip_address: 192.168.1.50
      assigned: true
      assigned_user: 201 Ada Lovelace
raw:
  description: The same phones as XAPI holds them (C(Pbx.DeviceInfo)).
  returned: always
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError, strip_secrets
from ansible_collections.tcx.xapi.plugins.module_utils.phones import detected_phones, device_options


def main(module_class=None):
    spec = connection_argument_spec()
    spec.update(mac=dict(type='str'), assigned=dict(type='bool'))
    module = (module_class or AnsibleModule)(argument_spec=spec, supports_check_mode=True)
    try:
        found = detected_phones(client_from_module(module), module.params['mac'], module.params['assigned'])
    except ValidationError as exc:
        module.fail_json(msg=str(exc))
    except XAPIError as exc:
        module.fail_json(msg='reading the detected phones failed: %s' % exc.explain(), status=exc.status)
    module.exit_json(changed=False, phones=[device_options(d) for d in found], raw=strip_secrets(found))


if __name__ == '__main__':
    main()
