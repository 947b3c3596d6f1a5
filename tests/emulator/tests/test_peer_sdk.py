"""A client nobody here wrote drives the emulator: the PyPI package ``3cx-xapi-python-sdk`` (pinned in requirements-dev.txt).

Every answer must parse into that client's own models (pydantic, generated from 3CX's swagger.yaml),
and no property may be one the client's model does not know. The SDK logs in with the form-encoded
client-credentials grant at ``<base_url>/connect/token`` and sends requests to ``<base_url>/xapi/v1``.
"""

import pytest

threecx = pytest.importorskip('threecx', reason='3cx-xapi-python-sdk is not installed in this venv (make venv installs it)')

# pylint: disable=wrong-import-position,wrong-import-order
from pydantic import BaseModel  # noqa: E402
from threecx import ODataQuery, ThreeCXClient  # noqa: E402
from threecx.exceptions import ValidationError  # noqa: E402
from threecx.models import _generated as models  # noqa: E402


def unknown_properties(model, where='<root>'):
    """Property names of the answer that the client's model (or a nested one) does not declare."""
    found = ['%s/%s' % (where, name) for name in (model.model_extra or {}) if not name.startswith('@odata.') and '@odata.' not in name]
    for name, value in model:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                found.extend(unknown_properties(item, '%s/%s' % (where, name)))
    return found


def parsed(model_class, data):
    """``data`` validated by the client's model, with nothing the model does not know."""
    model = model_class.model_validate(data) if not isinstance(data, BaseModel) else data
    assert unknown_properties(model) == [], model_class.__name__
    return model


@pytest.fixture
def sdk(emulator):
    """The SDK's client against the reset emulator."""
    with ThreeCXClient(base_url=emulator.url, client_id=emulator.client_id, client_secret=emulator.client_secret,
                       verify_ssl=False) as client:
        yield client


def test_users_round_trip(sdk, emulator):
    user = parsed(models.User, sdk.users.create({'FirstName': 'John', 'LastName': 'Doe', 'EmailAddress': 'john@example.com'}))
    assert user.number == '100' and user.id > 0
    listed = sdk.users.list(ODataQuery().filter("Number eq '100'").select('Id', 'Number', 'FirstName').expand('Groups').count())
    assert [parsed(models.User, u).first_name for u in listed] == ['John']
    assert parsed(models.User, sdk.users.get_by_number('100')).id == user.id
    sdk.users.update(user.id, {'LastName': 'Roe', 'VMEmailOptions': 'Attachment'})
    again = parsed(models.User, sdk.users.get(user.id, ODataQuery().expand('Groups($expand=Rights)')))
    assert again.last_name == 'Roe' and again.vm_email_options.value == 'Attachment'
    rows = [parsed(models.UserGroup, row) for row in sdk.users.get_groups(user.id)]
    assert [(row.group_id, row.member_name) for row in rows] == [(1, 'Roe, John')]
    assert emulator.token_requests()[-1]['body']['grant_type'] == 'client_credentials'


def test_departments_with_members_and_rights(sdk):
    member = sdk.users.create({'Number': '101', 'FirstName': 'Jane', 'LastName': 'Roe'})
    group = parsed(models.Group, sdk.groups.create({'Name': 'Sales', 'Language': 'DE', 'Props': {'UserNumberFrom': '300', 'UserNumberTo': '399'}}))
    assert group.number == 'GRP0001'
    sdk.groups.update(group.id, {'Members': [{'Number': '101', 'Rights': {'RoleName': 'users'}}]})  # as 3CX's tutorial does
    members = [parsed(models.UserGroup, row) for row in sdk.groups.get_members(group.id, ODataQuery().expand('Rights'))]
    assert [(m.number, m.rights.role_name, m.type.value) for m in members] == [('101', 'users', 'Extension')]
    assert members[0].id != member.id
    rights = [parsed(models.Rights, row) for row in sdk.groups.get_rights(group.id)]
    assert 'group_owners' in {r.role_name for r in rights}
    expanded = parsed(models.Group, sdk.groups.get(group.id, ODataQuery().expand('Members')))
    assert [m.number for m in expanded.members] == ['101']
    with pytest.raises(ValidationError) as refused:
        sdk.groups.delete_company_by_id(group.id)
    assert 'GROUP_WITH_MEMBERS_CANNOT_BE_DELETED' in str(refused.value.detail)
    sdk.groups.update(group.id, {'Members': []})
    sdk.groups.delete_company_by_id(group.id)
    assert [parsed(models.Group, g).name for g in sdk.groups.list()] == ['DEFAULT']


def test_parkings(sdk):
    sales = sdk.groups.create({'Name': 'Sales'})
    parking = parsed(models.Parking, sdk.parkings.create({'Groups': [{'GroupId': sales.id}]}))
    assert parking.number == 'SP1'
    assert parsed(models.Parking, sdk.parkings.get_by_number('SP1')).id == parking.id
    assert [parsed(models.UserGroup, row).group_id for row in sdk.parkings.get_groups(parking.id)] == [sales.id]
    sdk.parkings.update(parking.id, {'Groups': [{'GroupId': 1}]})
    assert [row['GroupId'] for row in sdk.parkings.get_groups(parking.id)] == [1]
    sdk.parkings.delete(parking.id)
    assert sdk.parkings.list() == []


def test_website_links(sdk):
    assert sdk.website_links.validate_link({'FriendlyName': 'support', 'Pair': 'GRP0000'}) is None
    link = parsed(models.Weblink, sdk.website_links.create({'Link': 'support', 'Name': 'Support', 'Group': 'GRP0000',
                                                            'General': {'Greeting': 'OnlyOnDesktop', 'Authentication': 'Email'}}))
    assert link.link == 'support' and link.general.greeting.value == 'OnlyOnDesktop'
    sdk.website_links.update('support', {'ChatEnabled': False})
    fetched = parsed(models.Weblink, sdk.website_links.get('support', ODataQuery().expand('DN')))
    assert fetched.chat_enabled is False and fetched.dn.number == 'GRP0000'
    sdk.website_links.create({'Link': 'sales'})
    first_page = sdk.website_links.iterate(ODataQuery().order_by('Link').top(1).count())
    assert [parsed(models.Weblink, w).link for w in first_page] == ['sales']  # no @odata.nextLink: one page, as on a PBX
    sdk.website_links.bulk_delete(['support', 'sales'])
    assert sdk.website_links.list() == []


def test_batch_delete(sdk):
    ids = [sdk.users.create({'FirstName': 'U%d' % index}).id for index in range(3)]
    failures = [parsed(models.UserDeleteError, row) for row in sdk.users.batch_delete(ids + [99999])]
    assert [(f.error, f.extension_number) for f in failures] == [('WARNINGS.XAPI.NOT_FOUND', '99999')]
    assert sdk.users.list() == []
