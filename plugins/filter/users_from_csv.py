# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: users_from_csv
short_description: Turn a user CSV into tcx_user items
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Parses CSV text with the header C(first_name,last_name,email,extension,department,role) (the
    3CX reference document's provisioning format) into a list of items for O(tcx.xapi.tcx_config#module:users).
  - A row with a missing column or an empty extension, an extension given twice, or a file without
    the required header fails with a message naming the line.
  - An empty C(role) means V(users).
options:
  _input:
    description: The CSV text.
    type: str
    required: true
'''

EXAMPLES = r'''
- name: Users from a CSV file, converged in one task
  tcx.xapi.tcx_config:
    users: "{{ lookup('ansible.builtin.file', 'users.csv') | tcx.xapi.users_from_csv }}"
'''

RETURN = r'''
_value:
  description: One item per row, with C(extension), C(first_name), C(last_name), C(email) and C(departments).
  type: list
  elements: dict
'''

import csv
import io

from ansible.errors import AnsibleFilterError

COLUMNS = ('first_name', 'last_name', 'email', 'extension', 'department', 'role')


def users_from_csv(text):
    """Parse the CSV text; raise AnsibleFilterError naming every bad line."""
    reader = csv.DictReader(io.StringIO(str(text).lstrip('\ufeff')))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise AnsibleFilterError('users CSV: the header lacks %s (expected %s)' % (', '.join(missing), ','.join(COLUMNS)))
    users, errors, seen = [], [], {}
    for line, row in enumerate(reader, start=2):
        row = dict((str(k).strip(), (v or '').strip()) for k, v in row.items() if k is not None)
        empty = [name for name in ('extension', 'department') if not row.get(name)]
        if empty:
            errors.append('line %d: %s is empty' % (line, ' and '.join(empty)))
            continue
        if row['extension'] in seen:
            errors.append('line %d: extension %s is already on line %d' % (line, row['extension'], seen[row['extension']]))
            continue
        seen[row['extension']] = line
        user = {'extension': row['extension'], 'departments': [{'name': row['department'], 'role': row.get('role') or 'users'}]}
        for name in ('first_name', 'last_name', 'email'):
            if row.get(name):
                user[name] = row[name]
        users.append(user)
    if errors:
        raise AnsibleFilterError('users CSV: %d bad row%s: %s' % (len(errors), '' if len(errors) == 1 else 's', '; '.join(errors)))
    return users


class FilterModule(object):
    def filters(self):
        return {'users_from_csv': users_from_csv}
