"""Trunks (made from a template through Pbx.InitTrunk), TrunkTemplates and OutboundRules (priority, MoveUpDown, Purge);
``$search`` applied as free text; a 404 with the spec's ODataError body."""


def error_of(response):
    assert response.status_code == 400, response.text
    detail = response.json()['error']['details'][0]
    return detail['message'], detail['target']


def new_trunk(client, name, template='generic.pv.xml', **props):
    """InitTrunk then POST, as the web client does."""
    skeleton = client.get("Trunks/Pbx.InitTrunk(template='%s')" % template)
    assert skeleton.status_code == 200, skeleton.text
    body = {k: v for k, v in skeleton.json().items() if not k.startswith('@odata')}
    body['Gateway']['Name'] = name
    body.update(props)
    response = client.post('Trunks', body)
    assert response.status_code == 201, response.text
    return response.json()


def rule(client, name, **props):
    response = client.post('OutboundRules', {'Name': name, **props})
    assert response.status_code == 201, response.text
    return response.json()


def order(client):
    rows = client.get('OutboundRules', select='Id,Name,Priority', orderby='Priority').json()['value']
    return [(row['Name'], row['Priority']) for row in rows]


def test_templates_are_listed_and_read_only(client):
    templates = client.get('TrunkTemplates', select='Id,Name').json()['value']
    ids = [t['Id'] for t in templates]
    assert 'generic.pv.xml' in ids and '1cx.pv.xml' in ids
    assert client.post('TrunkTemplates', {'Id': 'x.pv.xml', 'Name': 'X'}).status_code == 405
    assert client.get("TrunkTemplates('1cx.pv.xml')").json()['Name'] == '1CX'


def test_init_trunk_gives_a_skeleton_from_the_template_and_post_numbers_from_10000(client):
    skeleton = client.get("Trunks/Pbx.InitTrunk(template='1cx.pv.xml')").json()
    assert skeleton['Number'] == '10001' and skeleton['Gateway']['TemplateFilename'] == '1cx.pv.xml'
    assert skeleton['Gateway']['Host'] == 'sip.1cx.example'
    assert client.get('Trunks', select='Id').json()['value'] == [{'Id': 2}]  # not stored
    trunk = new_trunk(client, 'Provider A', '1cx.pv.xml', AuthPassword={'Value': 's3cret-pass'}, DidNumbers=['+4930111'])
    assert trunk['Number'] == '10001' and trunk['Gateway']['Name'] == 'Provider A' and trunk['Gateway']['Id'] == trunk['Id']
    assert trunk['AuthPassword'] == {'Concealed': True, 'Value': None}
    assert 's3cret-pass' not in client.get('Trunks(%d)' % trunk['Id']).text
    unknown = client.get("Trunks/Pbx.InitTrunk(template='nope.pv.xml')")
    assert unknown.status_code == 400 and unknown.json()['error']['details'][0]['target'] == 'template'


def test_trunk_post_needs_a_template_and_dids_belong_to_one_trunk(client):
    assert error_of(client.post('Trunks', {'SimultaneousCalls': 2})) == ('WARNINGS.XAPI.REQUIRED', 'Gateway')
    assert error_of(client.post('Trunks', {'Gateway': {'Name': 'x'}})) == ('WARNINGS.XAPI.REQUIRED', 'Gateway.TemplateFilename')
    assert error_of(client.post('Trunks', {'Gateway': {'Name': 'x', 'TemplateFilename': 'no.pv.xml'}}))[1] == 'Gateway.TemplateFilename'
    skeleton = client.get("Trunks/Pbx.InitTrunk(template='generic.pv.xml')").json()
    skeleton.pop('@odata.context')
    skeleton['DidNumbers'] = ['+493012345600']  # the seeded trunk's
    assert error_of(client.post('Trunks', skeleton)) == ('WARNINGS.XAPI.ALREADY_IN_USE', 'DidNumbers')


