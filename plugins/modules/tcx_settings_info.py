#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_settings_info
short_description: Read the PBX's settings sections (E.164, mail server, anti-hacking, codecs, backup schedule, ...)
version_added: 0.1.0
description:
  - Return every settings section that M(tcx.xapi.tcx_settings) manages, with one GET per section.
  - Secrets are never returned.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options: {}
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
'''

EXAMPLES = r'''
- name: Read the settings
  tcx.xapi.tcx_settings_info:
  register: found

- name: The same E.164 rules and anti-hacking limits on another PBX
  tcx.xapi.tcx_settings:
    url: https://pbx2.example.com
    e164: "{{ found.settings.e164 }}"
    anti_hacking: "{{ found.settings.anti_hacking }}"
'''

RETURN = r'''
settings:
  description:
    - Every section in the options of M(tcx.xapi.tcx_settings), without secrets. Given back to M(tcx.xapi.tcx_settings)
      or as O(tcx.xapi.tcx_config#module:settings) they change nothing.
  returned: always
  type: dict
  sample:
    e164: {country_code: "49", area_code: "30", international_code: "00", national_code: "0", enabled: true}
    mail: {mail_server_type: Tcx}
raw:
  description: Every section as XAPI holds it, by its type's name (C(E164Settings), ...), secrets removed.
  returned: always
  type: dict
  sample:
    E164Settings: {CountryCode: "49", AreaCode: "30", InternationalCode: "00", NationalCode: "0", Enabled: true}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('settings', module_class=module_class)


if __name__ == '__main__':
    main()
