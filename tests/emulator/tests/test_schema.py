"""The checked-in schema is the contract: every set it lists is served, answers and request bodies match it.

Nothing here needs the official spec file, so none of these tests can skip.
"""

import json
import re
from xml.etree import ElementTree

import pytest

from tcx_emulator import schema
from tcx_emulator.sets import SETS
from tcx_emulator.spec import validate_request_body
from tcx_emulator.validate import body_problems

CSDL = '{http://docs.oasis-open.org/odata/ns/edm}'


def test_every_schema_set_has_one_table_entry_and_back():
    assert set(schema.entity_sets()) - {'Defs'} == set(SETS)


@pytest.fixture
def call_flow(emulator, client):
    """One object of every kind, wired together like a small office."""
    state = emulator.state()
    state['device_infos'] = [{'Id': 900, 'MAC': '805EC0123456', 'Model': 'T46U', 'Vendor': 'Yealink', 'FirmwareVersion': '108.86.0.20'}]
    emulator.load_state(state)
    user = client.create_user(Number='100', FirstName='John', LastName='Doe',
                              Phones=[{'MacAddress': '80:5e:c0:12:34:56', 'TemplateName': 'yealink_t4x.ph.xml', 'Interface': 'T46U'}])
    client.post('Contacts', {'FirstName': 'Jane', 'CompanyName': 'Acme', 'PhoneNumber': '+44 1'})
    sales = client.create_group('Sales', Members=[{'Number': '100', 'Rights': {'RoleName': 'managers'}}])
    client.post('Parkings', {'Groups': [{'GroupId': sales['Id']}]})
    client.post('WebsiteLinks', {'Link': 'support', 'Group': sales['Number']})
    ring = client.post('RingGroups', {'Name': 'Front desk', 'Members': [{'Number': '100'}]}).json()
    queue = client.post('Queues', {'Name': 'Support', 'Agents': [{'Number': '100'}],
                                   'ForwardNoAnswer': {'To': 'RingGroup', 'Number': ring['Number']}}).json()
    ivr = client.post('Receptionists', {'Name': 'Main menu', 'Forwards': [{'Input': '1', 'ForwardType': 'Queue', 'ForwardDN': queue['Number']}]}).json()
    client.post('InboundRules', {'RuleName': 'Main', 'Data': '+493012345600', 'TrunkDN': {'Id': 2},
                                 'OfficeHoursDestination': {'To': 'IVR', 'Number': ivr['Number']}})
    client.post('Holidays', {'Name': 'New Year', 'Day': 1, 'Month': 1})
    client.post('OutboundRules', {'Name': 'National', 'Prefix': '0', 'DNRanges': [{'From': '100', 'To': '199'}],
                                  'GroupIds': [sales['Id']], 'Routes': [{'TrunkId': 2, 'StripDigits': 1, 'Prepend': '+49'}]})
    client.post('Blocklist', {'IPAddrMask': '198.51.100.0/24', 'BlockType': 'Block', 'ExpiresAt': '2027-01-31T00:00:00Z'})
    return {'user': user, 'ring': ring, 'queue': queue, 'ivr': ivr}


@pytest.mark.parametrize('entity_set', sorted(schema.entity_sets()))
def test_answers_of_every_set_match_the_schema(client, call_flow, entity_set):
    entry = schema.entity_sets()[entity_set]
    expand = ','.join(prop for prop in schema.load()['types'][entry['type']]['navigation']
                      if prop in {'Groups', 'Members', 'Agents', 'Managers', 'DN', 'TrunkDN', 'RoutingRule', 'TimeZones',
                                  'ForwardingProfiles', 'Phones'})
    response = client.get(entity_set, **({'expand': expand} if expand else {}))
    assert response.status_code == 200, response.text
    body = response.json()
    entities = [body] if entry['singleton'] else body['value']
    assert entities, entity_set
    for entity in entities:
        problems = body_problems({k: v for k, v in entity.items() if '@' not in k}, entry['type'])
        assert [str(p) for p in problems] == [], entity


def test_every_logged_request_body_validates_against_the_schema(emulator, client, call_flow):
    client.patch('Users(%d)' % call_flow['user']['Id'], {'FirstName': 'B', 'Groups': [{'GroupId': 1, 'Rights': {'RoleName': 'users'}}]})
    client.patch('OfficeHours', {'TimeZoneId': '60'})
    writes = emulator.writes()
    assert len(writes) >= 10
    for entry in writes:
        assert validate_request_body(entry['method'], entry['path'], entry['body']) == [], entry


