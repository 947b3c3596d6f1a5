# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one XAPI client: URL handling, token, retries, errors, paging, check-mode guard.

It knows nothing about modules or entities. No secret (client secret, token) ever reaches
an exception message or a warning.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import os
import random
import re
import threading
import time
import traceback

try:
    from urllib.parse import urlparse
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    from urlparse import urlparse

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    ThreadPoolExecutor = None

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.tcx.xapi.plugins.module_utils.odata import PAGE_SIZE, build_query
from ansible_collections.tcx.xapi.plugins.module_utils.token_cache import TokenCache

API_PREFIX = '/xapi/v1/'
# The API path at the end of a url option, with or without a trailing slash: dropped from the base URL.
API_PATH_SUFFIX = re.compile(r'/xapi/v1/*$', re.IGNORECASE)
TOKEN_PATH = '/connect/token'
# ``scheme://user:password@host``: the userinfo of a URL anywhere in a text.
URL_USERINFO = re.compile(r'(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/?#@\s]*)@')
TRANSIENT_STATUSES = (429, 502, 503, 504)
IDEMPOTENT_METHODS = ('GET', 'PATCH', 'PUT', 'DELETE')
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 60.0
TOKEN_EXPIRY_MARGIN = 30
# Later pages of a listing fetched at the same time (a PBX answers each in its own thread).
PAGE_WORKERS = 4
# The PBX reports expires_in in minutes up to 20.0.8 and in seconds from 20.0.9.
FIRST_VERSION_WITH_SECONDS = (20, 0, 9)

# Human words for the PBX's warning keys (Pbx.Warnings in the spec).
WARNING_TEXT = {
    'WARNINGS.XAPI.ALREADY_IN_USE': 'already in use',
    'WARNINGS.XAPI.DUPLICATE': 'duplicate',
    'WARNINGS.XAPI.NOT_FOUND': 'not found',
    'WARNINGS.XAPI.REQUIRED': 'required',
    'WARNINGS.XAPI.FORBIDDEN_CHANGE': 'cannot be changed after creation',
    'WARNINGS.XAPI.OUT_OF_THE_RANGE': 'out of the allowed range',
    'WARNINGS.XAPI.INVALID_TIMEZONE': 'not a valid time zone',
    'WARNINGS.GROUP_CANNOT_BE_DELETED': 'this department cannot be deleted',
    'WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED': 'the department still has members; move or delete them first',
}


class XAPIError(Exception):
    """A failed XAPI call: HTTP status, the PBX's warning key and target, and a readable message.

    ``transient`` is true when the request may not have reached the PBX or its answer was lost
    (connection error, timeout, 429, 502, 503, 504): the caller cannot know whether a write
    happened and must read back before repeating it.
    """

    def __init__(self, message, status=None, key=None, target=None, transient=False):
        super(XAPIError, self).__init__(message)
        self.message = message
        self.status = status
        self.key = key
        self.target = target
        self.transient = transient

    def explain(self):
        """Return ``target: human text (KEY)`` for a PBX warning, else the plain message."""
        if not self.key:
            return self.message
        text = WARNING_TEXT.get(self.key, self.key)
        subject = '%s ' % self.target if self.target else ''
        return '%s%s (%s)' % (subject, text, self.key)


class AuthenticationError(XAPIError):
    """The PBX refused the client credentials or the access token."""


class CheckModeWriteError(XAPIError):
    """A write was attempted in check mode: a bug in the caller, never sent."""


