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

With ``audit`` (audit.yml's one step per PBX: a mapping of its settings, :data:`ActionModule.AUDIT_SETTINGS`, each
a key of it or else audit.yml's variable; ``base`` then defaults to ``<tcx_report_dir>/tcx-audit-<host>``) the plugin
first audits the PBX itself, running the
collection's modules in this process as ``gather_facts`` runs its modules (as module processes with
``tcx_xapi_in_process: false``), with the connection options the play's ``module_defaults`` give them
(``InProcessAction.step_module``): tcx_config in check mode against the desired state (the provision role's variables ``tcx_*`` of the host, the lists of
``state_file`` in their place, the users of ``users_csv`` added), then, on the PBX, the call flow's kinds
(when the desired state has inbound rules and ``callflow`` is on), the licence (``license_warn_days``) and
the backups. Four tasks per PBX (a worker forked, the arguments templated, the result sent back and shown)
cost more than the reads themselves. From those results it computes the drift, each DID's call flow
(desired beside live) and the fleet summary in Python. The JSON report is that audit; the templates get
``tcx_audit`` and ``tcx_audit_flows``. The result is ``changed`` when the PBX drifted (unless
``drift_changed`` is false), carries tcx_config's ``diff`` and warnings, and its ``audit``; it fails when
the PBX drifted and ``fail_on_drift`` is set. ``ansible_stats`` hands AWX the artifacts ``tcx_drift``,
``tcx_drift_summary``, ``tcx_drift_objects`` and ``tcx_fleet_<job>`` (the PBX's line of the fleet report,
``columns`` added to it) as ``set_stats`` would (aggregated, not per host).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import hashlib
import json
import os

from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.text.converters import to_bytes
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.tcx.xapi.plugins.filter.absolute_path import absolute_path
from ansible_collections.tcx.xapi.plugins.filter.callflow import callflow
from ansible_collections.tcx.xapi.plugins.filter.users_from_csv import users_from_csv
from ansible_collections.tcx.xapi.plugins.module_utils.converge import state_file_options
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS
from ansible_collections.tcx.xapi.plugins.plugin_utils.audit import tcx_drift, tcx_fleet_columns, tcx_fleet_entry
from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction, StepFailed, untemplated
from ansible_collections.tcx.xapi.plugins.plugin_utils.reports import COMPILED, write_if_changed

try:  # ansible-core 2.19+: a template's text must be trusted to be rendered
    from ansible.template import trust_as_template
except ImportError:
    def trust_as_template(text):
        return text


def drift_line(audit, base):
    """What audit.yml shows of a PBX: its drift, counted per kind, and where its report is."""
    kinds = '; '.join('%s: %d missing, %d differ, %d extra, %d unmanaged, %d ok' % (
        kind, c['create'], c['update'], c['delete'], c['unmanaged'], c['unchanged']) for kind, c in audit['summary'].items())
    return '%s: %s (%s). Report: %s.html' % (audit['host'], 'DRIFT: %d object(s) differ' % audit['drifting'] if audit['drift']
                                             else 'no drift', kinds, base)


# The desired state's options of tcx_config, each from the provision role's variable tcx_<option>.
DESIRED_OPTIONS = tuple(kind.plural for kind in KINDS) + ('prune',)
# The kinds a call flow passes, read from the PBX for the flows' live side.
FLOW_KINDS = ['ring_groups', 'queues', 'ivrs', 'inbound_rules']


