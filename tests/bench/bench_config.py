"""Benchmark of tcx_config against the emulator (a benchmark, not a test): ``make bench``.

Prints, for each scenario, wall seconds of the whole ``ansible-playbook`` run, HTTP requests by
method, and the peak memory of the ansible-playbook process tree (sum of PSS, see measure.py);
the modules run in the controller's worker process, so that is where the converge's memory is. The loop of tcx_user over 50 users is extrapolated to
1,000 and labelled so.

The items come from a JSON file read by a lookup, as the docs recommend for large sets; the same
converge with the items written inline in the playbook is measured too, for comparison:
ansible-core tags every value loaded from a playbook or vars file with its origin, which costs
about 1 ms per user before the module starts.
"""

import argparse
import collections
import copy
import os
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / 'emulator'), str(HERE.parent / 'integration'), str(HERE)]

from conftest import run_play  # noqa: E402  (the integration harness: real ansible-playbook runs)
from tcx_emulator.pytest_plugin import start_emulator  # noqa: E402
from measure import PeakMemory  # noqa: E402

DEPARTMENT_COUNT = 10
# Bench users' extensions start here: clear of the emulator's seeded objects (its trunk is 10000).
FIRST_EXTENSION = 20000


def departments():
    return [{'name': 'Dept %02d' % n, 'language': 'EN'} for n in range(DEPARTMENT_COUNT)]


def department_of(number):
    return 'Dept %02d' % (number % DEPARTMENT_COUNT)


def users(count, first=FIRST_EXTENSION, first_name='User'):
    return [{'extension': str(first + n), 'first_name': first_name, 'last_name': 'N%05d' % (first + n - FIRST_EXTENSION),
             'email': 'user%d@bench.example.com' % (first + n),
             'departments': [{'name': department_of(first + n), 'role': 'users'}]}
            for n in range(count)]


class Bench(object):
    def __init__(self, emulator, workdir):
        self.emulator = emulator
        self.workdir = Path(workdir)
        self.rows = []

    def items_file(self, name, items):
        """Write ``items`` to a JSON file; return the expression that reads them in a task."""
        path = self.workdir / ('%s.json' % name)
        path.write_text(json.dumps(items))
        return "{{ lookup('ansible.builtin.file', '%s') | from_json }}" % path

    def measure(self, label, tasks, expect_changed=None, repeat=1):
        """Run the play ``repeat`` times (a no-op can be repeated) and record the median wall time
        and the largest peak memory of the ansible-playbook process tree."""
        walls, peaks = [], []
        for _run in range(repeat):
            self.emulator.clear_requests()
            started = time.monotonic()
            with PeakMemory(os.getpid(), exclude=[os.getpid(), self.emulator.process.pid]) as peak:
                result = run_play(self.emulator, tasks, env={'TCX_RETRIES': '3'})
            walls.append(time.monotonic() - started)
            peaks.append(peak.mb)
            if result.rc != 0:
                raise SystemExit('%s failed:\n%r' % (label, result))
            changed = sum(1 for r in result.results if r.get('changed'))
            if expect_changed is not None and bool(changed) != expect_changed:
                raise SystemExit('%s: expected changed=%s, got %d changed tasks' % (label, expect_changed, changed))
        methods = collections.Counter(r['method'] for r in self.emulator.requests() if r['path'].startswith('/xapi/'))
        row = {'label': label, 'wall': statistics.median(walls), 'walls': walls, 'logins': len(self.emulator.token_requests()),
               'GET': methods['GET'], 'POST': methods['POST'], 'PATCH': methods['PATCH'], 'DELETE': methods['DELETE'],
               'memory': max(peaks)}
        self.rows.append(row)
        runs = '' if repeat == 1 else '   (median of %s)' % ', '.join('%.2f' % w for w in walls)
        print('  %-58s %7.2f s%s' % (label, row['wall'], runs), flush=True)
        return row

    def print_table(self):
        print()
        print('| scenario | wall s | token | GET | POST | PATCH | DELETE | peak memory MB |')
        print('|---|---:|---:|---:|---:|---:|---:|---:|')
        for r in self.rows:
            print('| %s | %.2f | %d | %d | %d | %d | %d | %.0f |' % (
                r['label'], r['wall'], r['logins'], r['GET'], r['POST'], r['PATCH'], r['DELETE'], r['memory']))
        print('\nwall s: the whole ansible-playbook run (the median when it was repeated). '
              'peak memory: sum of PSS of the ansible-playbook process tree (its workers included).')


def config_task(**options):
    return {'name': 'converge', 'tcx.xapi.tcx_config': options}


def user_loop_task(items):
    return {'name': 'loop of tcx_user', 'tcx.xapi.tcx_user': {
        'extension': '{{ item.extension }}', 'first_name': '{{ item.first_name }}', 'last_name': '{{ item.last_name }}',
        'email': '{{ item.email }}', 'departments': '{{ item.departments }}'}, 'loop': items}


def clone_users(state, total):
    """Grow the stored users to ``total`` by copying a stored one (fast; same shape as created ones)."""
    template = state['users'][0]
    group_ids = dict((g['Name'], g['Id']) for g in state['groups'])
    next_id = state['next_id']
    for n in range(len(state['users']), total):
        number = FIRST_EXTENSION + n
        user = copy.deepcopy(template)
        user.update(Id=next_id, Number=str(number), FirstName='User', LastName='N%05d' % n,
                    EmailAddress='user%d@bench.example.com' % number)
        state['users'].append(user)
        state['memberships'].append({'MemberType': 'User', 'MemberId': next_id,
                                     'GroupId': group_ids[department_of(number)], 'RoleName': 'users'})
        next_id += 1
    state['next_id'] = next_id
    return state


