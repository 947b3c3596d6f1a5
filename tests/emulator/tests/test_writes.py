"""Writes and the rules a real PBX enforces."""

ALREADY_IN_USE_BODY = {'error': {'code': '', 'message': 'Number:\nWARNINGS.XAPI.ALREADY_IN_USE',
                                 'details': [{'code': '', 'message': 'WARNINGS.XAPI.ALREADY_IN_USE', 'target': 'Number'}]}}


def user_groups(client, user_id):
    return client.get('Users(%d)/Groups' % user_id, expand='Rights').json()['value']


def test_post_returns_201_entity_with_context(client):
    response = client.post('Users', {'Id': 0, 'FirstName': 'A', 'Number': '150'})
    assert response.status_code == 201
    body = response.json()
    assert body['@odata.context'].endswith('$metadata#Users/$entity') and body['Number'] == '150' and body['Id'] > 0


def test_get_user_returns_secret_properties(client):
    user = client.get('Users(%d)' % client.create_user()['Id']).json()
    for name in ('AccessPassword', 'VMPIN', 'AuthPassword', 'DeskphonePassword'):
        assert user[name]


def test_patch_is_partial_and_returns_204(client):
    user = client.create_user(FirstName='A', EmailAddress='a@x.com')
    response = client.patch('Users(%d)' % user['Id'], {'FirstName': 'B'})
    assert response.status_code == 204 and response.text == ''
    after = client.get('Users(%d)' % user['Id']).json()
    assert after['FirstName'] == 'B' and after['EmailAddress'] == 'a@x.com'


def test_delete_gives_204_then_404(client):
    user = client.create_user()
    assert client.delete('Users(%d)' % user['Id']).status_code == 204
    assert client.delete('Users(%d)' % user['Id']).status_code == 404
    assert client.get('Users(%d)' % user['Id']).status_code == 404


def test_lookup_by_number_key(client):
    user = client.create_user(Number='321')
    assert client.get("Users(Number='321')").json()['Id'] == user['Id']
    assert client.get("Users/Pbx.GetByNumber(number='321')").status_code == 404
    parking = client.post('Parkings', {}).json()
    assert client.get("Parkings(Number='%s')" % parking['Number']).json()['Id'] == parking['Id']


def test_key_literal_may_hold_parentheses_slashes_and_quotes(client):
    parking = client.post('Parkings', {'Number': "SP)/x'y"}).json()
    for path in ("Parkings(Number='SP)/x''y')", "Parkings(Number='SP%29%2Fx%27%27y')"):
        assert client.get(path).json()['Id'] == parking['Id'], path
    assert client.get("Parkings(Number='SP)/x''y')/Groups").status_code == 200
    assert client.get("Parkings(Number='SP)')").status_code == 404


def test_unknown_body_property_is_400(client):
    response = client.post('Users', {'FirstName': 'A', 'Nonsense': 1})
    assert response.status_code == 400 and 'Nonsense' in response.text


def test_wrong_type_is_400(client):
    assert client.post('Users', {'FirstName': 5}).status_code == 400
    assert client.post('Users', {'Enabled': 'yes'}).status_code == 400


def test_enum_values_checked_against_spec(client):
    assert client.post('Users', {'VMEmailOptions': 'Sometimes'}).status_code == 400
    assert client.post('Users', {'VMEmailOptions': 'Attachment'}).status_code == 201


def test_duplicate_user_number_gives_real_error_shape(client):
    client.create_user(Number='500')
    response = client.post('Users', {'Number': '500'})
    assert response.status_code == 400 and response.json() == ALREADY_IN_USE_BODY


def test_number_cannot_change(client):
    user = client.create_user(Number='501')
    response = client.patch('Users(%d)' % user['Id'], {'Number': '502'})
    assert response.status_code == 400 and response.json()['error']['details'][0]['message'] == 'WARNINGS.XAPI.FORBIDDEN_CHANGE'
    assert client.patch('Users(%d)' % user['Id'], {'Number': '501', 'Id': user['Id']}).status_code == 204


def test_user_auto_numbering_takes_first_free_extension(client):
    client.create_user(Number='100')
    assert client.get('Users/Pbx.GetFirstAvailableExtensionNumber()').json()['Number'] == '101'
    assert client.create_user()['Number'] == '101'