def normalize_url(url):
    """Return ``(base_url, warning)``: a bare host means https; plain http gives a warning.

    A URL that ends in the API path (``https://pbx.example.com/xapi/v1/``, as 3CX's reference calls
    the base URL) is taken as the PBX address: the client adds ``/xapi/v1/`` and ``/connect/token`` itself.
    """
    text = (url or '').strip().rstrip('/')
    text = API_PATH_SUFFIX.sub('', text)
    if not text:
        raise ValueError('url is required: the PBX address such as https://pbx.example.com')
    if '://' not in text:
        text = 'https://' + text
    scheme, rest = text.split('://', 1)
    scheme = scheme.lower()
    if scheme not in ('http', 'https'):
        raise ValueError('url must start with https:// (or http://), got scheme %r' % scheme)
    if '@' in re.split(r'[/?#]', rest, 1)[0]:
        # Never echoed: the part before the @ is a password (masked in the echoed arguments too).
        raise ValueError('url must not contain a user name or password (https://user:password@host): give the PBX '
                         'address alone and the credentials as client_id and client_secret')
    warning = None
    if scheme == 'http':
        warning = ('url %s uses plain http: the client secret and token travel unencrypted; '
                   'use https unless this is a lab' % text)
    return text, warning


def without_userinfo(text):
    """``text`` with the ``user:password@`` of every URL in it removed (for messages that show a URL)."""
    return URL_USERINFO.sub(lambda match: match.group('scheme'), text or '')


def shown_location(location):
    """A redirect's ``Location`` as a message may show it: without ``user:password@``, query and fragment."""
    if not location:
        return 'no Location'
    return without_userinfo(re.split(r'[?#]', location, 1)[0])


def parse_version(text):
    """Return the first three numbers of a version string such as ``20.0.10.1034`` as a tuple."""
    numbers = re.findall(r'\d+', text or '')
    if len(numbers) < 3:
        return None
    return tuple(int(n) for n in numbers[:3])


def error_from_response(method, path, response):
    """Build an :class:`XAPIError` from an error response (OData error envelope or token error)."""
    status = response.status_code
    key = target = None
    detail = ''
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict) and isinstance(payload.get('error'), dict):
        error = payload['error']
        details = error.get('details') or []
        first = details[0] if details and isinstance(details[0], dict) else {}
        candidate = first.get('message') or ''
        if candidate.startswith('WARNINGS.'):
            key, target = candidate, first.get('target') or None
        detail = (error.get('message') or '').replace('\n', ' ')
    elif isinstance(payload, dict) and 'error' in payload:
        detail = payload.get('error_description') or str(payload['error'])
    elif response.text:
        detail = response.text.strip().splitlines()[0][:300]
    reason = detail or response.reason or 'no details'
    message = '%s %s failed: HTTP %s: %s' % (method, path, status, reason)
    return XAPIError(message, status=status, key=key, target=target,
                     transient=status in TRANSIENT_STATUSES)


def environment_proxies(url, environ):
    """The proxies requests would take from the environment for ``url``: ``https_proxy`` (``http_proxy``
    for http) or ``all_proxy``, none when ``no_proxy`` names the host (an entry, a domain suffix, an
    address range, or ``*``); lower-case names first, as requests reads them."""
    def named(name):
        return environ.get(name) or environ.get(name.upper())
    parsed = urlparse(url)
    host = (parsed.hostname or '').lower()
    for entry in (named('no_proxy') or '').replace(' ', '').split(','):
        entry = entry.lower().lstrip('.')
        if entry and (entry == '*' or _host_matches(host, parsed.port, entry)):
            return {}
    proxy = named('%s_proxy' % parsed.scheme) or named('all_proxy')
    return {parsed.scheme: proxy} if proxy else {}


def _host_matches(host, port, entry):
    """Whether a ``no_proxy`` entry (``pbx.example.com``, ``example.com``, ``10.0.0.0/8``, ``host:port``) names ``host``."""
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False)
    except ValueError:
        pass
    name, _colon, entry_port = entry.partition(':')
    if entry_port and str(port) != entry_port:
        return False
    return host == name or host.endswith('.' + name)


