# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit of one PBX from tcx_config's check-mode result: its drift, its line of the fleet report.

Shared by the filters of the collection's playbooks (``playbooks/filter_plugins/tcx_playbooks.py``) and
audit.yml's report step (``playbooks/action_plugins/tcx_audit_reports.py``), which computes a PBX's audit
in Python rather than through templating. The kinds come from the registry.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS

# tcx_config's kind names (in ``changes`` and ``unmanaged``) to their lists' names.
KIND_LISTS = dict((kind.name, kind.plural) for kind in KINDS)


def _flatten(value, prefix=''):
    if isinstance(value, dict) and value:
        flat = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, '%s.%s' % (prefix, key) if prefix else str(key)))
        return flat
    return {prefix: value}


DRIFT_COUNTS = ('create', 'update', 'delete', 'unmanaged', 'unchanged', 'failed')


def tcx_drift(result, unmanaged=True):
    """The drift of a check-mode tcx_config result: counts per kind and, per object, the fields that differ.

    Objects of a kind the desired state lists that it does not name (tcx_config's ``unmanaged``)
    are drift too, reported with action ``unmanaged``, unless ``unmanaged`` is false. With
    ``prune`` tcx_config plans them as deletes, reported as ``delete`` ("would delete").
    """
    if not isinstance(result, dict) or 'summary' not in result:
        raise AnsibleFilterError('tcx_drift expects the registered result of tcx.xapi.tcx_config')
    extra = (result.get('unmanaged') or []) if unmanaged else []
    summary = {}
    for list_name in (kind.plural for kind in KINDS):
        counts = dict(result['summary'].get(list_name) or {})
        counts['unmanaged'] = len([o for o in extra if KIND_LISTS.get(o.get('kind')) == list_name])
        summary[list_name] = dict((action, int(counts.get(action, 0))) for action in DRIFT_COUNTS)
    objects = []
    for change in result.get('changes') or []:
        before = _flatten((change.get('diff') or {}).get('before') or {})
        after = _flatten((change.get('diff') or {}).get('after') or {})
        fields = [{'field': name, 'pbx': before.get(name), 'desired': after.get(name)}
                  for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
        objects.append({'kind': KIND_LISTS.get(change.get('kind'), change.get('kind')), 'key': change.get('key'),
                        'action': change.get('action'), 'fields': [f for f in fields if f['field']]})
    for found in extra:
        options = _flatten(found.get('options') or {})
        fields = [{'field': name, 'pbx': options[name], 'desired': None} for name in sorted(options) if name]
        objects.append({'kind': KIND_LISTS.get(found.get('kind'), found.get('kind')), 'key': found.get('key'),
                        'action': 'unmanaged', 'fields': fields})
    totals = dict((action, sum(counts[action] for counts in summary.values())) for action in DRIFT_COUNTS)
    drifting = totals['create'] + totals['update'] + totals['delete'] + totals['unmanaged']
    return {'drift': drifting > 0, 'drifting': drifting, 'summary': summary, 'totals': totals, 'objects': objects,
            'failures': result.get('failures') or []}


DRIFT_ACTIONS = ('create', 'update', 'delete', 'unmanaged')


def tcx_markdown_cell(value):
    """A value as the text of one Markdown table cell: ``|`` escaped, line breaks as spaces."""
    return ' '.join(str(value).replace('|', '\\|').splitlines())


def tcx_fleet_columns(audit):
    """The fleet report's columns of one PBX that audit.yml adds (see ``tcx_audit_columns``): the settings
    sections that drifted (how many options of each), the licence's and its maintenance's expiry with the days
    left, and the newest backup's age."""
    if not isinstance(audit, dict) or 'summary' not in audit:
        raise AnsibleFilterError('tcx_fleet_columns expects the audit of one PBX (tcx_drift)')
    sections = {}
    for found in audit.get('objects') or []:
        if found.get('kind') == 'settings':
            for field in found.get('fields') or []:
                section = str(field.get('field')).split('.', 1)[0]
                sections[section] = sections.get(section, 0) + 1
    licence = audit.get('license') or {}
    backup = audit.get('newest_backup') or {}

    def dated(date, days):
        return '%s (%s days)' % (date, days) if date else 'never'
    return {
        'settings drift': ', '.join('%s: %d' % item for item in sorted(sections.items())) or '-',
        'licence runs out': dated(licence.get('expires_at'), licence.get('days_left')),
        'maintenance runs out': dated(licence.get('maintenance_expires_at'), licence.get('maintenance_days_left')),
        'newest backup': ('%s day(s) old' % backup.get('age_days')) if backup.get('file_name') else 'none',
    }


def tcx_fleet_entry(audit, version=None, columns=None):
    """One PBX's line of the fleet report, from its audit (:func:`tcx_drift` with ``host`` and ``audited_at``):
    the drifting objects per kind, the totals, the PBX version and ``columns`` (more values a play adds per
    host, a licence's expiry or a backup's age: one column each in the fleet report)."""
    if not isinstance(audit, dict) or 'summary' not in audit or 'host' not in audit:
        raise AnsibleFilterError('tcx_fleet_entry expects the audit of one PBX (tcx_drift with host and audited_at)')
    if columns is not None and not isinstance(columns, dict):
        raise AnsibleFilterError('tcx_audit_columns must be a mapping of column name to value, got %r' % type(columns).__name__)
    return {'host': audit['host'], 'audited_at': audit.get('audited_at'), 'pbx_version': version, 'drift': audit['drift'],
            'drifting': audit['drifting'],
            'drift_by_kind': dict((kind, sum(counts.get(action, 0) for action in DRIFT_ACTIONS)) for kind, counts in audit['summary'].items()),
            'failed': audit['totals'].get('failed', 0), 'columns': dict(columns or {})}
