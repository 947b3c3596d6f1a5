"""The user's side of the emulator: forwarding profiles and desk phones stored on the user (replaced whole by a PATCH),
detected devices that show their user, phone templates, the company phonebook."""


def user_with(client, expand, **props):
    user = client.create_user(**props)
    return client.get('Users(%d)' % user['Id'], expand=expand).json()


def test_a_new_user_has_the_five_forwarding_profiles_and_a_post_sets_one_by_name(client):
    user = user_with(client, 'ForwardingProfiles', Number='100', ForwardingProfiles=[{'Name': 'Away', 'RingMyMobile': True}])
    profiles = dict((p['Name'], p) for p in user['ForwardingProfiles'])
    assert list(profiles) == ['Available', 'Away', 'Out of office', 'Custom 1', 'Custom 2']
    assert profiles['Away']['RingMyMobile'] is True and profiles['Away']['AwayRoute']['Internal']['To'] == 'VoiceMail'
    assert profiles['Available']['RingMyMobile'] is False


def test_a_patch_replaces_the_whole_list_of_profiles(client):
    user = user_with(client, 'ForwardingProfiles', Number='100')
    kept = [p for p in user['ForwardingProfiles'] if p['Name'] == 'Available']
    assert client.patch('Users(%d)' % user['Id'], {'ForwardingProfiles': kept}).status_code == 204
    after = client.get('Users(%d)' % user['Id'], expand='ForwardingProfiles').json()['ForwardingProfiles']
    assert [p['Name'] for p in after] == ['Available'] and after == kept


def test_a_mac_address_belongs_to_one_user_in_any_spelling(client):
    client.create_user(Number='100', Phones=[{'MacAddress': '805ec0123456', 'TemplateName': 'yealink_t4x.ph.xml'}])
    taken = client.post('Users', {'Number': '101', 'Phones': [{'MacAddress': '80:5E:C0:12:34:56'}]})
    assert taken.status_code == 400 and taken.json()['error']['details'][0] == {
        'code': '', 'message': 'WARNINGS.XAPI.ALREADY_IN_USE', 'target': 'Phones'}
    twice = client.post('Users', {'Number': '102', 'Phones': [{'MacAddress': '0c383e000001'}, {'MacAddress': '0C-38-3E-00-00-01'}]})
    assert twice.status_code == 400 and 'WARNINGS.XAPI.DUPLICATE' in twice.text


def test_detected_devices_show_the_user_holding_their_mac_and_reprovisioning_knows_only_those(emulator, client):
    state = emulator.state()
    state['device_infos'] = [{'Id': 900, 'MAC': '80:5E:C0:12:34:56', 'Model': 'T46U'}, {'Id': 901, 'MAC': '0c383e000001'}]
    emulator.load_state(state)
    user = client.create_user(Number='100', FirstName='Ada', LastName='Lovelace', Phones=[{'MacAddress': '805EC0123456'}])
    devices = client.get('DeviceInfos', orderby='Id').json()['value']
    assert [(d['Assigned'], d['AssignedUser']) for d in devices] == [(True, '100 Ada Lovelace'), (False, None)]
    assert client.post('Users/Pbx.ReprovisionPhone', {'mac': '805ec0123456'}).status_code == 204
    assert client.post('Users/Pbx.ReprovisionPhone', {'mac': '0c383e000001'}).status_code == 400
    assert client.post('DeviceInfos', {'MAC': '112233445566'}).status_code == 405
    client.patch('Users(%d)' % user['Id'], {'Phones': []})
    assert client.get('DeviceInfos(900)').json()['Assigned'] is False


def test_phone_templates_are_keyed_by_file_name_and_contacts_are_kept_as_sent(client):
    templates = client.get('PhoneTemplates', select='Id').json()['value']
    assert [t['Id'] for t in templates] == ['yealink_t4x.ph.xml', 'fanvil_x.ph.xml']
    contact = client.post('Contacts', {'FirstName': 'Jane', 'CompanyName': 'Acme', 'Mobile2': '+44 1'}).json()
    assert contact['ContactType'] == '3CX' and contact['LastName'] is None
    assert client.patch('Contacts(%d)' % contact['Id'], {'Title': 'Buyer'}).status_code == 204
    assert client.get('Contacts', filter="tolower(CompanyName) eq 'acme'").json()['value'][0]['Title'] == 'Buyer'
    assert client.delete('Contacts(%d)' % contact['Id']).status_code == 204


def test_multi_user_update_sets_the_same_properties_on_every_user_or_none(client):
    ids = [client.create_user(Number=number)['Id'] for number in ('100', '101')]
    assert client.post('Users/Pbx.MultiUserUpdate', {'ids': ids, 'user': {'VMEnabled': False, 'PromptSet': 'x'}}).status_code == 204
    assert [(u['VMEnabled'], u['PromptSet']) for u in client.get('Users', select='VMEnabled,PromptSet', orderby='Id').json()['value']] == [
        (False, 'x'), (False, 'x')]
    refused = client.post('Users/Pbx.MultiUserUpdate', {'ids': ids + [999999], 'user': {'VMEnabled': True}})
    assert refused.status_code == 400 and 'WARNINGS.XAPI.NOT_FOUND' in refused.text
    assert all(not u['VMEnabled'] for u in client.get('Users', select='VMEnabled').json()['value'])
