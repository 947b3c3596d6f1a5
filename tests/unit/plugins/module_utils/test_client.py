# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import threading

import pytest
import requests

from ansible_collections.tcx.xapi.plugins.module_utils import client as client_mod
from ansible_collections.tcx.xapi.plugins.module_utils.client import (
    AuthenticationError, CheckModeWriteError, XAPIClient, XAPIError, environment_proxies, normalize_url, parse_version,
)

SECRET = 'top-secret-value'
TOKEN_BODY = {'token_type': 'Bearer', 'expires_in': 3600, 'access_token': 'tok-1', 'refresh_token': None}


class FakeResponse(object):
    def __init__(self, status, body=None, headers=None):
        self.status_code = status
        self.headers = dict(headers or {})
        self.content = b'' if body is None else json.dumps(body).encode()
        self.text = self.content.decode()
        self.reason = 'reason'

    def json(self):
        if not self.content:
            raise ValueError('no body')
        return json.loads(self.text)


class FakeTransport(object):
    """Answers requests from a script of (method, path-suffix) -> responses, recording each call."""

    def __init__(self, script):
        self.script = list(script)
        self.calls = []

    def __call__(self, method, url, params=None, data=None, json=None, headers=None, timeout=None, verify=None,
                 allow_redirects=True):
        assert allow_redirects is False, 'a redirect must never be followed'
        self.calls.append((method, url, headers.get('Authorization')))
        expected_method, suffix, answer = self.script.pop(0)
        assert method == expected_method and url.endswith(suffix), (method, url)
        if callable(answer):
            answer = answer()
        if isinstance(answer, Exception):
            raise answer
        return answer


def make_client(script, **kwargs):
    kwargs.setdefault('client_id', '900')
    kwargs.setdefault('client_secret', SECRET)
    sleeps = []
    client = XAPIClient('pbx.example.com', sleep=sleeps.append, **kwargs)
    transport = FakeTransport(script)
    client.session.request = transport
    return client, transport, sleeps


def login_ok(token='tok-1', version='20.0.10.1034'):
    body = dict(TOKEN_BODY, access_token=token)
    return ('POST', '/connect/token', FakeResponse(200, body, {'X-3CX-Version': version}))


def test_bare_host_means_https_and_http_warns():
    assert normalize_url('pbx.example.com:5001/') == ('https://pbx.example.com:5001', None)
    url, warning = normalize_url('http://pbx.example.com')
    assert url == 'http://pbx.example.com' and 'plain http' in warning


def test_parse_version_takes_three_numbers():
    assert parse_version('20.0.10.1034') == (20, 0, 10)
    assert parse_version('garbage') is None


def test_get_logs_in_once_and_sends_bearer_token():
    client, transport, _sleeps = make_client([login_ok(), ('GET', '/xapi/v1/Groups', FakeResponse(200, {'value': []}))])
    assert client.get('Groups') == {'value': []}
    assert transport.calls[1][2] == 'Bearer tok-1'
    assert client.version == (20, 0, 10)


def test_401_relogs_in_once_then_retries():
    client, transport, _sleeps = make_client([
        login_ok('tok-1'),
        ('GET', '/xapi/v1/Users', FakeResponse(401)),
        login_ok('tok-2'),
        ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': [1]})),
    ])
    assert client.get('Users') == {'value': [1]}
    assert [c[2] for c in transport.calls if c[0] == 'GET'] == ['Bearer tok-1', 'Bearer tok-2']
    assert client.stats['logins'] == 2


def test_a_401_for_a_token_another_thread_already_replaced_uses_the_new_token_without_login():
    client = None

    def refused_after_another_thread_logged_in():
        # While this request (with tok-1) was under way, another thread logged in and got tok-2.
        client._token = 'tok-2'
        return FakeResponse(401)

    client, transport, _sleeps = make_client([
        login_ok('tok-1'),
        ('GET', '/xapi/v1/Users', refused_after_another_thread_logged_in),
        ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': [1]})),
    ])
    assert client.get('Users') == {'value': [1]}
    assert [c[2] for c in transport.calls if c[0] == 'GET'] == ['Bearer tok-1', 'Bearer tok-2']
    assert client.stats['logins'] == 1


