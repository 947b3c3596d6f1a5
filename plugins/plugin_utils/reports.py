# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The files the collection's playbooks write on the controller in one step (audit.yml's reports, backup.yml's
backup): their templates compiled once, and a writer that leaves an unchanged file alone.

The templates (``playbooks/templates``) are compiled when ansible-playbook's main process imports this, as it
loads the step's action plugin before it forks the workers: each PBX's worker then renders without compiling
again (Ansible's templar compiles a template on every call: about 50 ms of CPU per PBX for an audit's two
reports). The environment is Ansible's as far as these templates go (trim_blocks, trailing newlines kept, an
undefined variable an error, the filters they use); tests/unit/plugins/test_report_templates.py renders each
both ways and compares.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile

import jinja2

from ansible_collections.tcx.xapi.plugins.plugin_utils.audit import tcx_markdown_cell

TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'playbooks', 'templates')
REPORT_TEMPLATES = ('audit_report.md.j2', 'audit_report.html.j2', 'fleet_report.md.j2', 'fleet_report.html.j2',
                    'backup_callflow.html.j2')


def report_environment():
    """The Jinja environment of the report templates."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined, autoescape=False)
    environment.filters.update(to_json=json.dumps, tcx_markdown_cell=tcx_markdown_cell, basename=os.path.basename)
    return environment


_ENVIRONMENT = report_environment()
COMPILED = dict((name, _ENVIRONMENT.get_template(name)) for name in REPORT_TEMPLATES if os.path.isfile(os.path.join(TEMPLATES, name)))


def write_if_changed(path, content):
    """Write ``content`` (bytes) to ``path`` atomically, mode 0600; True when the file changed."""
    try:
        with open(path, 'rb') as existing:
            if existing.read() == content:
                os.chmod(path, 0o600)
                return False
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix='.tcx-')
    try:
        with os.fdopen(handle, 'wb') as new:
            new.write(content)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True
