# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: contacts_csv_report
short_description: What a tcx_config run did to each contact of a phonebook CSV file
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Reads the CSV text again (as P(tcx.xapi.contacts_from_csv#filter) does) and the registered result of the
    M(tcx.xapi.tcx_config) task that converged it, failed or not, and says for each row (its line and contact) what
    happened - V(created), V(updated) with what changed, V(unchanged), V(failed) with the reason (line and column for
    a problem of the file), or V(not written) when the import was refused before any write.
  - Contacts of the PBX that the run deleted because the file does not list them (with C(prune)) are reported too,
    one line each.
  - In check mode the same report says V(would be created), V(would be updated) and V(would be deleted).
options:
  _input:
    description: The CSV text.
    type: str
    required: true
  result:
    description: The registered result of the M(tcx.xapi.tcx_config) task (or C(ansible_failed_result)).
    type: dict
    required: true
  check_mode:
    description: Whether the run was a check (C(ansible_check_mode)).
    type: bool
    default: false
  source:
    description: How the summary names the file.
    type: str
    default: the CSV file
'''

EXAMPLES = r'''
- name: Report each contact of the file
  ansible.builtin.debug:
    msg: "{{ report.lines + [report.summary] }}"
  vars:
    report: "{{ lookup('ansible.builtin.file', csv) | tcx.xapi.contacts_csv_report(converge, check_mode=ansible_check_mode) }}"
'''

RETURN = r'''
_value:
  description: The report.
  type: dict
  contains:
    rows:
      description: One per row of the file, with C(lines), C(contact), C(status) and C(detail).
      type: list
      elements: dict
    lines:
      description: The rows as text, one line each, then the contacts deleted.
      type: list
      elements: str
    counts:
      description: How many rows are C(created), C(updated), C(unchanged), C(failed) and C(not written), and how many
        contacts C(deleted).
      type: dict
    summary:
      description: One line with the counts.
      type: str
    failed:
      description: Whether a row failed or was not written (the play should fail after showing the report).
      type: bool
'''

import re

from ansible_collections.tcx.xapi.plugins.filter.contacts_from_csv import KIND, WHOLE_WORDS, read_contacts_csv
from ansible_collections.tcx.xapi.plugins.plugin_utils.csv_rows import column_of, refusal, shown, without_label

STATUSES = ('created', 'updated', 'unchanged', 'failed', 'not written')
ACTIONS = {'create': 'created', 'update': 'updated', 'delete': 'deleted'}
# tcx_config names a contact it creates as the module does ("contact 'Jane Roe (Acme)'", "contact tagged 'x'"),
# one it found by what the PBX holds ("Jane Roe (Acme)"): both are the same key here.
DESCRIBED = re.compile(r"^%s (?:tagged )?'(.*)'$" % KIND.name, re.S)


def folded(key):
    """A key of tcx_config's result as this report compares it: without the noun, ignoring case."""
    match = DESCRIBED.match(key or '')
    return (match.group(1) if match else key or '').strip().lower()


def row_key(contact):
    return folded(contact.item.get('tag') or contact.label)


def flat(options, prefix=''):
    """``{numbers: {mobile: x}}`` -> ``{numbers.mobile: x}``."""
    found = {}
    for name, value in (options or {}).items():
        if isinstance(value, dict):
            found.update(flat(value, prefix + name + '.'))
        else:
            found[prefix + name] = value
    return found


def describe_change(action, diff):
    """What an update changes, in the options' names (``numbers.mobile '1' -> '2'``)."""
    if action != 'update':
        return ''
    before, after = flat((diff or {}).get('before')), flat((diff or {}).get('after'))
    return '; '.join('%s %s -> %s' % (name, shown(before.get(name)), shown(after.get(name)))
                     for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name))


def _converged(result):
    """The contact changes and failures of a tcx_config result that got to write (or would have, in check mode)."""
    changes = dict((folded(c.get('key')), c) for c in result.get('changes') or [] if c.get('kind') == KIND.name)
    failures = dict((folded(f.get('key')), without_label(f.get('msg'))) for f in result.get('failures') or []
                    if f.get('kind') == KIND.name)
    return changes, failures


def _outcome(contact, converged, refused, columns):
    """``(status, detail)`` of one row."""
    if contact.problems:
        return 'failed', '; '.join(('column %s: ' % p.column if p.column else '') + p.message for p in contact.problems)
    if refused is not None:
        reasons = dict((folded(key), reason) for (noun, key), reason in refused.items() if noun == KIND.name)
        reason = reasons.get(row_key(contact))
        return ('failed', _with_column(reason, columns)) if reason else ('not written', '')
    changes, failures = converged
    key = row_key(contact)
    if key in failures:
        return 'failed', _with_column(failures[key], columns)
    change = changes.get(key)
    if change is None:
        return 'unchanged', ''
    return ACTIONS.get(change.get('action'), change.get('action')), describe_change(change.get('action'), change.get('diff'))


def _with_column(message, columns):
    column = column_of(message, columns, WHOLE_WORDS)
    return 'column %s: %s' % (column, message) if column else message


def _would(status, check_mode):
    return 'would be ' + status if check_mode and status in ('created', 'updated', 'deleted') else status


def contacts_csv_report(text, result, check_mode=False, source='the CSV file'):
    """The report of one phonebook import: see DOCUMENTATION."""
    parsed = read_contacts_csv(text)
    result = result or {}
    refused, reason = refusal(parsed.problems, result)
    converged = _converged(result) if refused is None else None
    rows, counts = [], dict((status, 0) for status in STATUSES + ('deleted',))
    for contact in parsed.contacts:
        status, detail = _outcome(contact, converged, refused, parsed.columns)
        counts[status] = counts.get(status, 0) + 1
        text_line = 'line %d: %s: %s%s' % (contact.lines[0], contact.label, _would(status, check_mode), ' (%s)' % detail if detail else '')
        rows.append({'lines': contact.lines, 'contact': contact.label, 'status': status, 'detail': detail, 'text': text_line})
    deleted = [c.get('key') for c in (converged or ({}, {}))[0].values() if c.get('action') == 'delete' and not c.get('failed')]
    counts['deleted'] = len(deleted)
    lines = ['%s: %s' % (source, p) for p in parsed.file_problems] + [row['text'] for row in rows]
    lines += ['not in the file: %s: %s' % (key, _would('deleted', check_mode)) for key in deleted]
    verbs = ('to create', 'to update', 'to delete') if check_mode else ('created', 'updated', 'deleted')
    summary = '%s: %d row%s: %d %s, %d %s, %d unchanged, %d failed, %d not written; %d contact%s not in the file %s' % (
        source, parsed.rows, '' if parsed.rows == 1 else 's', counts['created'], verbs[0], counts['updated'], verbs[1],
        counts['unchanged'], counts['failed'], counts['not written'], counts['deleted'], '' if counts['deleted'] == 1 else 's',
        verbs[2])
    if refused is not None:
        summary += '. Nothing was written: %s' % reason
    failed = bool(counts['failed'] or counts['not written'] or parsed.file_problems)
    return {'rows': rows, 'lines': lines, 'counts': counts, 'summary': summary, 'failed': failed}


class FilterModule(object):
    def filters(self):
        return {'contacts_csv_report': contacts_csv_report}
