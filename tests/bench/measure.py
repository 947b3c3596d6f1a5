"""What the benchmarks measure of an ``ansible-playbook`` run: wall time, CPU and memory of its whole
process tree (the main process, its forked workers and any module processes).

- CPU: user + system seconds of the tree, from ``wait4``'s resource usage (children count once
  they were waited for, which ansible-playbook does for every worker).
- Memory: the peak over the run of the **sum of PSS** (proportional set size: shared pages split
  among the processes sharing them, so forked workers are not counted twice) of every process
  in the tree, sampled every 50 ms from ``/proc/<pid>/smaps_rollup``. Linux only.
- Largest process: the peak RSS of the largest single process of the tree (``ru_maxrss``).
"""

import os
import subprocess
import threading
import time
from pathlib import Path

SAMPLE_SECONDS = 0.05
REPO = Path(__file__).resolve().parents[2]


def ansible_env(workdir):
    """The environment of a benchmarked ansible-playbook: this collection, no TCX_* variables of
    the caller, Ansible's home and the token cache in ``workdir``."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('TCX_'))
    env.update({'ANSIBLE_COLLECTIONS_PATH': str(REPO / '.build'), 'ANSIBLE_HOME': str(Path(workdir) / 'ansible-home'),
                'ANSIBLE_NOCOLOR': '1', 'ANSIBLE_RETRY_FILES_ENABLED': '0', 'ANSIBLE_LOCALHOST_WARNING': '0',
                'TCX_TOKEN_CACHE_DIR': str(Path(workdir) / 'token-cache')})
    return env


def _children():
    """``{parent pid: [child pids]}`` of every process now."""
    tree = {}
    for stat in Path('/proc').glob('[0-9]*/stat'):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(')') + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def tree_pss_kb(root, exclude=()):
    """Sum of PSS (kB) of ``root`` and all its descendants, but those in ``exclude`` (and, below the
    root, their descendants)."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        if pid in exclude and pid != root:
            continue
        todo.extend(tree.get(pid, []))
        if pid in exclude:
            continue
        try:
            for line in Path('/proc/%d/smaps_rollup' % pid).read_text().splitlines():
                if line.startswith('Pss:'):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total


class PeakMemory(object):
    """``with PeakMemory(pid, exclude) as peak:`` samples the tree's sum of PSS; ``peak.mb`` after the block."""

    def __init__(self, root, exclude=()):
        self.root = root
        self.exclude = set(exclude)
        self.kb = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self):
        while not self.done.is_set():
            self.kb = max(self.kb, tree_pss_kb(self.root, self.exclude))
            self.done.wait(SAMPLE_SECONDS)

    @property
    def mb(self):
        return self.kb / 1024.0

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.done.set()
        self.thread.join()


class Run(object):
    """One measured command: ``rc``, ``stdout``, ``stderr``, ``wall``, ``cpu`` (s), ``pss_mb``, ``largest_mb``."""

    def __init__(self, command, env=None, cwd=None):
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # pylint: disable=consider-using-with
        peak = PeakMemory(process.pid).__enter__()
        output = {}
        readers = [threading.Thread(target=lambda name=name: output.__setitem__(name, getattr(process, name).read()))
                   for name in ('stdout', 'stderr')]
        for reader in readers:
            reader.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        self.wall = time.monotonic() - started
        peak.__exit__(None, None, None)
        for reader in readers:
            reader.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        self.rc = process.returncode
        self.stdout, self.stderr = output.get('stdout', ''), output.get('stderr', '')
        self.cpu = usage.ru_utime + usage.ru_stime
        self.pss_mb = peak.mb
        self.largest_mb = usage.ru_maxrss / 1024.0

    def __repr__(self):
        return 'Run(rc=%s)\nSTDOUT:\n%s\nSTDERR:\n%s' % (self.rc, self.stdout[-3000:], self.stderr[-2000:])
