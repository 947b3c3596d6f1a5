"""RingGroups, Queues, Receptionists, InboundRules, Holidays, OfficeHours, Trunks and DidNumbers: one table entry each."""

import pytest

from tcx_emulator.pytest_plugin import start_emulator


def error_of(response):
    assert response.status_code == 400, response.text
    detail = response.json()['error']['details'][0]
    return detail['message'], detail['target']


def created(client, entity_set, body):
    response = client.post(entity_set, body)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize('entity_set, function', [
    ('RingGroups', 'Pbx.GetFirstAvailableRingGroupNumber()'),
    ('Queues', 'Pbx.GetFirstAvailableQueueNumber()'),
    ('Receptionists', 'Pbx.GetFirstAvailableReceptionistNumber()'),
])
def test_dn_sets_take_the_first_free_extension_shared_with_users(client, entity_set, function):
    client.create_user(Number='100')
    assert client.get('%s/%s' % (entity_set, function)).json()['Number'] == '101'
    first = created(client, entity_set, {'Name': 'First'})
    assert first['Number'] == '101' and first['Id'] > 0
    assert client.create_user()['Number'] == '102'
    assert error_of(client.post(entity_set, {'Name': 'Taken', 'Number': '100'})) == ('WARNINGS.XAPI.ALREADY_IN_USE', 'Number')
    assert error_of(client.post(entity_set, {'Name': 'first'}))[1] == 'Name'
    assert error_of(client.post(entity_set, {})) == ('WARNINGS.XAPI.REQUIRED', 'Name')
    assert error_of(client.patch('%s(%d)' % (entity_set, first['Id']), {'Number': '555'}))[0] == 'WARNINGS.XAPI.FORBIDDEN_CHANGE'
    assert client.get("%s(Number='101')" % entity_set).json()['Id'] == first['Id']


def test_ring_group_members_are_replaced_whole_and_follow_deletes(client):
    for number in ('100', '101', '102'):
        client.create_user(Number=number, FirstName='U' + number, LastName='X')
    ring = created(client, 'RingGroups', {'Name': 'Desk', 'RingStrategy': 'RingAll', 'Members': [{'Number': '100'}, {'Number': '101'}]})
    path = 'RingGroups(%d)' % ring['Id']
    assert client.patch(path, {'Members': [{'Number': '102'}]}).status_code == 204
    members = client.get(path + '/Members').json()['value']
    assert [(m['Number'], m['Name']) for m in members] == [('102', 'U102 X')]
    assert 'Members' not in client.get(path).json()
    assert error_of(client.patch(path, {'Members': [{'Number': '999'}]})) == ('WARNINGS.XAPI.NOT_FOUND', 'Members')
    assert error_of(client.patch(path, {'Members': [{'Number': '102'}, {'Number': '102'}]}))[0] == 'WARNINGS.XAPI.DUPLICATE'
    user_102 = client.get("Users(Number='102')").json()
    assert client.delete('Users(%d)' % user_102['Id']).status_code == 204
    assert client.get(path, expand='Members').json()['Members'] == []
    assert client.patch(path, {'RingStrategy': 'Paging'}).status_code == 204
    assert error_of(client.patch(path, {'RingStrategy': 'Random'}))[1] == 'RingGroups'


def test_queue_agents_and_managers(client):
    client.create_user(Number='100')
    client.create_user(Number='101')
    queue = created(client, 'Queues', {'Name': 'Support', 'PollingStrategy': 'LongestWaiting',
                                       'Agents': [{'Number': '100', 'SkillGroup': '2'}], 'Managers': [{'Number': '101'}]})
    body = client.get('Queues(%d)' % queue['Id'], expand='Agents,Managers').json()
    assert [(a['Number'], a['SkillGroup']) for a in body['Agents']] == [('100', '2')]
    assert [m['Number'] for m in body['Managers']] == ['101']
    client.patch('Queues(%d)' % queue['Id'], {'Agents': []})
    assert client.get('Queues(%d)/Agents' % queue['Id']).json()['value'] == []
    assert [m['Number'] for m in client.get('Queues(%d)/Managers' % queue['Id']).json()['value']] == ['101']