class ActionModule(InProcessAction):
    """Audit the PBX (with ``audit``), create the report folder and write each report whose content changed."""

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('base', 'reports', 'templates', 'variables', 'audit'))
    MODULES = ('tcx_config', 'tcx_config_info', 'tcx_license_info', 'tcx_backup_info', 'tcx_department_info')
    # The audit's settings: a key of ``audit`` or, without it, audit.yml's variable (read here: templating them
    # as the task's arguments would compile a template each, in every PBX's worker), or the default.
    AUDIT_SETTINGS = {'state_file': ('tcx_state_file', None), 'users_csv': ('tcx_users_csv', None),
                      'report_dir': ('tcx_report_dir', 'tcx-reports'), 'unmanaged': ('tcx_audit_unmanaged', True),
                      'callflow': ('tcx_audit_callflow', True), 'license_warn_days': ('tcx_license_warn_days', 30),
                      'columns': ('tcx_audit_columns', {}), 'drift_changed': ('tcx_drift_changed', True),
                      'fail_on_drift': ('tcx_fail_on_drift', False)}

    def settings(self, spec, task_vars):
        """The audit's settings (:data:`AUDIT_SETTINGS`), checked; paths absolute (from where ansible-playbook started)."""
        if not isinstance(spec, dict) or not set(spec) <= set(self.AUDIT_SETTINGS):
            raise AnsibleActionFail('tcx_audit_reports: audit must be a mapping of any of %s' % ', '.join(sorted(self.AUDIT_SETTINGS)))
        found = {}
        for key, (variable, default) in self.AUDIT_SETTINGS.items():
            value = spec[key] if key in spec else self._templar.template(task_vars[variable]) if variable in task_vars else default
            found[key] = default if value is None or value == '' else value
        try:
            for key in ('unmanaged', 'callflow', 'drift_changed', 'fail_on_drift'):
                found[key] = boolean(found[key], strict=True)
            found['license_warn_days'] = int(found['license_warn_days'])
        except (TypeError, ValueError) as error:
            raise AnsibleActionFail('tcx_audit_reports: %s' % error)
        if not isinstance(found['columns'], dict):
            raise AnsibleActionFail('tcx_audit_columns must be a mapping of column name to value, got %s' % type(found['columns']).__name__)
        for key in ('state_file', 'users_csv', 'report_dir'):
            if found[key]:
                found[key] = absolute_path(found[key])
        return found

    def render(self, name, variables):
        """The template ``name`` (in ``templates/`` beside the playbook) rendered with ``variables`` only: compiled
        already when it is the collection's own (plugin_utils/reports.py), else with the task's templar."""
        path = self._find_needle('templates', name)
        compiled = COMPILED.get(name)
        if compiled is not None and os.path.realpath(path) == os.path.realpath(compiled.filename):
            return compiled.render(variables)
        with open(path, 'rb') as source:
            text = source.read().decode('utf-8')
        templar = self._templar.copy_with_new_env(available_variables=dict(variables))
        return templar.template(trust_as_template(text), escape_backslashes=False)

    def desired_state(self, spec, task_vars):
        """tcx_config's options of the desired state: the host's variables, a state file's lists in their place,
        a users CSV file's users added."""
        options = {}
        for name in DESIRED_OPTIONS:
            value = task_vars.get('tcx_' + name)
            if value is not None:
                loaded = untemplated(value)
                value = self._templar.template(value) if loaded is None else loaded
            if value:
                options[name] = value
        try:
            if spec.get('state_file'):
                options.update(state_file_options(spec['state_file']))
            if spec.get('users_csv'):
                with open(spec['users_csv'], 'rb') as source:
                    text = source.read().decode('utf-8-sig')
                departments = self.step_module('tcx_department_info', {'select': ['Id', 'Name']}, task_vars)['raw']
                options['users'] = list(options.get('users') or []) + users_from_csv(
                    text, departments=departments + list(options.get('departments') or []))
        except (IOError, UnicodeError) as error:
            raise AnsibleActionFail('users_csv %s cannot be read: %s' % (spec['users_csv'], getattr(error, 'strerror', None) or error))
        except (ValidationError, AnsibleError) as error:
            raise StepFailed({'failed': True, 'msg': str(error)})
        return options

    def audit(self, spec, task_vars):
        """The audit of this PBX, its call flows, the job artifacts (``ansible_stats``) and tcx_config's result."""
        host = task_vars['inventory_hostname']
        desired = self.desired_state(spec, task_vars)
        result = self.step_module('tcx_config', desired, task_vars, check_mode=True, diff=True)
        live = None
        if spec['callflow'] and sum((result['summary'].get('inbound_rules') or {}).values()):
            live = self.step_module('tcx_config_info', {'kinds': FLOW_KINDS}, task_vars)
        license_read = self.step_module('tcx_license_info', {'warn_days': spec['license_warn_days']}, task_vars)
        backups = self.step_module('tcx_backup_info', {}, task_vars)
        audit = tcx_drift(result, unmanaged=spec['unmanaged'])
        audit.update(host=host, audited_at=datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).isoformat() + 'Z',
                     license=license_read.get('license'), license_warnings=license_read.get('warnings_expiry'),
                     version=(license_read.get('license') or {}).get('version'), newest_backup=backups.get('newest'))
        columns = tcx_fleet_columns(audit)
        columns.update(spec['columns'])
        planned = sorted(task_vars.get('ansible_play_hosts_all') or [host])
        # The fleet summary of this job: its key is the job's own (a digest of its hosts), because AWX hands a
        # workflow's next node the artifacts of every slice of a sliced job merged key by key (fleet_report.yml).
        job = hashlib.sha1(to_bytes(','.join(planned), errors='surrogate_or_strict')).hexdigest()[:12]
        stats = {'tcx_drift': {host: audit['drift']}, 'tcx_drift_summary': {host: audit['summary']},
                 'tcx_drift_objects': {host: audit['objects']},
                 'tcx_fleet_' + job: {'hosts': {host: tcx_fleet_entry(audit, version=result.get('pbx_version'), columns=columns)},
                                      'planned': planned}}
        flows = []
        if live is not None:
            # The desired side of the flows: the desired state's lists under the provision role's names.
            flows = callflow(dict(('tcx_' + name, value) for name, value in desired.items()), live=live)
        return audit, flows, {'data': stats, 'per_host': False, 'aggregate': True}, result

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)  # ActionBase's: this plugin runs no module of its own
        base = self._task.args.get('base')
        reports = self._task.args.get('reports')
        spec = self._task.args.get('audit')
        if spec is not None:
            spec = self.settings(spec, task_vars or {})
            if base is None:
                base = os.path.join(spec['report_dir'], 'tcx-audit-%s' % task_vars['inventory_hostname'])
        if spec is not None:
            try:
                audit, flows, stats, compared = self.audit(spec, task_vars or {})
            except StepFailed as failed:
                return dict(failed.result, warnings=self.step_warnings)
            except AnsibleActionFail:
                raise
            except AnsibleError as error:
                raise AnsibleActionFail('tcx_audit_reports: %s' % error)
            reports = dict(reports or {}, json=json.dumps(audit, indent=2, sort_keys=True, separators=(',', ': '), ensure_ascii=False))
            result.update(audit=audit, ansible_stats=stats)
            if 'diff' in compared:
                result['diff'] = compared['diff']
            if self.step_warnings:
                result['warnings'] = self.step_warnings
        if not isinstance(base, str) or not os.path.isabs(base):
            raise AnsibleActionFail('tcx_audit_reports: base must be an absolute path (the reports without extension)')
        if not isinstance(reports, dict) or not all(isinstance(content, str) for content in reports.values()):
            raise AnsibleActionFail('tcx_audit_reports: reports must map each extension to its content (text)')
        templates = self._task.args.get('templates') or {}
        variables = self._task.args.get('variables') or {}
        if not isinstance(templates, dict) or not isinstance(variables, dict):
            raise AnsibleActionFail('tcx_audit_reports: templates must map extensions to template files, variables be a mapping')
        if spec is not None:
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
        if spec is not None:
            # The step stands for the compare: "changed" is the drift (the reports are files on the controller).
            result['changed'] = audit['drift'] and spec['drift_changed']
            result['msg'] = drift_line(audit, base)
            if audit['drift'] and spec['fail_on_drift']:
                result.update(failed=True, msg='%s drifted from its desired state: %d object(s) differ; see %s.html'
                              % (task_vars['inventory_hostname'], audit['drifting'], base))
        return result
