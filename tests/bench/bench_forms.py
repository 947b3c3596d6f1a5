"""Fleet audit by form of the desired state (a benchmark, not a test): ``make bench``.

``playbooks/audit.yml --check --diff`` over N inventory hosts (N = 10, 50, 100), one per PBX as the
README's "Many PBXs" section shows, each PBX with 10 departments, 500 users and a call flow (ring
groups, queues, an IVR, inbound rules), its desired state given three ways:

- ``state_file``: a YAML file per PBX named by the host variable ``tcx_state_file`` (what a backup
  writes, and what infrastructure-as-code users keep in git);
- ``host_vars``: the same variables inline in ``host_vars/<host>.yml``;
- ``host_vars_json``: the same in ``host_vars/<host>.json`` (what a CMDB export writes; ansible-core reads it
  with a JSON parser instead of its YAML loader);
- ``csv``: the users in a CSV file per PBX (``tcx_users_csv``), the rest as group variables.

The hosts share a few emulators (``--emulators``; the audit only reads, and the emulators' own
CPU is not measured): what is measured is the controller, the ``ansible-playbook`` process tree
(wall time, CPU per PBX, peak sum of PSS: measure.py). The table is printed and, with
``--write-docs``, written into docs/performance.md between the ``forms-bench`` markers.
"""

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE.parent / 'emulator'), str(HERE)]

from bench_config import clone_users, csv_file, departments, users  # noqa: E402
from measure import Run, ansible_env  # noqa: E402
from tcx_emulator.pytest_plugin import start_emulator  # noqa: E402

USERS_PER_PBX = 500
SEEDED_USERS = 6  # created by the setup (the call flow's members); the rest are cloned
BIN = Path(sys.executable).parent
DOCS = REPO / 'docs' / 'performance.md'
FORMS = ('state_file', 'host_vars', 'csv', 'host_vars_json')
GOALS = 'Goal on 2 cores: CPU per PBX <= 0.3 s at every N, peak memory < 600 MB at forks 20, no growth of the cost per PBX with N.'


def call_flow(extensions):
    """Two ring groups, two queues, a menu and two DIDs over the first users."""
    return {
        'tcx_ring_groups': [{'name': 'Ring %d' % n, 'strategy': 'Hunt', 'members': extensions[n:n + 3]} for n in range(2)],
        'tcx_queues': [{'name': 'Queue %d' % n, 'polling_strategy': 'LongestWaiting',
                        'agents': [{'extension': e} for e in extensions[n + 2:n + 5]]} for n in range(2)],
        'tcx_ivrs': [{'name': 'Menu', 'menu': {
            '1': {'to': 'ring_group', 'name': 'Ring 0'}, '2': {'to': 'queue', 'name': 'Queue 0'},
            '3': {'to': 'queue', 'name': 'Queue 1'}, '0': {'to': 'extension', 'number': extensions[0]}}}],
        'tcx_inbound_rules': [{'did': '+49305550%03d' % n, 'trunk': '10000', 'name': 'DID %d' % n,
                               'office_hours': {'to': 'ivr', 'name': 'Menu'} if n == 0 else {'to': 'ring_group', 'name': 'Ring 1'}}
                              for n in range(2)],
    }


