"""Per-task cost of the modules (a benchmark, not a test): ``make bench``.

1. Per-task overhead: a play of 1 task and a play of 1 + ``--tasks`` tasks, each run ``--repeat``
   times (median); the difference divided by ``--tasks`` is the cost of one task. Measured for
   ``ansible.builtin.debug``, for ``tcx.xapi.tcx_department_info`` (one GET) in the controller's
   worker process (the action plugin) and as a module process (``tcx_xapi_in_process=false``,
   how every module ran before).
2. A ``loop`` of ``tcx_user`` over 50 users when nothing changes, both ways.
3. Paging behind latency: every request to the emulator delayed by 50 ms (its delay fault),
   ``get_all`` of 2,000 users one page after the other against the later pages in parallel, and
   a no-op ``tcx_config`` of those users.

Targets: a tcx_* task within 2x the per-task cost of debug; the loop at least 5x faster than
as a module process.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE.parent / 'emulator'), str(HERE), str(REPO / '.build')]

from bench_config import clone_users, departments, users  # noqa: E402
from measure import Run, ansible_env  # noqa: E402
from tcx_emulator.pytest_plugin import start_emulator  # noqa: E402

BIN = Path(sys.executable).parent
MODULE_PROCESS = ['-e', 'tcx_xapi_in_process=false']
DELAY = 0.05


class Plays(object):
    def __init__(self, emulator, workdir):
        self.emulator = emulator
        self.workdir = Path(workdir)

    def run(self, tasks, extra_args=()):
        """Run ``tasks`` in one play; return the measured :class:`Run` (fails on rc != 0)."""
        playbook = self.workdir / 'play.yml'
        playbook.write_text(yaml.safe_dump([{
            'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks, 'module_defaults': {'group/tcx.xapi.all': {
                'url': self.emulator.url, 'client_id': self.emulator.client_id,
                'client_secret': self.emulator.client_secret}}}]))
        command = [str(BIN / 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
                   '-e', 'ansible_python_interpreter=%s' % sys.executable, str(playbook)] + list(extra_args)
        run = Run(command, env=ansible_env(self.workdir), cwd=str(self.workdir))
        if run.rc != 0:
            raise SystemExit('play failed: %r' % run)
        return run

    def median(self, tasks, repeat, extra_args=()):
        """``(wall, cpu)``: the medians of ``repeat`` runs of the play."""
        runs = [self.run(tasks, extra_args) for _n in range(repeat)]
        return statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs)


def debug_task(number):
    return {'name': 'debug %d' % number, 'ansible.builtin.debug': {'msg': 'task %d' % number}}


def info_task(number):
    return {'name': 'info %d' % number, 'tcx.xapi.tcx_department_info': {'name': 'DEFAULT'}}


def per_task_cost(plays, make_task, count, repeat, extra_args=()):
    """``(wall, cpu)`` seconds one more task adds to a play: from the medians of a 1-task and a
    (1+count)-task play. CPU (of the whole ansible-playbook tree) is what other work on a shared
    machine disturbs least."""
    one = plays.median([make_task(0)], repeat, extra_args)
    many = plays.median([make_task(n) for n in range(count + 1)], repeat, extra_args)
    return (many[0] - one[0]) / count, (many[1] - one[1]) / count


def loop_task(items):
    return {'name': 'loop of tcx_user', 'tcx.xapi.tcx_user': {
        'extension': '{{ item.extension }}', 'first_name': '{{ item.first_name }}', 'last_name': '{{ item.last_name }}',
        'email': '{{ item.email }}', 'departments': '{{ item.departments }}'}, 'loop': items}


def client_module():
    """The collection's client module, imported as the controller imports it."""
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder
    _AnsibleCollectionFinder(paths=[str(REPO / '.build')])._install()
    from ansible_collections.tcx.xapi.plugins.module_utils import client
    return client


