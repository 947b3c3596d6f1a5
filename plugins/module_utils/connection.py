# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module glue: the connection options, the client built from them, and the context hooks get."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import env_fallback, missing_required_lib
from ansible_collections.tcx.xapi.plugins.module_utils.client import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, XAPIClient, XAPIError,
)
from ansible_collections.tcx.xapi.plugins.module_utils.lookups import Lookups
from ansible_collections.tcx.xapi.plugins.module_utils.token_cache import default_cache_dir


def connection_argument_spec():
    """The connection options every module shares (documented in the tcx.xapi.connection fragment)."""
    return dict(
        url=dict(type='str', required=True, fallback=(env_fallback, ['TCX_URL'])),
        client_id=dict(type='str', fallback=(env_fallback, ['TCX_CLIENT_ID'])),
        client_secret=dict(type='str', no_log=True, fallback=(env_fallback, ['TCX_CLIENT_SECRET'])),
        access_token=dict(type='str', no_log=True, fallback=(env_fallback, ['TCX_ACCESS_TOKEN'])),
        validate_certs=dict(type='bool', default=True, fallback=(env_fallback, ['TCX_VALIDATE_CERTS'])),
        ca_path=dict(type='path', fallback=(env_fallback, ['TCX_CA_PATH'])),
        timeout=dict(type='int', default=30, fallback=(env_fallback, ['TCX_TIMEOUT'])),
        retries=dict(type='int', default=3, fallback=(env_fallback, ['TCX_RETRIES'])),
        token_cache=dict(type='bool', default=True, fallback=(env_fallback, ['TCX_TOKEN_CACHE'])),
    )


def client_from_module(module):
    """Build the :class:`XAPIClient` from a module's connection options (fails the module on error)."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    p = module.params
    # A module process runs in the task's environment; in the controller's worker process, TaskModule carries it.
    environ = getattr(module, 'environ', None) or os.environ
    if p['timeout'] <= 0 or p['retries'] < 0:
        module.fail_json(msg='timeout must be positive and retries zero or more')
    try:
        return XAPIClient(p['url'], client_id=p['client_id'], client_secret=p['client_secret'],
                          access_token=p['access_token'], validate_certs=p['validate_certs'],
                          ca_path=p['ca_path'], timeout=p['timeout'], retries=p['retries'],
                          check_mode=module.check_mode, warn=module.warn,
                          token_cache_dir=default_cache_dir(environ) if p['token_cache'] else None, environ=environ)
    except (XAPIError, ValueError) as exc:
        module.fail_json(msg=str(exc))


class Context(object):
    """What hooks get: the module (``params``, ``check_mode``, ``_diff``, ``warn``), the client, and what they know.

    ``cache`` belongs to this one object's run (its current memberships, a generated password);
    ``lookups`` (:class:`Lookups`) holds what stays true for every object of a task (departments by
    name, the time zone table), so that tcx_config reads it once for all its items; ``created_before``
    lists the kinds (plurals) whose new objects exist before this object is created (tcx_config creates
    kind after kind; a single module creates one object); ``kinds`` is the registry (:class:`~kind.Kinds`), through
    which a hook reaches another kind (the department a user names, the queue a destination names).
    """

    def __init__(self, module, client, lookups=None, created_before=(), kinds=None):
        self.module = module
        self.params = module.params
        self.client = client
        self.cache = {}
        self.lookups = Lookups() if lookups is None else lookups
        self.created_before = frozenset(created_before)
        self.kinds = kinds
