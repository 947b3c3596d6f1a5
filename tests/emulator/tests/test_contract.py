"""The emulator's answers and model tables agree with the official 20.0.10 spec."""

import pytest

from tcx_emulator import model
from tcx_emulator.spec import find_spec, load_spec, nullable_refs

pytestmark = pytest.mark.skipif(find_spec('20.0.10') is None, reason='swagger-20.0.10.yaml not found (../shared/xapi or TCX_XAPI_SPEC_DIR)')


@pytest.fixture(scope='module')
def openapi(emulator_server):
    """openapi-core for the spec, with the server URL of the running emulator.

    ``{allOf: [$ref], nullable: true}`` is rewritten to ``anyOf [null, $ref]``: OpenAPI 3.0 means a null is allowed
    there, but openapi-core checks the referenced (non-nullable) schema alone.
    """
    from openapi_core import Config, OpenAPI  # pylint: disable=import-outside-toplevel
    spec = nullable_refs(load_spec('20.0.10'))
    spec['servers'] = [{'url': emulator_server.url + '/xapi/v1'}]
    return OpenAPI.from_dict(spec, config=Config(spec_validator_cls=None))


@pytest.fixture
def populated(client):
    """A user in two groups, a parking, a live chat link and a department with routes."""
    route = {'IsPromptEnabled': False, 'Prompt': '', 'Route': {'To': 'Extension', 'Number': '100', 'External': '', 'Name': 'Reception', 'Type': 'Extension'}}
    sales = client.create_group('Sales', TimeZoneId='60', OfficeRoute=route, OutOfOfficeRoute=route,
                                Props={'UserNumberFrom': '300', 'UserNumberTo': '399', 'LiveChatMaxCount': 5})
    user = client.create_user(Number='100', EmailAddress='a@x.com',
                              Groups=[{'GroupId': 1, 'Rights': {'RoleName': 'users'}}, {'GroupId': sales['Id'], 'Rights': {'RoleName': 'managers'}}])
    parking = client.post('Parkings', {'Groups': [{'GroupId': sales['Id']}]}).json()
    client.post('WebsiteLinks', {'Link': 'support', 'Group': sales['Number'], 'Website': ['https://example.com'],
                                 'General': {'Greeting': 'DesktopAndMobile', 'Authentication': 'Email'}})
    return {'user': user, 'group': sales, 'parking': parking}


def _check(openapi, client, path, **params):
    from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse  # pylint: disable=import-outside-toplevel
    response = client.get(path, **params)
    assert response.status_code == 200, response.text
    openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


@pytest.mark.parametrize('path, params', [
    ('Users', {'expand': 'Groups($expand=Rights)'}),
    ('Users({user})', {'expand': 'Groups($expand=Rights)'}),
    ('Users({user})/Groups', {}),
    ('Groups', {'expand': 'Members,Rights'}),
    ('Groups({group})', {}),
    ('Groups({group})/Members', {}),
    ('Parkings', {'expand': 'Groups'}),
    ('Parkings({parking})', {}),
    ('WebsiteLinks', {'expand': 'DN'}),
    ("WebsiteLinks('support')", {}),
    ('Defs', {'expand': 'TimeZones'}),
])
def test_responses_validate_against_spec(openapi, client, populated, path, params):
    ids = {'user': populated['user']['Id'], 'group': populated['group']['Id'], 'parking': populated['parking']['Id']}
    _check(openapi, client, path.format(**ids), **params)


def _spec_type(spec_property):
    if 'allOf' in spec_property:
        return _spec_type(spec_property['allOf'][0])
    if '$ref' in spec_property:
        return spec_property['$ref'].split('/')[-1]
    kind = spec_property.get('type')
    if kind == 'array':
        return 'Collection(%s)' % _spec_type(spec_property['items'])
    names = {'string': 'Edm.String', 'boolean': 'Edm.Boolean', 'number': 'Edm.Double'}
    if kind == 'string' and spec_property.get('format') == 'date-time':
        return 'Edm.DateTimeOffset'
    if kind == 'integer':
        return 'Edm.Int64' if spec_property.get('format') == 'int64' else 'Edm.Int32'
    assert kind in names, spec_property
    return names[kind]


def _spec_properties(type_name):
    schemas = load_spec('20.0.10')['components']['schemas']
    schema, found = schemas[type_name], {}
    for part in schema.get('allOf', []):
        found.update(_spec_properties(part['$ref'].split('/')[-1]) if '$ref' in part else part.get('properties', {}))
    found.update(schema.get('properties', {}))
    return found


@pytest.mark.parametrize('type_name', sorted(model.TYPES))
def test_model_properties_exist_in_spec_with_same_type(type_name):
    spec_properties = _spec_properties(type_name)
    for name, declared in model.TYPES[type_name].items():
        assert name in spec_properties, '%s.%s is not in the spec' % (type_name, name)
        assert _spec_type(spec_properties[name]) == declared, '%s.%s' % (type_name, name)
        navigation = bool(spec_properties[name].get('x-ms-navigationProperty'))
        assert navigation == model.is_navigation(type_name, name), '%s.%s navigation flag' % (type_name, name)


@pytest.mark.parametrize('enum_name', sorted(model.ENUMS))
def test_model_enums_match_spec(enum_name):
    assert model.ENUMS[enum_name] == load_spec('20.0.10')['components']['schemas'][enum_name]['enum']


def test_warning_keys_used_exist_in_spec():
    warnings = set(load_spec('20.0.10')['components']['schemas']['Pbx.Warnings']['enum'])
    used = {'WARNINGS.XAPI.ALREADY_IN_USE', 'WARNINGS.XAPI.NOT_FOUND', 'WARNINGS.XAPI.REQUIRED', 'WARNINGS.XAPI.FORBIDDEN_CHANGE',
            'WARNINGS.XAPI.INVALID_TIMEZONE', 'WARNINGS.GROUP_CANNOT_BE_DELETED', 'WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED',
            'WARNINGS.XAPI.DUPLICATE', 'WARNINGS.INVALID', 'WARNINGS.NO_MORE_NUMBERS_AVAILABLE'}
    assert used <= warnings


def test_every_logged_body_validates_against_spec(emulator, client, populated):
    from tcx_emulator.spec import validate_request_body  # pylint: disable=import-outside-toplevel
    client.patch('Users(%d)' % populated['user']['Id'], {'FirstName': 'B', 'Groups': [{'GroupId': 1, 'Rights': {'RoleName': 'users'}}]})
    for entry in emulator.writes():
        assert validate_request_body(entry['method'], entry['path'], entry['body']) == [], entry
    assert validate_request_body('PATCH', '/xapi/v1/Users(1)', {'Bogus': 1}) != []
