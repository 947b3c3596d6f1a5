# -*- coding: utf-8 -*-
"""A seeded fault-injecting HTTP proxy on loopback, in front of the emulator, for the chaos soak.

Every request the collection sends goes through the proxy. With probability ``rate`` the proxy
injects one of the faults a real PBX and its network produce:

- ``503``, ``502``: answered by the proxy, the request never reaches the PBX;
- ``429``: the same with ``Retry-After: 1``;
- ``closed``: the connection is closed before the request is passed on;
- ``lost``: the request is passed on (a write happens) and the connection closed before the answer;
- ``504-after``: the request is passed on and its answer replaced by a 504.

The token endpoint only gets the faults that keep the request from the PBX (a login is never
"lost"), so the emulator's login count is exactly the number of logins the collection made.

Reproducible: whether a request is faulted, and how, depends only on the seed, the request's
*shape* (method, path with numeric ids masked, query, the natural key in a JSON body) and how many
requests of that shape came before. A failing seed replays the same faults on the same shapes; with
several threads, which of several objects sharing a shape (``PATCH Users(#)``) gets it may differ.

Bounded: at most ``max_in_a_row`` faults in a row on one shape (the default 4 exhausts the
client's default 3 retries, so that failed runs happen too), and nothing listens beyond loopback.

``script`` rules ``{method, path (regex), fault, times}`` (tried first, consumed in order) aim a
fault at one request, as the emulator's own fault rules do, with more criteria: ``query`` (a
substring of the decoded query string), ``body_keys`` (the exact top-level keys of the JSON body)
``body_has`` (properties the body must have) and ``same_path`` (every use hits the path of the
first one, say one user's ``PATCH Users(17)`` while other threads patch other users). ``POST /_chaos/revoke-after {"requests": n}``
(from a play) revokes the client's token at the emulator just before the ``n``-th next ``/xapi/``
request is passed on. ``spread_refusals`` holds the n-th answer 401 for n times that many seconds.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, unquote_plus

import requests

FAULTS = ('503', '502', '429', 'closed', 'lost', '504-after')
BEFORE_ONLY = ('503', '502', '429', 'closed')
TOKEN_PATH = '/connect/token'
KEY_PROPERTIES = ('Number', 'Name', 'Link')
PASSED_HEADERS = ('Content-Type', 'X-3CX-Version', 'WWW-Authenticate', 'Retry-After')


class ChaosProxy(object):
    """The proxy server; use as a context manager. ``url`` is what the collection talks to."""

    def __init__(self, upstream, client_id, seed, rate, script=(), max_in_a_row=4, spread_refusals=0.0):
        self.upstream = upstream.rstrip('/')
        self.client_id = client_id
        self.seed = seed
        self.rate = rate
        self.max_in_a_row = max_in_a_row
        self.script = [dict(rule, remaining=rule.get('times', 1)) for rule in script]
        self.lock = threading.Lock()
        self.seen = {}
        self.in_a_row = {}
        self.log = []
        self.revocations = 0
        self.spread_refusals = spread_refusals
        self.refusals = 0
        self._revoke_countdown = None
        self._local = threading.local()
        self.server = ThreadingHTTPServer(('127.0.0.1', 0), _handler(self))
        self.server.daemon_threads = True
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # -- what to do with one request ----------------------------------------------------------------

    def revoke_after(self, requests_from_now):
        """Revoke the client's token just before the ``requests_from_now``-th next request is passed on."""
        with self.lock:
            self._revoke_countdown = requests_from_now

    def decide(self, method, path, query, body):
        """The fault for this request (a name of :data:`FAULTS`, or None) and the scripted rule, if any."""
        shape = _shape(method, path, query, body)
        with self.lock:
            rule = self._scripted(method, path, query, body)
            if rule is not None:
                return rule['fault'], shape
            count = self.seen.get(shape, 0)
            self.seen[shape] = count + 1
            digest = hashlib.sha256(('%s|%s|%d' % (self.seed, shape, count)).encode('utf-8')).digest()
            chance = int.from_bytes(digest[:4], 'big') / 2.0 ** 32
            if chance >= self.rate or self.in_a_row.get(shape, 0) >= self.max_in_a_row:
                self.in_a_row[shape] = 0
                return None, shape
            self.in_a_row[shape] = self.in_a_row.get(shape, 0) + 1
            choices = BEFORE_ONLY if path == TOKEN_PATH else FAULTS
            return choices[digest[4] % len(choices)], shape

    def _scripted(self, method, path, query, body):
        for rule in self.script:
            if rule['remaining'] <= 0 or rule.get('method', method) != method or not re.search(rule['path'], path):
                continue
            if 'query' in rule and rule['query'] not in query:
                continue
            if ('body_keys' in rule or 'body_has' in rule) and not isinstance(body, dict):
                continue
            if 'body_keys' in rule and sorted(body) != sorted(rule['body_keys']):
                continue
            if any(body.get(name) != value for name, value in rule.get('body_has', {}).items()):
                continue
            if rule.get('same_path') and rule.setdefault('bound', path) != path:
                continue
            rule['remaining'] -= 1
            rule.setdefault('fired', 0)
            rule['fired'] += 1
            return rule
        return None

    def revocation_due(self, path):
        """True when the token is to be revoked before this request (counted on /xapi/ requests only)."""
        if not path.startswith('/xapi/'):
            return False
        with self.lock:
            if self._revoke_countdown is None:
                return False
            self._revoke_countdown -= 1
            if self._revoke_countdown > 0:
                return False
            self._revoke_countdown = None
            self.revocations += 1
            return True

    def hold_refusal(self):
        """Hold the n-th answer 401 for n x ``spread_refusals`` seconds: the threads refused with one
        revoked token then learn it one after another, some after another thread logged in again."""
        with self.lock:
            held = self.refusals * self.spread_refusals
            self.refusals += 1
        time.sleep(held)

    def record(self, method, path, shape, fault, status):
        with self.lock:
            self.log.append({'method': method, 'path': path, 'shape': shape, 'fault': fault, 'status': status})

    def session(self):
        """A keep-alive session to the emulator per proxy thread."""
        if not hasattr(self._local, 'session'):
            self._local.session = requests.Session()
        return self._local.session

    def revoke(self):
        self.session().post(self.upstream + '/_emulator/revoke-token', json={'client_id': self.client_id}, timeout=10)