def test_failed_login_is_not_retried_and_hides_the_secret():
    body = {'error': 'unauthorized', 'error_description': 'The request requires valid user authentication.'}
    client, transport, _sleeps = make_client([('POST', '/connect/token', FakeResponse(401, body))])
    with pytest.raises(AuthenticationError) as info:
        client.get('Users')
    assert len(transport.calls) == 1
    message = str(info.value)
    assert 'client_id 900' in message and 'https://pbx.example.com' in message
    assert 'valid user authentication' in message and SECRET not in message


def test_rejected_access_token_without_credentials_fails_clearly():
    client, transport, _sleeps = make_client([('GET', '/xapi/v1/Users', FakeResponse(401))],
                                             client_id=None, client_secret=None, access_token='given')
    with pytest.raises(AuthenticationError, match='access token .* was rejected'):
        client.get('Users')
    assert len(transport.calls) == 1


@pytest.mark.parametrize('status', [502, 503, 504])
def test_get_is_retried_on_transient_status(status):
    client, transport, sleeps = make_client([
        login_ok(),
        ('GET', '/xapi/v1/Users', FakeResponse(status)),
        ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []})),
    ])
    assert client.get('Users') == {'value': []}
    assert len(sleeps) == 1 and 0 < sleeps[0] <= client_mod.BACKOFF_BASE


def test_429_honours_retry_after():
    client, _transport, sleeps = make_client([
        login_ok(),
        ('GET', '/xapi/v1/Users', FakeResponse(429, None, {'Retry-After': '2'})),
        ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []})),
    ])
    client.get('Users')
    assert sleeps == [2.0]


def test_retries_are_bounded_and_backoff_grows():
    script = [login_ok()] + [('GET', '/xapi/v1/Users', requests.exceptions.ConnectionError('reset'))] * 4
    client, transport, sleeps = make_client(script, retries=3)
    with pytest.raises(XAPIError) as info:
        client.get('Users')
    assert info.value.transient and 'no answer from https://pbx.example.com' in str(info.value)
    assert len(transport.calls) == 5 and len(sleeps) == 3
    assert sleeps[2] > client_mod.BACKOFF_BASE


def test_post_is_never_repeated_blindly():
    client, transport, sleeps = make_client([
        login_ok(),
        ('POST', '/xapi/v1/Groups', FakeResponse(503)),
    ])
    with pytest.raises(XAPIError) as info:
        client.post('Groups', {'Name': 'Sales'})
    assert info.value.transient and info.value.status == 503
    assert len(transport.calls) == 2 and sleeps == []


def test_check_mode_refuses_writes_before_sending():
    client, transport, _sleeps = make_client([], check_mode=True)
    for call in (lambda: client.post('Groups', {}), lambda: client.patch('Groups(1)', {}),
                 lambda: client.delete('Groups(1)')):
        with pytest.raises(CheckModeWriteError):
            call()
    assert transport.calls == []


def test_xapi_error_carries_warning_key_and_target():
    body = {'error': {'code': '', 'message': 'Number:\nWARNINGS.XAPI.ALREADY_IN_USE',
                      'details': [{'code': '', 'message': 'WARNINGS.XAPI.ALREADY_IN_USE', 'target': 'Number'}]}}
    client, _transport, _sleeps = make_client([login_ok(), ('POST', '/xapi/v1/Users', FakeResponse(400, body))])
    with pytest.raises(XAPIError) as info:
        client.post('Users', {'Number': '100'})
    error = info.value
    assert (error.status, error.key, error.target, error.transient) == (400, 'WARNINGS.XAPI.ALREADY_IN_USE', 'Number', False)
    assert error.explain() == 'Number already in use (WARNINGS.XAPI.ALREADY_IN_USE)'


def test_get_all_pages_with_top_and_skip_until_a_short_page():
    pages = [{'value': list(range(100))}, {'value': list(range(100, 200))}, {'value': [200]}]
    script = [login_ok()] + [('GET', '/xapi/v1/Users', FakeResponse(200, page)) for page in pages]
    client, transport, _sleeps = make_client(script)
    seen = []
    original = transport.__call__

    def recording(method, url, params=None, **kwargs):
        seen.append(params)
        return original(method, url, params=params, **kwargs)
    client.session.request = recording
    assert client.get_all('Users') == list(range(201))
    assert [(p['$top'], p.get('$skip'), p['$orderby']) for p in seen[1:]] == [
        ('100', None, 'Id'), ('100', '100', 'Id'), ('100', '200', 'Id')]


