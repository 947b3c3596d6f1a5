"""Benchmark (not a test): GET-by-key throughput with 5,000 stored users.

Run: PYTHONPATH=tests/emulator python tests/emulator/bench_emulator.py [--users 5000] [--seconds 3]
"""

import argparse
import sys
import time

import requests

from tcx_emulator.pytest_plugin import start_emulator


def seed_users(handle, count):
    """Load ``count`` users through PUT /_emulator/state."""
    state = handle.state()
    state['users'] = [{'Id': 1000 + i, 'Number': str(10000 + i), 'FirstName': 'User%d' % i, 'LastName': 'Bench'} for i in range(count)]
    started = time.perf_counter()
    handle.load_state(state)
    return time.perf_counter() - started


def measure(session, url_for, seconds):
    """Requests per second of ``session.get(url_for(i))`` for ``seconds``."""
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        response = session.get(url_for(done), timeout=10)
        response.raise_for_status()
        done += 1
    return done / (time.perf_counter() - started)


def main(argv=None):
    """Start an emulator, seed users, print requests/second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--users', type=int, default=5000)
    parser.add_argument('--seconds', type=float, default=3.0)
    args = parser.parse_args(argv)
    with start_emulator() as handle:
        load_time = seed_users(handle, args.users)
        session = requests.Session()
        token = session.post(handle.url + '/connect/token', timeout=10,
                             data={'client_id': handle.client_id, 'client_secret': handle.client_secret, 'grant_type': 'client_credentials'})
        session.headers['Authorization'] = 'Bearer ' + token.json()['access_token']
        base = handle.url + '/xapi/v1/'
        by_filter = measure(session, lambda i: base + "Users?$filter=Number eq '%d'&$select=Id,Number,FirstName" % (10000 + i % args.users),
                            args.seconds)
        by_key = measure(session, lambda i: base + 'Users(%d)' % (1000 + i % args.users), args.seconds)
        by_number = measure(session, lambda i: base + "Users(Number='%d')" % (10000 + i % args.users), args.seconds)
    print('users stored: %d (PUT /_emulator/state took %.2f s)' % (args.users, load_time))
    print("GET Users?$filter=Number eq '...'&$select=...: %.0f requests/s" % by_filter)
    print('GET Users(id):                                 %.0f requests/s' % by_key)
    print("GET Users(Number='...'):                       %.0f requests/s" % by_number)
    slowest = min(by_filter, by_key, by_number)
    print('slowest: %.0f requests/s (target >= 300): %s' % (slowest, 'OK' if slowest >= 300 else 'TOO SLOW'))
    return 0 if slowest >= 300 else 1


if __name__ == '__main__':
    sys.exit(main())
