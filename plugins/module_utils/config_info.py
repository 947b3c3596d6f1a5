# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""tcx_config_info: every kind of the registry read once, in tcx_config's own input shape.

The read side of tcx_config, as the info modules are the read side of theirs: one list per kind
(``departments``, ``users``, ...) of objects in their module's options (``EntityKind.options``), the
lists that tcx_config and the provision role take back unchanged, plus ``raw``, the XAPI objects of
each kind. Kinds come from the registry in its order, so a kind added there is read here too.
Read-only: it imports no write engine.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import (
    Context, client_from_module, connection_argument_spec,
)
from ansible_collections.tcx.xapi.plugins.module_utils.fields import strip_secrets
from ansible_collections.tcx.xapi.plugins.module_utils.info import read
from ansible_collections.tcx.xapi.plugins.module_utils.masking import MaskingModule, failures_masked
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS, REGISTRY


def config_info_argument_spec():
    """The connection options and ``kinds`` (the plurals to read; all by default)."""
    spec = connection_argument_spec()
    spec['kinds'] = dict(type='list', elements='str', choices=list(PLURALS), default=list(PLURALS))
    return spec


def read_kind(kind, ctx):
    """Every object of a kind, in its backup order (by natural key: two reads of one PBX list them alike).

    The objects are remembered in the kind's directory, so options of later kinds that name them
    (a user's departments) resolve without another request. A singleton kind is its one object.
    """
    if kind.singleton:
        return [kind.find(ctx)]
    found = sorted(read(kind, ctx), key=kind.backup_order)
    directory = kind.directory(ctx.lookups)
    for entity in found:
        directory.remember(entity)
    directory.complete = True  # every object is known: options naming one need no request (a rule's trunk)
    return found


@failures_masked
def run_config_info_module(module_class=None):
    """The whole ``main()`` of tcx_config_info (``module_class`` as for ``run_entity_module``)."""
    module = (module_class or MaskingModule)(argument_spec=config_info_argument_spec(), supports_check_mode=True)
    ctx = Context(module, client_from_module(module), kinds=REGISTRY)
    lists, raw = {}, {}
    for kind in KINDS:
        if kind.plural not in module.params['kinds']:
            continue
        try:
            found = read_kind(kind, ctx)
            lists[kind.plural] = [kind.backup(ctx, entity) for entity in found]
        except XAPIError as exc:
            module.fail_json(msg='reading %s failed: %s' % (kind.plural, exc.explain()), status=exc.status)
        raw[kind.plural] = strip_secrets(found)
        if kind.singleton:  # one dict, as tcx_config takes it
            lists[kind.plural], raw[kind.plural] = lists[kind.plural][0], raw[kind.plural][0]
    module.exit_json(changed=False, raw=raw, **lists)