def pbx_state(emulator, workdir):
    """The store of one PBX with 10 departments, 500 users and the call flow, built once on ``emulator``."""
    seeded = users(SEEDED_USERS)
    flow = call_flow([u['extension'] for u in seeded])
    setup = Path(workdir) / 'setup.yml'
    options = {'url': emulator.url, 'client_id': emulator.client_id, 'client_secret': emulator.client_secret,
               'departments': departments(), 'users': seeded}
    options.update((name[len('tcx_'):], value) for name, value in flow.items())
    setup.write_text(yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': [
        {'name': 'the PBX', 'tcx.xapi.tcx_config': options}]}]))
    run = Run([str(BIN / 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', str(setup)], env=ansible_env(workdir))
    if run.rc != 0:
        raise SystemExit('setup failed: %r' % run)
    return clone_users(emulator.state(), USERS_PER_PBX)


def inventory(workdir, emulators, count, form):
    """``count`` hosts over the ``emulators``, the desired state in ``form``: the inventory folder."""
    folder = Path(workdir) / ('inventory-%s-%d' % (form, count))
    # The state and CSV files outside the inventory folder: ansible-core parses every file in it as an inventory source.
    files = Path(workdir) / ('state-%s-%d' % (form, count))
    for old in (folder, files):
        shutil.rmtree(str(old), ignore_errors=True)
    (folder / 'host_vars').mkdir(parents=True)
    files.mkdir()
    everyone = users(USERS_PER_PBX)
    state = dict(call_flow([u['extension'] for u in everyone[:SEEDED_USERS]]), tcx_departments=departments(), tcx_users=everyone)
    group = {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}
    if form == 'csv':
        group.update((k, v) for k, v in state.items() if k != 'tcx_users')
        users_csv = csv_file(workdir, everyone)
    for number in range(count):
        host = 'pbx-%03d' % number
        emulator = emulators[number % len(emulators)]
        host_vars = {'tcx_url': emulator.url, 'tcx_client_id': emulator.client_id, 'tcx_client_secret': emulator.client_secret}
        if form == 'state_file':
            state_file = files / ('%s-state.yml' % host)
            state_file.write_text(yaml.safe_dump(state, sort_keys=False))
            host_vars['tcx_state_file'] = str(state_file)
        elif form in ('host_vars', 'host_vars_json'):
            host_vars.update(state)
        else:
            host_csv = files / ('%s.csv' % host)
            shutil.copyfile(users_csv, str(host_csv))
            host_vars['tcx_users_csv'] = str(host_csv)
        if form == 'host_vars_json':
            (folder / 'host_vars' / ('%s.json' % host)).write_text(json.dumps(host_vars))
        else:
            (folder / 'host_vars' / ('%s.yml' % host)).write_text(yaml.safe_dump(host_vars, sort_keys=False))
    hosts = dict(('pbx-%03d' % n, None) for n in range(count))
    (folder / 'hosts.yml').write_text(yaml.safe_dump({'pbx': {'hosts': hosts, 'vars': group}}))
    return folder


def audit(workdir, emulators, count, form, forks):
    command = [str(BIN / 'ansible-playbook'), str(REPO / 'playbooks' / 'audit.yml'), '-i', str(inventory(workdir, emulators, count, form)),
               '-e', 'tcx_hosts=pbx', '-e', 'tcx_report_dir=%s' % (Path(workdir) / 'reports'), '--forks', str(forks), '--check', '--diff']
    run = Run(command, env=ansible_env(workdir), cwd=workdir)
    if run.rc != 0:
        raise SystemExit('audit failed: %r' % run)
    # With the task_cpu callback enabled (callback_plugins/task_cpu.py), its table per task.
    print(''.join(line + '\n' for line in run.stdout.splitlines() if line.startswith('task_cpu:')), end='')
    unchanged = run.stdout.count(' changed=0 ')
    if unchanged != count:
        raise SystemExit('audit (%s): expected no drift on %d PBXs, %d without: %r' % (form, count, unchanged, run))
    return run


# The CPU probe's seconds on this 2-core machine at its usual speed (0.35 to 0.43 on quiet evenings); each audit's CPU
# is also shown scaled to it.
REFERENCE_PROBE = 0.40


def cpu_probe():
    """CPU seconds of a fixed pure-Python loop: how fast this machine is now. On the shared 2-core machine the
    same code measured 0.22 and 0.32 CPU-s per PBX within the hour, and the probe 0.35 to 0.68 s: a busy
    neighbour slows every CPU second, the audit's as much as the probe's."""
    started = time.process_time()
    sum(range(3 * 10 ** 7))
    return time.process_time() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--sizes', default='10,50,100', help='numbers of PBXs (inventory hosts)')
    parser.add_argument('--forms', default=','.join(FORMS), help='forms of the desired state: %s' % ', '.join(FORMS))
    parser.add_argument('--forks', type=int, default=20)
    parser.add_argument('--emulators', type=int, default=5, help='emulators the hosts share')
    parser.add_argument('--repeat', type=int, default=1, help='runs of each audit: the one of median CPU is shown')
    parser.add_argument('--write-docs', action='store_true', help='write the table into docs/performance.md')
    args = parser.parse_args(argv)
    rows = []
    probes = [cpu_probe()]
    with tempfile.TemporaryDirectory() as workdir, contextlib.ExitStack() as stack:
        emulators = [stack.enter_context(start_emulator()) for _n in range(args.emulators)]
        state = pbx_state(emulators[0], workdir)
        for emulator in emulators:
            emulator.load_state(state)
        print('forms benchmark: %d emulators, %d users, 10 departments and a call flow each' % (len(emulators), USERS_PER_PBX), flush=True)
        forms = args.forms.split(',')
        for count in [int(n) for n in args.sizes.split(',')]:
            # The forms take turns, run after run: a slow spell of this shared machine falls on all of them alike.
            runs = dict((form, []) for form in forms)
            for _run in range(args.repeat):
                for form in forms:
                    before = cpu_probe()
                    run = audit(workdir, emulators, count, form, args.forks)
                    run.probe = (before + cpu_probe()) / 2
                    run.scaled = run.cpu / count * REFERENCE_PROBE / run.probe
                    runs[form].append(run)
                    print('  %-10s N=%-4d forks=%-3d %6.1f s wall  %5.2f s CPU/PBX  %5.0f MB  probe %.2f s: %.2f at %.2f' % (
                        form, count, args.forks, run.wall, run.cpu / count, run.pss_mb, run.probe, run.scaled,
                        REFERENCE_PROBE), flush=True)
            for form in forms:
                run = sorted(runs[form], key=lambda r: r.cpu)[len(runs[form]) // 2]
                scaled = sorted(r.scaled for r in runs[form])[len(runs[form]) // 2]
                rows.append((form, count, args.forks, len(runs[form]), run, scaled))
    probes.append(cpu_probe())
    table = format_table(rows, probes)
    print()
    print(table)
    if args.write_docs:
        write_docs(table)


def format_table(rows, probes):
    lines = ['| desired state | PBXs | forks | runs | wall s | CPU per PBX s | at probe %.2f s | memory MB (sum of PSS) | '
             'largest process MB |' % REFERENCE_PROBE,
             '|---|---:|---:|---:|---:|---:|---:|---:|---:|']
    for form, count, forks, runs, run, scaled in rows:
        lines.append('| %s | %d | %d | %d | %.1f | %.2f | %.2f | %.0f | %.0f |' % (
            form, count, forks, runs, run.wall, run.cpu / count, scaled, run.pss_mb, run.largest_mb))
    lines.append('')
    if any(runs > 1 for _form, _count, _forks, runs, _run, _scaled in rows):
        lines.append('Of several runs, the one of median CPU; "at probe" is the median of the runs\' CPU scaled to the probe '
                     'of this machine at its usual speed.')
    else:
        lines.append('"At probe" is the CPU scaled to the probe of this machine at its usual speed.')
    lines.append('')
    lines.append('CPU probe (a fixed pure-Python loop, `cpu_probe()`, also before and after each run): %.2f s before the '
                 'bench, %.2f s after.' % tuple(probes))
    return '\n'.join(lines) + '\n\n' + GOALS


def write_docs(table):
    """Replace the text between the forms-bench markers of docs/performance.md."""
    start, end = '<!-- forms-bench:start -->', '<!-- forms-bench:end -->'
    text = DOCS.read_text()
    if start not in text or end not in text:
        raise SystemExit('%s has no forms-bench markers' % DOCS)
    head, rest = text.split(start, 1)
    DOCS.write_text(head + start + '\n' + table + '\n' + end + rest.split(end, 1)[1])
    print('written into %s' % DOCS.relative_to(REPO))


if __name__ == '__main__':
    main()
