# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one action plugin of tcx.xapi: runs whichever tcx.xapi module the task names in the controller's
worker process (see plugins/plugin_utils/in_process.py).

Every other module's name in this directory (``tcx_user.py``, ...) is a symlink to this one file, so that each
module finds its action plugin under its own name: ansible-core loads that in its main process before it forks
the task's worker, and the worker finds this plugin's imports (requests, the registry) done instead of doing them
again for every task; the task's action is reported as the module's own on every ansible-core. It carries
tcx_config's name because ansible-test wants every action plugin file to share a module's name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    """Runs the module the task names (under any of the names linked to this file), not only tcx_config."""
