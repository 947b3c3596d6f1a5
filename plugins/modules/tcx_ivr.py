#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_ivr
short_description: Manage 3CX digital receptionists (IVRs, XAPI Receptionists)
version_added: 0.2.0
description:
  - Create, update and delete the digital receptionists (IVR menus) of a 3CX v20 PBX through its Configuration API.
  - The name identifies the IVR. The PBX compares IVR names ignoring case, and so does this module; a name that
    differs only in case renames the IVR, shown in the diff.
  - Only the options you set are managed; others stay as they are.
  - Every destination (O(menu) keys, O(timeout_destination), O(invalid_input_destination), O(routing)) has the
    collection's one destination shape, C(to) with C(number) or C(name). A destination given by number must go to
    an object that has that number (a user for V(extension) and V(voicemail), a queue, ring group or IVR); an
    unknown number fails before any write (in check mode it warns, since an earlier task may create it).
  - One lookup (a filtered GET that reads the keys along) and at most one write per run; changing keys is one
    PATCH that carries only the menu.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Name of the IVR (1 to 255 characters); it identifies the IVR, ignoring case.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the IVR, V(absent) deletes it.
      - The PBX refuses to delete an IVR that an inbound rule, another IVR or a route still sends calls to;
        M(tcx.xapi.tcx_config) foresees that and names them.
    type: str
    choices: [present, absent]
    default: present
  number:
    description:
      - Extension number of the IVR (2 to 10 digits), used when it is created. Without it the PBX assigns the first
        free extension, returned in RV(ivr).
      - A number never changes after creation; giving another number for an existing IVR fails before any write.
    type: str
  departments:
    description:
      - Names of the departments the IVR belongs to (the PBX compares names ignoring case). Compared as a set,
        written as one whole list; must not be empty. Every department must exist.
      - Without it, a new IVR belongs to the system department C(DEFAULT).
    type: list
    elements: str
  prompt:
    description:
      - The prompt file played as the menu (C(PromptFilename)), for example V(main-menu.wav).
    type: str
  prompt_set:
    description:
      - The prompt set (ID of the language pack of system prompts) of the IVR.
    type: str
  input_timeout:
    description:
      - Seconds the IVR waits for a key after its prompt before it sends the call to O(timeout_destination)
        (C(Timeout); the option O(timeout) is the timeout of requests to the PBX).
    type: int
  timeout_destination:
    description:
      - Where a call goes when the caller presses no key within O(input_timeout) seconds.
    type: dict
    suboptions: &forward
      to:
        description:
          - One of V(extension), V(queue), V(ring_group), V(ivr), V(voicemail) (the voicemail of the user whose number is given),
            V(end_call), V(call_by_name), V(repeat_prompt), V(custom_input).
          - The PBX's own spelling (V(RingGroup), V(EndCall)) is accepted too; results use the names above.
        type: str
      number:
        description:
          - Number of the extension, queue, ring group, IVR or user whose voicemail; required (or O(timeout_destination.name))
            with those.
        type: str
      name:
        description:
          - Instead of O(timeout_destination.number), a queue, ring group or IVR by its name (the PBX compares names ignoring
            case). In M(tcx.xapi.tcx_config) it may name any one the same task creates, in any order, cycles included
            (a sub-menu's key back to the main menu). An unknown name fails before any write (in check mode it warns).
        type: str
  invalid_input_destination:
    description:
      - Where a call goes when the caller presses a key the menu does not have.
      - The PBX holds only a number here (C(InvalidKeyForwardDN)); O(invalid_input_destination.to) says what the number is
        (and where O(invalid_input_destination.name) is looked up) and may be left out with O(invalid_input_destination.number).
        A target without a number, such as V(end_call), clears it. Results give the number only.
    type: dict
    suboptions: *forward
  menu:
    description:
      - The keys of the menu as a mapping of key to destination. Keys are V('0') to V('9'), V('*') and V('#')
        (quote V('*') and V('#') in YAML); each destination is a dict like O(timeout_destination) (C(to) with
        C(number) or C(name)).
      - The menu given is the whole menu; keys left out are removed. V({}) removes every key.
      - A change is one PATCH carrying the whole menu, because the PBX replaces the list of keys as a whole.
    type: dict
  forward_sms_to:
    description:
      - The extension number that text messages to the IVR are forwarded to; V('') for none.
    type: str
notes:
  - The official API specification gives an IVR three routes (O(routing)); in office hours the IVR plays its menu.
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
  - tcx.xapi.routing.other_hours
'''

EXAMPLES = r'''
- name: Main menu - 1 sales queue, 2 support ring group, 0 reception, 9 voicemail of the office manager
  tcx.xapi.tcx_ivr:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Main Menu
    prompt: main-menu.wav
    input_timeout: 8
    timeout_destination:
      to: extension
      number: "100"
    invalid_input_destination:
      to: ivr
      name: Main Menu
    menu:
      "1": {to: queue, name: Sales Queue}
      "2": {to: ring_group, name: Support}
      "0": {to: extension, number: "100"}
      "9": {to: voicemail, number: "101"}
      "*": {to: repeat_prompt}
    routing:
      out_of_office:
        to: voicemail_of_destination
        number: "100"

- name: Remove an IVR nothing routes to any more
  tcx.xapi.tcx_ivr:
    name: Old Menu
    state: absent
'''

RETURN = r'''
ivr:
  description:
    - The IVR after the task (as it would be in check mode), in the shape of this module's options
      (O(name), O(number), O(menu), ...), so that given back to the module unchanged it changes nothing. Empty after a deletion.
    - In check mode a new IVR has no O(number) unless one was given (the PBX assigns it).
  returned: always
  type: dict
  sample:
    name: Main Menu
    number: "800"
    departments: [DEFAULT]
    prompt: main-menu.wav
    input_timeout: 8
    timeout_destination: {to: extension, number: "100"}
    menu:
      "1": {to: queue, number: "801"}
      "*": {to: repeat_prompt}
    routing:
      out_of_office: {to: voicemail_of_destination, number: "100", prompt_enabled: false}
raw:
  description:
    - The IVR as the PBX returns it (XAPI C(Pbx.Receptionist), with its C(Forwards)), for what the options do not cover.
  returned: always
  type: dict
  sample:
    Id: 41
    Name: Main Menu
    Number: "800"
    Timeout: 8
    TimeoutForwardType: Extension
    TimeoutForwardDN: "100"
    Forwards:
      - {Input: "1", ForwardType: Queue, ForwardDN: "801"}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('ivrs', module_class=module_class)


if __name__ == '__main__':
    main()
