# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one action plugin of tcx.xapi: runs whichever tcx.xapi module the task names in the controller's
worker process (see plugins/plugin_utils/in_process.py).

Every other module names it in ``meta/runtime.yml`` (``plugin_routing: modules: tcx_user: action_plugin:
tcx.xapi.tcx_config``), the way network collections give their modules one platform plugin. It carries
tcx_config's name only because ansible-test wants every action plugin to share a module's name. Every other
module's name in this directory is a symlink to this file: ansible-core loads the action plugin of a task's own
name in its main process before it forks the task's worker, so the worker finds this plugin's imports (requests,
the registry) done, instead of doing them again for every task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    """Runs the module of the task (``self._task.resolved_action``), not only tcx_config."""