class XAPIClient(object):
    """A session with one PBX: logs in, sends requests, retries what is safe to retry.

    ``check_mode`` makes every non-GET request raise :class:`CheckModeWriteError` before
    anything is sent. ``warn`` is a callable for warnings (``module.warn``). With
    ``token_cache_dir``, the token is shared with other processes (see token_cache.py).
    """

    def __init__(self, url, client_id=None, client_secret=None, access_token=None,
                 validate_certs=True, ca_path=None, timeout=30, retries=3,
                 check_mode=False, warn=None, sleep=time.sleep, token_cache_dir=None, environ=None):
        if not HAS_REQUESTS:
            raise XAPIError('the python library "requests" is required')
        self.base_url, url_warning = normalize_url(url)
        self.client_id = None if client_id is None else str(client_id)
        self._client_secret = client_secret
        self._token = access_token
        self._token_expires_at = None
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.check_mode = check_mode
        self.version = None
        # The raw X-3CX-Version header (``20.0.10.1034``); ``version`` is its first three numbers.
        self.version_text = None
        self.stats = {'requests': 0, 'logins': 0}
        self._warn = warn or (lambda message: None)
        self._sleep = sleep
        environ = os.environ if environ is None else environ
        self.session = requests.Session()
        # What requests would read from os.environ (proxies, a CA bundle) comes from ``environ``, the
        # task's environment, and ~/.netrc is never read: its Basic credentials would replace the token.
        self.session.trust_env = False
        self.session.proxies = environment_proxies(self.base_url, environ)
        self.session.headers['Accept'] = 'application/json'
        # tcx_config writes from several threads through this one session.
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=32)
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)
        if url_warning:
            self._warn(url_warning)
        # Passed with every request. A CA bundle named by REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE is used as
        # requests uses it (when the certificate is checked and ca_path is not given).
        self.verify = environ.get('REQUESTS_CA_BUNDLE') or environ.get('CURL_CA_BUNDLE') or True
        if not validate_certs:
            self._warn('validate_certs is false: the PBX certificate is not checked')
            self.verify = False
            requests.packages.urllib3.disable_warnings()
        elif ca_path:
            self.verify = ca_path
        if not access_token and not (client_id and client_secret):
            raise XAPIError('either access_token or both client_id and client_secret are required')
        self._cache = None
        # Where the token and what never changes on a PBX (its time zone table) are kept between tasks; None: nowhere.
        self.cache_dir = token_cache_dir
        self._token_lock = threading.Lock()
        if token_cache_dir and self.can_login and not access_token:
            self._cache = TokenCache(token_cache_dir, self.base_url, self.client_id, client_secret)
            self._token, self._token_expires_at = self._cache.read()

    @property
    def can_login(self):
        """True when client credentials were given, so a rejected token can be replaced."""
        return bool(self.client_id and self._client_secret)

    def version_at_least(self, *wanted):
        """True when the PBX version is known and at least ``wanted``; learns it if unknown."""
        if self.version is None:
            self.get('Defs', params={'$select': 'Id'})
        return self.version is not None and self.version >= tuple(wanted)

    # -- authentication -------------------------------------------------------------------

    def _obtain_token(self, rejected=None):
        """Get a usable token: one another process stored meanwhile, else a new login.

        ``rejected`` is the token the PBX just refused. Under the cache lock, a cached token that
        differs from it and has not expired was refreshed by another process: use it instead of
        logging in, which would knock that process's token out.
        """
        with self._token_lock:
            if self._token and self._token != rejected and not self._token_expired():
                return self._token  # another thread of this process already refreshed it
            if self._cache is None:
                return self.login()
            return self._obtain_shared_token(rejected)

    def _obtain_shared_token(self, rejected):
        with self._cache.locked():
            token, expires_at = self._cache.read()
            if token and token != rejected and expires_at > time.time() + TOKEN_EXPIRY_MARGIN:
                self._token, self._token_expires_at = token, expires_at
                return token
            self.login()
            self._cache.write(self._token, self._token_expires_at)
            return self._token

    def login(self):
        """Get a new access token with the client credentials. A refused login is never retried."""
        if not self.can_login:
            raise AuthenticationError(
                'the access token for %s was rejected (expired, or replaced by a newer login of '
                'the same client) and no client_id/client_secret were given to log in again'
                % self.base_url, status=401)
        form = {'client_id': self.client_id, 'client_secret': self._client_secret,
                'grant_type': 'client_credentials'}
        response = self._send_with_retries('POST', TOKEN_PATH, data=form, retry=True, authenticate=False)
        self.stats['logins'] += 1
        if response.status_code != 200:
            error = error_from_response('POST', TOKEN_PATH, response)
            raise AuthenticationError(
                'login to %s as client_id %s failed (HTTP %s): %s. Check client_id and '
                'client_secret; the PBX blocks addresses that keep failing, so it was not retried.'
                % (self.base_url, self.client_id, response.status_code, _token_error_text(response, error)),
                status=response.status_code)
        try:
            payload = response.json()
            self._token = payload['access_token']
        except (ValueError, KeyError, TypeError):
            raise AuthenticationError('login to %s returned no access_token' % self.base_url,
                                      status=response.status_code)
        self._token_expires_at = time.time() + self._lifetime_seconds(payload.get('expires_in'))
        return self._token

    def token_info(self):
        """Return ``(access_token, expires_at_epoch)`` of the current token, logging in if needed."""
        if not self._token or self._token_expired():
            self._obtain_token()
        return self._token, self._token_expires_at

    def _lifetime_seconds(self, expires_in):
        try:
            value = int(expires_in)
        except (TypeError, ValueError):
            return 300
        if self.version is not None and self.version < FIRST_VERSION_WITH_SECONDS:
            return value * 60
        return value

    def _token_expired(self):
        return self._token_expires_at is not None and time.time() > self._token_expires_at - TOKEN_EXPIRY_MARGIN

    # -- requests ---------------------------------------------------------------------------

    def request(self, method, path, params=None, body=None, retry=None):
        """Send one API request and return the ``requests.Response``.

        ``path`` is relative to ``/xapi/v1/``. ``retry`` defaults to true for idempotent methods;
        a POST is never repeated blindly (the caller reads back first). Raises :class:`XAPIError`.
        """
        method = method.upper()
        if self.check_mode and method != 'GET':
            raise CheckModeWriteError('check mode: refusing to send %s %s' % (method, path))
        if retry is None:
            retry = method in IDEMPOTENT_METHODS
        url_path = API_PREFIX + path.lstrip('/')
        if not self._token or self._token_expired():
            self._obtain_token()
        response = self._send_with_retries(method, url_path, params=params, json=body, retry=retry)
        relogins = 0
        while response.status_code == 401:
            if not self.can_login:
                raise AuthenticationError(
                    'the access token for %s was rejected (expired, or replaced by a newer login '
                    'of the same client); give client_id and client_secret, or a fresh token' % self.base_url,
                    status=401)
            # A token refused right after a login was superseded by another process logging in as
            # the same client (without a shared token cache): log in again, bounded by retries and
            # after a jittered pause so the processes fall out of step. Never an endless loop.
            if relogins > self.retries:
                raise AuthenticationError(
                    'the access token for %s was rejected %d times right after logging in as client_id %s: '
                    'other processes keep logging in as the same client; share one token (token_cache: true) '
                    'or give them their own client_id' % (self.base_url, relogins, self.client_id), status=401)
            if relogins:
                self._sleep(self._backoff(relogins - 1))
            # Only the token this request carried was refused: another thread (or process) may
            # hold a newer one already, which a login now would knock out.
            self._obtain_token(rejected=response.sent_token)
            relogins += 1
            response = self._send_with_retries(method, url_path, params=params, json=body, retry=retry)
        if response.status_code >= 400:
            raise error_from_response(method, url_path, response)
        return response

    def get(self, path, params=None):
        """GET and return the decoded JSON body."""
        return self.request('GET', path, params=params).json()

    def download(self, link, stream_to):
        """GET a file the PBX links to (a backup's ``DownloadLink``: a path on the PBX or a URL on it) with the
        access token, writing its bytes to the binary file ``stream_to``; return how many were written.

        A link to another host is refused: the access token is sent to the PBX only.
        """
        root = self.base_url.rstrip('/') + '/'
        url = link if re.match(r'^https?://', link or '', re.I) else root + (link or '').lstrip('/')
        if not url.startswith(root):
            raise XAPIError('the download link %s is not on %s: not followed (the access token is sent to the PBX only)'
                            % (url, self.base_url))
        if not self._token or self._token_expired():
            self._obtain_token()
        for attempt in (0, 1):
            self.stats['requests'] += 1
            try:
                response = self.session.request('GET', url, headers={'Authorization': 'Bearer %s' % self._token, 'Accept': '*/*'},
                                                stream=True, timeout=self.timeout, verify=self.verify, allow_redirects=False)
            except requests.exceptions.RequestException as exc:
                raise XAPIError('GET %s failed: no answer from %s (%s)' % (url, self.base_url, _first_line(exc)), transient=True)
            if response.status_code == 401 and attempt == 0 and self.can_login:
                self._obtain_token(rejected=self._token)
                continue
            break
        if 300 <= response.status_code < 400:  # the token goes nowhere else: a redirect is not followed
            raise XAPIError('GET %s was answered with a redirect (HTTP %s) to %s, which is not followed: the request carries '
                            'the token' % (url, response.status_code, shown_location(response.headers.get('Location'))),
                            status=response.status_code)
        if response.status_code >= 400:
            raise error_from_response('GET', url[len(self.base_url.rstrip('/')):], response)
        written = 0
        for chunk in response.iter_content(chunk_size=65536):
            stream_to.write(chunk)
            written += len(chunk)
        return written

    def get_all(self, path, filter_expr=None, select=None, expand=None, orderby='Id'):
        """Return every entity of a collection, paged with ``$top=100&$skip`` in a stable order.

        The first page asks for ``$count``, so that a collection of exactly N*100 entities costs
        N requests, not one more for an empty page. Once the count is known, the later pages are
        fetched ``PAGE_WORKERS`` at a time, so that a PBX's latency is paid once per batch, not
        once per page; they are joined in order.
        """
        def page(skip, count=False):
            params = build_query(filter_expr, select, expand, orderby, top=PAGE_SIZE, skip=skip, count=count)
            return self.get(path, params=params)

        first = page(0, count=True)
        items = list(first.get('value', []))
        total = first.get('@odata.count')
        if len(items) < PAGE_SIZE:
            return items
        if total is None:
            while True:
                more = page(len(items)).get('value', [])
                items.extend(more)
                if len(more) < PAGE_SIZE:
                    return items
        skips = list(range(len(items), total, PAGE_SIZE))
        if len(skips) > 1 and ThreadPoolExecutor is not None:
            with ThreadPoolExecutor(max_workers=min(PAGE_WORKERS, len(skips))) as pool:
                pages = list(pool.map(page, skips))
        else:
            pages = [page(skip) for skip in skips]
        for answer in pages:
            items.extend(answer.get('value', []))
        return items

    def post(self, path, body=None, retry=False):
        """POST and return the decoded JSON body, or None for an empty answer."""
        response = self.request('POST', path, body=body if body is not None else {}, retry=retry)
        return _json_or_none(response)

    def patch(self, path, body):
        """PATCH (partial update); XAPI answers 204 with no body."""
        return self.request('PATCH', path, body=body)

    def delete(self, path):
        """DELETE an entity."""
        return self.request('DELETE', path)

    def _send_with_retries(self, method, url_path, params=None, data=None, json=None, retry=True,
                           authenticate=True):
        attempt = 0
        while True:
            try:
                response = self._send(method, url_path, params, data, json, authenticate)
            except requests.exceptions.RequestException as exc:
                if isinstance(exc, requests.exceptions.SSLError):
                    raise XAPIError('TLS error talking to %s: %s. Set ca_path to the PBX CA '
                                    'or, in a lab, validate_certs: false' % (self.base_url, _first_line(exc)))
                if not retry or attempt >= self.retries:
                    raise XAPIError('%s %s failed: no answer from %s (%s)'
                                    % (method, url_path, self.base_url, _first_line(exc)), transient=True)
                self._sleep(self._backoff(attempt))
                attempt += 1
                continue
            # 429 means the PBX refused the request without processing it: safe to repeat even for
            # a POST, after the Retry-After it asks for (re-sending at once would hammer it).
            refused = response.status_code == 429
            if response.status_code in TRANSIENT_STATUSES and (retry or refused) and attempt < self.retries:
                self._sleep(self._backoff(attempt, response.headers.get('Retry-After')))
                attempt += 1
                continue
            return response

    def _send(self, method, url_path, params, data, json, authenticate):
        headers = {}
        token = self._token if authenticate else None
        if authenticate:
            headers['Authorization'] = 'Bearer %s' % token
        self.stats['requests'] += 1
        # Never follow a redirect: requests would send the form with the client secret (307/308 keep
        # the body) or the request to another host; refused below instead.
        response = self.session.request(method, self.base_url + url_path, params=params, data=data, json=json,
                                        headers=headers, timeout=self.timeout, verify=self.verify,
                                        allow_redirects=False)
        if 300 <= response.status_code < 400:
            raise XAPIError('%s %s was answered with a redirect (HTTP %s) to %s, which is not followed: the request '
                            'carries the client secret or the token. Set url to the address the PBX answers at itself '
                            '(check for a proxy or load balancer in between).'
                            % (method, url_path, response.status_code, shown_location(response.headers.get('Location'))),
                            status=response.status_code)
        # The token in this request's Authorization header: on a 401 it is the one refused.
        response.sent_token = token
        version = response.headers.get('X-3CX-Version')
        if version:
            self.version = parse_version(version) or self.version
            self.version_text = version
        return response

    def wait_before_retry(self, attempt):
        """Sleep the back-off before repeating a request for the ``attempt``-th time (0-based)."""
        self._sleep(self._backoff(attempt))

    @staticmethod
    def _backoff(attempt, retry_after=None):
        if retry_after:
            try:
                return min(max(float(retry_after), 0.0), RETRY_AFTER_CAP)
            except ValueError:
                pass
        delay = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
        return delay * (0.5 + random.random() / 2)


