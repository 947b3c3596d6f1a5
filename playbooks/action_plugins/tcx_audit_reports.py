# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write audit.yml's reports on the controller in one step, without a module process.

It sits next to the playbooks (Ansible loads ``action_plugins/`` beside a playbook), like
``filter_plugins/``: an internal step of audit.yml, not a module of the collection. The task's
arguments are ``base``, the reports' path without extension (its folder is created with mode 0700
when missing), and ``reports``, a mapping of extension to content: ``<base>.<extension>`` is
written with mode 0600, and only when its content differs. ``templates`` maps more extensions to
template files (in ``templates/`` beside the playbook), rendered with ``variables`` only: the
template lookup would deep-copy every variable of the host (a desired state of thousands of
items, twice per host). The result is ``changed`` when any file was written and ``written``
lists those paths. The file, stat and copy modules (three module launches per report) would cost
most of an audit's CPU.

With ``audit`` (audit.yml's step), the plugin first computes the PBX's audit itself, in Python rather
than through templating: its drift from the registered check-mode ``tcx_config`` result
(``result``, ``unmanaged``), the licence and backups read (``license``, ``backups``), and each DID's call
flow (``live_flow``: the tcx_config_info result, or skipped; the desired side from ``desired``, the
provision role's variables, the users' names from ``tcx_users``, and ``state_file``, read as tcx_config
reads it). The JSON report is that
audit; the templates get ``tcx_audit`` and ``tcx_audit_flows``. The result's ``audit`` is the audit, and
``ansible_stats`` hands AWX the artifacts ``tcx_drift``, ``tcx_drift_summary``, ``tcx_drift_objects`` and
``tcx_fleet_<job>`` (the PBX's line of the fleet report, ``columns`` added to it) as ``set_stats``
would (aggregated, not per host): one task per PBX instead of three.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import hashlib
import json
import os
import tempfile

from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.text.converters import to_bytes
from ansible.plugins.action import ActionBase
from ansible_collections.tcx.xapi.plugins.filter.callflow import callflow
from ansible_collections.tcx.xapi.plugins.module_utils.converge import state_file_options
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.plugin_utils.audit import tcx_drift, tcx_fleet_columns, tcx_fleet_entry

try:  # ansible-core 2.19+: a template's text must be trusted to be rendered
    from ansible.template import trust_as_template
except ImportError:
    def trust_as_template(text):
        return text


def write_if_changed(path, content):
    """Write ``content`` (bytes) to ``path`` atomically, mode 0600; True when the file changed."""
    try:
        with open(path, 'rb') as existing:
            if existing.read() == content:
                os.chmod(path, 0o600)
                return False
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix='.tcx-audit-')
    try:
        with os.fdopen(handle, 'wb') as new:
            new.write(content)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True


class ActionModule(ActionBase):
    """Create the report folder and write each report whose content changed."""

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('base', 'reports', 'templates', 'variables', 'audit'))
    AUDIT_KEYS = frozenset(('result', 'unmanaged', 'license', 'backups', 'live_flow', 'desired', 'state_file', 'columns'))

    def render(self, name, variables):
        """The template ``name`` (in ``templates/`` beside the playbook) rendered with ``variables`` only."""
        path = self._find_needle('templates', name)
        with open(path, 'rb') as source:
            text = source.read().decode('utf-8')
        templar = self._templar.copy_with_new_env(available_variables=dict(variables))
        return templar.template(trust_as_template(text), escape_backslashes=False)

    def user_names(self, task_vars):
        """The extension and name of each user of the variable ``tcx_users``, for the labels of the call flows.

        Only those three options of each user are templated: templating the whole variable (thousands of
        users inline in host_vars) would cost more than the rest of the audit step."""
        users = task_vars.get('tcx_users') or []
        if not isinstance(users, (list, tuple)):
            users = self._templar.template(users)
        names = []
        for user in users if isinstance(users, (list, tuple)) else []:
            if not isinstance(user, dict):
                user = self._templar.template(user)
            if isinstance(user, dict) and user.get('extension') is not None:
                names.append(dict((key, self._templar.template(user[key])) for key in ('extension', 'first_name', 'last_name')
                                  if user.get(key) is not None))
        return names

    def flows(self, spec, task_vars):
        """Each DID's call flow, the desired side beside the PBX's (none when the flow was not read)."""
        live = spec.get('live_flow') or {}
        if live.get('skipped') or not isinstance(live.get('raw'), dict):
            return []
        desired = dict(spec.get('desired') or {})
        if 'tcx_users' not in desired:
            desired['tcx_users'] = self.user_names(task_vars)
        if spec.get('state_file'):
            try:
                desired.update(('tcx_' + name, value) for name, value in state_file_options(spec['state_file']).items())
            except ValidationError as error:
                raise AnsibleActionFail(str(error))
        return callflow(desired, live=live)

    def audit(self, spec, task_vars):
        """The audit of this PBX, its call flows and the job artifacts (``ansible_stats``)."""
        if not isinstance(spec, dict) or not set(spec) <= self.AUDIT_KEYS or 'result' not in spec:
            raise AnsibleActionFail('tcx_audit_reports: audit must be a mapping with result and any of %s'
                                    % ', '.join(sorted(self.AUDIT_KEYS - set(['result']))))
        host = task_vars['inventory_hostname']
        license_read, backups = spec.get('license') or {}, spec.get('backups') or {}
        audit = tcx_drift(spec['result'], unmanaged=bool(spec.get('unmanaged', True)))
        audit.update(host=host, audited_at=datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).isoformat() + 'Z',
                     license=license_read.get('license'), license_warnings=license_read.get('warnings_expiry'),
                     version=(license_read.get('license') or {}).get('version'), newest_backup=backups.get('newest'))
        columns = tcx_fleet_columns(audit)
        extra = spec.get('columns') or {}
        if not isinstance(extra, dict):
            raise AnsibleActionFail('tcx_audit_columns must be a mapping of column name to value, got %s' % type(extra).__name__)
        columns.update(extra)
        planned = sorted(task_vars.get('ansible_play_hosts_all') or [host])
        # The fleet summary of this job: its key is the job's own (a digest of its hosts), because AWX hands a
        # workflow's next node the artifacts of every slice of a sliced job merged key by key (fleet_report.yml).
        job = hashlib.sha1(to_bytes(','.join(planned), errors='surrogate_or_strict')).hexdigest()[:12]
        stats = {'tcx_drift': {host: audit['drift']}, 'tcx_drift_summary': {host: audit['summary']},
                 'tcx_drift_objects': {host: audit['objects']},
                 'tcx_fleet_' + job: {'hosts': {host: tcx_fleet_entry(audit, version=spec['result'].get('pbx_version'), columns=columns)},
                                      'planned': planned}}
        return audit, self.flows(spec, task_vars), {'data': stats, 'per_host': False, 'aggregate': True}

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        base = self._task.args.get('base')
        reports = self._task.args.get('reports')
        if 'audit' in self._task.args:
            try:
                audit, flows, stats = self.audit(self._task.args['audit'], task_vars or {})
            except AnsibleActionFail:
                raise
            except AnsibleError as error:
                raise AnsibleActionFail('tcx_audit_reports: %s' % error)
            reports = dict(reports or {}, json=json.dumps(audit, indent=2, sort_keys=True, separators=(',', ': '), ensure_ascii=False))
            result.update(audit=audit, ansible_stats=stats)
        if not isinstance(base, str) or not os.path.isabs(base):
            raise AnsibleActionFail('tcx_audit_reports: base must be an absolute path (the reports without extension)')
        if not isinstance(reports, dict) or not all(isinstance(content, str) for content in reports.values()):
            raise AnsibleActionFail('tcx_audit_reports: reports must map each extension to its content (text)')
        templates = self._task.args.get('templates') or {}
        variables = self._task.args.get('variables') or {}
        if not isinstance(templates, dict) or not isinstance(variables, dict):
            raise AnsibleActionFail('tcx_audit_reports: templates must map extensions to template files, variables be a mapping')
        if 'audit' in self._task.args:
            variables = dict(variables, tcx_audit=audit, tcx_audit_flows=flows)
        reports = dict(reports)
        for extension, name in templates.items():
            reports[extension] = self.render(name, variables)
        try:
            os.makedirs(os.path.dirname(base), mode=0o700, exist_ok=True)
            written = ['%s.%s' % (base, extension) for extension in sorted(reports)
                       if write_if_changed('%s.%s' % (base, extension),
                                           to_bytes(reports[extension], errors='surrogate_or_strict'))]
        except OSError as error:
            raise AnsibleActionFail('tcx_audit_reports: cannot write the reports %s.*: %s' % (base, error))
        result.update(changed=bool(written), written=written)
        return result
