"""Fleet benchmark (a benchmark, not a test): ``make bench``.

N emulators on loopback (N = 1, 10, 20), each a PBX with 10 departments and 500 users, one
inventory host per PBX as the README's "Many PBXs" section shows, the users of each PBX in its
own CSV file (``tcx_users_csv``). For each N: ``playbooks/audit.yml --check --diff`` (as it is),
``playbooks/provision.yml`` when nothing has to change and ``playbooks/backup.yml``, with wall time, CPU per PBX and
the peak memory of the whole ansible-playbook process tree (see measure.py). Then the converge
of 20 PBXs with other ``--forks`` (the forks advice), and the module process as shipped before
the action plugins (``tcx_xapi_in_process=false``) for comparison in the same run.

The table is printed and, with ``--write-docs``, written into docs/performance.md between the
``fleet-bench`` markers.
"""

import argparse
import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE.parent / 'emulator'), str(HERE)]

from bench_config import clone_users, csv_file, departments, users  # noqa: E402
from measure import Run, ansible_env  # noqa: E402
from tcx_emulator.pytest_plugin import start_emulator  # noqa: E402

USERS_PER_PBX = 500
BIN = Path(sys.executable).parent
DOCS = REPO / 'docs' / 'performance.md'
GOALS = 'Goal for the audit at N=20, forks 10: CPU per PBX <= 1.2 s, memory <= 400 MB.'


def pbx_state(emulator, workdir):
    """The store of one PBX with 10 departments and 500 users, built once on ``emulator``."""
    setup = Path(workdir) / 'setup.yml'
    setup.write_text(yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': [{
        'name': 'departments and a first user', 'tcx.xapi.tcx_config': {
            'url': emulator.url, 'client_id': emulator.client_id, 'client_secret': emulator.client_secret,
            'departments': departments(), 'users': users(1)}}]}]))
    run = Run([str(BIN / 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', str(setup)], env=ansible_env(workdir))
    if run.rc != 0:
        raise SystemExit('setup failed: %r' % run)
    return clone_users(emulator.state(), USERS_PER_PBX)


def inventory(workdir, emulators):
    """One host per PBX, its connection in host variables, its users in its own CSV file."""
    path = Path(workdir) / ('inventory-%d.yml' % len(emulators))
    users_csv = csv_file(workdir, users(USERS_PER_PBX))
    hosts = {}
    for number, emulator in enumerate(emulators, start=1):
        host = 'pbx-%02d' % number
        host_csv = Path(workdir) / ('%s.csv' % host)
        shutil.copyfile(users_csv, host_csv)
        hosts[host] = {'tcx_url': emulator.url, 'tcx_client_id': emulator.client_id,
                       'tcx_client_secret': emulator.client_secret, 'tcx_users_csv': str(host_csv)}
    path.write_text(yaml.safe_dump({'pbx': {'hosts': hosts, 'vars': {
        'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable,
        'tcx_departments': departments()}}}))
    return path


def run_playbook(workdir, playbook, emulators, forks, check=False, extra_vars=()):
    command = [str(BIN / 'ansible-playbook'), str(REPO / 'playbooks' / playbook), '-i', str(inventory(workdir, emulators)),
               '-e', 'tcx_hosts=pbx', '-e', 'tcx_report_dir=%s' % (Path(workdir) / 'reports'), '--forks', str(forks)]
    if check:
        command += ['--check', '--diff']
    for assignment in extra_vars:
        command += ['-e', assignment]
    run = Run(command, env=ansible_env(workdir), cwd=workdir)
    if run.rc != 0:
        raise SystemExit('%s failed: %r' % (playbook, run))
    unchanged = run.stdout.count(' changed=0 ')
    if unchanged != len(emulators):
        raise SystemExit('%s: expected no change on %d PBXs, %d unchanged: %r' % (playbook, len(emulators), unchanged, run))
    return run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--sizes', default='1,10,20', help='numbers of PBXs')
    parser.add_argument('--forks', type=int, default=10, help='forks of the main rows (N=1 runs with 1)')
    parser.add_argument('--forks-sweep', default='2,5,20', help='other --forks for the converge of the largest N')
    parser.add_argument('--before', type=int, default=10, help='N of the comparison with the module process (0: none)')
    parser.add_argument('--write-docs', action='store_true', help='write the table into docs/performance.md')
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(',')]
    rows = []

    def measure(label, playbook, count, forks, check=False, extra_vars=()):
        run = run_playbook(workdir, playbook, fleet[:count], forks, check, extra_vars)
        rows.append((label, count, forks, run))
        print('  %-44s N=%-3d forks=%-3d %6.1f s wall  %5.2f s CPU/PBX  %5.0f MB' % (
            label, count, forks, run.wall, run.cpu / count, run.pss_mb), flush=True)

    with tempfile.TemporaryDirectory() as workdir, contextlib.ExitStack() as stack:
        fleet = [stack.enter_context(start_emulator()) for _n in range(max(sizes))]
        state = pbx_state(fleet[0], workdir)
        for emulator in fleet:
            emulator.load_state(state)
        print('fleet benchmark: %d emulators, %d users and 10 departments each' % (len(fleet), USERS_PER_PBX), flush=True)
        for count in sizes:
            forks = 1 if count == 1 else args.forks
            measure('audit (check mode)', 'audit.yml', count, forks, check=True)
            measure('converge, nothing to change', 'provision.yml', count, forks)
            measure('backup (three files per PBX)', 'backup.yml', count, forks)
        largest = max(sizes)
        for forks in [int(f) for f in args.forks_sweep.split(',') if f]:
            measure('converge, nothing to change', 'provision.yml', largest, forks)
        if args.before:
            before = ['tcx_xapi_in_process=false']
            measure('audit, module process (before)', 'audit.yml', args.before, args.forks, True, before)
            measure('converge, module process (before)', 'provision.yml', args.before, args.forks, False, before)
    table = format_table(rows)
    print()
    print(table)
    if args.write_docs:
        write_docs(table)


def format_table(rows):
    lines = ['| run | PBXs | forks | wall s | per PBX s | CPU per PBX s | memory MB (sum of PSS) | largest process MB |',
             '|---|---:|---:|---:|---:|---:|---:|---:|']
    for label, count, forks, run in rows:
        lines.append('| %s | %d | %d | %.1f | %.2f | %.2f | %.0f | %.0f |' % (
            label, count, forks, run.wall, run.wall / count, run.cpu / count, run.pss_mb, run.largest_mb))
    return '\n'.join(lines) + '\n\n' + GOALS


def write_docs(table):
    """Replace the text between the fleet-bench markers of docs/performance.md."""
    start, end = '<!-- fleet-bench:start -->', '<!-- fleet-bench:end -->'
    text = DOCS.read_text()
    if start not in text or end not in text:
        raise SystemExit('%s has no fleet-bench markers' % DOCS)
    head, rest = text.split(start, 1)
    DOCS.write_text(head + start + '\n' + table + '\n' + end + rest.split(end, 1)[1])
    print('written into %s' % DOCS.relative_to(REPO))


if __name__ == '__main__':
    main()
