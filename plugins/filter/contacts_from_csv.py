# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: contacts_from_csv
short_description: Turn a phonebook CSV file (as spreadsheets write it) into tcx_contact items
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Parses CSV text into a list of items for O(tcx.xapi.tcx_config#module:contacts), one per row.
  - The columns are the options of M(tcx.xapi.tcx_contact) - C(first_name), C(last_name), C(company), C(tag),
    C(title), C(department), C(email) - and its numbers C(mobile), C(mobile_2), C(home), C(business), C(business_2),
    C(business_fax), C(pager), C(other). The PBX's own property names are taken too (C(FirstName), C(CompanyName),
    C(PhoneNumber) for C(mobile), C(Mobile2), C(BusinessFax), ...). An unknown column is an error.
  - An empty cell leaves that option as the PBX has it. Every row needs C(first_name), C(last_name) or C(company)
    (which identify the contact), or a C(tag).
  - Header names are case-insensitive and trimmed (C(First Name) is C(first_name)). The delimiter is detected
    (comma, semicolon or tab). UTF-8 with or without a byte order mark, CRLF or LF line ends.
  - Every problem is named with its physical line and column, and the whole file is refused. Problems are too few or
    too many fields, an invalid value (checked with M(tcx.xapi.tcx_contact)'s own rules), and two rows for one contact
    (the same tag, or the same name and company ignoring case), naming both lines.
options:
  _input:
    description: The CSV text, for example C(lookup('ansible.builtin.file', 'phonebook.csv')).
    type: str
    required: true
'''

EXAMPLES = r'''
- name: The company phonebook from a CSV file, converged in one task
  tcx.xapi.tcx_config:
    contacts: "{{ lookup('ansible.builtin.file', 'phonebook.csv' | tcx.xapi.absolute_path) | tcx.xapi.contacts_from_csv }}"
'''

RETURN = r'''
_value:
  description: One item per row, with the options its cells give (the numbers under C(numbers)).
  type: list
  elements: dict
'''

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError, rule_problems
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.contact import NUMBERS, Contact, name_identity
from ansible_collections.tcx.xapi.plugins.plugin_utils.csv_rows import Problem, Table, column_of

KIND = Contact()
NUMBER_COLUMNS = tuple(option for option, _prop in NUMBERS)
PLAIN_COLUMNS = tuple(field.option for field in KIND.fields if not field.suboptions)
COLUMNS = PLAIN_COLUMNS + NUMBER_COLUMNS
EXAMPLE_HEADER = 'first_name,last_name,company,email,mobile,business'
# The PBX's property names (Pbx.Contact), as normalize_header spells them, for the options.
ALIASES = dict((field.path.lower(), field.option) for field in KIND.fields if field.path)
ALIASES.update((prop.lower(), option) for option, prop in NUMBERS)
ALIASES.update({'company_name': 'company'})
SPEC = KIND.argument_spec()
# A column is named by a whole word: mobile is not mobile_2.
WHOLE_WORDS = dict((column, column + r'\b') for column in COLUMNS)


class CsvContact(object):
    """One row of the file: its line, the tcx_contact item, the problems found."""

    def __init__(self, line, item):
        self.lines = [line]
        self.item = item
        self.problems = []

    @property
    def label(self):
        """How the report names the contact: ``Jane Roe (Acme)``, or its tag."""
        return KIND.label(self.item) or self.item.get('tag') or '?'

    @property
    def key(self):
        """What tcx_config names it by: its tag, else its name and company (folded)."""
        return ('tag', self.item['tag']) if self.item.get('tag') else ('name', name_identity(self.item))


class ContactsCsv(object):
    """The parsed file: ``contacts`` (in file order), problems of the file itself, the columns."""

    def __init__(self):
        self.contacts = []
        self.file_problems = []
        self.columns = []
        self.rows = 0

    @property
    def problems(self):
        found = list(self.file_problems)
        for contact in self.contacts:
            found.extend(contact.problems)
        return sorted(found, key=lambda p: p.line)

    def items(self):
        return [contact.item for contact in self.contacts]


def row_item(values):
    """The tcx_contact item of a row's non-empty cells."""
    item = dict((name, values[name]) for name in PLAIN_COLUMNS if values.get(name))
    numbers = dict((name, values[name]) for name in NUMBER_COLUMNS if values.get(name))
    if numbers:
        item['numbers'] = numbers
    return item


class _Params(object):
    """What a kind's ``validate`` reads: the item's parameters (options no column sets are None)."""

    def __init__(self, item):
        self.params = dict.fromkeys(SPEC)
        self.params.update(item)


def row_problems(line, item, columns, validator):
    """What tcx_contact's own spec, rules and checks say of a row's item."""
    messages = list(validator.validate(dict(item)).error_messages)
    messages.extend(rule_problems(KIND.fields, item))
    found = [Problem(line, column_of(m.replace('numbers.', ''), columns, WHOLE_WORDS), m) for m in messages]
    try:
        KIND.validate(_Params(item))
    except ValidationError as exc:
        found.append(Problem(line, None, str(exc)))  # about the row, not one column
    return found


def read_contacts_csv(text):
    """Parse ``text`` into a :class:`ContactsCsv`; problems are collected, never raised."""
    parsed = ContactsCsv()
    table = Table(text, COLUMNS, EXAMPLE_HEADER, aliases=ALIASES)
    parsed.columns, parsed.file_problems = table.header, table.problems
    if table.header_line is None or table.problems and not table.rows:
        return parsed
    # tcx_contact's own spec without the connection options (a file sets none of them).
    validator = ArgumentSpecValidator(dict((name, SPEC[name]) for name in PLAIN_COLUMNS + ('numbers', 'state')))
    seen = {}
    for line, fields in table.rows:
        parsed.rows += 1
        wrong_count = table.count_problem(line, fields)
        if wrong_count:
            contact = CsvContact(line, {})
            contact.problems.append(wrong_count)
            parsed.contacts.append(contact)
            continue
        contact = CsvContact(line, row_item(dict(zip(table.header, fields))))
        contact.problems.extend(row_problems(line, contact.item, table.header, validator))
        parsed.contacts.append(contact)
        if contact.problems:
            continue
        first = seen.setdefault(contact.key, contact)
        if first is not contact:
            contact.problems.append(Problem(line, 'tag' if contact.item.get('tag') else None, 'the same contact as line %d (%s); '
                                            'one row per contact' % (first.lines[0], 'the same tag' if contact.item.get('tag')
                                                                     else 'name and company compare ignoring case')))
    if not parsed.contacts and not parsed.file_problems:
        parsed.file_problems.append(Problem(table.header_line, None, 'the file has a header but no contact rows'))
    return parsed


def contacts_from_csv(text):
    """The items of a phonebook CSV; AnsibleFilterError naming every problem (line, column) if there is one."""
    parsed = read_contacts_csv(text)
    problems = parsed.problems
    if problems:
        raise AnsibleFilterError('contacts CSV: %d problem%s, nothing was written: %s'
                                 % (len(problems), '' if len(problems) == 1 else 's', '; '.join(str(p) for p in problems)))
    return parsed.items()


class FilterModule(object):
    def filters(self):
        return {'contacts_from_csv': contacts_from_csv}