def _shape(method, path, query, body):
    key = ''
    if isinstance(body, dict):
        key = ' '.join('%s=%s' % (name, body[name]) for name in KEY_PROPERTIES if isinstance(body.get(name), str))
    return '%s %s?%s %s' % (method, re.sub(r'\(\d+\)', '(#)', path), query, key)


def _handler(proxy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args):
            pass

        def do_request(self):
            path, _sep, query = self.path.partition('?')
            raw = self.rfile.read(int(self.headers.get('Content-Length') or 0))
            try:
                body = json.loads(raw) if raw and 'json' in (self.headers.get('Content-Type') or '') else None
            except ValueError:
                body = None
            if path == '/_chaos/revoke-after':
                proxy.revoke_after(int(body['requests']))
                return self.answer(204, b'', {})
            fault, shape = proxy.decide(self.command, unquote(path), unquote_plus(query), body)
            if fault in ('503', '502', '429'):
                proxy.record(self.command, path, shape, fault, int(fault))
                return self.answer(int(fault), _error_body(fault), {'Retry-After': '1'} if fault == '429' else {})
            if fault == 'closed':
                proxy.record(self.command, path, shape, fault, None)
                return self.drop()
            if proxy.revocation_due(path):
                proxy.revoke()
            headers = dict((name, self.headers[name]) for name in ('Authorization', 'Content-Type', 'Accept')
                           if self.headers.get(name))
            upstream = proxy.session().request(self.command, proxy.upstream + self.path, data=raw or None,
                                               headers=headers, timeout=60)
            proxy.record(self.command, path, shape, fault, None if fault == 'lost' else
                         (504 if fault == '504-after' else upstream.status_code))
            if fault == 'lost':
                return self.drop()
            if fault == '504-after':
                return self.answer(504, _error_body('504'), {})
            if upstream.status_code == 401:
                proxy.hold_refusal()
            passed = dict((name, upstream.headers[name]) for name in PASSED_HEADERS if name in upstream.headers)
            return self.answer(upstream.status_code, upstream.content, passed)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_request

        def answer(self, status, content, headers):
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def drop(self):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    return Handler


def _error_body(fault):
    text = {'503': 'Service Unavailable', '502': 'Bad Gateway', '429': 'Too Many Requests', '504': 'Gateway Timeout'}
    return json.dumps({'error': {'code': fault, 'message': 'chaos proxy: %s' % text[fault]}}).encode('utf-8')
