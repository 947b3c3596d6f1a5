# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A benchmark helper, not part of the collection: CPU seconds of the controller per task.

Enable with ``ANSIBLE_CALLBACK_PLUGINS=tests/bench/callback_plugins ANSIBLE_CALLBACKS_ENABLED=task_cpu``.
At the end of the play it prints, per task: the user + system seconds of the ``ansible-playbook``
process between that task's start and the next one's (the linear strategy runs one task at a time
over all hosts), the seconds of the task's worker processes (each worker records its own CPU when it
has sent its result: ansible-core forks one per host and task), and the wall seconds.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import tempfile
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r'''
name: task_cpu
type: aggregate
short_description: CPU seconds of the controller per task (a benchmark helper)
description:
  - Prints the CPU seconds (main process and workers) and wall seconds of each task.
'''


def _record_worker_cpu(log):
    """Make every worker process (forked after this) append ``task\tCPU seconds`` to ``log`` when done."""
    from ansible.executor.process.worker import WorkerProcess
    original = WorkerProcess._run

    def _run(self):
        profiled = os.environ.get('TASK_CPU_PROFILE')  # a task name prefix: its workers write cProfile stats
        if profiled and self._task.get_name().startswith(profiled):
            import cProfile
            profile = cProfile.Profile(time.process_time)  # CPU, not the wait for the PBX
            try:
                return profile.runcall(original, self)
            finally:
                profile.dump_stats('%s.%s.%d.prof' % (log, str(self._host), os.getpid()))
        try:
            return original(self)
        finally:
            times = os.times()  # a forked child's own times start at zero
            memory = dict((line.split(':')[0], int(line.split()[1])) for line in open('/proc/self/smaps_rollup') if line.split()[-1] == 'kB')
            with open(log, 'a') as out:
                private = memory.get('Private_Dirty', 0) + memory.get('Private_Clean', 0)
                out.write('%s\t%.4f\t%d\t%d\n' % (self._task.get_name().replace('\t', ' '), times.user + times.system,
                                                  private, memory.get('Pss', 0)))
    WorkerProcess._run = _run


def _now():
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system, time.monotonic()


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'task_cpu'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.rows = []
        self.current = None
        self.started = _now()
        handle, self.log = tempfile.mkstemp(prefix='task-cpu-')
        os.close(handle)
        _record_worker_cpu(self.log)

    def _close(self):
        if self.current is not None:
            name, (main, workers, wall) = self.current
            now_main, now_workers, now_wall = _now()
            self.rows.append((name, now_main - main, now_workers - workers, now_wall - wall))
            self.current = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        if os.environ.get('TASK_CPU_GC_FREEZE'):  # an experiment: the main process's objects out of the workers' GC
            import gc
            gc.freeze()
        self._close()
        self.current = (task.get_name(), _now())

    def v2_playbook_on_stats(self, stats):
        self._close()
        main, workers, wall = _now()
        own, private = {}, {}
        with open(self.log) as records:
            for line in records:
                name, seconds, private_kb, _pss_kb = line.rstrip('\n').rsplit('\t', 3)
                own[name] = own.get(name, 0.0) + float(seconds)
                private[name] = max(private.get(name, 0), int(private_kb) // 1024)
        os.unlink(self.log)
        if os.environ.get('TASK_CPU_PROFILE'):
            self._display.display('task_cpu: profiles in %s.*.prof' % self.log)
        self._display.display('task_cpu: main s | workers s | wall s | largest worker private MB | task')
        for name, m, _w, t in self.rows:
            self._display.display('task_cpu: %6.2f | %6.2f | %6.2f | %4d | %s' % (m, own.pop(name, 0.0), t, private.get(name, 0), name))
        self._display.display('task_cpu: %6.2f | %6.2f | %6.2f | total (since the callback loaded; workers: reaped)' % (
            main - self.started[0], workers - self.started[1], wall - self.started[2]))