def test_destinations_must_name_an_existing_dn_and_block_its_delete(client):
    ring = created(client, 'RingGroups', {'Name': 'Desk'})
    assert error_of(client.post('Queues', {'Name': 'Q', 'ForwardNoAnswer': {'To': 'RingGroup', 'Number': '999'}})) == \
        ('WARNINGS.XAPI.NON_EXISTENT_EXT_NUMBER', 'ForwardNoAnswer')
    queue = created(client, 'Queues', {'Name': 'Q', 'ForwardNoAnswer': {'To': 'RingGroup', 'Number': ring['Number']}})
    assert error_of(client.delete('RingGroups(%d)' % ring['Id'])) == ('WARNINGS.CANNOT_BE_DELETED', 'ForwardNoAnswer')
    ivr = created(client, 'Receptionists', {'Name': 'Menu', 'OutOfOfficeRoute': {'Route': {'To': 'Queue', 'Number': queue['Number']}}})
    assert error_of(client.delete('Queues(%d)' % queue['Id']))[0] == 'WARNINGS.CANNOT_BE_DELETED'
    assert client.delete('Receptionists(%d)' % ivr['Id']).status_code == 204
    assert client.patch('Queues(%d)' % queue['Id'], {'ForwardNoAnswer': {'To': 'External', 'External': '+4930111'}}).status_code == 204
    assert client.delete('Queues(%d)' % queue['Id']).status_code == 204
    assert client.delete('RingGroups(%d)' % ring['Id']).status_code == 204
    assert client.delete('RingGroups(%d)' % ring['Id']).status_code == 404


def test_seeded_trunk_did_numbers_and_inbound_rules(client):
    trunk = client.get('Trunks').json()['value']
    assert [(t['Id'], t['Number']) for t in trunk] == [(2, '10000')]
    dids = client.get('DidNumbers').json()['value']
    assert [(d['Number'], d['TrunkId']) for d in dids] == [('+493012345600', 2), ('+493012345601', 2), ('+493012345602', 2)]
    ivr = created(client, 'Receptionists', {'Name': 'Main'})
    rule = created(client, 'InboundRules', {'RuleName': 'Main line', 'Data': '+493012345600', 'TrunkDN': {'Id': 2},
                                            'OfficeHoursDestination': {'To': 'IVR', 'Number': ivr['Number']}})
    assert client.get('InboundRules(%d)' % rule['Id'], expand='TrunkDN').json()['TrunkDN'] == {
        'Id': 2, 'Name': 'Emulator SIP provider', 'Number': '10000', 'Type': 'ExternalLine', 'Hidden': False, 'Tags': []}
    routed = client.get('DidNumbers', filter="Number eq '+493012345600'", expand='RoutingRule').json()['value']
    assert routed[0]['RoutingRule']['Id'] == rule['Id']
    assert error_of(client.post('InboundRules', {'Data': '+493012345600'}))[1] == 'Data'
    assert error_of(client.post('InboundRules', {'Data': '+49301', 'TrunkDN': {'Id': 999}})) == ('WARNINGS.XAPI.NOT_FOUND', 'TrunkDN')
    assert error_of(client.delete('Trunks(2)')) == ('WARNINGS.CANNOT_BE_DELETED', 'TrunkDN')
    assert error_of(client.delete('Receptionists(%d)' % ivr['Id']))[1] == 'OfficeHoursDestination'
    assert client.post('InboundRules/Pbx.BulkInboundRulesDelete', {'ids': [rule['Id']]}).status_code == 204
    assert client.get('InboundRules').json()['value'] == []
    assert client.post('DidNumbers', {'Number': '1'}).status_code == 405


