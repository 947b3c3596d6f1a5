#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_department
short_description: Manage 3CX departments (XAPI groups)
version_added: 0.1.0
description:
  - Create, update and delete departments of a 3CX v20 PBX through its Configuration API.
  - The department name is the natural key. The PBX compares department names ignoring case, and so does
    this module; a name that differs only in case (V(SALES) for an existing C(Sales)) renames the department,
    shown in the diff.
  - Only the options you set are managed; others stay as they are.
  - One lookup (a filtered GET) and at most one write per run.
  - Check mode fails where the real run would. Deleting a department that still has members (one more GET
    reads them before the delete, in check mode as in a real run) fails with the same message in both.
    In check mode, earlier tasks of the play change nothing, so a department whose members earlier tasks
    would delete or move still counts them; M(tcx.xapi.tcx_config) orders such changes within one task
    and predicts them.
  - Input is checked before the first request. The official API specification sets no length for these
    texts; the module limits names to 255 characters and refuses empty ones.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Name of the department (1 to 255 characters); it identifies the department, ignoring case.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the department, V(absent) deletes it.
      - The system department C(DEFAULT) cannot be deleted, and neither can a department that still has members.
    type: str
    choices: [present, absent]
    default: present
  language:
    description:
      - Language code of the department's prompts and emails, two letters, for example V(EN) or V(DE).
    type: str
  timezone:
    description:
      - Time zone of the department, as a 3CX time zone ID such as V("51"), any IANA name including links
        such as V(Europe/Vienna), V(UTC) or V(Europe/Kiev), or a Windows name such as V(W. Europe Standard Time).
      - Resolved to the PBX's zone (C(/Defs) C(TimeZones)) as Windows groups zones (V(Europe/Vienna) and
        V(Europe/Amsterdam) are C(W. Europe Standard Time), like V(Europe/Berlin)), else to the one zone of
        the table whose clock matches all year. An unknown zone fails before any change and lists the closest names.
      - Diffs show the zone as written here when the PBX holds that zone.
    type: str
  prompt_set:
    description:
      - Prompt set (ID of the language pack of system prompts).
    type: str
  allow_call_service:
    description:
      - Whether the department may use the call service.
    type: bool
  disable_custom_prompt:
    description:
      - Whether the custom prompt is disabled.
    type: bool
  extension_range:
    description:
      - Number ranges of the department. Each bound is a string of digits; each C(_from) must not exceed its C(_to).
    type: dict
    suboptions:
      user_from:
        description: First user extension number.
        type: str
      user_to:
        description: Last user extension number.
        type: str
      system_from:
        description: First system extension number (queues, ring groups, IVRs).
        type: str
      system_to:
        description: Last system extension number.
        type: str
      trunk_from:
        description: First trunk number.
        type: str
      trunk_to:
        description: Last trunk number.
        type: str
  limits:
    description:
      - Per-department limits, each from 0 to 2147483647 (int32 in the API specification).
    type: dict
    suboptions:
      live_chat_max:
        description: Maximum number of live chat links.
        type: int
      personal_contacts_max:
        description: Maximum number of personal contacts per user.
        type: int
      prompts_max:
        description: Maximum number of custom prompts.
        type: int
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
  - tcx.xapi.routing
'''

EXAMPLES = r'''
- name: Sales department with its own extension range, in Berlin time
  tcx.xapi.tcx_department:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Sales
    language: DE
    timezone: Europe/Berlin
    extension_range:
      user_from: "200"
      user_to: "299"
    routing:
      out_of_office:
        to: voicemail

- name: Remove a department that has no members any more
  tcx.xapi.tcx_department:
    name: Old Branch
    state: absent
'''

RETURN = r'''
department:
  description:
    - The department after the task (or as it would be, in check mode) in this module's own options, so it can
      be given back to this module or to M(tcx.xapi.tcx_config) unchanged. It has its O(name) and every option the
      PBX holds a value for (the time zone as given, else its IANA name). Empty after a deletion.
  returned: always
  type: dict
  sample:
    name: Sales
    language: DE
    timezone: Europe/Berlin
    extension_range:
      user_from: "200"
      user_to: "299"
    routing:
      out_of_office:
        to: voicemail
        prompt_enabled: false
raw:
  description:
    - The same object as the PBX's Configuration API returns it (XAPI C(Pbx.Group) properties), every secret property
      removed. Empty after a deletion. For reading what the options do not cover.
  returned: always
  type: dict
  sample:
    Id: 35
    Name: Sales
    Number: GRP0001
    Language: DE
    TimeZoneId: "51"
    Props:
      UserNumberFrom: "200"
      UserNumberTo: "299"
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('departments', module_class=module_class)


if __name__ == '__main__':
    main()
