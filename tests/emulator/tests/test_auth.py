"""Token endpoint and bearer checks."""

import time

import requests

from conftest import Client
from tcx_emulator.pytest_plugin import start_emulator


def test_token_response_has_documented_shape(emulator, client):
    response = client.login(emulator.client_id, emulator.client_secret)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {'token_type', 'expires_in', 'access_token', 'refresh_token'}
    assert body['token_type'] == 'Bearer' and body['refresh_token'] is None and body['expires_in'] == 3600
    assert body['access_token'].count('.') == 2


def test_token_accepts_multipart_form(emulator):
    files = {'client_id': (None, '900'), 'client_secret': (None, 'emulator-secret'), 'grant_type': (None, 'client_credentials')}
    response = requests.post(emulator.url + '/connect/token', files=files, timeout=10)
    assert response.status_code == 200 and response.json()['access_token']


def test_bad_credentials_give_documented_401(emulator, client):
    response = client.login('900', 'wrong')
    assert response.status_code == 401
    assert response.json() == {'error': 'unauthorized', 'error_description': 'The request requires valid user authentication.'}


def test_new_login_invalidates_previous_token(emulator):
    first, second = Client(emulator), Client(emulator)
    assert first.get('Groups').status_code == 401
    assert second.get('Groups').status_code == 200


def test_missing_or_invalid_token_gives_empty_401(emulator, client):
    response = requests.get(emulator.url + '/xapi/v1/Users', timeout=10)
    assert response.status_code == 401 and response.text == ''
    assert client.call('GET', 'Users', token='garbage').status_code == 401


def test_revoked_token_is_refused(emulator, client):
    emulator.revoke_token('900')
    assert client.get('Users').status_code == 401


def test_expired_token_is_refused(emulator):
    emulator.configure(token_lifetime=1)
    try:
        client = Client(emulator)
        time.sleep(1.2)
        assert client.get('Users').status_code == 401
    finally:
        emulator.configure(token_lifetime=3600)


def test_repeated_failed_logins_block_the_address(emulator, client):
    for _attempt in range(5):
        assert client.login('900', 'wrong').status_code == 401
    blocked = client.login('900', 'emulator-secret')
    assert blocked.status_code == 403
    emulator.reset()
    assert client.login('900', 'emulator-secret').status_code == 200


def test_successful_login_resets_failure_counter(emulator, client):
    for _attempt in range(4):
        client.login('900', 'wrong')
    assert client.login('900', 'emulator-secret').status_code == 200
    for _attempt in range(4):
        client.login('900', 'wrong')
    assert client.login('900', 'emulator-secret').status_code == 200


def test_token_request_is_logged_with_redacted_secret(emulator, client):
    entry = emulator.token_requests()[-1]
    assert entry['body']['client_secret'] == '<redacted>' and entry['client_id'] == '900' and entry['status'] == 200


def test_version_header_on_responses(emulator, client):
    assert client.get('Defs', select='Id').headers['X-3CX-Version'] == '20.0.10.1034'


def test_principals_and_minutes_on_old_version():
    with start_emulator('--pbx-version', '20.0.7', '--principal', '901:x', '--token-lifetime', '7200') as old:
        response = requests.post(old.url + '/connect/token', timeout=10,
                                 data={'client_id': '901', 'client_secret': 'x', 'grant_type': 'client_credentials'})
        assert response.json()['expires_in'] == 120
        token = response.json()['access_token']
        headers = {'Authorization': 'Bearer ' + token}
        assert requests.get(old.url + '/xapi/v1/Defs', headers=headers, timeout=10).headers['X-3CX-Version'].startswith('20.0.7.')
        user = requests.post(old.url + '/xapi/v1/Users', json={'Number': '100'}, headers=headers, timeout=10).json()
        by_function = requests.get(old.url + "/xapi/v1/Users/Pbx.GetByNumber(number='100')", headers=headers, timeout=10)
        assert by_function.status_code == 200 and by_function.json()['Id'] == user['Id']
        assert requests.get(old.url + "/xapi/v1/Users(Number='100')", headers=headers, timeout=10).status_code == 400
        parking = requests.post(old.url + '/xapi/v1/Parkings', json={}, headers=headers, timeout=10).json()
        found = requests.get(old.url + "/xapi/v1/Parkings/Pbx.GetByNumber(number='%s')" % parking['Number'], headers=headers, timeout=10)
        assert found.json()['Id'] == parking['Id']


def test_tls_serves_https_with_announced_ca():
    with start_emulator('--tls') as secure:
        assert secure.url.startswith('https://') and secure.ca_file
        response = requests.post(secure.url + '/connect/token', verify=secure.ca_file, timeout=10,
                                 data={'client_id': '900', 'client_secret': 'emulator-secret', 'grant_type': 'client_credentials'})
        assert response.status_code == 200
