# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options shared by every tcx.xapi module."""

    DOCUMENTATION = r'''
options:
  url:
    description:
      - Address of the 3CX PBX, for example V(https://pbx.example.com) or V(https://pbx.example.com:5001).
      - A bare host name means HTTPS. Plain V(http://) works but gives a warning, because the
        client secret and the token would travel unencrypted.
      - If not set, the value of the E(TCX_URL) environment variable is used.
    type: str
    required: true
  client_id:
    description:
      - Client ID of the 3CX service principal (Integrations > API in the 3CX admin console).
      - Required with O(client_secret) unless O(access_token) is given.
      - If not set, the value of the E(TCX_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - API key of the service principal. Never logged or returned.
      - If not set, the value of the E(TCX_CLIENT_SECRET) environment variable is used.
    type: str
  access_token:
    description:
      - A token from M(tcx.xapi.tcx_token), used instead of logging in, so that a play logs in once.
      - When the PBX rejects it and O(client_id) and O(client_secret) are also given, the module
        logs in once with them; otherwise it fails with a clear message.
      - If not set, the value of the E(TCX_ACCESS_TOKEN) environment variable is used.
    type: str
  validate_certs:
    description:
      - Whether to validate the PBX's TLS certificate. Set to V(false) only in a lab; it gives a warning.
      - If not set, the value of the E(TCX_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path of a PEM file with the CA certificate(s) that signed the PBX's certificate, for a private CA.
      - If not set, the value of the E(TCX_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP answer.
      - If not set, the value of the E(TCX_TIMEOUT) environment variable is used.
    type: int
    default: 30
  retries:
    description:
      - How many times a request is repeated after a connection error, a timeout, HTTP 429
        (honouring C(Retry-After)), 502, 503 or 504, with exponential backoff and jitter.
      - A create whose answer was lost is never repeated blindly; the module first looks the
        object up by its natural key. A refused login is never repeated.
      - If not set, the value of the E(TCX_RETRIES) environment variable is used.
    type: int
    default: 3
  token_cache:
    description:
      - Share the access token with every other process on the controller that uses the same
        O(url), O(client_id) and O(client_secret). Parallel forks and jobs reuse one token instead
        of logging in separately (the PBX keeps only one valid token per client, so separate
        logins knock each other out), and after a 401 only one of them logs in again.
      - The token is kept in a file readable only by its owner (mode 0600) in the directory named by
        E(TCX_TOKEN_CACHE_DIR), else C($XDG_CACHE_HOME/tcx.xapi) or C(~/.cache/tcx.xapi). If that
        directory cannot be written, the module works without the cache.
      - The PBX's time zone table is kept there too (it never changes on a PBX), so that a task that only
        compares or shows a time zone reads nothing for it; a zone the kept table does not know reads it again.
      - If not set, the value of the E(TCX_TOKEN_CACHE) environment variable is used.
    type: bool
    default: true
notes:
  - All tcx.xapi modules belong to the action group C(tcx.xapi.all), so
    C(module_defaults) for C(group/tcx.xapi.all)
    sets the connection for every task of a play.
  - Every tcx.xapi module runs inside the controller's worker process through its action plugin
    (arguments validated against the same spec, check mode, diff, C(no_log) masking and results
    as the module gives), which saves a module process per task (about 0.3 to 1 s).
    It runs as a module process instead when the task does not run on the controller as the
    controller's user (a connection other than C(local), for example C(delegate_to) a remote
    host; C(become)), with C(async), when the controller's Python lacks C(requests), or when the
    variable C(tcx_xapi_in_process) is false (for example C(-e tcx_xapi_in_process=false), or in
    a task's C(vars) to run it with another C(ansible_python_interpreter)).
  - The service principal needs the 3CX Configuration API access and a role high enough for
    the changes (System Owner for system-wide changes). XAPI needs an Enterprise licence.
requirements:
  - requests, on the Ansible controller (and on the host that runs the module process, where one is used)
'''
