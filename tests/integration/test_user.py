# -*- coding: utf-8 -*-
"""tcx_user against the emulator with real ansible-playbook runs: what is particular to users.

The lifecycle every kind shares (create, check mode, no-op, update, absent, round trip) is in test_lifecycle.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import json

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import unescape_cell
from conftest import assert_each_fails_clearly, connection

from kind_cases import users as ada_case

ADA = ada_case.PRESENT  # Ada Lovelace in Sales and Support, with password and PIN
PASSWORD, PIN = ADA['password'], ADA['vm_pin']
NEW_PASSWORD = 'An0ther-Secret-Pw#42'
MASK = ada_case.MASK


def user_task(**options):
    return {'name': 'user', 'tcx.xapi.tcx_user': options}


def make_departments(api, *names):
    """Departments by name -> id, created directly through XAPI."""
    return dict((name, api.call('POST', 'Groups', json={'Name': name})['Id']) for name in names)


def find_user(api, number):
    found = api.find('Users', "Number eq '%s'" % number, **{'$expand': 'Groups($expand=Rights)'})
    return found[0] if found else None


def memberships(api, number):
    """``{department name: role}`` of a user as the emulator holds it."""
    return dict((row['Name'], row['Rights']['RoleName']) for row in find_user(api, number)['Groups'])


def writes(emulator):
    return [(w['method'], w['path'], w.get('body')) for w in emulator.writes()]


@pytest.fixture
def departments(emulator, api):
    """Three departments, created directly; the request log starts empty after them."""
    created = make_departments(api, 'Sales', 'Support', 'Vertrieb Süd')
    emulator.clear_requests()
    return created


# -- updates (the lifecycle every kind shares is in test_lifecycle.py) ---------------------------

def test_check_mode_update_of_several_options_shows_the_diff_of_the_real_one(emulator, play, api, departments):
    changed = {**ADA, 'last_name': 'King', 'departments': [{'name': 'Sales', 'role': 'managers'}],
               'primary_department': 'Sales', 'friendly_name': 'ada.king'}
    run = play([user_task(**ADA), dict(user_task(**changed), check_mode=True), user_task(**changed)])
    dummy, checked, real = run.results
    assert run.writes(1) == []
    assert checked['changed'] is True and checked['diff'] == real['diff']
    assert real['diff']['before']['departments'] == ADA['departments']
    assert memberships(api, '150') == {'Sales': 'managers'}
    assert find_user(api, '150')['WebMeetingFriendlyName'] == 'ada.king'


def test_absent_by_email_ignores_case(emulator, play, api, departments):
    play([user_task(**ADA)], expect_rc=0)
    result = play([user_task(email='ADA@Example.COM', state='absent')]).result()
    assert result['changed'] is True and find_user(api, '150') is None
    assert play([user_task(email='ada@example.com', state='absent')]).result()['changed'] is False


def test_absent_by_email_matching_two_users_fails_and_lists_them(emulator, play, api):
    for number in ('150', '151'):
        api.call('POST', 'Users', json={'Number': number, 'FirstName': 'Twin', 'EmailAddress': 'twin@example.com'})
    emulator.clear_requests()
    result = play([user_task(email='twin@example.com', state='absent')])
    assert result.rc != 0
    assert '2 users have this email (extensions 150, 151)' in result.result()['msg']
    assert emulator.writes() == [] and find_user(api, '150') and find_user(api, '151')


# -- departments and roles ------------------------------------------------------------------------

THREE = [{'name': 'Sales', 'role': 'users'}, {'name': 'Support', 'role': 'group_admins'},
         {'name': 'Vertrieb Süd', 'role': 'receptionists'}]


def test_changing_one_role_keeps_the_other_two_memberships(emulator, play, api, departments):
    play([user_task(extension='150', first_name='Ada', departments=THREE)], expect_rc=0)
    assert memberships(api, '150') == {'Sales': 'users', 'Support': 'group_admins', 'Vertrieb Süd': 'receptionists'}
    emulator.clear_requests()
    new_roles = [dict(d, role='managers') if d['name'] == 'Support' else d for d in THREE]
    result = play([user_task(extension='150', departments=new_roles)]).result()
    assert result['changed'] is True
    assert result['diff'] == {'before': {'departments': THREE}, 'after': {'departments': new_roles}}
    assert memberships(api, '150') == {'Sales': 'users', 'Support': 'managers', 'Vertrieb Süd': 'receptionists'}
    (method, _path, body), = writes(emulator)
    assert method == 'PATCH' and list(body) == ['Groups'] and len(body['Groups']) == 3


def test_departments_compare_as_a_set(emulator, play, departments):
    play([user_task(extension='150', departments=THREE)], expect_rc=0)
    emulator.clear_requests()
    result = play([user_task(extension='150', departments=list(reversed(THREE)))]).result()
    assert result['changed'] is False and emulator.writes() == []


def test_departments_is_the_exact_membership(emulator, play, api, departments):
    play([user_task(extension='150', departments=THREE)], expect_rc=0)
    play([user_task(extension='150', departments=[{'name': 'Support'}])], expect_rc=0)
    assert memberships(api, '150') == {'Support': 'users'}


def test_new_primary_department_is_set_after_the_new_membership(emulator, play, api, departments):
    play([user_task(extension='150', departments=[{'name': 'Sales'}])], expect_rc=0)
    user_id = find_user(api, '150')['Id']
    emulator.clear_requests()
    both = [{'name': 'Sales'}, {'name': 'Support'}]
    result = play([user_task(extension='150', departments=both, primary_department='Support')]).result()
    assert result['changed'] is True
    assert result['diff']['before']['primary_department'] == 'Sales'
    assert result['diff']['after']['primary_department'] == 'Support'
    assert [(m, b) for m, _path, b in writes(emulator)] == [
        ('PATCH', {'Groups': [{'GroupId': departments['Sales'], 'Rights': {'RoleName': 'users'}},
                              {'GroupId': departments['Support'], 'Rights': {'RoleName': 'users'}}]}),
        ('PATCH', {'PrimaryGroupId': departments['Support']})]
    assert find_user(api, '150')['PrimaryGroupId'] == departments['Support'] and user_id
    emulator.clear_requests()
    again = play([user_task(extension='150', departments=both, primary_department='Support')]).result()
    assert again['changed'] is False and emulator.writes() == []


def test_primary_department_alone_is_one_patch(emulator, play, api, departments):
    play([user_task(extension='150', departments=[{'name': 'Sales'}, {'name': 'Support'}])], expect_rc=0)
    emulator.clear_requests()
    result = play([user_task(extension='150', primary_department='Support')]).result()
    assert result['changed'] is True
    assert [(m, b) for m, _path, b in writes(emulator)] == [('PATCH', {'PrimaryGroupId': departments['Support']})]


def test_primary_department_already_set_by_the_pbx_needs_no_second_write(emulator, play, api, departments):
    play([user_task(extension='150', departments=[{'name': 'Sales'}], primary_department='Sales')], expect_rc=0)
    assert [w[0] for w in writes(emulator)] == ['POST']


# -- passwords and secrets ----------------------------------------------------------------------

def test_password_on_create_second_run_reports_no_change(emulator, play, api):
    play([user_task(extension='150', password=PASSWORD)], expect_rc=0)
    emulator.clear_requests()
    result = play([user_task(extension='150', password=NEW_PASSWORD)]).result()
    assert result['changed'] is False and emulator.writes() == []
    assert find_user(api, '150')['AccessPassword'] == PASSWORD


def test_password_always_sends_the_password_and_reports_changed(emulator, play, api):
    play([user_task(extension='150', password=PASSWORD)], expect_rc=0)
    emulator.clear_requests()
    result = play([user_task(extension='150', password=PASSWORD, update_password='always')]).result()
    assert result['changed'] is True
    assert result['diff'] == {'before': {'password': MASK}, 'after': {'password': '******** (changed)'}}
    user_id = find_user(api, '150')['Id']
    assert writes(emulator) == [('PATCH', '/xapi/v1/Users(%d)' % user_id, {'AccessPassword': PASSWORD})]
    play([user_task(extension='150', password=NEW_PASSWORD, update_password='always')], expect_rc=0)
    assert find_user(api, '150')['AccessPassword'] == NEW_PASSWORD


def read_passwords(path):
    """The rows of a generated-passwords file, the formula escape of a cell undone."""
    with open(path, newline='') as handle:
        return [dict((key, unescape_cell(value)) for key, value in row.items()) for row in csv.DictReader(handle)]


def password_warnings(result):
    return [w for w in result.get('warnings', []) if 'password' in w]


def test_create_without_password_delivers_it_to_the_file_once_and_nowhere_else(emulator, play, api, tmp_path):
    target = tmp_path / 'passwords.csv'
    task = user_task(extension='150', first_name='Ada', last_name='Lovelace', generated_passwords_file=str(target))
    result = play([task, task])
    created, again = result.results
    rows = read_passwords(target)
    generated = find_user(api, '150')['AccessPassword']
    assert rows == [{'extension': '150', 'first_name': 'Ada', 'last_name': 'Lovelace', 'email': '',
                     'password': generated, 'status': 'created'}]
    assert len(generated) >= 16 and oct(target.stat().st_mode & 0o777) == '0o600'
    assert 'generated_password' not in created and not password_warnings(created), created
    assert again['changed'] is False and 'generated_password' not in again
    assert generated not in result.stdout + result.stderr + json.dumps(result.records)


def test_generated_password_is_returned_only_when_asked_for(emulator, play, api):
    created = play([user_task(extension='150', first_name='Ada', return_generated_passwords=True)]).result()
    generated = find_user(api, '150')['AccessPassword']
    assert created['generated_password'] == generated and not password_warnings(created)
    assert generated not in json.dumps(created['user']) + json.dumps(created['raw'])
    assert 'password' not in created['user'] and 'AccessPassword' not in created['raw']


def test_a_generated_password_not_asked_for_gives_a_warning_without_it(emulator, play, api):
    result = play([user_task(extension='150', first_name='Ada')])
    created = result.result()
    generated = find_user(api, '150')['AccessPassword']
    assert 'generated_password' not in created
    warning, = password_warnings(created)
    assert 'generated password that is not shown (extension 150)' in warning and 'generated_passwords_file' in warning
    assert generated not in result.stdout + result.stderr + json.dumps(result.records)


def test_a_passwords_file_in_a_missing_directory_fails_before_any_write(emulator, play, tmp_path):
    target = tmp_path / 'missing' / 'passwords.csv'
    result = play([user_task(extension='150', generated_passwords_file=str(target))])
    assert result.rc == 2
    assert 'the directory %s does not exist' % target.parent in result.result()['msg']
    assert emulator.writes() == []


def test_generated_password_is_hidden_by_no_log(emulator, play, api):
    task = dict(user_task(extension='150', return_generated_passwords=True), no_log=True, register='created')
    result = play([task])
    assert result.rc == 0
    generated = find_user(api, '150')['AccessPassword']
    assert generated not in result.stdout and generated not in result.stderr
    assert generated not in json.dumps(result.records)


def test_returned_user_has_no_secret_property(emulator, play, departments):
    result = play([user_task(**ADA)]).result()
    for prop in ('AccessPassword', 'VMPIN', 'AuthPassword', 'DeskphonePassword'):
        assert prop not in result['raw']
    assert 'password' not in result['user'] and 'vm_pin' not in result['user']


def test_no_secret_appears_in_any_output_with_vvv_and_diff(emulator, play, api, departments):
    token = api.session.headers['Authorization'].split(' ', 1)[1]
    explicit = dict(connection(emulator), access_token=token)
    del explicit['client_id'], explicit['client_secret']
    tasks = [
        user_task(**ADA),
        user_task(**{**ADA, 'password': NEW_PASSWORD, 'vm_pin': '246810', 'update_password': 'always', 'mobile': '+4911'}),
        user_task(**{**ADA, 'extension': '151', 'email': 'x@example.com', 'friendly_name': 'ada.lovelace'}),
        dict(user_task(**dict(explicit, extension='152', password=PASSWORD, vm_pin=PIN)), ignore_errors=True),
        user_task(extension='150', state='absent'),
    ]
    tasks[2]['ignore_errors'] = True
    result = play(tasks)
    outputs = result.stdout + result.stderr + json.dumps(result.records)
    assert result.records and len(result.records) == 5
    for secret in (PASSWORD, NEW_PASSWORD, PIN, '246810', emulator.client_secret, token):
        assert secret not in outputs, 'secret leaked'
    state = json.dumps(emulator.state())
    assert NEW_PASSWORD in state or find_user(api, '150') is None


# -- names, emails, friendly names -------------------------------------------------------------

@pytest.mark.parametrize('first, last', [('Seán', "O'Brien"), ('Zoë', 'Ångström')])
def test_names_with_apostrophes_and_non_ascii_letters_round_trip(emulator, play, api, first, last):
    email = "%s.%s@example.com" % (first.lower(), last.lower())
    task = user_task(extension='150', first_name=first, last_name=last, email=email)
    created = play([task]).result()
    assert created['changed'] is True
    user = find_user(api, '150')
    assert (user['FirstName'], user['LastName'], user['EmailAddress']) == (first, last, email)
    assert (created['user']['first_name'], created['user']['last_name']) == (first, last)
    assert play([task]).result()['changed'] is False
    assert play([user_task(email=email.upper(), state='absent')]).result()['changed'] is True


def test_friendly_name_sets_click_to_call_and_meeting_name(emulator, play, api):
    play([user_task(extension='150', friendly_name='ada')], expect_rc=0)
    user = find_user(api, '150')
    assert (user['ClickToCallId'], user['WebMeetingFriendlyName']) == ('ada', 'ada')
    assert play([user_task(extension='150', friendly_name='ada')]).result()['changed'] is False


def test_friendly_name_repairs_a_meeting_name_that_differs(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '150', 'ClickToCallId': 'ada', 'WebMeetingFriendlyName': 'other'})
    emulator.clear_requests()
    result = play([user_task(extension='150', friendly_name='ada')]).result()
    assert result['changed'] is True
    assert result['diff']['before']['friendly_name'] == {'ClickToCallId': 'ada', 'WebMeetingFriendlyName': 'other'}
    assert writes(emulator)[-1][2] == {'ClickToCallId': 'ada', 'WebMeetingFriendlyName': 'ada'}


@pytest.mark.parametrize('check', [False, True], ids=['real', 'check'])
def test_friendly_name_taken_by_another_user_fails_before_any_write(emulator, play, api, check):
    api.call('POST', 'Users', json={'Number': '151', 'FirstName': 'Grace', 'LastName': 'Hopper',
                                    'ClickToCallId': 'grace', 'WebMeetingFriendlyName': 'grace'})
    emulator.clear_requests()
    result = play([user_task(extension='150', friendly_name='Grace')], check=check)
    assert result.rc != 0
    assert "friendly name 'Grace' is already used by user 151 (Grace Hopper)" in result.result()['msg']
    assert [w for w in emulator.writes() if not w['path'].endswith('Pbx.ValidateLink')] == []
    assert find_user(api, '150') is None


def test_friendly_name_taken_by_a_website_link_fails_in_check_mode(emulator, play, api, departments):
    group = api.find('Groups', "Name eq 'Sales'")[0]
    api.call('POST', 'WebsiteLinks', json={'Link': 'sales-chat', 'Name': 'Sales chat', 'Group': group['Number']})
    emulator.clear_requests()
    result = play([user_task(extension='150', friendly_name='sales-chat')], check=True)
    assert result.rc != 0 and "website link 'sales-chat'" in result.result()['msg']
    assert emulator.writes() == []


def test_email_is_compared_as_the_pbx_stores_it(emulator, play, api):
    play([user_task(extension='150', email='Ada@Example.com')], expect_rc=0)
    assert find_user(api, '150')['EmailAddress'] == 'Ada@Example.com'
    assert play([user_task(extension='150', email='Ada@Example.com')]).result()['changed'] is False


def test_unique_email_false_allows_a_shared_email(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '151', 'EmailAddress': 'desk@example.com'})
    result = play([user_task(extension='150', email='desk@example.com', unique_email=False)]).result()
    assert result['changed'] is True and find_user(api, '150')['EmailAddress'] == 'desk@example.com'


# -- bad input ----------------------------------------------------------------------------------

BAD_INPUT = [
    ({'extension': '150', 'departments': [{'name': 'Nowhere'}]}, "unknown department 'Nowhere'"),
    ({'extension': '150', 'departments': [{'name': 'Sales', 'role': 'emperor'}]}, 'got: emperor'),
    ({'extension': '15a'}, "extension must be 2 to 10 digits, got '15a'"),
    ({'extension': '12345678901'}, 'extension must be 2 to 10 digits'),
    ({'extension': '150', 'email': 'not-an-email'}, "email 'not-an-email' is not a valid email address"),
    ({'extension': '150', 'departments': [{'name': 'Sales'}, {'name': 'Sales', 'role': 'managers'}]},
     "departments lists 'Sales' more than once"),
    ({'extension': '150', 'departments': [{'name': 'Sales'}], 'primary_department': 'Support'},
     "primary_department 'Support' is not among departments ('Sales')"),
    ({'extension': '150', 'primary_department': 'Support'},
     "primary_department 'Support' is not one of the user's departments"),
    ({'extension': '150', 'departments': []}, 'departments must list at least one department'),
    ({'extension': '150', 'friendly_name': 'no spaces please'}, "friendly name 'no spaces please' is not valid"),
    ({'extension': '150', 'email': 'grace@example.com'},
     'email \'grace@example.com\' already belongs to extension 151 (Grace Hopper). The extension is the key'),
    ({'extension': '160'}, 'extension 160 is already used by another PBX object'),
    ({'first_name': 'Ada'}, 'extension is required: it identifies the user'),
    ({'state': 'absent'}, 'extension is required: it identifies the user'),
]


def test_bad_input_fails_clearly_and_writes_nothing(emulator, play, api, departments):
    api.call('POST', 'Users', json={'Number': '151', 'FirstName': 'Grace', 'LastName': 'Hopper',
                                    'EmailAddress': 'Grace@example.com'})
    api.call('POST', 'Parkings', json={'Number': '160'})
    before = emulator.state()

    def refused_by_the_pbx(options, write):
        """Extension 160 is a parking's number: only the PBX knows, and refuses the POST."""
        return options.get('extension') == '160' and (write[0], write[1]) == ('POST', '/xapi/v1/Users')
    assert_each_fails_clearly(play, user_task, BAD_INPUT, tolerated=refused_by_the_pbx)
    assert emulator.state() == before
