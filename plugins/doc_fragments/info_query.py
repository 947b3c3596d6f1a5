# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The query options every info module of a kind shares (module_utils/info.py)."""

    DOCUMENTATION = r'''
options:
  filter:
    description:
      - An OData C($filter) expression on the XAPI properties of the listed objects (their XAPI type is named
        under RV(raw)), for anything the other options do not cover, for example V(startswith(Name,'Sales')).
      - It is passed to the PBX as written (string literals in single quotes, a quote inside doubled), and
        combined with the other options with C(and). An invalid expression fails with the PBX's message.
    type: str
  select:
    description:
      - Read only these XAPI properties of each object (C($select)), for example V([Name, Number]). The property
        the objects are ordered by (C(Id), for live chat links C(Link)) is always read.
      - A navigation property named here (memberships, members, agents, menu keys, the trunk) is read through
        C($expand); without O(select) every one the module shows is read.
      - The listed items then hold only the options these properties give; RV(raw) holds the properties read.
    type: list
    elements: str
'''