def test_holidays_crud_with_unique_names(client):
    holiday = created(client, 'Holidays', {'Name': 'New Year', 'Day': 1, 'Month': 1, 'IsRecurrent': True})
    assert holiday['TimeOfStartDate'] == 'PT0S'
    assert error_of(client.post('Holidays', {'Name': 'new year'}))[1] == 'Name'
    assert error_of(client.post('Holidays', {'Name': 'Bad', 'Day': 300}))[1] == 'Holidays'
    assert client.patch('Holidays(%d)' % holiday['Id'], {'Day': 2}).status_code == 204
    assert client.get('Holidays(%d)' % holiday['Id']).json()['Day'] == 2
    assert client.delete('Holidays(%d)' % holiday['Id']).status_code == 204


def test_office_hours_is_a_singleton(client):
    hours = client.get('OfficeHours').json()
    assert hours['Hours']['Type'] == 'OfficeHours' and 'OfficeHolidays' not in hours
    periods = [{'DayOfWeek': 'Monday', 'Start': '08:00:00', 'Stop': '12:00:00'}]
    assert client.patch('OfficeHours', {'Hours': {'Type': 'OfficeHours', 'Periods': periods}, 'TimeZoneId': '60'}).status_code == 204
    after = client.get('OfficeHours', select='Hours,TimeZoneId').json()
    assert after['Hours']['Periods'] == periods and after['TimeZoneId'] == '60'
    assert client.post('OfficeHours', {}).status_code == 405
    assert client.get('OfficeHours(1)').status_code == 404
    assert error_of(client.patch('OfficeHours', {'Hours': {'Type': 'Always'}}))[1] == 'OfficeHours'
    # Pbx.Period.Start is format time with the pattern HH:MM:SS in the spec: '8:00' cannot be deserialized.
    refused = client.patch('OfficeHours', {'Hours': {'Periods': [{'DayOfWeek': 'Monday', 'Start': '8:00', 'Stop': '12:00:00'}]}})
    assert refused.status_code == 400 and "'8:00' to the expected type 'Edm.TimeOfDay'" in refused.text
    assert client.get('OfficeHours', select='Hours').json()['Hours']['Periods'] == periods


def test_declared_operation_the_emulator_does_not_serve_is_501_and_undeclared_is_404(client):
    assert client.post('Queues(1)/Pbx.ResetQueueStatistics', {}).status_code in (404, 501)
    queue = created(client, 'Queues', {'Name': 'Q'})
    response = client.post('Queues(%d)/Pbx.ResetQueueStatistics' % queue['Id'], {})
    assert response.status_code == 501 and 'Pbx.ResetQueueStatistics' in response.json()['error']['message']
    assert client.post('Queues/Pbx.NoSuchThing', {}).status_code == 404


def test_version_20_0_7_has_its_own_paths_and_properties():
    """swagger-20.0.7.yaml: lookups through Pbx.GetByNumber, and no properties that came later (User.AIAgent, Queue.VMEmailList)."""
    with start_emulator('--pbx-version', '20.0.7') as old:
        from conftest import Client  # pylint: disable=import-outside-toplevel
        client = Client(old)
        queue = created(client, 'Queues', {'Name': 'Q'})
        found = client.get("Queues/Pbx.GetByNumber(number='%s')" % queue['Number'])
        assert found.status_code == 200 and found.json()['Id'] == queue['Id'] and 'VMEmailList' not in found.json()
        assert client.get("Queues(Number='%s')" % queue['Number']).status_code == 400
        refused = client.post('Users', {'FirstName': 'A', 'AIAgent': False})
        assert refused.status_code == 400 and "'AIAgent' does not exist" in refused.text
        user = created(client, 'Users', {'FirstName': 'A'})
        assert 'AIAgent' not in user and 'FirstName' in user


def test_state_round_trip_keeps_every_set(emulator, client):
    client.create_user(Number='100')
    created(client, 'RingGroups', {'Name': 'Desk', 'Members': [{'Number': '100'}]})
    client.patch('OfficeHours', {'TimeZoneId': '60'})
    state = emulator.state()
    assert {'ring_groups', 'queues', 'receptionists', 'inbound_rules', 'holidays', 'trunks', 'office_hours'} <= set(state)
    emulator.reset()
    emulator.load_state(state)
    assert [m['Number'] for m in client.get('RingGroups', expand='Members').json()['value'][0]['Members']] == ['100']
    assert client.get('OfficeHours').json()['TimeZoneId'] == '60'


