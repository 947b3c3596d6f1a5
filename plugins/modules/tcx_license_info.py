#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_license_info
short_description: Read the licence of a 3CX PBX - edition, simultaneous calls, expiry and maintenance dates
version_added: 0.1.0
description:
  - Return the licence of a 3CX v20 PBX (the XAPI singleton C(LicenseStatus)) with one GET - its key masked, the
    edition, simultaneous calls, the expiry and maintenance dates and the days left until each.
  - Warns when the licence or its maintenance runs out within O(warn_days) days (or ran out), and lists why in
    RV(warnings_expiry).
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  warn_days:
    description:
      - How many days before the licence or its maintenance runs out the module warns.
    type: int
    default: 30
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
'''

EXAMPLES = r'''
- name: Read the licence, warn 60 days before it or its maintenance runs out
  tcx.xapi.tcx_license_info:
    warn_days: 60
  register: found

- name: Fail when the maintenance has run out
  ansible.builtin.assert:
    that: found.license.maintenance_days_left >= 0
    fail_msg: "Maintenance of {{ inventory_hostname }} ran out on {{ found.license.maintenance_expires_at }}"
'''

RETURN = r'''
license:
  description: The licence.
  returned: always
  type: dict
  contains:
    key:
      description: The licence key, all but its last four characters masked.
      type: str
      sample: "****-****-****-7F3A"
    edition:
      description: The product code of the licence (its edition), as the PBX gives it (C(ProductCode)).
      type: str
      sample: 3CXPSPROFENT
    active:
      description: Whether the licence is active (C(LicenseActive)).
      type: bool
    activated:
      description: Whether the licence is activated (C(Activated)).
      type: bool
    simultaneous_calls:
      description: Simultaneous calls the licence allows (C(MaxSimCalls)).
      type: int
      sample: 8
    meeting_participants:
      description: Simultaneous meeting participants (C(SimMeetingParticipants)).
      type: int
    expires_at:
      description: When the licence runs out (C(ExpirationDate)); null for a licence that does not.
      type: str
      sample: "2027-12-07T00:00:00Z"
    days_left:
      description: Calendar days (UTC) until the licence runs out (negative once it has); null when it does not.
      type: int
      sample: 365
    maintenance_expires_at:
      description: When the maintenance (updates and support) runs out (C(MaintenanceExpiresAt)).
      type: str
      sample: "2027-06-25T00:00:00Z"
    maintenance_days_left:
      description: Calendar days (UTC) until the maintenance runs out (negative once it has).
      type: int
      sample: 200
    support:
      description: Whether the licence includes support (C(Support)).
      type: bool
    company:
      description: The licensee (C(CompanyName)).
      type: str
    reseller:
      description: The reseller (C(ResellerName)).
      type: str
    version:
      description: The PBX version the licence status reports (C(Version)).
      type: str
warnings_expiry:
  description: What runs out within O(warn_days) days, or ran out, one sentence each (also shown as warnings).
  returned: always
  type: list
  elements: str
  sample: ["maintenance runs out in 20 day(s) (2027-06-25T00:00:00Z)"]
raw:
  description: C(LicenseStatus) as XAPI returns it, without the licence key.
  returned: always
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.license import SELECT, licence, raw, warnings
from ansible_collections.tcx.xapi.plugins.module_utils.odata import build_query


def main(module_class=None):
    spec = connection_argument_spec()
    spec['warn_days'] = dict(type='int', default=30)
    module = (module_class or AnsibleModule)(argument_spec=spec, supports_check_mode=True)
    if module.params['warn_days'] < 0:
        module.fail_json(msg='warn_days must be 0 or more days, got %d' % module.params['warn_days'])
    client = client_from_module(module)
    try:
        status = client.get('LicenseStatus', params=build_query(select=list(SELECT)))
    except XAPIError as exc:
        module.fail_json(msg='reading the licence failed: %s' % exc.explain(), status=exc.status)
    found = licence(status)
    expiring = warnings(found, module.params['warn_days'])
    for sentence in expiring:
        module.warn('%s: %s' % (client.base_url, sentence))
    module.exit_json(changed=False, license=found, warnings_expiry=expiring, raw=raw(status))


if __name__ == '__main__':
    main()
