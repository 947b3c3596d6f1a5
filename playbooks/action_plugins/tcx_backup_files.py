# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Back up a PBX in one step on the controller: backup.yml's reads and its three files.

It sits next to the playbooks (Ansible loads ``action_plugins/`` beside a playbook): an internal step of
backup.yml, not a module of the collection. It runs tcx_system_info and tcx_config_info in this process, as
``gather_facts`` runs its modules (with the connection options the play's ``module_defaults`` give them:
``InProcessAction.step_module``; as module processes with ``tcx_xapi_in_process: false``), and writes
``<dir>/tcx-backup-<host>-<UTC time>`` with extension ``json`` (the objects as the PBX's API returns them, each department with its members), ``yml``
(the provision role's variables: a restore, or an audit's ``tcx_state_file``) and ``html`` (each DID's call
flow), mode 0600, in ``dir`` (argument, else the variable ``tcx_backup_dir``, else ``tcx-backups``; relative to
where ansible-playbook started; mode 0700). A task per read and per file, the file and copy modules each
started as module processes and a fact of the whole PBX templated again for each file, cost seconds of CPU per
PBX. The result: ``base`` (the files' path without extension), ``files`` and ``lines`` (what the play shows).
A new backup is not a change of the PBX: the step reports "ok".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os

import yaml

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_bytes
from ansible.plugins.action import ActionBase
from ansible_collections.tcx.xapi.plugins.filter.absolute_path import absolute_path
from ansible_collections.tcx.xapi.plugins.filter.callflow import callflow
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS
from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction, StepFailed
from ansible_collections.tcx.xapi.plugins.plugin_utils.reports import COMPILED, write_if_changed

DUMPER = getattr(yaml, 'CSafeDumper', yaml.SafeDumper)


def role_variables(config):
    """The lists of a tcx_config_info result as the provision role's variables ``tcx_<plural>``, in the registry's
    order: a backup that the role restores."""
    return dict(('tcx_' + kind.plural, config[kind.plural]) for kind in KINDS if kind.plural in config)


def backup_objects(config):
    """The XAPI objects of a tcx_config_info result (``raw``), each department with its ``Members``: the objects of
    every kind that belongs to departments, from their ``Groups`` rows (``Number``, ``Type`` as the PBX names it,
    ``RoleName`` where the PBX gives one)."""
    raw = dict(config['raw'])
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
        dict(department, Members=sorted(members.get(department.get('Id'), []), key=lambda m: (str(m['Type']), str(m['Number']))))
        for department in raw['departments']]
    return raw


def summary(config):
    """``the settings, 12 departments, 500 users, ...``: what the backup holds."""
    return ', '.join('%s %s' % ('the' if isinstance(objects, dict) else len(objects), kind) for kind, objects in config['raw'].items())


class ActionModule(InProcessAction):
    """Read the PBX and write its three backup files."""

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('dir',))
    MODULES = ('tcx_system_info', 'tcx_config_info')

    def run(self, tmp=None, task_vars=None):
        result = ActionBase.run(self, tmp, task_vars)  # this plugin runs no module of its own name
        task_vars = task_vars or {}
        host = task_vars['inventory_hostname']
        folder = self._task.args.get('dir') or (self._templar.template(task_vars['tcx_backup_dir'])
                                                if task_vars.get('tcx_backup_dir') else 'tcx-backups')
        try:
            system = self.step_module('tcx_system_info', {}, task_vars)
            if not system.get('api_ok'):
                raise StepFailed(dict(system, failed=True, msg='the PBX cannot be backed up: %s' % (
                    system.get('message') or 'its API did not answer')))
            config = self.step_module('tcx_config_info', {}, task_vars)
        except StepFailed as failed:
            return dict(failed.result, warnings=self.step_warnings)
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        folder = absolute_path(folder)
        base = os.path.join(folder, 'tcx-backup-%s-%s' % (host, now.strftime('%Y%m%dT%H%M%SZ')))
        version = system.get('version')
        exported = dict({'exported_at': now.isoformat() + 'Z', 'pbx': {'host': host, 'version': version}}, **backup_objects(config))
        files = {
            'json': json.dumps(exported, indent=2, sort_keys=True, separators=(',', ': ')),
            'yml': '---\n# Backup of %s (3CX %s) taken %sZ.\n# Restore: ansible-playbook tcx.xapi.provision -e @%s.yml\n%s' % (
                host, version or '?', now.isoformat(), os.path.basename(base),
                yaml.dump(role_variables(config), Dumper=DUMPER, indent=2, allow_unicode=True, default_flow_style=False, sort_keys=False)),
            'html': COMPILED['backup_callflow.html.j2'].render(inventory_hostname=host, tcx_backup_base=base, tcx_backup_system=system,
                                                               tcx_backup_flows=callflow(config)),
        }
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)
            for extension in ('json', 'yml', 'html'):
                write_if_changed('%s.%s' % (base, extension), to_bytes(files[extension], errors='surrogate_or_strict'))
        except OSError as error:
            raise AnsibleActionFail('cannot write the backup %s.*: %s' % (base, error))
        paths = ['%s.%s' % (base, extension) for extension in ('json', 'yml', 'html')]
        result.update(changed=False, base=base, files=paths, warnings=self.step_warnings,
                      lines=[summary(config), 'JSON: %s' % paths[0], 'provision variables: %s' % paths[1], 'call flow: %s' % paths[2]])
        return result
