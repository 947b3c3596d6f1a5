"""The differences from the real XAPI that clients written by others found, each fixed as the real service behaves.

Evidence per test: 3CX's ``xapi-tutorial`` repository (``src/groups.spec.ts``), 3CX's documentation pages,
and ASP.NET Core OData (the framework XAPI runs on); see the README's table.
"""

import base64
from urllib.parse import quote_plus

import requests


def test_department_members_may_be_named_by_number(client):
    """xapi-tutorial src/groups.spec.ts: PATCH Groups(id) {"Members":[{"Number":"101","Rights":{"RoleName":"users"}}]}."""
    client.create_user(Number='101', FirstName='Jane', LastName='Roe')
    sales = client.create_group('Sales')
    response = client.patch('Groups(%d)' % sales['Id'], {'Members': [{'Number': '101', 'Rights': {'RoleName': 'users'}}]})
    assert response.status_code == 204, response.text
    members = client.get('Groups(%d)/Members' % sales['Id'], expand='Rights').json()['value']
    assert [(m['Number'], m['Rights']['RoleName']) for m in members] == [('101', 'users')]
    unknown = client.patch('Groups(%d)' % sales['Id'], {'Members': [{'Number': '999'}]})
    assert unknown.status_code == 400 and unknown.json()['error']['details'][0] == {
        'code': '', 'message': 'WARNINGS.XAPI.NOT_FOUND', 'target': 'Members'}


def test_a_member_row_is_kept_by_its_own_row_id(client):
    client.create_user(Number='101')
    sales = client.create_group('Sales', Members=[{'Number': '101'}])
    row = client.get('Groups(%d)/Members' % sales['Id']).json()['value'][0]
    assert client.patch('Groups(%d)' % sales['Id'], {'Members': [{'Id': row['Id'], 'Rights': {'RoleName': 'managers'}}]}).status_code == 204
    kept = client.get('Groups(%d)/Members' % sales['Id'], expand='Rights').json()['value']
    assert [(m['Id'], m['Number'], m['Rights']['RoleName']) for m in kept] == [(row['Id'], '101', 'managers')]


def test_query_option_given_twice_is_400(client):
    for option in ('$filter', '$select'):
        value = "Number eq '1'" if option == '$filter' else 'Id'
        response = client.call('GET', 'Users', params=[(option, value), (option, value)])
        assert response.status_code == 400
        assert response.json()['error']['message'] == \
            "Query option '%s' was specified more than once, but it must be specified at most once." % option


def test_count_accepts_only_lowercase_true_and_false(client):
    assert client.get('Users', count='true').json()['@odata.count'] == 0
    assert 'odata.count' not in str(client.get('Users', count='false').json())
    response = client.get('Users', count='True')
    assert response.status_code == 400 and "'True' is not a valid count option." in response.json()['error']['message']


def test_search_is_applied_at_the_top_and_refused_inside_expand(client):
    client.create_user(FirstName='John')
    response = client.get('Users', search='John')
    assert response.status_code == 200 and [u['FirstName'] for u in response.json()['value']] == ['John']
    nested = client.get('Users', expand='Groups($search=x)')
    assert nested.status_code == 400 and "'$search'" in nested.json()['error']['message']


def test_filter_top_skip_orderby_and_count_inside_expand_are_applied(client):
    sales, support = client.create_group('Sales'), client.create_group('Support')
    rows = [{'GroupId': 1}, {'GroupId': sales['Id']}, {'GroupId': support['Id']}]
    user = client.create_user(Groups=rows)
    path = 'Users(%d)' % user['Id']
    only = client.get(path, expand='Groups($filter=GroupId eq %d;$select=GroupId,Name)' % sales['Id']).json()['Groups']
    assert only == [{'GroupId': sales['Id'], 'Name': 'Sales'}]
    top = client.get(path, expand='Groups($orderby=GroupId desc;$top=1;$skip=1;$count=true)').json()
    assert [g['GroupId'] for g in top['Groups']] == [sales['Id']] and top['Groups@odata.count'] == 3
    bad = client.get(path, expand='Groups($filter=Nope eq 1)')
    assert bad.status_code == 400 and "Could not find a property named 'Nope'" in bad.json()['error']['message']
    twice = client.get(path, expand='Groups($top=1;$top=2)')
    assert twice.status_code == 400 and 'more than once' in twice.json()['error']['message']


