# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs tcx_phone_info in the controller's worker process (docs: plugins/modules/tcx_phone_info.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.modules.tcx_phone_info import main
from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    module_main = staticmethod(main)