def paging(client, emulator, pages_at_once):
    """``(seconds, users, GETs)`` of ``get_all`` of the users with ``pages_at_once`` later pages in flight."""
    saved = client.PAGE_WORKERS
    client.PAGE_WORKERS = pages_at_once
    try:
        session = client.XAPIClient(emulator.url, client_id=emulator.client_id, client_secret=emulator.client_secret)
        session.get('Defs', params={'$select': 'Id'})
        emulator.clear_requests()
        started = time.monotonic()
        found = session.get_all('Users', select=['Id', 'Number'])
        return time.monotonic() - started, len(found), len(emulator.requests('GET', '^/xapi/v1/Users'))
    finally:
        client.PAGE_WORKERS = saved


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--tasks', type=int, default=20, help='tasks added to measure the per-task cost')
    parser.add_argument('--repeat', type=int, default=3, help='runs of each play (the median counts)')
    parser.add_argument('--loop', type=int, default=50, help='users of the tcx_user loop')
    parser.add_argument('--paged', type=int, default=2000, help='users listed behind the 50 ms delay')
    args = parser.parse_args(argv)
    with start_emulator() as emulator, tempfile.TemporaryDirectory() as workdir:
        plays = Plays(emulator, workdir)
        print('per-task benchmark (emulator at %s)' % emulator.url, flush=True)
        debug = per_task_cost(plays, debug_task, args.tasks, args.repeat)
        in_process = per_task_cost(plays, info_task, args.tasks, args.repeat)
        module = per_task_cost(plays, info_task, args.tasks, 1, MODULE_PROCESS)
        print('  one more task (wall, CPU): debug %.3f / %.3f s, tcx_department_info in process %.3f / %.3f s, '
              'as a module process %.3f / %.3f s' % (debug + in_process + module), flush=True)

        loop_users = users(args.loop, first=20000)
        plays.run([{'name': 'setup', 'tcx.xapi.tcx_config': {'departments': departments(), 'users': loop_users}}])
        loop_in_process = plays.median([loop_task(loop_users)], args.repeat)[0]
        loop_module = plays.run([loop_task(loop_users)], MODULE_PROCESS).wall
        print('  loop of tcx_user, no-op %d users: %.2f s in process, %.2f s as a module process (%.1fx faster)'
              % (args.loop, loop_in_process, loop_module, loop_module / loop_in_process), flush=True)

        emulator.load_state(clone_users(emulator.state(), args.paged))
        emulator.add_fault(action='delay', delay=DELAY, times=1000000)
        client = client_module()
        one_by_one = paging(client, emulator, 1)
        parallel = paging(client, emulator, client.PAGE_WORKERS)
        users_file = Path(workdir) / 'users.json'
        users_file.write_text(json.dumps(users(args.paged)))
        converge = plays.run([{'name': 'no-op converge', 'tcx.xapi.tcx_config': {
            'departments': departments(),
            'users': "{{ lookup('ansible.builtin.file', '%s') | from_json }}" % users_file}}])
        emulator.clear_faults()

    print()
    print('| measurement | ansible.builtin.debug | in the worker process | module process | in process / debug | target |')
    print('|---|---:|---:|---:|---:|---|')
    for name, index in (('wall', 0), ('CPU', 1)):
        print('| one more task, %s s (tcx_department_info: 1 GET) | %.3f | %.3f | %.3f | %.1fx | <= 2x debug |'
              % (name, debug[index], in_process[index], module[index], in_process[index] / debug[index]))
    print('| loop of tcx_user, no-op, %d users: wall s of the play | | %.2f | %.2f | %.1fx faster than the module process | >= 5x faster |'
          % (args.loop, loop_in_process, loop_module, loop_module / loop_in_process))
    print()
    print('Behind %d ms per request, %d users (%d GETs):' % (DELAY * 1000, parallel[1], parallel[2]))
    print('| listing | seconds | GETs |')
    print('|---|---:|---:|')
    print('| get_all, one page after the other (before) | %.2f | %d |' % (one_by_one[0], one_by_one[2]))
    print('| get_all, later pages %d at a time | %.2f | %d |' % (client.PAGE_WORKERS, parallel[0], parallel[2]))
    print('| tcx_config no-op of the %d users, from a file (whole ansible-playbook run) | %.2f | |' % (args.paged, converge.wall))


if __name__ == '__main__':
    main()
