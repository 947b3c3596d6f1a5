# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: appends every task result as one JSON line to $TCX_TEST_RESULTS.

With $TCX_TEST_REQUEST_LOG (the emulator's request log URL; $TCX_TEST_REQUEST_LOG_CA its CA), each
line also holds ``seq_from``: the log's last sequence number when the task started, so that a test
can tell which requests each task of one play made.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: tcx_test_results
type: aggregate
short_description: Write task results as JSON lines for the integration tests
description:
  - Appends one JSON object per task result to the file named by E(TCX_TEST_RESULTS).
  - With E(TCX_TEST_REQUEST_LOG), each object holds the emulator's request log position at the task's start.
requirements:
  - enabled in ansible.cfg or with E(ANSIBLE_CALLBACKS_ENABLED)
'''

import json
import os
import ssl
from urllib.request import urlopen

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'tcx_test_results'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._seq_from = 0

    @staticmethod
    def _log_position():
        """The sequence number of the last request in the emulator's log (0 when empty)."""
        url = os.environ.get('TCX_TEST_REQUEST_LOG')
        if not url:
            return None
        context = ssl.create_default_context(cafile=os.environ['TCX_TEST_REQUEST_LOG_CA']) \
            if os.environ.get('TCX_TEST_REQUEST_LOG_CA') else None
        with urlopen(url, timeout=30, context=context) as answer:
            entries = json.loads(answer.read().decode('utf-8'))['requests']
        return entries[-1]['seq'] if entries else 0

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._seq_from = self._log_position()

    def v2_playbook_on_handler_task_start(self, task):
        self._seq_from = self._log_position()

    def _write(self, result, status):
        path = os.environ.get('TCX_TEST_RESULTS')
        if not path:
            return
        # The task's own name: ansible-core 2.21's task_name puts the role before a role task's name ("provision : ...").
        fields = getattr(result, 'task_fields', None) or getattr(result, '_task_fields', None) or {}
        record = {'task': str(fields.get('name') or '') or result.task_name, 'action': result._task.action, 'status': status,
                  'result': self._clean(result._result), 'seq_from': self._seq_from,
                  # Whether the task asked for generated passwords, where its result has no invocation (2.21's default).
                  'return_generated_passwords': (getattr(result._task, 'args', None) or {}).get('return_generated_passwords')}
        with open(path, 'a') as handle:
            handle.write(json.dumps(record, default=str) + '\n')

    @staticmethod
    def _clean(value):
        return json.loads(json.dumps(value, default=str))

    def v2_runner_on_ok(self, result):
        self._write(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._write(result, 'skipped')
