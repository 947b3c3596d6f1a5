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
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import tempfile

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_bytes
from ansible.plugins.action import ActionBase

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
    _VALID_ARGS = frozenset(('base', 'reports', 'templates', 'variables'))

    def render(self, name, variables):
        """The template ``name`` (in ``templates/`` beside the playbook) rendered with ``variables`` only."""
        path = self._find_needle('templates', name)
        with open(path, 'rb') as source:
            text = source.read().decode('utf-8')
        templar = self._templar.copy_with_new_env(available_variables=dict(variables))
        return templar.template(trust_as_template(text), escape_backslashes=False)

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        base = self._task.args.get('base')
        reports = self._task.args.get('reports')
        if not isinstance(base, str) or not os.path.isabs(base):
            raise AnsibleActionFail('tcx_audit_reports: base must be an absolute path (the reports without extension)')
        if not isinstance(reports, dict) or not all(isinstance(content, str) for content in reports.values()):
            raise AnsibleActionFail('tcx_audit_reports: reports must map each extension to its content (text)')
        templates = self._task.args.get('templates') or {}
        variables = self._task.args.get('variables') or {}
        if not isinstance(templates, dict) or not isinstance(variables, dict):
            raise AnsibleActionFail('tcx_audit_reports: templates must map extensions to template files, variables be a mapping')
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
