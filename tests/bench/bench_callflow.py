"""Benchmark of a whole call flow's no-op converge (a benchmark, not a test): ``make bench``.

A tcx_config no-op over 1,000 users plus 50 ring groups, 50 queues, 20 IVRs, 200 inbound rules, 20 trunks
and 200 outbound rules (in their order: the order check costs no request),
against the users-only no-op of the same PBX. Prints the wall seconds (median of repeated runs), the
GET requests per entity set, and whether the goals hold: one GET per 100 objects of each kind read
(plus one token request), and at most 1.5 times the time of the users-only no-op. With
``--write-docs`` the table goes into docs/performance.md between the ``callflow-bench`` markers.
"""

import argparse
import collections
import datetime
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE.parent / 'emulator'), str(HERE.parent / 'integration'), str(HERE)]

from conftest import run_play  # noqa: E402  (the integration harness: real ansible-playbook runs)
from tcx_emulator.pytest_plugin import start_emulator  # noqa: E402

FIRST_EXTENSION = 20000  # clear of the emulator's seeded objects (its trunk is 10000)
DEPARTMENTS = 10
GOAL_RATIO = 1.5


def call_flow(users, ring_groups, queues, ivrs, rules, trunks=0, outbound_rules=0):
    """The desired state: departments, users, and a call flow that leads to them."""
    extensions = [str(FIRST_EXTENSION + n) for n in range(users)]
    state = {
        'departments': [{'name': 'Dept %02d' % n, 'language': 'EN'} for n in range(DEPARTMENTS)],
        'users': [{'extension': number, 'first_name': 'User', 'last_name': 'N%05d' % n,
                   'email': 'user%s@bench.example.com' % number,
                   'departments': [{'name': 'Dept %02d' % (n % DEPARTMENTS), 'role': 'users'}]}
                  for n, number in enumerate(extensions)],
        'ring_groups': [{'name': 'Ring %02d' % n, 'strategy': 'Hunt',
                         'members': [extensions[(5 * n + k) % users] for k in range(5)]} for n in range(ring_groups)],
        'queues': [{'name': 'Queue %02d' % n, 'polling_strategy': 'LongestWaiting',
                    'agents': [{'extension': extensions[(7 * n + k) % users]} for k in range(5)]} for n in range(queues)],
        'ivrs': [{'name': 'Menu %02d' % n,
                  'menu': {'1': {'to': 'queue', 'name': 'Queue %02d' % (n % queues)},
                           '2': {'to': 'ring_group', 'name': 'Ring %02d' % (n % ring_groups)},
                           '0': {'to': 'extension', 'number': extensions[n % users]}}}
                 for n in range(ivrs)],
        'inbound_rules': [{'did': '+4930555%04d' % n, 'trunk': '10000', 'name': 'DID %03d' % n,
                           'office_hours': {'to': 'ivr', 'name': 'Menu %02d' % (n % ivrs)}} for n in range(rules)],
    }
    if trunks:
        state['trunks'] = [{'name': 'Trunk %02d' % n, 'template': 'generic.pv.xml', 'host': 'sip%02d.bench.example' % n,
                            'auth_id': 'bench%02d' % n, 'dids': ['+4940777%04d' % n]} for n in range(trunks)]
    if trunks and outbound_rules:
        state['outbound_rules'] = [{'name': 'Out %03d' % n, 'prefix': str(100 + n),
                                    'routes': [{'trunk': 'Trunk %02d' % (n % trunks), 'strip_digits': 1},
                                               {'trunk': 'Trunk %02d' % ((n + 1) % trunks)}]}
                                   for n in range(outbound_rules)]
    return state


def items_files(workdir, state):
    """One JSON file per kind, read by a lookup (as the docs recommend for large sets): ``{kind: expression}``."""
    found = {}
    for kind, items in state.items():
        path = Path(workdir) / ('%s.json' % kind)
        path.write_text(json.dumps(items))
        found[kind] = "{{ lookup('ansible.builtin.file', '%s') | from_json }}" % path
    return found


def converge_task(files, kinds):
    return {'name': 'converge', 'tcx.xapi.tcx_config': dict((kind, files[kind]) for kind in kinds)}


def measure(emulator, tasks, repeat, expect_changed):
    walls, gets = [], None
    for _run in range(repeat):
        emulator.clear_requests()
        started = time.monotonic()
        result = run_play(emulator, tasks)
        walls.append(time.monotonic() - started)
        if result.rc != 0:
            raise SystemExit('converge failed:\n%r' % (result,))
        changed = any(r.get('changed') for r in result.results)
        if changed != expect_changed:
            raise SystemExit('expected changed=%s, got %s' % (expect_changed, changed))
        gets = collections.Counter(r['path'].split('/xapi/v1/', 1)[1].split('?')[0].split('(')[0]
                                   for r in emulator.requests() if r['method'] == 'GET' and '/xapi/v1/' in r['path'])
        logins = len(emulator.token_requests())
    return statistics.median(walls), walls, gets, logins


