"""OData query options."""

import pytest

TOP_MESSAGE = ("The query specified in the URI is not valid. The limit of '100' for Top query has been exceeded. "
               "The value from the incoming request is '101'.")


@pytest.fixture
def people(client):
    """Five users with varied names."""
    names = [('Anna', "O'Brien", 'anna@x.com'), ('Bert', 'Smith', None), ('carl', 'Jones', 'carl@x.com'),
             ('Dora', 'Smith', 'dora@y.com'), ('Emil', 'Brown', '')]
    return [client.create_user(FirstName=first, LastName=last, EmailAddress=email, Number=str(200 + i))
            for i, (first, last, email) in enumerate(names)]


def values(response):
    assert response.status_code == 200, response.text
    return response.json()['value']


def test_collection_envelope(client, people):
    body = client.get('Users').json()
    assert body['@odata.context'].endswith('/xapi/v1/$metadata#Users') and len(body['value']) == 5


def test_filter_comparisons_and_logic(client, people):
    assert [u['Number'] for u in values(client.get('Users', filter="Number ge '201' and Number lt '203'"))] == ['201', '202']
    assert len(values(client.get('Users', filter="LastName eq 'Smith' or FirstName eq 'Anna'"))) == 3
    assert len(values(client.get('Users', filter="not (LastName eq 'Smith')"))) == 3
    assert len(values(client.get('Users', filter="LastName ne 'Smith'"))) == 3


def test_filter_string_functions_case_insensitive_names(client, people):
    assert len(values(client.get('Users', filter="tolower(FirstName) eq 'carl'"))) == 1
    assert len(values(client.get('Users', filter="toupper(FirstName) eq 'CARL'"))) == 1
    assert len(values(client.get('Users', filter="StartsWith(LastName,'Sm')"))) == 2
    assert len(values(client.get('Users', filter="contains(EmailAddress,'@x.')"))) == 2
    assert len(values(client.get('Users', filter="endswith(EmailAddress,'y.com')"))) == 1
    assert len(values(client.get('Users', filter="substring(LastName,1,2) eq 'mi'"))) == 2


def test_filter_null_and_doubled_quotes(client, people):
    assert len(values(client.get('Users', filter='EmailAddress eq null'))) == 1
    assert len(values(client.get('Users', filter='EmailAddress ne null'))) == 4
    assert values(client.get('Users', filter="LastName eq 'O''Brien'"))[0]['FirstName'] == 'Anna'


def test_filter_nested_path(client):
    assert len(values(client.get('Groups', filter="Props/UserNumberFrom eq '100'"))) == 1


def test_unknown_property_or_function_is_400(client, people):
    response = client.get('Users', filter="Foo eq 'x'")
    assert response.status_code == 400
    assert "Could not find a property named 'Foo' on type 'Pbx.User'." in response.json()['error']['message']
    assert client.get('Users', filter="frobnicate(Number) eq 'x'").status_code == 400
    assert client.get('Users', select='Foo').status_code == 400
    assert client.get('Users', orderby='Foo').status_code == 400


def test_incompatible_literal_type_is_400(client, people):
    assert client.get('Users', filter='Number eq 200').status_code == 400


def test_select_returns_only_selected_properties(client, people):
    rows = values(client.get('Users', select='Id,Number', filter="Number eq '200'"))
    assert rows == [{'Id': people[0]['Id'], 'Number': '200'}]


def test_orderby_multiple_keys(client, people):
    rows = values(client.get('Users', orderby='LastName desc,FirstName asc', select='FirstName'))
    assert [r['FirstName'] for r in rows] == ['Bert', 'Dora', 'Anna', 'carl', 'Emil']


def test_top_over_100_is_rejected_with_real_message(client):
    response = client.get('Users', top='101')
    assert response.status_code == 400
    assert response.json()['error']['message'] == TOP_MESSAGE


def test_top_skip_and_count(client, people):
    body = client.get('Users', orderby='Number', top='2', skip='1', count='true').json()
    assert body['@odata.count'] == 5 and [u['Number'] for u in body['value']] == ['201', '202']
    assert client.get('Users', filter="LastName eq 'Smith'", count='true', top='1').json()['@odata.count'] == 2


def test_navigation_only_returned_when_expanded(client, people):
    user = client.get('Users(%d)' % people[0]['Id']).json()
    assert 'Groups' not in user
    expanded = client.get('Users(%d)' % people[0]['Id'], expand='Groups').json()
    assert expanded['Groups'][0]['GroupId'] == 1 and 'Rights' not in expanded['Groups'][0]


def test_nested_expand_of_rights(client, people):
    user = client.get('Users(%d)' % people[0]['Id'], expand='Groups($expand=Rights)').json()
    assert user['Groups'][0]['Rights']['RoleName'] == 'users'


def test_defs_select_and_expand_time_zones(client):
    assert client.get('Defs', select='Id').json()['Id'] == 1
    zones = client.get('Defs', expand='TimeZones').json()['TimeZones']
    assert len(zones) >= 30 and any(z['Id'] == '51' for z in zones)
    assert {'Europe/Berlin', 'Europe/London', 'America/New_York', 'Etc/UTC'} <= {z['IanaName'] for z in zones}
