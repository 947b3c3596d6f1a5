# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: users_from_csv
short_description: Turn a user CSV file (as spreadsheets write it) into tcx_user items
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Parses CSV text into a list of items for O(tcx.xapi.tcx_config#module:users). The 3CX reference document's
    format C(first_name,last_name,email,extension,department_id,role) works as is.
  - Only C(extension) is required. C(department) (a department name) or C(department_id) (the numeric id of a
    department on the PBX), C(role) and the person's columns C(first_name), C(last_name), C(email) are optional;
    so are the other plain options of M(tcx.xapi.tcx_user) (C(mobile), C(language), C(enabled), ...). An empty
    cell leaves that option as the PBX has it. An unknown column is an error (a misspelt C(e-mail) would
    otherwise be ignored).
  - Header names are case-insensitive and trimmed (C(First Name) is C(first_name)). The delimiter is detected
    (comma, semicolon as Excel writes it in many locales, or tab). UTF-8 with or without a byte order mark,
    CRLF or LF line ends. A cell that begins with C(') before C(=), C(+), C(-), C(@), a tab or a carriage return
    (how the collection writes a cell that a spreadsheet would run as a formula) is read without that first C(').
  - Several rows with the same extension and the same person are one user in several departments (one
    membership per row); the user's departments are then exactly those rows. A user whose rows give no
    department keeps the memberships it has. An empty C(role) means V(users).
  - Every problem is named with its physical line (blank lines and line breaks inside quoted values counted)
    and column, and the whole file is refused. Problems are too few or too many fields, an invalid value (checked with
    M(tcx.xapi.tcx_user)'s own rules), a department the PBX does not have (when O(departments) is given), the
    same extension with another person, the same department twice for one user.
options:
  _input:
    description: The CSV text, for example C(lookup('ansible.builtin.file', 'users.csv')).
    type: str
    required: true
  departments:
    description:
      - The departments a row may name, as XAPI objects with C(Id) and C(Name)
        (RV(tcx.xapi.tcx_department_info#module:raw)), or in the options' shape with C(name)
        (RV(tcx.xapi.tcx_department_info#module:departments), or items of O(tcx.xapi.tcx_config#module:departments)
        that the same task creates; those with C(state=absent) do not count). C(department_id) needs the XAPI
        objects, since only they carry the C(Id).
      - Needed to resolve C(department_id); without it department names are not checked here (M(tcx.xapi.tcx_config)
        still refuses an unknown one before writing).
    type: list
    elements: raw
'''

EXAMPLES = r'''
- name: Read the departments of the PBX (for department_id and to check names)
  tcx.xapi.tcx_department_info:
    select: [Id, Name]
  register: pbx

- name: Users from a CSV file, converged in one task
  tcx.xapi.tcx_config:
    users: "{{ lookup('ansible.builtin.file', 'users.csv' | tcx.xapi.absolute_path)
               | tcx.xapi.users_from_csv(departments=pbx.raw) }}"
    generated_passwords_file: "{{ 'passwords.csv' | tcx.xapi.absolute_path }}"
'''

RETURN = r'''
_value:
  description: One item per user (rows of the same extension merged), with C(extension), the person's options given
    and C(departments) when a row names one.
  type: list
  elements: dict
'''

import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User
from ansible_collections.tcx.xapi.plugins.plugin_utils.csv_rows import Problem, Table
from ansible_collections.tcx.xapi.plugins.plugin_utils.csv_rows import column_of as _column_of

KIND = User()
MEMBERSHIP_COLUMNS = ('department', 'department_id', 'role')
# The person's columns: every plain (not list, not secret) option of tcx_user that the PBX stores,
# except primary_department, which belongs to the memberships of several rows.
NOT_PERSON_COLUMNS = ('extension', 'primary_department')


def _is_person_column(leaf):
    """A top-level option of tcx_user that holds one plain, non-secret value."""
    field = leaf.field
    plain = not field.secret and field.type not in ('list', 'dict')
    return plain and len(leaf.option_path) == 1 and field.option not in NOT_PERSON_COLUMNS


PERSON_COLUMNS = tuple(leaf.field.option for leaf in KIND.leaves() if _is_person_column(leaf))
COLUMNS = ('extension',) + PERSON_COLUMNS + MEMBERSHIP_COLUMNS
# The reference document's header, named in messages.
REFERENCE_HEADER = 'first_name,last_name,email,extension,department_id,role'
SPEC = KIND.argument_spec()
# Options whose spec passes any text through unchanged (type str, no choices): the validator has
# nothing to say about them; the kind's own rules (extension digits, email) still check them.
FREE_TEXT = tuple(name for name in ('extension',) + PERSON_COLUMNS
                  if SPEC[name].get('type', 'str') == 'str' and not SPEC[name].get('choices'))


def validator(columns):
    """tcx_user's own argument spec, narrowed to the options a file's columns can set (validating all
    options of 10,000 rows costs seconds, most of it for options no column sets)."""
    wanted = set(columns) | set(['state', 'departments'])
    return ArgumentSpecValidator(dict((name, entry) for name, entry in SPEC.items() if name in wanted))


class CsvUser(object):
    """One user of the file: its rows (physical lines), its name as the first row gives it, the
    tcx_user item, the problems found."""

    def __init__(self, extension, line, values):
        self.extension = extension
        self.lines = [line]
        self.name = ' '.join(values[n] for n in ('first_name', 'last_name') if values.get(n))
        self.person = {}
        self.person_lines = {}
        self.memberships = []
        self.problems = []

    def item(self):
        item = dict(extension=self.extension, **self.person)
        if self.memberships:
            item['departments'] = [{'name': name, 'role': role} for name, role, dummy in self.memberships]
        return item


class UsersCsv(object):
    """The parsed file: ``users`` (in file order), problems of the file itself, and the delimiter."""

    def __init__(self):
        self.users = []
        self.file_problems = []
        self.delimiter = ','
        self.rows = 0
        self.columns = []
        self.known_results = {}

    @property
    def problems(self):
        found = list(self.file_problems)
        for user in self.users:
            found.extend(user.problems)
        return sorted(found, key=lambda p: p.line)

    def items(self):
        return [user.item() for user in self.users]


class _Departments(object):
    """The departments rows may name: by name (exact, as the PBX compares) and by id."""

    def __init__(self, departments):
        self.given = departments is not None
        self.by_name, self.by_id, self.folded = {}, {}, {}
        for entry in departments or []:
            if isinstance(entry, dict) and entry.get('state') == 'absent':
                continue
            if isinstance(entry, dict):
                name = entry.get('Name') if entry.get('Name') is not None else entry.get('name')
                if entry.get('Id') is not None:
                    self.by_id[str(entry['Id'])] = name
            else:
                name = entry
            if name is not None:
                self.by_name[name] = True
                self.folded.setdefault(str(name).lower(), name)

    def check_name(self, name):
        """None if the department exists, else why not."""
        if not self.given or name in self.by_name:
            return None
        similar = self.folded.get(name.lower())
        hint = " (the PBX has '%s': write it the same way)" % similar if similar else ''
        return "department '%s' does not exist on the PBX%s" % (name, hint)

    def name_of_id(self, value):
        """(name, None) for a department id, or (None, why not)."""
        if not re.match(r'^[0-9]+$', value):
            return None, "department_id must be the number of a department, got '%s'" % value
        if not self.given:
            return None, 'department_id needs the departments of the PBX (users_from_csv(departments=...))'
        number = str(int(value))
        if number not in self.by_id:
            return None, 'department_id %s: the PBX has no department with this id' % number
        return self.by_id[number], None


def column_of(message, columns):
    """The CSV column a message is about (a department name is about both department columns)."""
    return _column_of(message, columns, {'department_id': 'department'})


def _validate(check, line, values, columns, known_results):
    """The row as a tcx_user item, checked with tcx_user's own spec and rules; problems listed.

    The spec's verdict on the typed options (departments, roles, booleans, choices) is computed once
    per distinct combination (``known_results``): 10,000 rows share a handful.
    """
    item = dict((name, values[name]) for name in ('extension',) + PERSON_COLUMNS if values.get(name))
    department = values.get('_department') or values.get('department') or values.get('department_id')
    if department:
        item['departments'] = [{'name': department, 'role': values.get('role') or 'users'}]
    typed = dict((name, value) for name, value in item.items() if name not in FREE_TEXT)
    key = repr(sorted(typed.items()))
    if key not in known_results:
        known_results[key] = check.validate(typed)
    result = known_results[key]
    messages = list(result.error_messages)
    params = dict(result.validated_parameters)
    params.update((name, item[name]) for name in FREE_TEXT if name in item)
    if not item.get('extension'):
        messages.insert(0, 'extension is empty: every row needs the extension that identifies the user')
    else:
        try:
            KIND.validate(_Params(params))
        except ValidationError as exc:
            messages.append(str(exc))
    return [Problem(line, column_of(m, columns), m) for m in messages], params


class _Params(object):
    """What a kind's ``validate`` reads: the item's validated parameters (options no column sets are None)."""

    def __init__(self, params):
        self.params = dict.fromkeys(SPEC)
        self.params.update(params)


def read_users_csv(text, departments=None):
    """Parse ``text`` into a :class:`UsersCsv`; problems are collected, never raised."""
    parsed = UsersCsv()
    table = Table(text, COLUMNS, REFERENCE_HEADER, required=(('extension', 'every row needs the extension that identifies the user'),))
    parsed.delimiter, parsed.columns, parsed.file_problems = table.delimiter, table.header, table.problems
    if table.header_line is None or table.problems and not table.rows:
        return parsed
    known = _Departments(departments)
    check, by_extension = validator(table.header), {}
    for line, fields in table.rows:
        parsed.rows += 1
        _read_row(parsed, by_extension, known, table, check, line, fields)
    if not parsed.users and not parsed.file_problems:
        parsed.file_problems.append(Problem(table.header_line, None, 'the file has a header but no user rows'))
    return parsed


def _read_row(parsed, by_extension, known, table, check, line, fields):
    header = table.header
    wrong_count = table.count_problem(line, fields)
    if wrong_count:
        # Which field is the extension is unknown when the count is wrong: the row shows as "?".
        user = CsvUser('?', line, dict(zip(header, fields)))
        user.problems.append(wrong_count)
        parsed.users.append(user)
        return
    values = dict(zip(header, fields))
    problems = []
    department = values.get('department') or None
    if values.get('department_id'):
        by_id, why = known.name_of_id(values['department_id'])
        if why:
            problems.append(Problem(line, 'department_id', why))
        elif department is not None and department != by_id:
            problems.append(Problem(line, 'department', "department '%s' is not department_id %s ('%s')"
                                    % (department, values['department_id'], by_id)))
        department = by_id
    elif department is not None:
        why = known.check_name(department)
        if why:
            problems.append(Problem(line, 'department', why))
    if values.get('role') and not (values.get('department') or values.get('department_id')):
        problems.append(Problem(line, 'role', "role '%s' needs a department on the same row" % values['role']))
    values['_department'] = department
    found, params = _validate(check, line, values, header, parsed.known_results)
    problems.extend(found)
    extension = values.get('extension') or ''
    user = by_extension.get(extension) if extension else None
    if user is None:
        user = CsvUser(extension or '?', line, values)
        parsed.users.append(user)
        if extension:
            by_extension[extension] = user
    else:
        user.lines.append(line)
    user.problems.extend(problems)
    if not problems:
        _merge(user, line, values, params)


def _merge(user, line, values, params):
    """Add a row to its user: the same person (cells left empty agree with anything), one more membership."""
    conflicts = [Problem(line, name, "extension %s is on line %d with %s '%s', here '%s': one extension is one person"
                         % (user.extension, user.person_lines[name], name, user.person[name], params[name]))
                 for name in PERSON_COLUMNS if values.get(name) and name in user.person and user.person[name] != params[name]]
    if conflicts:
        user.problems.extend(conflicts)
        return
    for name in PERSON_COLUMNS:
        if values.get(name) and name not in user.person:
            user.person[name] = params[name]
            user.person_lines[name] = line
    if values['_department']:
        for name, dummy, other_line in user.memberships:
            if name == values['_department']:
                user.problems.append(Problem(line, 'department', "extension %s is in department '%s' on line %d "
                                             "already: one row per department" % (user.extension, name, other_line)))
                return
        membership = params['departments'][0]
        user.memberships.append((membership['name'], membership['role'], line))


def users_from_csv(text, departments=None):
    """The items of a users CSV; AnsibleFilterError naming every problem (line, column) if there is one."""
    parsed = read_users_csv(text, departments)
    problems = parsed.problems
    if problems:
        raise AnsibleFilterError('users CSV: %d problem%s, nothing was written: %s'
                                 % (len(problems), '' if len(problems) == 1 else 's',
                                    '; '.join(str(p) for p in problems)))
    return parsed.items()


class FilterModule(object):
    def filters(self):
        return {'users_from_csv': users_from_csv}