@pytest.mark.parametrize('method, path, body, problem', [
    ('PATCH', '/xapi/v1/Users(1)', {'Bogus': 1}, "'Bogus' does not exist on type 'Pbx.User'"),
    ('PATCH', '/xapi/v1/Users(1)', {'Enabled': 'yes'}, "to the expected type 'Edm.Boolean'"),
    ('PATCH', '/xapi/v1/Users(1)', {'Id': None}, 'not nullable'),
    ('PATCH', '/xapi/v1/Users(1)', {'VMEmailOptions': 'Desktop'}, 'not a valid enumerated type value'),
    ('PATCH', '/xapi/v1/Groups(1)', {'OfficeRoute': {'Route': {'To': 'Nowhere'}}}, "for 'Pbx.DestinationType'"),
    ('PATCH', '/xapi/v1/OfficeHours', {'Hours': {'Periods': [{'Start': '8:00'}]}}, "'8:00' to the expected type 'Edm.TimeOfDay'"),
    ('PATCH', '/xapi/v1/Holidays(1)', {'TimeOfStartDate': '13:00'}, "'13:00' to the expected type 'Edm.Duration'"),
    ('POST', '/xapi/v1/Users/Pbx.BatchDelete', {'ids': ['a']}, "type 'Edm.Int32'"),
    ('POST', '/xapi/v1/Users/Pbx.BatchDelete', {'idz': [1]}, "'idz' is not declared"),
    ('PATCH', "/xapi/v1/Users(Number='100')", {'FirstName': 'x'}, 'no PATCH operation'),
    ('POST', '/xapi/v1/Nowhere', {}, 'no such entity set'),
    ('POST', '/xapi/v1/Users/Pbx.Nothing', {}, 'no such bound operation'),
    ('DELETE', '/xapi/v1/Users(1)', {'x': 1}, 'takes no request body'),
])
def test_request_body_check_names_each_problem(method, path, body, problem):
    problems = validate_request_body(method, path, body)
    assert any(problem in text for text in problems), problems


def test_metadata_is_the_csdl_of_the_schema(client):
    response = client.get('$metadata')
    assert response.status_code == 200 and response.headers['Content-Type'].startswith('application/xml')
    assert response.headers['OData-Version'] == '4.0'
    root = ElementTree.fromstring(response.content)
    container = root.find('.//%sEntityContainer' % CSDL)
    sets = {node.get('Name'): node.get('EntityType') for node in container.findall('%sEntitySet' % CSDL)}
    assert sets['Users'] == 'Pbx.User' and sets['WebsiteLinks'] == 'Pbx.Weblink' and sets['Queues'] == 'Pbx.Queue'
    singletons = [node.get('Name') for node in container.findall('%sSingleton' % CSDL)]
    assert 'Defs' in singletons and 'OfficeHours' in singletons and 'E164Settings' in singletons and 'LicenseStatus' in singletons
    assert singletons == sorted(name for name, entry in schema.entity_sets().items() if entry['singleton'])
    user = root.find(".//%sEntityType[@Name='User']" % CSDL)
    assert user.find('%sKey/%sPropertyRef' % (CSDL, CSDL)).get('Name') == 'Id'
    assert user.find("%sNavigationProperty[@Name='Groups']" % CSDL).get('Type') == 'Collection(Pbx.UserGroup)'
    link = root.find(".//%sEntityType[@Name='Weblink']" % CSDL)
    assert link.find('%sKey/%sPropertyRef' % (CSDL, CSDL)).get('Name') == 'Link'
    greeting = root.find(".//%sEnumType[@Name='LiveChatGreeting']" % CSDL)
    assert [m.get('Name') for m in greeting] == ['Disabled', 'OnlyOnDesktop', 'OnlyOnMobile', 'DesktopAndMobile']
    batch = root.find(".//%sAction[@Name='BatchDelete']" % CSDL)
    assert [(p.get('Name'), p.get('Type')) for p in batch.findall('%sParameter' % CSDL)] == [
        ('bindingParameter', 'Collection(Pbx.User)'), ('ids', 'Collection(Edm.Int32)')]


def test_schema_file_holds_no_descriptions():
    text = schema.SCHEMA_FILE.read_text(encoding='utf-8')
    # Pbx.Backup's one parameter is called description (its type is Pbx.CreateBackup): a name, not a text.
    assert re.findall(r'"description": "([^"]*)"', text) == ['Pbx.CreateBackup'] and 'summary' not in text
    assert json.loads(text)['source']['20.0.10']
