# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: users_csv_report
short_description: What a tcx_config run did to each user of a CSV file
version_added: 0.1.0
author:
  - tcx.xapi developers (@tcx-xapi)
description:
  - Reads the CSV text again (as P(tcx.xapi.users_from_csv#filter) does) and the registered result of the
    M(tcx.xapi.tcx_config) task that converged it, failed or not, and says for each user of the file (its
    lines, extension and name) what happened - V(created), V(updated), V(unchanged), V(failed) with the
    reason (line and column for a problem of the file), or V(not written) when the import was refused
    before any write.
  - Created and updated users show what changed, from the result's per-object before/after, memberships
    as departments added (C(+)), removed (C(-)) and roles changed. Secret options are never shown.
  - In check mode the same report says V(would be created) and V(would be updated).
options:
  _input:
    description: The CSV text.
    type: str
    required: true
  result:
    description: The registered result of the M(tcx.xapi.tcx_config) task (or C(ansible_failed_result)).
    type: dict
    required: true
  departments:
    description: The same O(tcx.xapi.users_from_csv#filter:departments) that the items were made with.
    type: list
    elements: raw
  check_mode:
    description: Whether the run was a check (C(ansible_check_mode)).
    type: bool
    default: false
  source:
    description: How the summary names the file.
    type: str
    default: the CSV file
  passwords_file:
    description: Where the generated passwords of created users were written (named in the summary); empty if nowhere.
    type: str
    default: ""
'''

EXAMPLES = r'''
- name: Report each user of the file
  ansible.builtin.debug:
    msg: "{{ report.lines + [report.summary] }}"
  vars:
    report: "{{ lookup('ansible.builtin.file', csv) | tcx.xapi.users_csv_report(converge, check_mode=ansible_check_mode) }}"
'''

RETURN = r'''
_value:
  description: The report.
  type: dict
  contains:
    rows:
      description: One per user of the file, with C(lines), C(extension), C(name), C(status) and C(detail).
      type: list
      elements: dict
    lines:
      description: The rows as text, one line each.
      type: list
      elements: str
    counts:
      description: How many users are C(created), C(updated), C(unchanged), C(failed) and C(not written).
      type: dict
    summary:
      description: One line with the counts.
      type: str
    failed:
      description: Whether a user failed or was not written (the play should fail after showing the report).
      type: bool
'''

from ansible_collections.tcx.xapi.plugins.filter.users_from_csv import KIND, column_of, read_users_csv
from ansible_collections.tcx.xapi.plugins.plugin_utils.csv_rows import refusal, shown as _shown, without_label

STATUSES = ('created', 'updated', 'unchanged', 'failed', 'not written')
ACTIONS = {'create': 'created', 'update': 'updated', 'delete': 'deleted'}
SECRET_OPTIONS = frozenset(leaf.option_path[0] for leaf in KIND.leaves() if leaf.field.secret)


def _memberships(before, after):
    """``+ Sales (managers)``, ``- Support (users)``, ``Sales role users -> managers``."""
    old = dict((d.get('name'), d.get('role')) for d in before or [])
    new = dict((d.get('name'), d.get('role')) for d in after or [])
    parts = ['+ %s (%s)' % (name, new[name]) for name in new if name not in old]
    parts += ['- %s (%s)' % (name, old[name]) for name in old if name not in new]
    parts += ['%s role %s -> %s' % (name, old[name], new[name]) for name in new if name in old and old[name] != new[name]]
    return parts


def describe_change(action, diff):
    """What a change does, in the options' names; secrets left out, memberships one by one."""
    before, after = (diff or {}).get('before') or {}, (diff or {}).get('after') or {}
    parts = []
    for name in sorted(set(before) | set(after)):
        if name in SECRET_OPTIONS or name == 'departments' or before.get(name) == after.get(name):
            continue
        if action != 'create':
            parts.append('%s %s -> %s' % (name, _shown(before.get(name)), _shown(after.get(name))))
    memberships = _memberships(before.get('departments'), after.get('departments'))
    if memberships:
        parts.append('departments ' + ', '.join(memberships))
    return '; '.join(parts)


def _outcome(user, result, refused, columns):
    """``(status, detail)`` of one user of the file."""
    if user.problems:
        where = len(user.lines) > 1
        return 'failed', '; '.join(str(p) if where else (('column %s: ' % p.column if p.column else '') + p.message)
                                   for p in user.problems)
    if refused is not None:
        reason = refused.get(('user', user.extension))
        return ('failed', _with_column(reason, columns)) if reason else ('not written', '')
    failure = result['failures'].get(user.extension)
    if failure is not None:
        return 'failed', _with_column(failure, columns)
    change = result['changes'].get(user.extension)
    if change is None:
        return 'unchanged', ''
    return ACTIONS.get(change.get('action'), change.get('action')), describe_change(change.get('action'), change.get('diff'))


def _with_column(message, columns):
    column = column_of(message, columns)
    return 'column %s: %s' % (column, message) if column else message


def _text(user, status, detail, check_mode):
    lines = ', '.join(str(n) for n in user.lines)
    shown = 'would be ' + status if check_mode and status in ('created', 'updated') else status
    who = ' '.join(n for n in (user.extension, user.name) if n)
    return '%s %s: %s: %s%s' % ('lines' if len(user.lines) > 1 else 'line', lines, who, shown,
                                ' (%s)' % detail if detail else '')


def _converged(result):
    """The user changes and failures of a tcx_config result that got to write (or would have, in check mode)."""
    changes = dict((c.get('key'), c) for c in result.get('changes') or [] if c.get('kind') == 'user')
    failures = dict((f.get('key'), without_label(f.get('msg'))) for f in result.get('failures') or []
                    if f.get('kind') == 'user')
    return {'changes': changes, 'failures': failures}


def users_csv_report(text, result, departments=None, check_mode=False, source='the CSV file', passwords_file=''):
    """The report of one CSV import: see DOCUMENTATION."""
    parsed = read_users_csv(text, departments)
    result = result or {}
    refused, reason = refusal(parsed.problems, result)
    converged = _converged(result) if refused is None else None
    rows, counts = [], dict((status, 0) for status in STATUSES)
    for user in parsed.users:
        status, detail = _outcome(user, converged, refused, parsed.columns)
        counts[status] = counts.get(status, 0) + 1
        rows.append({'lines': user.lines, 'extension': user.extension, 'name': user.name, 'status': status,
                     'detail': detail, 'text': _text(user, status, detail, check_mode)})
    lines = ['%s: %s' % (source, p) for p in parsed.file_problems] + [row['text'] for row in rows]
    verbs = ('to create', 'to update') if check_mode else ('created', 'updated')
    summary = '%s: %d row%s, %d user%s: %d %s, %d %s, %d unchanged, %d failed, %d not written' % (
        source, parsed.rows, '' if parsed.rows == 1 else 's', len(rows), '' if len(rows) == 1 else 's',
        counts['created'], verbs[0], counts['updated'], verbs[1], counts['unchanged'], counts['failed'],
        counts['not written'])
    if refused is not None:
        summary += '. Nothing was written: %s' % reason
    elif counts['created'] and not check_mode:
        summary += ('. Generated passwords of the created users: %s (mode 0600)' % passwords_file if passwords_file
                    else '. The created users got generated passwords that were not saved: set tcx_generated_passwords_file')
    failed = bool(counts['failed'] or counts['not written'] or parsed.file_problems)
    return {'rows': rows, 'lines': lines, 'counts': counts, 'summary': summary, 'failed': failed}


class FilterModule(object):
    def filters(self):
        return {'users_csv_report': users_csv_report}
