"""Benchmark of tcx_config against the emulator (a benchmark, not a test): ``make bench``.

Prints, for each scenario, wall seconds, HTTP requests by method and the peak memory of the
largest process of the run (ansible-playbook or the module: an upper bound for the module).
The loop of tcx_user over 50 users is extrapolated to 1,000 and labelled so.
"""

import argparse
import collections
import copy
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / 'emulator'), str(HERE.parent / 'integration')]

from conftest import run_play  # noqa: E402  (the integration harness: real ansible-playbook runs)
from tcx_emulator.pytest_plugin import start_emulator  # noqa: E402

DEPARTMENT_COUNT = 10


def departments():
    return [{'name': 'Dept %02d' % n, 'language': 'EN'} for n in range(DEPARTMENT_COUNT)]


def department_of(number):
    return 'Dept %02d' % (number % DEPARTMENT_COUNT)


def users(count, first=10000, first_name='User'):
    return [{'extension': str(first + n), 'first_name': first_name, 'last_name': 'N%05d' % (first + n - 10000),
             'email': 'user%d@bench.example.com' % (first + n),
             'departments': [{'name': department_of(first + n), 'role': 'users'}]}
            for n in range(count)]


def peak_rss_mb():
    """Largest resident set of any finished child process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


class Bench(object):
    def __init__(self, emulator):
        self.emulator = emulator
        self.rows = []

    def measure(self, label, tasks, expect_changed=None):
        self.emulator.clear_requests()
        started = time.monotonic()
        result = run_play(self.emulator, tasks, diff=False, env={'TCX_RETRIES': '3'})
        wall = time.monotonic() - started
        if result.rc != 0:
            raise SystemExit('%s failed:\n%r' % (label, result))
        methods = collections.Counter(r['method'] for r in self.emulator.requests() if r['path'].startswith('/xapi/'))
        logins = len(self.emulator.token_requests())
        changed = sum(1 for r in result.results if r.get('changed'))
        if expect_changed is not None and bool(changed) != expect_changed:
            raise SystemExit('%s: expected changed=%s, got %d changed tasks' % (label, expect_changed, changed))
        row = {'label': label, 'wall': wall, 'logins': logins, 'GET': methods['GET'], 'POST': methods['POST'],
               'PATCH': methods['PATCH'], 'DELETE': methods['DELETE'], 'rss': peak_rss_mb(), 'tasks': len(result.results)}
        self.rows.append(row)
        print('  %-58s %7.2f s' % (label, wall), flush=True)
        return row

    def print_table(self):
        print()
        print('| scenario | wall s | token | GET | POST | PATCH | DELETE | peak RSS MB* |')
        print('|---|---:|---:|---:|---:|---:|---:|---:|')
        for r in self.rows:
            print('| %s | %.2f | %d | %d | %d | %d | %d | %.0f |' % (
                r['label'], r['wall'], r['logins'], r['GET'], r['POST'], r['PATCH'], r['DELETE'], r['rss']))
        print('\n* peak RSS: the largest process of all runs so far (ansible-playbook or the module), '
              'an upper bound for the module process.')


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
        number = 10000 + n
        user = copy.deepcopy(template)
        user.update(Id=next_id, Number=str(number), FirstName='User', LastName='N%05d' % n,
                    EmailAddress='user%d@bench.example.com' % number)
        state['users'].append(user)
        state['memberships'].append({'MemberType': 'User', 'MemberId': next_id,
                                     'GroupId': group_ids[department_of(number)], 'RoleName': 'users'})
        next_id += 1
    state['next_id'] = next_id
    return state


def main(argv=None):
    # Benchmarks measure the collection, not -vvvv output of 10,000 items (the test suite's default).
    os.environ['TCX_TEST_VERBOSITY'] = '0'

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--large', type=int, default=1000, help='users of the main scenarios')
    parser.add_argument('--huge', type=int, default=10000, help='users stored for the last scenario')
    parser.add_argument('--loop', type=int, default=50, help='users of the tcx_user loop')
    args = parser.parse_args(argv)
    with start_emulator() as emulator:
        bench = Bench(emulator)
        print('tcx_config benchmark (emulator at %s)' % emulator.url, flush=True)
        bench.measure('create 100 users in 10 departments', [config_task(departments=departments(), users=users(100))], True)
        emulator.reset()
        create = bench.measure('create %d users in 10 departments' % args.large,
                               [config_task(departments=departments(), users=users(args.large))], True)
        noop = bench.measure('no-op converge of %d users' % args.large,
                             [config_task(departments=departments(), users=users(args.large))], False)
        changed = users(args.large)
        for item in changed[::10]:
            item['first_name'] = 'Changed'
        bench.measure('10%% of %d users changed' % args.large, [config_task(departments=departments(), users=changed)], True)
        emulator.load_state(clone_users(emulator.state(), args.huge))
        bench.measure('no-op converge of %d users, %d stored' % (args.large, args.huge),
                      [config_task(departments=departments(), users=changed)], False)
        everyone = changed + users(args.huge - args.large, first=10000 + args.large)
        huge = bench.measure('no-op converge of all %d users' % args.huge,
                             [config_task(departments=departments(), users=everyone)], False)
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
        print('ratio create (extrapolated loop / tcx_config): %.0fx   (target >= 50x)' % (per_create * args.large / create['wall']))
        print('ratio no-op  (extrapolated loop / tcx_config): %.0fx' % (per_noop * args.large / noop['wall']))
        print('no-op of %d users: %d token request(s) + %d GETs, %.2f s   (target: 1 + 11 GETs, < 3 s)'
              % (args.large, noop['logins'], noop['GET'], noop['wall']))
        print('no-op of all %d users: %.2f s, peak RSS %.0f MB   (target: < 15 s, < 200 MB)'
              % (args.huge, huge['wall'], huge['rss']))


if __name__ == '__main__':
    main()
