"""Tokens of the service principals: one valid token per client_id, login blocking after failures."""

import base64
import json
import secrets
import time


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


def make_jwt(client_id, expires_at):
    """A JWT-looking token (random signature: nobody verifies it but the emulator)."""
    header = _b64(json.dumps({'alg': 'RS256', 'typ': 'at+jwt'}).encode())
    payload = _b64(json.dumps({'client_id': client_id, 'exp': int(expires_at), 'jti': secrets.token_hex(8), 'scope': 'xapi'}).encode())
    return '%s.%s.%s' % (header, payload, _b64(secrets.token_bytes(32)))


class TokenAuthority:
    """Issues and checks access tokens; counts failed logins per client address."""

    def __init__(self, options):
        self.options = options
        self.current = {}  # client_id -> (token, expires_at)
        self.failures = {}  # address -> consecutive failed logins
        self.blocked_until = {}  # address -> time

    def is_blocked(self, address):
        """True while the address is refused after too many failed logins."""
        return self.blocked_until.get(address, 0) > time.time()

    def login(self, address, client_id, client_secret):
        """A new token for valid credentials (superseding the old one), else None."""
        if client_id is not None and self.options.principals.get(client_id) == client_secret and client_secret is not None:
            self.failures.pop(address, None)
            expires_at = time.time() + self.options.token_lifetime
            token = make_jwt(client_id, expires_at)
            self.current[client_id] = (token, expires_at)
            return token
        self.failures[address] = self.failures.get(address, 0) + 1
        if self.failures[address] >= self.options.login_fail_limit:
            self.blocked_until[address] = time.time() + self.options.login_block_seconds
            self.failures[address] = 0
        return None

    def client_of(self, authorization):
        """The client_id of a valid current bearer token, else None."""
        if not authorization or not authorization.startswith('Bearer '):
            return None
        token = authorization[len('Bearer '):].strip()
        for client_id, (current, expires_at) in self.current.items():
            if current == token:
                return client_id if expires_at > time.time() else None
        return None

    def revoke(self, client_id):
        """Invalidate the current token of a client (as if another process logged in)."""
        self.current.pop(client_id, None)

    def clear_blocks(self):
        """Forget failed logins and blocks."""
        self.failures.clear()
        self.blocked_until.clear()
