#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_system_info
short_description: Check the 3CX API and credentials, and read the PBX version, time zones and counts
version_added: 0.1.0
description:
  - Reports whether the PBX answers, whether it accepts the credentials (or the access token) and
    whether the Configuration API works, the PBX version from its C(X-3CX-Version) header, the
    PBX's time zone table, and how many objects of each kind the collection manages exist (users, departments, ...;
    not the office hours, of which a PBX has exactly one).
  - Credentials the PBX refuses fail the task (so C(ansible localhost -m tcx.xapi.tcx_system_info) with a
    wrong secret fails), unless O(fail_on_bad_credentials=false).
  - A PBX that cannot be reached or trusted fails the task too, unless O(fail_on_unreachable=false). That is
    no answer (connection refused, timeout), a certificate that does not verify (which can be a
    man-in-the-middle), or a redirect elsewhere (never followed).
  - With O(fail_on_unreachable=false) and O(fail_on_bad_credentials=false) these are reported as data
    (RV(reachable), RV(credentials_ok), RV(api_ok), RV(message)), not as a task failure, so a play can check
    several PBXs (an inventory report) and decide with C(failed_when) or M(ansible.builtin.assert).
    Other answers of the API (HTTP 403 for too low a role) are always reported as data with RV(api_ok=false).
    Wrong connection options (no O(url), neither O(access_token) nor O(client_id) and
    O(client_secret)) always fail the task.
  - Counts are read with C($count=true&$top=0), one small request per entity set, no listing.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  fail_on_bad_credentials:
    description:
      - Fail the task when the PBX refuses the client credentials or the access token (HTTP 401 at login
        or on the first request), with RV(message) as the error.
      - V(false) reports refused credentials as data (RV(credentials_ok=false)) and lets the play decide.
    type: bool
    default: true
  fail_on_unreachable:
    description:
      - Fail the task when the PBX cannot be reached or trusted (no answer, a TLS certificate that does not
        verify, a redirect), with RV(message) as the error.
      - V(false) reports it as data (RV(reachable=false), or RV(api_ok=false) for a redirect) and lets the play
        decide, for example to list the PBXs of an inventory that do not answer.
    type: bool
    default: true
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
'''

EXAMPLES = r'''
- name: Read the PBX (fails when the credentials are refused)
  tcx.xapi.tcx_system_info:
  register: pbx

- name: Check several PBXs, reporting unreachable ones and refused credentials instead of failing
  tcx.xapi.tcx_system_info:
    fail_on_bad_credentials: false
    fail_on_unreachable: false
  register: pbx_check

- name: Stop unless the API works and the PBX is new enough
  ansible.builtin.assert:
    that:
      - pbx.api_ok
      - pbx.version is version('20.0.8', '>=')
    fail_msg: "{{ pbx.message | default('PBX version ' ~ pbx.version ~ ' is too old', true) }}"

- name: Report
  ansible.builtin.debug:
    msg: "3CX {{ pbx.version }}: {{ pbx.counts.users }} users in {{ pbx.counts.departments }} departments"
'''

RETURN = r'''
reachable:
  description: Whether the PBX answered over HTTP(S) at all.
  returned: always
  type: bool
  sample: true
credentials_ok:
  description:
    - Whether the PBX accepted the client credentials (or the access token).
    - V(false) also when the PBX could not be reached, so they could not be checked; RV(message) says which.
  returned: always
  type: bool
  sample: true
api_ok:
  description:
    - Whether the Configuration API answered every request of this module. When V(true), RV(timezones) and RV(counts) are complete.
    - V(false) with V(credentials_ok=true) usually means the service principal's role is too low or the licence lacks XAPI (HTTP 403).
  returned: always
  type: bool
  sample: true
message:
  description: What went wrong when RV(api_ok) is V(false), else V(null). It never contains a secret.
  returned: always
  type: str
  sample: "login to https://pbx.example.com as client_id 900 failed (HTTP 401): The request requires valid user authentication. ..."
version:
  description: The PBX version as the C(X-3CX-Version) header sends it, or V(null) when the PBX sent none.
  returned: always
  type: str
  sample: 20.0.10.1034
