#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_trunk
short_description: Manage 3CX SIP trunks (XAPI Trunks)
version_added: 0.3.0
description:
  - Create, update and delete the SIP trunks of a 3CX v20 PBX through its Configuration API, that is the connection to a
    provider with what its setup sheet gives (registrar, authentication ID, password, DID numbers).
  - The trunk's name (its provider's name, as the web client lists it) identifies it.
  - A trunk is created as the web client creates it, from a provider template (O(template)) that C(Pbx.InitTrunk)
    turns into a new trunk, filled in with the options given and posted.
  - Only the options you set are managed; others stay as the template or the web client set them.
  - The password is never read, compared, returned or shown in a diff; it is sent on create, or on every run with
    O(update_password=always).
  - Deleting a trunk that an inbound rule or an outbound rule uses fails before any write (in check mode too),
    naming the rule.
  - One GET reads the trunks (a PBX has a handful); a create also reads the template's new trunk; at most one write.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - The trunk's name (its provider's name, C(Gateway.Name)), compared exactly. It identifies the trunk.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the trunk, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  number:
    description:
      - The trunk's extension number, from V("10000") up. The PBX assigns the first free one when none is given;
        it never changes afterwards (a different number fails before any write).
    type: str
  template:
    description:
      - The provider template the trunk is made from, by its file name (C(GET /TrunkTemplates) lists them), for example
        V(1cx.pv.xml). Required to create a trunk; it cannot change afterwards.
    type: str
  host:
    description:
      - The provider's registrar or server (host name or IP address).
    type: str
  port:
    description:
      - The registrar's port.
    type: int
  proxy_host:
    description:
      - The outbound proxy, when the provider has one.
    type: str
  proxy_port:
    description:
      - The outbound proxy's port.
    type: int
  auth_id:
    description:
      - The authentication ID (user name) the provider gives.
    type: str
  password:
    description:
      - The authentication password. Never returned or shown in a diff.
      - Sent according to O(update_password).
      - A backup (M(tcx.xapi.tcx_config_info)) holds V(FILL-IN-FROM-VAULT) instead of a password; given that value,
        the password is not written (a warning says so).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the trunk is created; V(always) sends it on every run (and reports a change).
    type: str
    choices: [on_create, always]
    default: on_create
  simultaneous_calls:
    description:
      - How many calls the trunk carries at once.
    type: int
  direction:
    description:
      - Which calls the trunk carries.
    type: str
    choices: [both, inbound, outbound]
  main_number:
    description:
      - The trunk's main number (C(ExternalNumber)), usually one of its DIDs.
    type: str
  dids:
    description:
      - The DID numbers the trunk delivers, compared as a set; replaces the whole list. A DID belongs to one trunk.
    type: list
    elements: str
  outbound_caller_id:
    description:
      - The caller ID sent on outbound calls when a rule's route sets none.
    type: str
  registration_interval:
    description:
      - Seconds between registrations with the provider (C(Gateway.TimeBetweenReg)).
    type: int
  require_registration:
    description:
      - For which calls the trunk must be registered (C(Gateway.RequireRegistrationFor)).
    type: str
    choices: [Nothing, IncomingCalls, OutgoingCalls, InOutCalls]
  e164_country_code:
    description:
      - The country calling code used to turn incoming numbers into E.164 (V("49") for Germany).
    type: str
  e164_process_incoming:
    description:
      - Whether incoming caller numbers are turned into E.164 with O(e164_country_code).
    type: bool
  inbound_caller_id_rules:
    description:
      - Caller ID formatting of incoming calls, in order; replaces the whole list.
    type: list
    elements: dict
    suboptions: &cid
      match:
        description: The pattern a caller ID must match (C(SourcePattern)).
        type: str
        required: true
      replace:
        description: What it becomes (C(ReplacePattern)).
        type: str
  outbound_caller_id_rules:
    description:
      - Caller ID formatting of outgoing calls, in order; replaces the whole list.
    type: list
    elements: dict
    suboptions: *cid
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: The office's SIP trunk, from the provider's setup sheet
  tcx.xapi.tcx_trunk:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Provider A
    template: generic.pv.xml
    host: sip.provider-a.example
    port: 5060
    auth_id: "4930123456"
    password: "{{ vault_trunk_password }}"
    simultaneous_calls: 4
    direction: both
    main_number: "+493012345610"
    dids: ["+493012345610", "+493012345611"]
    e164_country_code: "49"
    e164_process_incoming: true

- name: Remove a trunk no rule uses any more
  tcx.xapi.tcx_trunk:
    name: Old provider
    state: absent
'''

RETURN = r'''
trunk:
  description:
    - The trunk after the task (as it would be in check mode), in the shape of this module's options, without the
      password. Empty after a deletion.
  returned: always
  type: dict
  sample:
    name: Provider A
    number: "10001"
    template: generic.pv.xml
    host: sip.provider-a.example
    port: 5060
    auth_id: "4930123456"
    direction: both
    dids: ["+493012345610", "+493012345611"]
raw:
  description:
    - The trunk as the PBX returns it (XAPI C(Pbx.Trunk)), without any password.
  returned: always
  type: dict
  sample:
    Id: 7
    Number: "10001"
    Gateway: {Name: Provider A, Host: sip.provider-a.example, Port: 5060, TemplateFilename: generic.pv.xml}
    DidNumbers: ["+493012345610", "+493012345611"]
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('trunks', module_class=module_class)


if __name__ == '__main__':
    main()
