"""Shared helpers of the emulator's own tests."""

import pytest
import requests


class Client:
    """A tiny XAPI client that logs in once and sends JSON."""

    def __init__(self, handle, client_id=None, client_secret=None):
        self.handle = handle
        self.session = requests.Session()
        self.session.verify = handle.ca_file or True
        self.token = self.login(client_id or handle.client_id, client_secret or handle.client_secret).json().get('access_token')

    def login(self, client_id, client_secret):
        """POST /connect/token."""
        return self.session.post(self.handle.url + '/connect/token', timeout=10,
                                 data={'client_id': client_id, 'client_secret': client_secret, 'grant_type': 'client_credentials'})

    def call(self, method, path, body=None, params=None, token=None):
        """One XAPI request (path below /xapi/v1/)."""
        headers = {'Authorization': 'Bearer %s' % (token or self.token)}
        return self.session.request(method, self.handle.url + '/xapi/v1/' + path, json=body, params=params, headers=headers, timeout=10)

    def get(self, path, **params):
        """GET with query options given as keyword arguments (``filter=...`` becomes ``$filter``)."""
        return self.call('GET', path, params={'$' + key: value for key, value in params.items()} or None)

    def post(self, path, body):
        """POST JSON."""
        return self.call('POST', path, body)

    def patch(self, path, body):
        """PATCH JSON."""
        return self.call('PATCH', path, body)

    def delete(self, path):
        """DELETE."""
        return self.call('DELETE', path)

    def create_user(self, **props):
        """POST a user and return its JSON."""
        response = self.post('Users', {'FirstName': 'Test', 'LastName': 'User', **props})
        assert response.status_code == 201, response.text
        return response.json()

    def create_group(self, name, **props):
        """POST a department and return its JSON."""
        response = self.post('Groups', {'Name': name, **props})
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture
def client(emulator):  # pylint: disable=redefined-outer-name
    """A logged-in client of the reset session emulator."""
    return Client(emulator)
