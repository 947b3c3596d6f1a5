"""pytest fixtures: ``emulator_server`` (session), ``emulator`` (reset per test) and :func:`start_emulator`."""

import contextlib
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # tests/emulator
START_TIMEOUT = 30


class EmulatorHandle:
    """A running emulator subprocess and its test-control API."""

    def __init__(self, process, url, ca_file, cli_args):
        self.process = process
        self.url = url
        self.ca_file = ca_file
        self.cli_args = list(cli_args)
        self.client_id, self.client_secret = _first_principal(cli_args)
        self.pbx_version = _option_value(cli_args, '--pbx-version', '20.0.10')
        self.session = requests.Session()
        self.session.verify = ca_file or True

    def _control(self, method, path, **kwargs):
        response = self.session.request(method, self.url + '/_emulator/' + path, timeout=30, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self):
        """Back to the seed; clears request log, faults and login blocks."""
        self._control('POST', 'reset')

    def requests(self, method=None, path=None):
        """Logged requests, optionally filtered by method and a regex searched in the decoded path."""
        entries = self._control('GET', 'requests')['requests']
        return [entry for entry in entries
                if (method is None or entry['method'] == method.upper()) and (path is None or re.search(path, entry['path']))]

    def clear_requests(self):
        """Empty the request log."""
        self._control('DELETE', 'requests')

    def writes(self):
        """Logged requests to /xapi/ that are not GET."""
        return [entry for entry in self.requests() if entry['path'].startswith('/xapi/') and entry['method'] != 'GET']

    def token_requests(self):
        """Logged POSTs to /connect/token."""
        return self.requests('POST', r'^/connect/token$')

    def state(self):
        """The whole store."""
        return self._control('GET', 'state')

    def load_state(self, state):
        """Replace the whole store."""
        self._control('PUT', 'state', json=state)

    def add_fault(self, **rule):
        """Add a fault rule (see README); returns it."""
        return self._control('POST', 'faults', json=rule)

    def faults(self):
        """Fault rules with remaining counts."""
        return self._control('GET', 'faults')['faults']

    def clear_faults(self):
        """Remove every fault rule."""
        self._control('DELETE', 'faults')

    def revoke_token(self, client_id='900'):
        """Invalidate the current token of ``client_id``."""
        self._control('POST', 'revoke-token', json={'client_id': str(client_id)})

    def configure(self, **changes):
        """Change runtime options (e.g. ``token_lifetime=2``); returns all options."""
        return self._control('POST', 'config', json=changes)

    def stop(self):
        """Terminate the subprocess (killed if it does not exit in 5 s)."""
        self.session.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _option_value(cli_args, name, default):
    args = list(cli_args)
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + '='):
            return arg.split('=', 1)[1]
    return default


def _first_principal(cli_args):
    value = _option_value(cli_args, '--principal', None)
    if value is None:
        value = (os.environ.get('TCX_EMULATOR_PRINCIPALS') or '900:emulator-secret').split(',')[0]
    client_id, _colon, secret = value.partition(':')
    return client_id.strip(), secret.strip()


def _read_announcement(process):
    """``(url, ca_file)`` from the subprocess's first lines; raises with its output on failure."""
    lines, result = [], {}

    def reader():
        for raw in process.stdout:
            line = raw.strip()
            lines.append(line)
            if line.startswith('ca file: '):
                result['ca_file'] = line[len('ca file: '):]
            if line.startswith('listening on '):
                result['url'] = line[len('listening on '):]
                return
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(START_TIMEOUT)
    if 'url' not in result:
        if process.poll() is None:
            process.kill()
        stderr = process.stderr.read() if process.stderr else ''
        raise RuntimeError('emulator did not start:\nstdout: %s\nstderr: %s' % ('\n'.join(lines), stderr))
    return result['url'], result.get('ca_file')


def launch(*cli_args):
    """Start ``python -m tcx_emulator --port 0 <cli_args>`` and return its handle."""
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([str(PACKAGE_ROOT)] + [p for p in [env.get('PYTHONPATH')] if p])
    command = [sys.executable, '-m', 'tcx_emulator', '--port', '0'] + list(cli_args)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # pylint: disable=consider-using-with
    url, ca_file = _read_announcement(process)
    threading.Thread(target=process.stderr.read, daemon=True).start()  # keep the pipe drained
    return EmulatorHandle(process, url, ca_file, cli_args)


@contextlib.contextmanager
def start_emulator(*cli_args):
    """A separate emulator with other options (e.g. ``'--pbx-version', '20.0.7'`` or ``'--tls'``), stopped on exit."""
    handle = launch(*cli_args)
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture(scope='session')
def emulator_server():
    """One emulator with default options for the whole session."""
    with start_emulator() as handle:
        yield handle


@pytest.fixture
def emulator(emulator_server):  # pylint: disable=redefined-outer-name
    """The session emulator, reset to the seed (store, log, faults, login blocks) before the test."""
    emulator_server.reset()
    emulator_server.clear_faults()
    emulator_server.clear_requests()
    yield emulator_server
