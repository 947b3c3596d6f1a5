# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the collection's playbooks (backup.yml, audit.yml).

They sit next to the playbooks (Ansible loads ``filter_plugins/`` beside a playbook) and read the
kinds from the registry (``plugins/module_utils/kinds``): a kind added there is backed up and
audited with no change here. The objects themselves come from tcx.xapi.tcx_config_info, already
in the options that the modules and the provision role take: no option is converted here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS

# tcx_config's kind names (in ``changes`` and ``unmanaged``) to their lists' names.
KIND_LISTS = dict((kind.name, kind.plural) for kind in KINDS)


def _config_result(config, filter_name):
    if not isinstance(config, dict) or not isinstance(config.get('raw'), dict):
        raise AnsibleFilterError('%s expects the registered result of tcx.xapi.tcx_config_info' % filter_name)
    return config


def tcx_role_variables(config):
    """The lists of a tcx_config_info result as the provision role's variables ``tcx_<plural>``, in the
    registry's order: a backup that the role restores."""
    config = _config_result(config, 'tcx_role_variables')
    return dict(('tcx_' + kind.plural, config[kind.plural]) for kind in KINDS if kind.plural in config)


def tcx_backup_objects(config):
    """The XAPI objects of a tcx_config_info result (``raw``), each department with its ``Members``.

    A department's members are the objects of every kind that belongs to departments (the kinds with
    a ``department_member_type``), from their ``Groups`` rows: ``Number``, ``Type`` as the PBX names
    it (``Extension``, ``Parking``) and ``RoleName`` where the PBX gives one (a user's role).
    """
    raw = dict(_config_result(config, 'tcx_backup_objects')['raw'])
    if 'departments' not in raw:
        return raw
    members = {}
    for kind in KINDS:
        if not kind.department_member_type:
            continue
        for entity in raw.get(kind.plural) or []:
            for row in entity.get('Groups') or []:
                member = {'Number': entity.get('Number'), 'Type': kind.department_member_type}
                if (row.get('Rights') or {}).get('RoleName'):
                    member['RoleName'] = row['Rights']['RoleName']
                members.setdefault(row.get('GroupId'), []).append(member)
    raw['departments'] = [
        dict(department, Members=sorted(members.get(department.get('Id'), []),
                                        key=lambda m: (str(m['Type']), str(m['Number']))))
        for department in raw['departments']]
    return raw


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


def tcx_markdown_cell(value):
    """A value as the text of one Markdown table cell: ``|`` escaped, line breaks as spaces."""
    return ' '.join(str(value).replace('|', '\\|').splitlines())


def tcx_state_file_data(path):
    """The variables of a desired-state YAML file (``tcx_state_file``) as plain data, read with PyYAML's safe
    loader (libyaml's when present): no origin tracking, no templating of its thousands of strings."""
    try:
        with open(path, 'rb') as source:
            data = yaml.load(source, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))  # nosec: a safe loader
    except (OSError, yaml.YAMLError) as error:
        raise AnsibleFilterError('tcx_state_file %s cannot be read: %s' % (path, error))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnsibleFilterError('tcx_state_file %s must hold the provision role\'s variables (a mapping), not a %s'
                                 % (path, type(data).__name__))
    return data


DRIFT_ACTIONS = ('create', 'update', 'delete', 'unmanaged')
FLEET_SLICE_KEYS = ('hosts', 'planned')


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


def tcx_fleet_report(slices, generated_at=None):
    """The fleet report from the audits' artifacts: ``slices`` is a list of the ``tcx_fleet_<slice>`` values
    (``{'hosts': {host: entry}, 'planned': [hosts of the slice]}``), one per audit job (slice). One row per PBX,
    sorted by host; ``missing`` lists the hosts a slice planned that left no entry (failed or unreachable)."""
    if not isinstance(slices, list) or not slices:
        raise AnsibleFilterError('no audit summaries found: the fleet report reads the tcx_fleet_* artifacts of audit.yml runs, '
                                 'as an AWX workflow passes them to its next node (or give them with -e @artifacts.json)')
    hosts, planned = {}, set()
    for found in slices:
        if not isinstance(found, dict) or not isinstance(found.get('hosts'), dict):
            raise AnsibleFilterError('a tcx_fleet_* artifact must be a mapping with hosts (as audit.yml writes it), got %r'
                                     % (sorted(found) if isinstance(found, dict) else type(found).__name__))
        hosts.update(found['hosts'])
        planned.update(found.get('planned') or [])
    rows = [hosts[host] for host in sorted(hosts)]
    kinds = [kind.plural for kind in KINDS if any(row.get('drift_by_kind', {}).get(kind.plural) for row in rows)]
    columns = sorted(set(name for row in rows for name in (row.get('columns') or {})))
    return {'generated_at': generated_at, 'pbxs': len(rows), 'drifting_pbxs': len([row for row in rows if row.get('drift')]),
            'drifting_objects': sum(row.get('drifting', 0) for row in rows),
            'failed_pbxs': len([row for row in rows if row.get('failed')]),
            'kinds': kinds, 'columns': columns, 'rows': rows, 'missing': sorted(planned - set(hosts))}


class FilterModule(object):
    def filters(self):
        return {
            'tcx_role_variables': tcx_role_variables,
            'tcx_backup_objects': tcx_backup_objects,
            'tcx_drift': tcx_drift,
            'tcx_fleet_columns': tcx_fleet_columns,
            'tcx_markdown_cell': tcx_markdown_cell,
            'tcx_fleet_entry': tcx_fleet_entry,
            'tcx_state_file_data': tcx_state_file_data,
            'tcx_fleet_report': tcx_fleet_report,
        }
