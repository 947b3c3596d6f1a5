# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin of tcx.xapi.tcx_blocklist_info: the one tcx.xapi action plugin (plugins/plugin_utils/in_process.py),
under this module's name (written by tools/action_plugins.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    """Runs tcx.xapi.tcx_blocklist_info in the controller's worker process."""

    MODULES = ('tcx_blocklist_info',)