@pytest.mark.parametrize('version, expires_in, lifetime', [
    ('20.0.7.500', 60, 3600), ('20.0.8.100', 60, 3600), ('20.0.10.1034', 3600, 3600)])
def test_expires_in_unit_follows_pbx_version(version, expires_in, lifetime):
    body = dict(TOKEN_BODY, expires_in=expires_in)
    client, _transport, _sleeps = make_client([('POST', '/connect/token', FakeResponse(200, body, {'X-3CX-Version': version}))])
    client.login()
    assert abs(client.token_info()[1] - client_mod.time.time() - lifetime) < 5


def test_credentials_or_token_are_required():
    with pytest.raises(XAPIError, match='access_token or both client_id and client_secret'):
        XAPIClient('pbx.example.com', client_id='900')


def cached_client(tmp_path, script, **kwargs):
    client, transport, sleeps = make_client(script, token_cache_dir=str(tmp_path), **kwargs)
    return client, transport


def test_token_cache_lets_a_second_process_skip_the_login(tmp_path):
    first, _transport = cached_client(tmp_path, [login_ok('tok-1'), ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []}))])
    first.get('Users')
    second, transport = cached_client(tmp_path, [('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []}))])
    second.get('Users')
    assert transport.calls == [('GET', 'https://pbx.example.com/xapi/v1/Users', 'Bearer tok-1')]


def test_token_cache_file_is_private(tmp_path):
    client, _transport = cached_client(tmp_path, [login_ok(), ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []}))])
    client.get('Users')
    files = [p for p in tmp_path.iterdir() if p.name.startswith('token-') and p.suffix == '.json']
    assert len(files) == 1 and (files[0].stat().st_mode & 0o777) == 0o600
    assert SECRET not in files[0].read_text()


def test_after_401_a_token_refreshed_by_another_process_is_used_without_login(tmp_path):
    first, _transport = cached_client(tmp_path, [login_ok('tok-1'), ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []}))])
    first.get('Users')
    stale, transport = cached_client(tmp_path, [
        ('GET', '/xapi/v1/Users', FakeResponse(401)),
        ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': [1]})),
    ])
    # Another process logs in meanwhile and stores tok-2.
    other, _transport = cached_client(tmp_path, [login_ok('tok-2')])
    other._obtain_token(rejected='tok-1')
    assert stale.get('Users') == {'value': [1]}
    assert [c[2] for c in transport.calls] == ['Bearer tok-1', 'Bearer tok-2']


def test_after_401_with_no_newer_token_exactly_one_login(tmp_path):
    client, transport = cached_client(tmp_path, [
        login_ok('tok-1'),
        ('GET', '/xapi/v1/Users', FakeResponse(401)),
        login_ok('tok-2'),
        ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []})),
    ])
    client.get('Users')
    assert [c[0] for c in transport.calls].count('POST') == 2


def test_a_different_secret_never_reuses_the_cached_token(tmp_path):
    good, _transport = cached_client(tmp_path, [login_ok('tok-1'), ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []}))])
    good.get('Users')
    body = {'error': 'unauthorized', 'error_description': 'The request requires valid user authentication.'}
    bad, transport = cached_client(tmp_path, [('POST', '/connect/token', FakeResponse(401, body))],
                                   client_secret='wrong')
    with pytest.raises(AuthenticationError):
        bad.get('Users')
    assert len(transport.calls) == 1


def test_unwritable_cache_directory_means_no_cache_silently(tmp_path):
    blocked = tmp_path / 'file-not-dir'
    blocked.write_text('x')
    client, transport = cached_client(blocked, [login_ok(), ('GET', '/xapi/v1/Users', FakeResponse(200, {'value': []}))])
    assert client.get('Users') == {'value': []}
    assert client._cache.usable is False


