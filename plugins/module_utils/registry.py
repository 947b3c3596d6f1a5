# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one registry of kinds: every consumer reads the kinds, and their order, from here.

The order is the order of creation: a kind comes after every kind its options refer to (users after
departments). tcx_config creates and updates in this order (a destination to an object of a later kind is
set after the creates) and deletes in the order its objects use each other (see converge.py); the info
modules, tcx_system_info's counts, the provision role's ``tcx_<plural>`` variables, the backup and
the audit all list the kinds from ``KINDS``. Adding a kind: docs/adding-a-kind.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.kind import Kinds
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.blocklist import Blocklist
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.contact import Contact
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.department import Department
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.holiday import Holiday
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.inbound_rule import InboundRule
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.ivr import Ivr
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.livechat import LiveChat
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.office_hours import OfficeHours
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.outbound_rule import OutboundRule
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.parking import Parking
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.queue import Queue
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.ring_group import RingGroup
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.settings import Settings
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.trunk import Trunk
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User

KINDS = (Settings(), Department(), User(), Parking(), LiveChat(), RingGroup(), Queue(), Holiday(), OfficeHours(), Ivr(), Trunk(),
         InboundRule(), OutboundRule(), Contact(), Blocklist())
PLURALS = tuple(kind.plural for kind in KINDS)
# What the engine hands to the hooks (``ctx.kinds``), so that no kind imports this module.
REGISTRY = Kinds(KINDS)


def kind_named(plural):
    """The kind whose list is called ``plural`` (``departments``)."""
    return REGISTRY.named(plural)