def test_receptionist_keys_are_replaced_whole_and_route_to_existing_dns(client):
    queue = created(client, 'Queues', {'Name': 'Support'})
    keys = [{'Input': '1', 'ForwardType': 'Queue', 'ForwardDN': queue['Number']}, {'Input': '9', 'ForwardType': 'RepeatPrompt'}]
    ivr = created(client, 'Receptionists', {'Name': 'Main', 'Forwards': keys})
    forwards = client.get('Receptionists(%d)/Forwards' % ivr['Id']).json()['value']
    assert [(f['Id'], f['Input'], f['ForwardType'], f.get('ForwardDN')) for f in forwards] == [
        (1, '1', 'Queue', queue['Number']), (2, '9', 'RepeatPrompt', None)]
    assert 'Forwards' not in client.get('Receptionists(%d)' % ivr['Id']).json()
    assert error_of(client.delete('Queues(%d)' % queue['Id'])) == ('WARNINGS.CANNOT_BE_DELETED', 'Forwards')
    assert error_of(client.patch('Receptionists(%d)' % ivr['Id'], {'Forwards': [{'Input': '2', 'ForwardType': 'Extension', 'ForwardDN': '999'}]})) \
        == ('WARNINGS.XAPI.NON_EXISTENT_EXT_NUMBER', 'Forwards')
    assert client.patch('Receptionists(%d)' % ivr['Id'], {'Forwards': []}).status_code == 204
    assert client.get('Receptionists(%d)' % ivr['Id'], expand='Forwards').json()['Forwards'] == []
    assert client.delete('Queues(%d)' % queue['Id']).status_code == 204


@pytest.mark.parametrize('entity_set, peer_type', [('RingGroups', 'RingGroup'), ('Queues', 'Queue'), ('Receptionists', 'IVR')])
def test_ring_groups_queues_and_ivrs_are_members_of_departments(client, entity_set, peer_type):
    """Pbx.RingGroup, Pbx.Queue and Pbx.Receptionist (a Pbx.DN, whose ``Groups`` the spec declares) have ``Groups``
    (Pbx.UserGroup rows) like parkings; a department's ``Members``
    hold every kind of extension (FACTS.md), so one that keeps a queue cannot be deleted."""
    sales = created(client, 'Groups', {'Name': 'Sales'})
    default = client.get('Groups', filter='IsDefault eq true').json()['value'][0]
    dn = created(client, entity_set, {'Name': 'Desk'})
    path = '%s(%d)' % (entity_set, dn['Id'])
    assert [row['GroupId'] for row in client.get(path, expand='Groups').json()['Groups']] == [default['Id']]
    assert client.patch(path, {'Groups': [{'GroupId': sales['Id']}]}).status_code == 204
    rows = client.get(path, expand='Groups').json()['Groups']
    assert [(row['GroupId'], row['Name'], row['Number']) for row in rows] == [(sales['Id'], 'Sales', dn['Number'])]
    members = client.get('Groups(%d)/Members' % sales['Id']).json()['value']
    assert [(m['Number'], m['Type'], m['MemberName']) for m in members] == [(dn['Number'], peer_type, 'Desk')]
    assert error_of(client.post('Groups/Pbx.DeleteCompanyById', {'id': sales['Id']}))[0] == \
        'WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED'
    assert client.delete(path).status_code == 204
    assert client.get('Groups(%d)/Members' % sales['Id']).json()['value'] == []
    second = created(client, entity_set, {'Name': 'Second', 'Groups': [{'GroupId': sales['Id']}]})
    assert client.patch('Groups(%d)' % sales['Id'], {'Members': []}).status_code == 204
    assert [row['GroupId'] for row in client.get('%s(%d)' % (entity_set, second['Id']), expand='Groups').json()['Groups']] == \
        [default['Id']]
