# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A token shared by every process on the controller that talks to one PBX as one client.

A real PBX keeps one valid token per client_id: a new login invalidates the previous token, so
parallel Ansible processes that each log in knock each other out. They share one token through a
cache file per (url, client_id, secret) instead, guarded by a file lock, so that only one of
them logs in again after a 401. The file is mode 0600; when the directory cannot be used, the
cache is silently off.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import hashlib
import json
import os
import tempfile

try:
    import fcntl
    HAS_FCNTL = True
except ImportError:  # pragma: no cover - Windows controllers are not supported by Ansible
    HAS_FCNTL = False


@contextlib.contextmanager
def exclusive_lock(path, flags=os.O_RDWR | os.O_CREAT):
    """Hold an exclusive ``flock`` on ``path`` (a lock file, created 0600, or a directory opened
    with ``os.O_RDONLY``) for the block. Without ``path``, ``fcntl`` or access: no lock, no error."""
    handle = None
    if path and HAS_FCNTL:
        try:
            handle = os.open(path, flags, 0o600)
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            if handle is not None:
                os.close(handle)
            handle = None
    try:
        yield
    finally:
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            os.close(handle)


def default_cache_dir(environ=None):
    """``$TCX_TOKEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/tcx.xapi``, else ``$HOME/.cache/tcx.xapi``, read in
    ``environ`` (default ``os.environ``)."""
    environ = os.environ if environ is None else environ
    explicit = environ.get('TCX_TOKEN_CACHE_DIR')
    if explicit:
        return explicit
    home = environ.get('HOME') or os.path.expanduser('~')
    base = environ.get('XDG_CACHE_HOME') or os.path.join(home, '.cache')
    return os.path.join(base, 'tcx.xapi')


class TokenCache(object):
    """One cache file and its lock. Every method fails soft: a broken cache is no cache."""

    def __init__(self, directory, url, client_id, client_secret):
        digest = hashlib.sha256('\0'.join([url, str(client_id), client_secret or '']).encode('utf-8')).hexdigest()
        self.path = os.path.join(directory, 'token-%s.json' % digest[:40])
        self.lock_path = self.path + '.lock'
        self.usable = HAS_FCNTL and self._prepare(directory)

    @staticmethod
    def _prepare(directory):
        # Parallel first tasks (forks) race to create the directory: the losers find it made.
        try:
            os.makedirs(directory, 0o700)
        except OSError:
            pass
        return os.path.isdir(directory) and os.access(directory, os.W_OK | os.X_OK)

    def locked(self):
        """Hold the exclusive lock of this cache file (no-op when the cache is unusable)."""
        return exclusive_lock(self.lock_path if self.usable else None)

    def read(self):
        """Return ``(token, expires_at)`` from the file, or ``(None, None)``."""
        if not self.usable:
            return None, None
        try:
            with open(self.path) as handle:
                data = json.load(handle)
            return data['access_token'], float(data['expires_at'])
        except (OSError, ValueError, KeyError, TypeError):
            return None, None

    def write(self, token, expires_at):
        """Store the token atomically with mode 0600."""
        if not self.usable:
            return
        try:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(self.path), prefix='.token-')
            with os.fdopen(fd, 'w') as handle:
                json.dump({'access_token': token, 'expires_at': expires_at}, handle)
            os.chmod(tmp, 0o600)
            os.rename(tmp, self.path)
        except OSError:
            self.usable = False