def test_any_and_all_lambdas_filter_on_collection_navigation_properties(client):
    sales = client.create_group('Sales')
    member = client.create_user(Number='101', Groups=[{'GroupId': sales['Id'], 'Rights': {'RoleName': 'managers'}}])
    client.create_user(Number='102')
    found = client.get('Users', filter='Groups/any(g:g/GroupId eq %d)' % sales['Id'], select='Number').json()['value']
    assert found == [{'Number': member['Number']}]
    managers = client.get('Users', filter="Groups/all(g:g/Rights/RoleName eq 'managers')", select='Number').json()['value']
    assert managers == [{'Number': '101'}]
    assert len(client.get('Users', filter='Groups/any()').json()['value']) == 2
    wrong = client.get('Users', filter='FirstName/any(g:g eq 1)')
    assert wrong.status_code == 400 and 'must be a collection' in wrong.json()['error']['message']


def test_membership_rows_have_their_own_id_and_last_first_member_name(client):
    """3CX's documentation: a row Id of its own (6 for user 29), MemberName "Doe, John", CanDelete true on DEFAULT."""
    first = client.create_user(FirstName='Ann', LastName='Other')
    user = client.create_user(FirstName='John', LastName='Doe')
    rows = client.get('Users(%d)/Groups' % user['Id']).json()['value']
    assert len(rows) == 1 and rows[0]['GroupId'] == 1 and rows[0]['CanDelete'] is True
    assert rows[0]['Id'] not in (user['Id'], first['Id'])
    members = client.get('Groups(1)/Members').json()['value']
    assert [(m['MemberName'], m['Number']) for m in members] == [('Other, Ann', first['Number']), ('Doe, John', user['Number'])]
    assert len({m['Id'] for m in members}) == 2


def test_token_request_with_http_basic_credentials(emulator):
    """3CX's docs for multi-company admin tokens: client_secret_basic plus grant_type in the form."""
    pair = '%s:%s' % (quote_plus(emulator.client_id), quote_plus(emulator.client_secret))
    header = {'Authorization': 'Basic ' + base64.b64encode(pair.encode()).decode()}
    response = requests.post(emulator.url + '/connect/token', data={'grant_type': 'client_credentials'}, headers=header, timeout=10)
    assert response.status_code == 200 and response.json()['token_type'] == 'Bearer'
    bad = {'Authorization': 'Basic ' + base64.b64encode(b'900:wrong').decode()}
    assert requests.post(emulator.url + '/connect/token', data={'grant_type': 'client_credentials'}, headers=bad, timeout=10).status_code == 401


def test_metadata_is_served(client):
    response = client.get('$metadata')
    assert response.status_code == 200 and b'<EntitySet Name="Users" EntityType="Pbx.User"/>' in response.content


def test_odata_version_location_and_charset_headers(client):
    created = client.post('Users', {'Number': '150'})
    assert created.status_code == 201
    assert created.headers['Location'] == client.handle.url + '/xapi/v1/Users(%d)' % created.json()['Id']
    assert created.headers['Content-Type'] == 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8'
    link = client.post('WebsiteLinks', {'Link': 'support'})
    assert link.headers['Location'] == client.handle.url + "/xapi/v1/WebsiteLinks('support')"
    for response in (created, link, client.get('Users'), client.patch('Users(%d)' % created.json()['Id'], {'FirstName': 'A'}),
                     client.get('Users', top='101'), client.get('Users(99999)')):
        assert response.headers['OData-Version'] == '4.0', response.status_code
