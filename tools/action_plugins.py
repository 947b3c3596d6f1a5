"""Write plugins/action/<module>.py for every module of plugins/modules: `python3 tools/action_plugins.py`.

Every tcx.xapi module runs through the one action plugin (plugins/plugin_utils/in_process.py). ansible-core
loads the action plugin of a task's own name in its main process before it forks the task's worker, so each
module has a file of its own name there: one class that is the one plugin, naming its module (imported with the
plugin, before the fork). meta/runtime.yml routing would import both again in every task's worker, and a symlink
makes antsibull-docs document the module as a redirect.
tests/unit/plugins/test_runtime_routing.py checks that each file is exactly what this writes.
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = '''# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin of tcx.xapi.{name}: the one tcx.xapi action plugin (plugins/plugin_utils/in_process.py),
under this module's name (written by tools/action_plugins.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    """Runs tcx.xapi.{name} in the controller's worker process."""

    MODULES = ('{name}',)
'''


def expected():
    """``{path: content}`` of every module's action plugin."""
    return dict((REPO / 'plugins' / 'action' / path.name, TEMPLATE.format(name=path.stem))
                for path in sorted((REPO / 'plugins' / 'modules').glob('tcx_*.py')))


def main():
    for path, content in expected().items():
        if path.is_symlink():
            path.unlink()
        if not path.exists() or path.read_text(encoding='utf-8') != content:
            path.write_text(content, encoding='utf-8')
            print('wrote %s' % path.relative_to(REPO))
    return 0


if __name__ == '__main__':
    sys.exit(main())
