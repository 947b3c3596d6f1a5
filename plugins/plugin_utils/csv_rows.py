# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading a CSV file as spreadsheets write it, and reporting what tcx_config did to its rows: what the CSV
filters of every kind share (users_from_csv, contacts_from_csv and their reports).

Reading: UTF-8 with or without a byte order mark, CRLF or LF, comma, semicolon or tab (detected from the
header), header names in any case and trimmed; every problem names its physical line (blank lines and line
breaks inside quoted values counted) and, when known, its column. Reporting: tcx_config's refusal of invalid
items ("N invalid items, nothing was written: ...") split by item, its labels taken off a message.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import io
import re

from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import unescape_cell

DELIMITERS = (',', ';', '\t')
DELIMITER_NAMES = {',': 'comma', ';': 'semicolon', '\t': 'tab'}
# tcx_config's label of an item: "users[3] (user '210'): ", "contacts[0] (contact 'Jane Roe (Acme)'): ".
ITEM_LABEL = re.compile(r"^[a-z_]+\[\d+\] \((\w[\w ]*?) (?:tagged )?'((?:[^']|'(?!\)))*)'\): ", re.S)
NEXT_ITEM = re.compile(r" \| (?=[a-z_]+\[\d+\] \()")


class Problem(object):
    """What is wrong, where: a physical line and, when known, a column."""

    def __init__(self, line, column, message):
        self.line = line
        self.column = column
        self.message = message

    def where(self):
        return 'line %d%s' % (self.line, ', column %s' % self.column if self.column else '')

    def __str__(self):
        return '%s: %s' % (self.where(), self.message)


def normalize_header(name, aliases=None):
    """``' First Name '`` -> ``first_name``; then ``aliases`` (``{'firstname': 'first_name'}``) apply."""
    name = re.sub(r'[\s-]+', '_', name.strip().lower())
    return (aliases or {}).get(name, name)


class Malformed(Exception):
    """A record the csv module cannot read, at its first physical line."""

    def __init__(self, line, reason):
        Exception.__init__(self, reason)
        self.line = line


def records(text, delimiter):
    """``(first physical line, fields)`` of every record, blank lines included (as no fields)."""
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter, strict=True)
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Malformed(line, str(exc))
        yield line, fields
        line = reader.line_num + 1


def detect_delimiter(header_line, columns, aliases=None):
    """The delimiter that splits the header into the most known column names (comma on a tie)."""
    def score(delimiter):
        fields = next(csv.reader([header_line], delimiter=delimiter), [])
        return (sum(1 for f in fields if normalize_header(f, aliases) in columns), len(fields))
    return max(DELIMITERS, key=lambda d: (score(d), -DELIMITERS.index(d)))


def blank(fields):
    """True for a record without any value (a blank line, or only delimiters)."""
    return not any(f.strip() for f in fields)


class Table(object):
    """A CSV text read as a table: ``delimiter``, ``header`` (normalised names), ``header_line``, ``rows``
    (``(line, [trimmed fields])`` of every non-blank record after the header, each cell as written before a spreadsheet's
    formula escape, csv_cells.py) and ``problems`` of the file itself."""

    def __init__(self, text, columns, example, aliases=None, required=()):
        self.columns = columns
        self.delimiter = ','
        self.header, self.header_line = [], None
        self.rows, self.problems = [], []
        text = str(text or '')
        if text.startswith('\ufeff'):
            text = text[1:]
        first = next((line for line in text.splitlines() if line.strip()), None)
        if first is None:
            self.problems.append(Problem(1, None, 'the file is empty: the first line must name the columns, '
                                                  'for example ' + example))
            return
        self.delimiter = detect_delimiter(first, columns, aliases)
        try:
            for line, fields in records(text, self.delimiter):
                if blank(fields):
                    continue
                if self.header_line is None:
                    self.header, self.header_line = [normalize_header(f, aliases) for f in fields], line
                    if not self.check_header(required, example):
                        return
                    continue
                self.rows.append((line, [unescape_cell(f.strip()) for f in fields]))
        except Malformed as exc:
            self.problems.append(Problem(exc.line, None, 'cannot be read (%s): is a double quote (") not closed?' % exc))

    def check_header(self, required, example):
        """Unknown or doubled columns and missing required ones are problems of the header line."""
        problems, header = [], self.header
        unknown = [name for name in header if name not in self.columns]
        if unknown:
            problems.append('unknown column%s %s (%s-separated; the columns are %s)'
                            % ('s' if len(unknown) > 1 else '', ', '.join("'%s'" % n for n in unknown),
                               DELIMITER_NAMES[self.delimiter], ', '.join(self.columns)))
        doubled = sorted(set(n for n in header if header.count(n) > 1 and n))
        if doubled:
            problems.append('column%s %s more than once' % ('s' if len(doubled) > 1 else '', ', '.join(doubled)))
        for column, why in required:
            if column not in header:
                problems.append('no %s column: %s (for example %s)' % (column, why, example))
        self.problems.extend(Problem(self.header_line, None, p) for p in problems)
        return not problems

    def count_problem(self, line, fields):
        """The problem of a record with another number of fields than the header, or None."""
        if len(fields) == len(self.header):
            return None
        hint = (' (a value with a %s must be in double quotes)' % DELIMITER_NAMES[self.delimiter]
                if len(fields) > len(self.header) else '')
        return Problem(line, None, 'has %d fields, the header has %d%s' % (len(fields), len(self.header), hint))


def column_of(message, columns, words=None):
    """The CSV column a message is about: the first of ``columns`` it names (``words`` maps a column to the word
    messages use for it: ``department_id`` -> ``department``)."""
    found = []
    for column in columns:
        match = re.search(r'\b%s' % (words or {}).get(column, column), message)
        if match:
            found.append((match.start(), column))
    return min(found)[1] if found else None


def refused_items(message):
    """``{(noun, key): reason}`` from tcx_config's "N invalid items, nothing was written: ..." message."""
    found = {}
    if 'nothing was written: ' not in (message or ''):
        return found
    for part in NEXT_ITEM.split(message.split('nothing was written: ', 1)[1]):
        match = ITEM_LABEL.match(part)
        if match:
            found[(match.group(1), match.group(2))] = part[match.end():]
    return found


def without_label(message):
    """A tcx_config failure message without its item label."""
    match = ITEM_LABEL.match(message or '')
    return message[match.end():] if match else message


def shown(value):
    """A value as a report shows it: quoted text, ``(none)`` for nothing."""
    if value is None or value == '':
        return '(none)'
    return "'%s'" % value if isinstance(value, str) else str(value)


def refusal(problems, result):
    """``(refused, reason)`` of an import: ``refused`` is None when tcx_config got to write (or would have, in check
    mode), else ``{(noun, key): reason}`` of the items it refused (empty when the file or the run stopped it)."""
    if problems:
        return {}, '%d problem%s in the file' % (len(problems), '' if len(problems) == 1 else 's')
    if 'summary' in result:
        return None, ''
    refused = refused_items(result.get('msg'))
    reason = result.get('msg') or 'the converge did not run'
    return refused, reason.split(', nothing was written', 1)[0] if refused else reason