def test_outbound_rules_go_last_and_move_up_and_down(client):
    first, second, third = rule(client, 'A'), rule(client, 'B'), rule(client, 'C', Priority=1)
    assert order(client) == [('A', 1), ('B', 2), ('C', 3)]  # a written Priority is ignored
    assert client.post('OutboundRules/Pbx.MoveUpDown', {'id': third['Id'], 'up': True}).status_code == 204
    assert order(client) == [('A', 1), ('C', 2), ('B', 3)]
    client.post('OutboundRules/Pbx.MoveUpDown', {'id': first['Id'], 'up': True})  # already first: nothing moves
    client.post('OutboundRules/Pbx.MoveUpDown', {'id': first['Id'], 'up': False})
    assert order(client) == [('C', 1), ('A', 2), ('B', 3)]
    assert client.patch('OutboundRules(%d)' % second['Id'], {'Priority': 1}).status_code == 204
    assert order(client) == [('C', 1), ('A', 2), ('B', 3)]
    assert client.delete('OutboundRules(%d)' % third['Id']).status_code == 204
    assert order(client) == [('A', 1), ('B', 2)]


def test_purge_deletes_all_or_nothing(client):
    first, second = rule(client, 'A'), rule(client, 'B')
    assert error_of(client.post('OutboundRules/Pbx.Purge', {'purgeObject': {'Ids': [first['Id'], 999]}}))[0] == 'WARNINGS.XAPI.NOT_FOUND'
    assert len(order(client)) == 2
    assert client.post('OutboundRules/Pbx.Purge', {'purgeObject': {'Ids': [first['Id']]}}).status_code == 204
    assert order(client) == [('B', 1)]
    assert second['Id'] in [r['Id'] for r in client.get('OutboundRules').json()['value']]


def test_routes_name_existing_trunks_read_as_five_and_block_the_trunks_delete(client):
    trunk = new_trunk(client, 'Provider A')
    assert error_of(client.post('OutboundRules', {'Name': 'x', 'Routes': [{'TrunkId': 999}]})) == ('WARNINGS.XAPI.NOT_FOUND', 'Routes')
    assert error_of(client.post('OutboundRules', {'Name': 'x', 'GroupIds': [999]}))[1] == 'GroupIds'
    assert error_of(client.post('OutboundRules', {'Name': 'x', 'Routes': [{'TrunkId': 2}] * 6}))[1] == 'Routes'
    made = rule(client, 'National', Prefix='0', Routes=[{'TrunkId': trunk['Id'], 'StripDigits': 1, 'Prepend': '+49'}])
    routes = made['Routes']
    assert len(routes) == 5 and routes[0]['TrunkName'] == 'Provider A' and routes[0]['StripDigits'] == 1
    assert [r['TrunkId'] for r in routes[1:]] == [-1] * 4
    assert error_of(client.delete('Trunks(%d)' % trunk['Id'])) == ('WARNINGS.CANNOT_BE_DELETED', 'Routes')
    emergency = rule(client, 'Emergency', Prefix='112', EmergencyRule=True)
    listed = client.get('OutboundRules/Pbx.GetEmergencyOutboundRules()').json()['value']
    assert [r['Id'] for r in listed] == [emergency['Id']]


def test_search_is_applied_as_free_text(client):
    client.create_user(Number='150', FirstName='Ada', LastName='Lovelace', EmailAddress='ada@example.com')
    client.create_user(Number='151', FirstName='Alan', LastName='Turing')
    found = client.get('Users', search='lovelace', select='Number').json()['value']
    assert found == [{'Number': '150'}]
    assert client.get('Users', search='"alan turing"', select='Number').json()['value'] == [{'Number': '151'}]
    assert client.get('Users', search='nobody', select='Number').json()['value'] == []


def test_a_404_carries_the_spec_odata_error_body(client):
    response = client.get('Users(99999)')
    assert response.status_code == 404
    assert response.json() == {'error': {'code': '', 'message': 'WARNINGS.XAPI.NOT_FOUND', 'details': []}}