version_info:
  description: The first three numbers of RV(version) (major, minor, patch), or V(null).
  returned: always
  type: list
  elements: int
  sample: [20, 0, 10]
timezones:
  description: The PBX's time zone table (C(/Defs) C(TimeZones)); empty unless RV(api_ok).
  returned: always
  type: list
  elements: dict
  contains:
    Id:
      description: The PBX's ID of the zone, used as a department's C(TimeZoneId).
      type: str
      sample: "51"
    Name:
      description: Display name.
      type: str
      sample: (UTC) Coordinated Universal Time
    IanaName:
      description: IANA name.
      type: str
      sample: Etc/UTC
    WindowsName:
      description: Windows name.
      type: str
      sample: UTC
counts:
  description: How many entities of each kind exist; empty unless RV(api_ok).
  returned: always
  type: dict
  contains:
    users:
      description: Number of users.
      type: int
      sample: 250
    departments:
      description: Number of departments, including the system department C(DEFAULT).
      type: int
      sample: 4
    parkings:
      description: Number of shared parking spaces.
      type: int
      sample: 2
    livechats:
      description: Number of live chat links.
      type: int
      sample: 1
    ring_groups:
      description: Number of ring groups.
      type: int
      sample: 2
    queues:
      description: Number of call queues.
      type: int
      sample: 1
    holidays:
      description: Number of holidays.
      type: int
      sample: 3
    ivrs:
      description: Number of digital receptionists (IVRs).
      type: int
      sample: 2
    trunks:
      description: Number of SIP trunks.
      type: int
      sample: 1
    inbound_rules:
      description: Number of inbound (DID) rules.
      type: int
      sample: 3
    outbound_rules:
      description: Number of outbound rules.
      type: int
      sample: 4
    contacts:
      description: Number of contacts in the company phonebook.
      type: int
      sample: 40
    blocklist:
      description: Number of IP blocklist entries.
      type: int
      sample: 5
'''

from ansible_collections.tcx.xapi.plugins.module_utils.client import AuthenticationError, XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import (
    Context, client_from_module, connection_argument_spec,
)
from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, REGISTRY
from ansible_collections.tcx.xapi.plugins.module_utils.odata import build_query
from ansible_collections.tcx.xapi.plugins.module_utils.timezones import timezone_table


def count(client, entity_set):
    """How many entities a set holds, without reading them (``$count=true&$top=0``)."""
    return client.get(entity_set, params=build_query(top=0, count=True)).get('@odata.count')


def gather(ctx):
    """The time zone table and the counts (the first request also logs in)."""
    return {'timezones': timezone_table(ctx),
            'counts': dict((kind.plural, count(ctx.client, kind.entity_set)) for kind in KINDS if not kind.singleton)}


@failures_masked
def main(module_class=None):
    spec = connection_argument_spec()
    spec['fail_on_bad_credentials'] = dict(type='bool', default=True)
    spec['fail_on_unreachable'] = dict(type='bool', default=True)
    module = (module_class or MaskingModule)(argument_spec=spec, supports_check_mode=True)
    client = client_from_module(module)
    result = dict(changed=False, reachable=True, credentials_ok=True, api_ok=True, message=None,
                  timezones=[], counts={})
    untrusted = False
    try:
        result.update(gather(Context(module, client, kinds=REGISTRY)))
    except AuthenticationError as exc:
        result.update(reachable=exc.status is not None, credentials_ok=False, api_ok=False, message=exc.explain())
    except XAPIError as exc:
        answered = exc.status is not None
        # No answer (TLS failure included) or a redirect: whatever answered is not the PBX the url names.
        untrusted = not answered or 300 <= exc.status < 400
        result.update(reachable=answered or client.version_text is not None, credentials_ok=answered and not untrusted,
                      api_ok=False, message=exc.explain())
    result['version'] = client.version_text
    result['version_info'] = list(client.version) if client.version else None
    if untrusted and module.params['fail_on_unreachable']:
        module.fail_json(msg='PBX not reachable: %s (fail_on_unreachable: false reports it as data instead)'
                         % result['message'], **result)
    if result['reachable'] and not result['credentials_ok'] and not untrusted and module.params['fail_on_bad_credentials']:
        module.fail_json(msg='credentials refused: %s' % result['message'], **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
