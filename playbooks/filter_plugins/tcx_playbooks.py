# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the collection's playbooks (audit.yml, fleet_report.yml).

They sit next to the playbooks (Ansible loads ``filter_plugins/`` beside a playbook) and read the
kinds from the registry (``plugins/module_utils/kinds``): a kind added there is backed up and
audited with no change here. The objects themselves come from tcx.xapi.tcx_config_info, already
in the options that the modules and the provision role take: no option is converted here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS
# The audit of one PBX lives in plugin_utils: audit.yml's report step computes it too.
from ansible_collections.tcx.xapi.plugins.plugin_utils.audit import tcx_drift, tcx_fleet_columns, tcx_fleet_entry, tcx_markdown_cell

FLEET_SLICE_KEYS = ('hosts', 'planned')


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
            'tcx_drift': tcx_drift,
            'tcx_fleet_columns': tcx_fleet_columns,
            'tcx_markdown_cell': tcx_markdown_cell,
            'tcx_fleet_entry': tcx_fleet_entry,
            'tcx_fleet_report': tcx_fleet_report,
        }