ALREADY_IN_USE = 'WARNINGS.XAPI.ALREADY_IN_USE'


class UncertainWrite(XAPIError):
    """The answer to a write was lost and reading back whether it took effect failed too."""

    def __init__(self, lost, read_error):
        super(UncertainWrite, self).__init__(
            'the answer was lost (%s) and reading back whether it took effect failed (%s)'
            % (lost.explain(), read_error.explain()), status=read_error.status, transient=True)


def write_with_read_back(client, send, read_back):
    """Send a write that must not be repeated blindly (a POST): after a lost answer, read back first.

    ``send()`` makes the request and returns its answer. After a lost answer (a transient error),
    ``read_back()`` asks the PBX whether the write took effect: a truthy value (the created
    entity, or True for a deletion) is returned as the outcome; a falsy one means it did not, and
    the write is sent again after the client's back-off, at most ``retries`` more times. Reading
    back is a GET, retried with the same back-off. Raises the write's own error when the attempts
    are used up, and :class:`UncertainWrite` when reading back failed, so that the caller reports
    an outcome it does not know as unknown, never as a failure to write.
    """
    attempts = client.retries + 1
    for attempt in range(attempts):
        try:
            return send()
        except XAPIError as exc:
            if not exc.transient:
                raise
            lost = exc
        try:
            outcome = read_back()
        except XAPIError as read_error:
            raise UncertainWrite(lost, read_error)
        if outcome:
            return outcome
        if attempt + 1 >= attempts:
            raise lost
        client.wait_before_retry(attempt)


def _json_or_none(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _first_line(exc):
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__


def _token_error_text(response, error):
    try:
        payload = response.json()
    except ValueError:
        return error.message
    if isinstance(payload, dict) and payload.get('error_description'):
        return payload['error_description']
    return error.message