def test_user_without_groups_lands_in_default(client):
    user = client.create_user()
    rows = user_groups(client, user['Id'])
    assert [(r['GroupId'], r['Rights']['RoleName']) for r in rows] == [(1, 'users')]


def test_patch_groups_replaces_whole_membership_list(client):
    sales, support = client.create_group('Sales'), client.create_group('Support')
    user = client.create_user(Groups=[{'GroupId': sales['Id'], 'Rights': {'RoleName': 'managers'}}])
    client.patch('Users(%d)' % user['Id'], {'Groups': [{'GroupId': support['Id'], 'Rights': {'RoleName': 'users'}}]})
    assert [r['GroupId'] for r in user_groups(client, user['Id'])] == [support['Id']]


def test_membership_is_one_row_seen_from_both_sides(client):
    sales = client.create_group('Sales')
    user = client.create_user(Groups=[{'GroupId': sales['Id'], 'Rights': {'RoleName': 'group_admins'}}])
    members = client.get('Groups(%d)/Members' % sales['Id'], expand='Rights').json()['value']
    assert [(m['Number'], m['Type'], m['Rights']['RoleName']) for m in members] == [(user['Number'], 'Extension', 'group_admins')]
    row = [r for r in user_groups(client, user['Id']) if r['GroupId'] == sales['Id']][0]
    assert row['Id'] == members[0]['Id'] != user['Id']
    client.patch('Groups(%d)' % sales['Id'], {'Members': []})
    assert client.get('Groups(%d)/Members' % sales['Id']).json()['value'] == []
    assert [r['GroupId'] for r in user_groups(client, user['Id'])] == [1]


def test_empty_groups_puts_user_back_into_default(client):
    sales = client.create_group('Sales')
    user = client.create_user(Groups=[{'GroupId': sales['Id']}])
    client.patch('Users(%d)' % user['Id'], {'Groups': []})
    assert [r['GroupId'] for r in user_groups(client, user['Id'])] == [1]


def test_primary_group_must_already_be_a_membership(client):
    sales = client.create_group('Sales')
    user = client.create_user()
    both = [{'GroupId': 1}, {'GroupId': sales['Id']}]
    assert client.patch('Users(%d)' % user['Id'], {'Groups': both, 'PrimaryGroupId': sales['Id']}).status_code == 400
    assert client.patch('Users(%d)' % user['Id'], {'Groups': both}).status_code == 204
    assert client.patch('Users(%d)' % user['Id'], {'PrimaryGroupId': sales['Id']}).status_code == 204
    assert client.get('Users(%d)' % user['Id']).json()['PrimaryGroupId'] == sales['Id']


def test_invalid_role_name_is_400(client):
    assert client.post('Users', {'Groups': [{'GroupId': 1, 'Rights': {'RoleName': 'kings'}}]}).status_code == 400
    assert client.post('Users', {'Groups': [{'GroupId': 1, 'Rights': {'RoleName': 'observers'}}]}).status_code == 201


def test_batch_delete_lists_failures_only(client):
    first, second = client.create_user(), client.create_user()
    response = client.post('Users/Pbx.BatchDelete', {'ids': [first['Id'], 99999]})
    assert response.status_code == 200
    assert [row['ExtensionNumber'] for row in response.json()['value']] == ['99999']
    assert client.post('Users/Pbx.BatchDelete', {'Ids': [second['Id']]}).json()['value'] == []
    assert client.get('Users').json()['value'] == []


def test_department_numbering_and_duplicate_name(client):
    group = client.create_group('Sales', TimeZoneId='60')
    assert group['Number'] == 'GRP0001' and not group['IsDefault']
    response = client.post('Groups', {'Name': 'sales'})
    assert response.status_code == 400 and response.json()['error']['details'][0]['target'] == 'Name'


def test_invalid_time_zone_is_refused(client):
    response = client.post('Groups', {'Name': 'X', 'TimeZoneId': '9999'})
    assert response.json()['error']['details'][0]['message'] == 'WARNINGS.XAPI.INVALID_TIMEZONE'


def test_default_department_cannot_be_deleted(client):
    response = client.post('Groups/Pbx.DeleteCompanyById', {'id': 1})
    assert response.status_code == 400 and response.json()['error']['message'] == 'WARNINGS.GROUP_CANNOT_BE_DELETED'