def csv_file(workdir, items):
    """The users as the reference document's CSV (one department each), for the provision role."""
    path = Path(workdir) / 'users.csv'
    lines = ['first_name,last_name,email,extension,department,role']
    lines += ['%s,%s,%s,%s,%s,users' % (u['first_name'], u['last_name'], u['email'], u['extension'],
                                        u['departments'][0]['name']) for u in items]
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def role_task(departments_list, users_csv):
    return {'name': 'provision', 'ansible.builtin.include_role': {'name': 'tcx.xapi.provision'},
            'vars': {'tcx_departments': departments_list, 'tcx_users_csv': users_csv}}


def main(argv=None):
    # Benchmarks measure the collection, not -vvvv output of 10,000 items (the test suite's default).
    os.environ['TCX_TEST_VERBOSITY'] = '0'

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--large', type=int, default=1000, help='users of the main scenarios')
    parser.add_argument('--huge', type=int, default=10000, help='users stored for the last scenarios')
    parser.add_argument('--loop', type=int, default=50, help='users of the tcx_user loop')
    parser.add_argument('--repeat', type=int, default=3, help='runs of each repeatable no-op scenario (the median counts)')
    args = parser.parse_args(argv)
    with start_emulator() as emulator, tempfile.TemporaryDirectory() as workdir:
        bench = Bench(emulator, workdir)

        def converge(label, users_list, expect_changed, inline=False, repeat=1):
            items = users_list if inline else bench.items_file('users', users_list)
            return bench.measure(label, [config_task(departments=departments(), users=items)], expect_changed, repeat)

        print('tcx_config benchmark (emulator at %s)' % emulator.url, flush=True)
        converge('create 100 users in 10 departments', users(100), True)
        emulator.reset()
        create = converge('create %d users in 10 departments' % args.large, users(args.large), True)
        noop = converge('no-op converge of %d users' % args.large, users(args.large), False, repeat=args.repeat)
        changed = users(args.large)
        for item in changed[::10]:
            item['first_name'] = 'Changed'
        converge('10%% of %d users changed' % args.large, changed, True)
        voicemail_off = [dict(item, vm_enabled=False) for item in changed]
        bulk = converge('one setting on all %d users (Users/Pbx.MultiUserUpdate)' % args.large, voicemail_off, True)
        changed = [dict(item, vm_enabled=True) for item in changed]
        converge('the setting back on all %d users' % args.large, changed, True)
        converge('no-op converge of %d users, inline in the playbook' % args.large, changed, False, inline=True)
        emulator.load_state(clone_users(emulator.state(), args.huge))
        converge('no-op converge of %d users, %d stored' % (args.large, args.huge), changed, False, repeat=args.repeat)
        everyone = changed + users(args.huge - args.large, first=FIRST_EXTENSION + args.large)
        huge = converge('no-op converge of all %d users' % args.huge, everyone, False, repeat=args.repeat)
        bench.measure('no-op of all %d users: provision role, from CSV' % args.huge,
                      [role_task(departments(), csv_file(workdir, everyone))], False, repeat=args.repeat)
        converge('no-op converge of all %d users, inline in the playbook' % args.huge, everyone, False, inline=True)
        emulator.reset()
        bench.measure('setup: 10 departments', [config_task(departments=departments())], True)
        loop_items = users(args.loop, first=20000)
        loop_create = bench.measure('loop of tcx_user: create %d users' % args.loop, [user_loop_task(loop_items)], True)
        loop_noop = bench.measure('loop of tcx_user: no-op %d users' % args.loop, [user_loop_task(loop_items)], False)
        bench.print_table()
        per_create = loop_create['wall'] / args.loop
        per_noop = loop_noop['wall'] / args.loop
        print()
        print('loop of tcx_user, per item: create %.3f s, no-op %.3f s' % (per_create, per_noop))
        print('EXTRAPOLATED loop over %d users: create %.0f s, no-op %.0f s'
              % (args.large, per_create * args.large, per_noop * args.large))
        # The >= 50x target dates from loops of module processes (0.7 s per item); in the worker
        # process a loop item costs a few hundredths of a second, so the ratio shrank by design.
        print('one setting on %d users: %d POST (bulk) + %d PATCH, %.2f s   (target: a few requests, not %d PATCHes)'
              % (args.large, bulk['POST'], bulk['PATCH'], bulk['wall'], args.large))
        print('ratio create (extrapolated loop / tcx_config): %.0fx' % (per_create * args.large / create['wall']))
        print('ratio no-op  (extrapolated loop / tcx_config): %.0fx' % (per_noop * args.large / noop['wall']))
        print('no-op of %d users: %d token request(s) + %d GETs, %.2f s   (target: 1 + 11 GETs, < 3 s)'
              % (args.large, noop['logins'], noop['GET'], noop['wall']))
        print('no-op of all %d users: %.2f s, peak memory %.0f MB   (target: < 15 s, < 200 MB)'
              % (args.huge, huge['wall'], huge['memory']))


if __name__ == '__main__':
    main()