def test_ca_path_is_passed_with_every_request_so_ca_bundle_variables_cannot_override_it(monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/nonexistent/bundle.pem')
    seen = []
    client = XAPIClient('pbx.example.com', client_id='900', client_secret=SECRET, ca_path='/etc/pbx-ca.pem')

    def recording(method, url, verify=None, **kwargs):
        seen.append(verify)
        return FakeResponse(200, TOKEN_BODY) if url.endswith('/connect/token') else FakeResponse(200, {'value': []})
    client.session.request = recording
    client.get('Users')
    assert seen == ['/etc/pbx-ca.pem', '/etc/pbx-ca.pem']


def test_validate_certs_false_warns_and_disables_verification():
    warnings = []
    client = XAPIClient('pbx.example.com', client_id='900', client_secret=SECRET, validate_certs=False,
                        warn=warnings.append)
    assert client.verify is False and any('validate_certs is false' in w for w in warnings)


def test_get_all_stops_at_the_count_without_an_empty_page():
    pages = [{'@odata.count': 200, 'value': list(range(100))}, {'value': list(range(100, 200))}]
    client, transport, unused_sleeps = make_client([login_ok()] + [('GET', '/xapi/v1/Users', FakeResponse(200, p)) for p in pages])
    assert client.get_all('Users') == list(range(200))
    assert len(transport.calls) == 3


def test_get_all_fetches_later_pages_at_the_same_time_and_keeps_their_order():
    """With the count known, the four later pages are in flight together (each waits for the
    others at a barrier, which a one-by-one paging would never pass); the result keeps the order."""
    client, unused_transport, unused_sleeps = make_client([])
    later_pages = threading.Barrier(4, timeout=10)
    skips = []

    def answer(method, url, params=None, **kwargs):
        if url.endswith('/connect/token'):
            return FakeResponse(200, TOKEN_BODY, {'X-3CX-Version': '20.0.10.1034'})
        skip = int(params.get('$skip', 0))
        skips.append(skip)
        if skip:
            later_pages.wait()
        body = {'value': list(range(skip, min(skip + 100, 450)))}
        if params.get('$count') == 'true':
            body['@odata.count'] = 450
        return FakeResponse(200, body)
    client.session.request = answer
    assert client.get_all('Users') == list(range(450))
    assert skips[0] == 0 and sorted(skips[1:]) == [100, 200, 300, 400]


@pytest.mark.parametrize('status', [301, 302, 303, 307, 308])
def test_a_redirect_of_the_login_is_refused_naming_status_and_location_without_secrets(status):
    location = 'https://user:pw-in-location@elsewhere.example.com/connect/token?code=query-secret#frag'
    client, transport, _cache = make_client([('POST', '/connect/token', FakeResponse(status, headers={'Location': location}))])
    with pytest.raises(XAPIError) as failure:
        client.get('Users')
    message = str(failure.value)
    assert 'POST /connect/token was answered with a redirect (HTTP %d) to https://elsewhere.example.com/connect/token,' % status in message
    assert 'query-secret' not in message and 'pw-in-location' not in message and SECRET not in message
    assert failure.value.status == status and len(transport.calls) == 1


def test_a_redirect_of_a_write_is_refused_and_not_repeated():
    client, transport, _cache = make_client([login_ok(), ('PATCH', '/Users(1)', FakeResponse(307, headers={'Location': '/elsewhere'}))])
    with pytest.raises(XAPIError) as failure:
        client.patch('Users(1)', {'AccessPassword': 'Patch-Secret-1'})
    assert 'PATCH /xapi/v1/Users(1) was answered with a redirect (HTTP 307) to /elsewhere,' in str(failure.value)
    assert 'Patch-Secret-1' not in str(failure.value) and len(transport.calls) == 2


@pytest.mark.parametrize('url', ['https://admin:Url-Pw-1@pbx.example.com', 'admin:Url-Pw-1@pbx.example.com/xapi/v1',
                                 'https://admin@pbx.example.com:5001'])
def test_a_url_with_credentials_is_refused_without_echoing_them(url):
    with pytest.raises(ValueError) as failure:
        normalize_url(url)
    assert 'url must not contain a user name or password' in str(failure.value)
    assert 'Url-Pw-1' not in str(failure.value) and 'admin' not in str(failure.value)


def test_an_at_sign_after_the_host_is_no_userinfo():
    assert normalize_url('https://pbx.example.com/path@x') == ('https://pbx.example.com/path@x', None)


class FakeDownload(FakeResponse):
    def __init__(self, status, content=b'', headers=None):
        super(FakeDownload, self).__init__(status, headers=headers)
        self.content = content

    def iter_content(self, chunk_size):
        return [self.content[i:i + chunk_size] for i in range(0, len(self.content), chunk_size)]


def downloading(answers):
    """A client whose login succeeds and whose downloads get ``answers``; returns (client, calls)."""
    client, transport, _cache = make_client([login_ok()])
    client._obtain_token()
    calls = []

    def request(method, url, headers=None, stream=False, timeout=None, verify=None, allow_redirects=True):
        assert allow_redirects is False and stream is True
        calls.append((method, url, headers['Authorization']))
        return answers.pop(0)
    client.session.request = request
    return client, calls


def test_a_download_sends_the_token_to_the_pbx_only_and_follows_no_redirect():
    import io
    client, calls = downloading([FakeDownload(200, b'x' * 70000)])
    stream = io.BytesIO()
    assert client.download('/backups/nightly.zip', stream) == 70000 and stream.getvalue() == b'x' * 70000
    assert calls == [('GET', 'https://pbx.example.com/backups/nightly.zip', 'Bearer tok-1')]
    with pytest.raises(XAPIError, match='is not on https://pbx.example.com: not followed'):
        client.download('https://elsewhere.example.com/backups/nightly.zip', io.BytesIO())
    client, calls = downloading([FakeDownload(302, headers={'Location': 'https://elsewhere.example.com/x?sig=secret'})])
    with pytest.raises(XAPIError) as failure:
        client.download('/backups/nightly.zip', io.BytesIO())
    assert 'redirect (HTTP 302) to https://elsewhere.example.com/x, which is not followed' in str(failure.value)
    assert 'sig=secret' not in str(failure.value) and len(calls) == 1


@pytest.mark.parametrize('environ, proxies', [
    ({}, {}),
    ({'https_proxy': 'http://proxy:3128'}, {'https': 'http://proxy:3128'}),
    ({'HTTPS_PROXY': 'http://upper:3128'}, {'https': 'http://upper:3128'}),
    ({'all_proxy': 'http://all:3128'}, {'https': 'http://all:3128'}),
    ({'http_proxy': 'http://plain:3128'}, {}),
    ({'https_proxy': 'http://proxy:3128', 'no_proxy': 'localhost, .example.com'}, {}),
    ({'https_proxy': 'http://proxy:3128', 'NO_PROXY': 'pbx.example.com'}, {}),
    ({'https_proxy': 'http://proxy:3128', 'no_proxy': 'ample.com'}, {'https': 'http://proxy:3128'}),
    ({'https_proxy': 'http://proxy:3128', 'no_proxy': '*'}, {}),
    ({'https_proxy': 'http://proxy:3128', 'no_proxy': 'pbx.example.com:8443'}, {'https': 'http://proxy:3128'}),
])
def test_proxies_come_from_the_environment_given_as_requests_would_read_them(environ, proxies):
    client = XAPIClient('pbx.example.com', client_id='900', client_secret=SECRET, environ=environ)
    assert client.session.proxies == proxies
    assert client.session.trust_env is False


def test_no_proxy_takes_address_ranges_and_ports():
    environ = {'https_proxy': 'http://proxy:3128', 'no_proxy': '10.0.0.0/8,pbx.local:5001'}
    assert environment_proxies('https://10.1.2.3/', environ) == {}
    assert environment_proxies('https://pbx.local:5001/', environ) == {}
    assert environment_proxies('https://pbx.local/', environ) == {'https': 'http://proxy:3128'}
    assert environment_proxies('https://192.168.1.1/', environ) == {'https': 'http://proxy:3128'}


def test_the_environment_given_is_read_not_the_processes(monkeypatch):
    """In the controller's worker process the task's environment is passed in; os.environ is the worker's."""
    monkeypatch.setenv('https_proxy', 'http://worker-proxy:3128')
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/worker/bundle.pem')
    client = XAPIClient('pbx.example.com', client_id='900', client_secret=SECRET,
                        environ={'REQUESTS_CA_BUNDLE': '/task/bundle.pem'})
    assert client.session.proxies == {} and client.verify == '/task/bundle.pem'


def test_netrc_credentials_never_replace_the_token(tmp_path, monkeypatch):
    netrc = tmp_path / '.netrc'
    netrc.write_text('machine pbx.example.com login someone password netrc-secret\n')
    netrc.chmod(0o600)
    monkeypatch.setenv('NETRC', str(netrc))
    client = XAPIClient('pbx.example.com', access_token='the-token')
    prepared = client.session.prepare_request(requests.Request('GET', client.base_url + '/xapi/v1/Users',
                                                               headers={'Authorization': 'Bearer the-token'}))
    assert prepared.headers['Authorization'] == 'Bearer the-token'
