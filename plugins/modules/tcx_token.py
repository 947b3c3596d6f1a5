#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_token
short_description: Log in to the 3CX API once and return the access token for the rest of the play
version_added: 0.1.0
description:
  - Logs in with O(client_id) and O(client_secret), checks that the PBX accepts the token, and
    returns RV(access_token) and its expiry time.
  - Pass RV(access_token) to the other tasks as O(access_token), best through
    C(module_defaults) for C(group/tcx.xapi.all) as in the examples. They then make no login of
    their own. This saves one request per task and, because a real PBX keeps only one valid token
    per client, stops tasks and other processes from knocking each other's tokens out.
  - When a later task's O(access_token) is rejected (expired, or replaced by a newer login of the
    same client), that task logs in exactly once if O(client_id) and O(client_secret) are also
    given to it, and otherwise fails with a message saying so.
  - With O(token_cache) (the default) the token comes from the shared cache when it is still valid,
    so this module does not log in again for every play.
  - A given O(access_token) is not used; this module always gets its own token.
  - Never reports a change. It also runs in check mode, so that the tasks after it can read the PBX.
  - The returned token is a secret. Ansible cannot hide one return value and keep it usable, so
    set C(no_log=true) on this task. The registered variable still holds the token, but the
    output, the callback plugins and AWX job events do not show it. The other modules take
    O(access_token) as a C(no_log) option, so it is masked wherever they log their arguments.
author:
  - tcx.xapi developers (@tcx-xapi)
extends_documentation_fragment:
  - tcx.xapi.connection
  - ansible.builtin.action_common_attributes
attributes:
  action:
    description: Runs in the controller's worker process through the action plugin of the same name, with no module process.
    support: full
    details: See the notes for when the module runs as a module process instead, and how to force it.
  check_mode:
    support: full
    details: Logs in also in check mode (a login changes nothing on the PBX), so that later tasks can read.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
'''

EXAMPLES = r'''
# One login for the whole play: every task of the group gets the token from module_defaults.
# Before tcx_token has run, "default(omit)" leaves access_token out, so tcx_token logs in.
# Keeping client_id and client_secret in the defaults lets a task log in once more if the
# token is rejected (for example when another process logged in with the same client).
- name: Provision the PBX with one login
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/tcx.xapi.all:
      url: https://pbx.example.com
      client_id: "900"
      client_secret: "{{ vault_tcx_client_secret }}"
      access_token: "{{ tcx_login.access_token | default(omit) }}"
  tasks:
    - name: Log in once
      tcx.xapi.tcx_token:
      register: tcx_login
      no_log: true

    - name: Every later task uses the token and makes no login
      tcx.xapi.tcx_department:
        name: Sales

    - name: Show when the token expires (the token itself is not printed)
      ansible.builtin.debug:
        msg: "token valid until {{ tcx_login.expires_at }}"
'''

RETURN = r'''
access_token:
  description:
    - The bearer token, to pass to other tasks as O(access_token). It is a secret, see the description about C(no_log).
  returned: success
  type: str
  sample: eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJjbGllbnRfaWQiOiI5MDAifQ.c2lnbmF0dXJl
expires_at:
  description:
    - When the token expires, in ISO 8601 UTC.
    - The PBX reports the lifetime in minutes up to version 20.0.8 and in seconds from 20.0.9; when the
      version is unknown at login, the shorter reading is used, so the time is never later than the real expiry.
  returned: success
  type: str
  sample: "2026-11-28T13:45:00Z"
expires_at_epoch:
  description: The same time in seconds since 1970-01-01 UTC.
  returned: success
  type: int
  sample: 1795873500
'''

import time

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked


@failures_masked
def main(module_class=None):
    module = (module_class or MaskingModule)(argument_spec=connection_argument_spec(), supports_check_mode=True)
    if not (module.params['client_id'] and module.params['client_secret']):
        module.fail_json(msg='tcx_token logs in, so client_id and client_secret are required '
                             '(a given access_token is not used)')
    # The previous token may arrive through module_defaults; this task gets its own.
    module.params['access_token'] = None
    client = client_from_module(module)
    try:
        client.get('Defs', params={'$select': 'Id'})
        token, expires_at = client.token_info()
    except XAPIError as exc:
        module.fail_json(msg=exc.explain(), status=exc.status)
    # The token is this module's output: when it equals a previous token handed in as the no_log
    # option access_token (a still valid shared token), Ansible would otherwise mask it.
    module.no_log_values.discard(token)
    module.exit_json(changed=False, access_token=token,
                     expires_at=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(expires_at)),
                     expires_at_epoch=int(expires_at))


if __name__ == '__main__':
    main()
