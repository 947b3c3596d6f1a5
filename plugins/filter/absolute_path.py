# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: absolute_path
short_description: A path as the user meant it, relative to the directory ansible-playbook was started in
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Returns the absolute form of a path given on the command line or in the inventory (C(-e tcx_csv_file=users.csv)).
    A relative path is taken from the directory that C(ansible-playbook) was started in, the way every command line
    tool reads its arguments, whether the playbook is a file of a checkout or C(tcx.xapi.provision_users_from_csv)
    of an installed collection. C(~) is expanded.
  - Ansible's own lookups resolve a relative path against the playbook's or role's folder instead, which is inside
    the collection for its shipped playbooks and roles.
  - An empty value stays empty (an unset optional path).
options:
  _input:
    description: The path.
    type: path
    required: true
'''

EXAMPLES = r'''
- name: Read the CSV file the user named
  ansible.builtin.debug:
    msg: "{{ lookup('ansible.builtin.file', tcx_csv_file | tcx.xapi.absolute_path) }}"
'''

RETURN = r'''
_value:
  description: The absolute path, or an empty string for an empty input.
  type: path
'''

import os


def absolute_path(path):
    """``path`` with ``~`` expanded, relative to the current directory of the controller (where
    ansible-playbook was started: it never changes directory for a local task's templates)."""
    if path is None or str(path) == '':
        return ''
    return os.path.abspath(os.path.expanduser(str(path)))


class FilterModule(object):
    def filters(self):
        return {'absolute_path': absolute_path}
