"""The emulator's answers and the checked-in schema agree with the official 20.0.10 spec.

These checks need the spec file itself (``../shared/xapi`` or ``TCX_XAPI_SPEC_DIR``): without it they
skip, except with ``CI=true``, where :func:`~tcx_emulator.spec.find_spec` raises and the run fails.
The checks against the checked-in schema, which never skip, are in ``test_schema.py``; that the schema is
what ``tools/derive_schema.py`` derives from the spec is ``make schema-check``.
"""

import re

import pytest

from tcx_emulator.spec import REPO_ROOT, find_spec, load_spec, nullable_refs

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
    ring = client.post('RingGroups', {'Name': 'Front desk', 'Members': [{'Number': '100'}]}).json()
    queue = client.post('Queues', {'Name': 'Support', 'Agents': [{'Number': '100', 'SkillGroup': '1'}], 'Managers': [{'Number': '100'}],
                                   'ForwardNoAnswer': {'To': 'RingGroup', 'Number': ring['Number']}}).json()
    ivr = client.post('Receptionists', {'Name': 'Main menu'}).json()
    client.post('InboundRules', {'RuleName': 'Main', 'Data': '+493012345600', 'TrunkDN': {'Id': 2},
                                 'OfficeHoursDestination': {'To': 'IVR', 'Number': ivr['Number']}})
    client.post('Holidays', {'Name': 'New Year', 'Day': 1, 'Month': 1, 'IsRecurrent': True})
    return {'user': user, 'group': sales, 'parking': parking, 'ring': ring, 'queue': queue, 'ivr': ivr}


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
    ('RingGroups', {'expand': 'Members'}),
    ('RingGroups({ring})/Members', {}),
    ('Queues({queue})', {'expand': 'Agents,Managers'}),
    ('Receptionists', {}),
    ('InboundRules', {'expand': 'TrunkDN'}),
    ('Holidays', {}),
    ('OfficeHours', {}),
    ('Trunks', {}),
    ('DidNumbers', {'expand': 'RoutingRule'}),
])
def test_responses_validate_against_spec(openapi, client, populated, path, params):
    ids = {name: populated[name]['Id'] for name in ('user', 'group', 'parking', 'ring', 'queue')}
    _check(openapi, client, path.format(**ids), **params)


def test_warning_keys_used_exist_in_spec():
    warnings = set(load_spec('20.0.10')['components']['schemas']['Pbx.Warnings']['enum'])
    source = (REPO_ROOT / 'tests' / 'emulator' / 'tcx_emulator' / 'service.py').read_text(encoding='utf-8')
    used = set(re.findall(r"'(WARNINGS\.[A-Z_.]+)'", source))
    assert used and used <= warnings, used - warnings


def test_string_formats_are_checked_with_the_specs_own_patterns():
    """The body check refuses a time, duration, date-time or uuid literal exactly where the spec's pattern does."""
    from tcx_emulator.validate import PATTERNS  # pylint: disable=import-outside-toplevel
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get('format') and node.get('pattern'):
                found.setdefault(node['format'], set()).add(node['pattern'])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(load_spec('20.0.10')['components']['schemas'])
    edm = {'duration': 'Edm.Duration', 'time': 'Edm.TimeOfDay', 'date-time': 'Edm.DateTimeOffset', 'uuid': 'Edm.Guid'}
    assert sorted(found) == sorted(edm)
    assert dict((edm[name], patterns.pop()) for name, patterns in found.items() if len(patterns) == 1) == PATTERNS