def test_department_with_members_cannot_be_deleted(client):
    sales = client.create_group('Sales')
    client.create_user(Groups=[{'GroupId': sales['Id']}])
    response = client.post('Groups/Pbx.DeleteCompanyByNumber', {'number': sales['Number']})
    assert response.json()['error']['message'] == 'WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED'


def test_delete_department_by_id_and_number(client):
    first, second = client.create_group('A'), client.create_group('B')
    assert client.post('Groups/Pbx.DeleteCompanyById', {'id': first['Id']}).status_code == 204
    assert client.post('Groups/Pbx.DeleteCompanyByNumber', {'number': second['Number']}).status_code == 204
    assert len(client.get('Groups').json()['value']) == 1


def test_complex_property_patch_replaces_whole_object(client):
    group = client.create_group('Sales', Props={'UserNumberFrom': '300', 'UserNumberTo': '399'})
    client.patch('Groups(%d)' % group['Id'], {'Props': {'LiveChatMaxCount': 5}})
    props = client.get('Groups(%d)' % group['Id']).json()['Props']
    assert props['LiveChatMaxCount'] == 5 and 'UserNumberFrom' not in props


def test_parking_auto_number_and_groups(client):
    sales = client.create_group('Sales')
    parking = client.post('Parkings', {'Id': 0, 'Groups': [{'GroupId': sales['Id']}, {'GroupId': 1}]}).json()
    assert parking['Number'] == 'SP1'
    members = client.get('Groups(%d)/Members' % sales['Id']).json()['value']
    assert members[0]['Type'] == 'Parking' and members[0]['Number'] == 'SP1'
    client.patch('Parkings(%d)' % parking['Id'], {'Groups': [{'GroupId': sales['Id']}]})
    assert [g['GroupId'] for g in client.get('Parkings(%d)/Groups' % parking['Id']).json()['value']] == [sales['Id']]


def test_website_link_crud_by_string_key(client):
    body = {'Link': 'support', 'Group': 'GRP0000', 'General': {'Greeting': 'OnlyOnDesktop', 'Authentication': 'Email'}}
    assert client.post('WebsiteLinks', body).status_code == 201
    assert client.get("WebsiteLinks('support')").json()['General']['Greeting'] == 'OnlyOnDesktop'
    assert client.get("WebsiteLinks('support')", expand='DN').json()['DN']['Number'] == 'GRP0000'
    assert client.patch("WebsiteLinks('support')", {'ChatEnabled': False}).status_code == 204
    assert client.delete("WebsiteLinks('support')").status_code == 204
    assert client.delete("WebsiteLinks('support')").status_code == 404


def test_link_and_friendly_names_share_one_namespace(client):
    user = client.create_user(Number='110')
    assert client.patch('Users(%d)' % user['Id'], {'ClickToCallId': 'johndoe', 'WebMeetingFriendlyName': 'johndoe'}).status_code == 204
    response = client.post('WebsiteLinks', {'Link': 'johndoe'})
    assert response.status_code == 400 and 'ALREADY_IN_USE' in response.text
    other = client.create_user()
    assert client.patch('Users(%d)' % other['Id'], {'ClickToCallId': 'johndoe'}).status_code == 400


def test_validate_link(client):
    user = client.create_user(Number='120', ClickToCallId='jane')
    assert client.post('WebsiteLinks/Pbx.ValidateLink', {'model': {'FriendlyName': 'free', 'Pair': '999'}}).status_code == 204
    assert client.post('WebsiteLinks/Pbx.ValidateLink', {'model': {'FriendlyName': 'jane', 'Pair': user['Number']}}).status_code == 204
    taken = client.post('WebsiteLinks/Pbx.ValidateLink', {'model': {'FriendlyName': 'jane', 'Pair': '121'}})
    assert taken.status_code == 400 and 'WARNINGS.XAPI.ALREADY_IN_USE' in taken.text
    assert client.post('WebsiteLinks/Pbx.ValidateLink', {'model': {'FriendlyName': 'bad name!', 'Pair': '1'}}).status_code == 400


def test_bulk_links_delete(client):
    for link in ('a1', 'b2'):
        client.post('WebsiteLinks', {'Link': link})
    assert client.post('WebsiteLinks/Pbx.BulkLinksDelete', {'ids': ['a1', 'b2']}).status_code == 204
    assert client.get('WebsiteLinks').json()['value'] == []