def main(argv=None):
    os.environ['TCX_TEST_VERBOSITY'] = '0'
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--users', type=int, default=1000)
    parser.add_argument('--ring-groups', type=int, default=50)
    parser.add_argument('--queues', type=int, default=50)
    parser.add_argument('--ivrs', type=int, default=20)
    parser.add_argument('--rules', type=int, default=200)
    parser.add_argument('--trunks', type=int, default=20)
    parser.add_argument('--outbound-rules', type=int, default=200)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--write-docs', action='store_true', help='write the table into docs/performance.md')
    args = parser.parse_args(argv)
    state = call_flow(args.users, args.ring_groups, args.queues, args.ivrs, args.rules, args.trunks, args.outbound_rules)
    counts = dict((kind, len(items)) for kind, items in state.items())
    with start_emulator() as emulator, tempfile.TemporaryDirectory() as workdir:
        files = items_files(workdir, state)
        everything = [converge_task(files, list(state))]
        users_only = [converge_task(files, ['departments', 'users'])]
        print('call-flow benchmark (emulator at %s): %s' % (emulator.url, json.dumps(counts)), flush=True)
        started = time.monotonic()
        measure(emulator, everything, 1, True)
        print('  create everything: %.1f s' % (time.monotonic() - started), flush=True)
        users_wall, users_walls, users_gets, _logins = measure(emulator, users_only, args.repeat, False)
        print('  users-only no-op: %.2f s (runs %s)' % (users_wall, ', '.join('%.2f' % w for w in users_walls)), flush=True)
        flow_wall, flow_walls, flow_gets, logins = measure(emulator, everything, args.repeat, False)
        print('  call-flow no-op: %.2f s (runs %s)' % (flow_wall, ', '.join('%.2f' % w for w in flow_walls)), flush=True)
    table = report(counts, flow_gets, logins, users_walls, flow_walls)
    print()
    print(table)
    if args.write_docs:
        write_docs(table)


SETS = {'departments': 'Groups', 'users': 'Users', 'ring_groups': 'RingGroups', 'queues': 'Queues',
        'ivrs': 'Receptionists', 'inbound_rules': 'InboundRules', 'trunks': 'Trunks', 'outbound_rules': 'OutboundRules'}


def report(counts, gets, logins, users_walls, flow_walls):
    """The Markdown table of the run and the verdict on each goal (wall times: medians of the runs)."""
    users_wall, flow_wall = statistics.median(users_walls), statistics.median(flow_walls)
    lines = ['| kind | objects | GETs | goal: one per 100 |', '|---|---:|---:|---|']
    met = True
    for kind, entity_set in SETS.items():
        if kind not in counts:
            continue
        goal = max(1, math.ceil(counts[kind] / 100.0))
        found = gets.pop(entity_set, 0)
        met = met and found <= goal
        lines.append('| %s | %d | %d | %s |' % (kind, counts[kind], found, 'met' if found <= goal else 'MISSED (%d)' % goal))
    others = ', '.join('%s %d' % item for item in sorted(gets.items())) or 'none'
    ratio = flow_wall / users_wall
    lines += ['', 'Other GETs: %s. Token requests: %d (goal 1).' % (others, logins),
              'No-op wall time: users only %.2f s, whole call flow %.2f s: %.2f times (goal at most %.1f: %s).'
              % (users_wall, flow_wall, ratio, GOAL_RATIO, 'met' if ratio <= GOAL_RATIO else 'MISSED'),
              'GET goal: %s.' % ('met' if met and logins == 1 else 'MISSED'),
              '', 'Runs: users-only no-op %s s; call-flow no-op %s s.' % (
                  ', '.join('%.2f' % w for w in users_walls), ', '.join('%.2f' % w for w in flow_walls))]
    return '\n'.join(lines)


def write_docs(table):
    path = REPO / 'docs' / 'performance.md'
    text = path.read_text(encoding='utf-8')
    start, end = '<!-- callflow-bench:start -->', '<!-- callflow-bench:end -->'
    stamp = 'Measured by `make bench` (tests/bench/bench_callflow.py --write-docs) on %s.' % datetime.date.today().isoformat()
    block = '%s\n%s\n\n%s\n%s' % (start, table, stamp, end)
    if start in text:
        text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip('\n') + '\n\n## A whole call flow\n\n' + block + '\n'
    path.write_text(text, encoding='utf-8')


if __name__ == '__main__':
    main()
