"""Test-control API: request log, reset, state, faults."""

import time

import pytest
import requests

from tcx_emulator.pytest_plugin import start_emulator


def test_request_log_records_decoded_path_query_and_body(emulator, client):
    client.create_user(Number='100')
    client.get("Users(Number='100')", select='Id')
    entry = emulator.requests('GET', r'Number=')[-1]
    assert entry['path'] == "/xapi/v1/Users(Number='100')" and entry['query'] == {'$select': 'Id'} and entry['status'] == 200
    write = emulator.writes()[-1]
    assert write['body']['Number'] == '100' and write['client_id'] == '900'
    assert not any(e['path'].startswith('/_emulator') for e in emulator.requests())
    emulator.clear_requests()
    assert emulator.requests() == []


def test_reset_returns_to_seed_and_keeps_tokens(emulator, client):
    client.create_user()
    emulator.reset()
    assert client.get('Users').json()['value'] == []
    assert [g['Name'] for g in client.get('Groups').json()['value']] == ['DEFAULT']


def test_state_round_trip_and_bulk_load(emulator, client):
    client.create_user(Number='100')
    state = emulator.state()
    state['users'] += [{'Id': 1000 + i, 'Number': str(3000 + i), 'FirstName': 'Bulk'} for i in range(50)]
    emulator.load_state(state)
    assert client.get('Users', count='true', top='1').json()['@odata.count'] == 51
    assert client.get("Users(Number='3049')").json()['Id'] == 1049


def test_fault_before_fails_without_applying(emulator, client):
    emulator.add_fault(method='POST', path=r'/Users$', status=503)
    assert client.post('Users', {}).status_code == 503
    assert client.get('Users').json()['value'] == []
    assert client.post('Users', {}).status_code == 201


def test_fault_after_apply_loses_answer_but_keeps_write(emulator, client):
    emulator.add_fault(method='POST', path=r'/Users$', status=502, when='after')
    assert client.post('Users', {'Number': '777'}).status_code == 502
    assert client.get("Users(Number='777')").status_code == 200


def test_fault_429_has_retry_after(emulator, client):
    emulator.add_fault(path='Groups', status=429, retry_after=7, times=2)
    assert client.get('Groups').headers['Retry-After'] == '7'
    assert emulator.faults()[0]['remaining'] == 1
    client.get('Groups')
    assert client.get('Groups').status_code == 200


def test_fault_drop_closes_connection_without_answer(emulator, client):
    emulator.add_fault(method='GET', path='Users', action='drop')
    with pytest.raises(requests.exceptions.ConnectionError):
        client.get('Users')
    assert client.get('Users').status_code == 200


def test_fault_delay(emulator, client):
    emulator.add_fault(path='Groups', action='delay', delay=0.5)
    start = time.monotonic()
    assert client.get('Groups').status_code == 200
    assert time.monotonic() - start >= 0.5


def test_state_file_persists_between_runs(tmp_path):
    state_file = str(tmp_path / 'pbx.json')
    with start_emulator('--state', state_file) as first:
        token = requests.post(first.url + '/connect/token', data={'client_id': '900', 'client_secret': 'emulator-secret',
                                                                  'grant_type': 'client_credentials'}, timeout=10).json()['access_token']
        requests.post(first.url + '/xapi/v1/Groups', json={'Name': 'Kept'}, headers={'Authorization': 'Bearer ' + token}, timeout=10)
    with start_emulator('--state', state_file) as second:
        assert 'Kept' in [g['Name'] for g in second.state()['groups']]


def test_keep_alive_connection_serves_several_requests(emulator, client):
    for number in ('100', '101', '102'):
        assert client.post('Users', {'Number': number}).status_code == 201
        assert client.get("Users(Number='%s')" % number).status_code == 200
    assert len(emulator.writes()) == 3
