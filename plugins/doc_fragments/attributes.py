# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Action attributes shared by the modules: ``tcx.xapi.attributes`` for modules that change
    the PBX, ``tcx.xapi.attributes.info`` for those that only read."""

    DOCUMENTATION = r'''
attributes:
  action:
    description: Runs in the controller's worker process through the action plugin of the same name, with no module process.
    support: full
    details: See the notes for when the module runs as a module process instead, and how to force it.
  check_mode:
    description: Can run in check mode and return a prediction of the change without writing anything.
    support: full
    details: The HTTP client refuses every request but GET in check mode, so nothing can be written.
  diff_mode:
    description: Returns details on what has changed (or would change in check mode), with secrets masked.
    support: full
  platform:
    description: Runs on the Ansible controller (or any host with Python and requests) and talks HTTPS to the PBX.
    support: full
    platforms: posix
'''

    INFO = r'''
attributes:
  action:
    description: Runs in the controller's worker process through the action plugin of the same name, with no module process.
    support: full
    details: See the notes for when the module runs as a module process instead, and how to force it.
  check_mode:
    description: Can run in check mode and return a prediction of the change without writing anything.
    support: full
    details: Only reads, so check mode changes nothing.
  diff_mode:
    description: Returns details on what has changed.
    support: none
  platform:
    description: Runs on the Ansible controller (or any host with Python and requests) and talks HTTPS to the PBX.
    support: full
    platforms: posix
'''
