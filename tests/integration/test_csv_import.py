# -*- coding: utf-8 -*-
"""CSV import as an admin runs it with a spreadsheet from HR: ``provision_users_from_csv.yml`` and the
provision role report what happened to each user, fail when one failed, and show no generated password.

Every run goes through the harness, which fails a test when a password the collection sent to the
emulator (a generated one included) appears in the output or in a task result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import io
import json

from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import unescape_cell
from conftest import REPO, run_playbook

SEED_HEADER = 'first_name,last_name,email,extension,department_id,role'


def write(path, text, bom=False, crlf=False):
    if crlf:
        text = text.replace('\n', '\r\n')
    path.write_bytes((('\ufeff' if bom else '') + text).encode('utf-8'))
    return path


def report(run):
    """The report lines and the summary of the role's report task."""
    return run.task('Report each user of the CSV file')['msg']


def memberships(api, extension):
    user = api.find('Users', "Number eq '%s'" % extension, **{'$expand': 'Groups($expand=Rights)'})
    return sorted((g['Name'], g['Rights']['RoleName']) for g in user[0]['Groups']) if user else None


def csv_import(tmp_path, emulator, csv_name='users.csv', check=False, expect_rc=0, **variables):
    variables.setdefault('tcx_csv_file', csv_name)
    return run_playbook(tmp_path, 'tcx.xapi.provision_users_from_csv', emulator, extra_vars=variables, check=check,
                        expect_rc=expect_rc)


def readme_example():
    """The CSV file and the report that the README's "Users from a CSV file" section shows."""
    section = (REPO / 'README.md').read_text(encoding='utf-8').split('## Users from a CSV file', 1)[1]
    csv_text = section.split('```text\n', 1)[1].split('```', 1)[0]
    report_text = section.split('"msg": [', 1)[1].split(']', 1)[0]
    return csv_text, json.loads('[%s]' % report_text)


def test_the_readme_example_does_what_the_readme_shows(emulator, api, tmp_path):
    csv_text, shown = readme_example()
    # The README's file names Sales and Support by the ids 2 and 3; the emulator may number them otherwise.
    ids = dict(('%d' % n, str(api.call('POST', 'Groups', json={'Name': name})['Id']))
               for n, name in ((2, 'Sales'), (3, 'Support')))
    rows = list(csv.reader(io.StringIO(csv_text)))
    for row in rows[1:]:
        row[4] = ids.get(row[4], row[4])
    write(tmp_path / 'users.csv', ''.join(','.join(row) + '\n' for row in rows))
    run = csv_import(tmp_path, emulator, tcx_generated_passwords_file='passwords.csv')
    assert report(run) == [line.replace('/srv/provisioning/', '%s/' % tmp_path) for line in shown]
    assert memberships(api, '201') == [('Sales', 'managers'), ('Support', 'users')]
    assert memberships(api, '203') == [('DEFAULT', 'users')]


def test_the_seed_format_from_a_windows_spreadsheet_is_checked_created_then_unchanged(emulator, api, tmp_path):
    sales = api.call('POST', 'Groups', json={'Name': 'Sales'})['Id']
    support = api.call('POST', 'Groups', json={'Name': 'Support'})['Id']
    write(tmp_path / 'users.csv', SEED_HEADER + '\n'
          + 'Ada,Lovelace,ada@example.com,210,%d,managers\n' % sales
          + ',,,210,%d,\n' % support
          + '\n'
          + 'Jürgen,"Müller, Jr.",,211,,\n'
          + '山田,太郎,yamada@example.jp,212,%d,\n' % support, bom=True, crlf=True)
    emulator.clear_requests()

    check = csv_import(tmp_path, emulator, check=True)
    assert report(check) == [
        'lines 2, 3: 210 Ada Lovelace: would be created (departments + Sales (managers), + Support (users))',
        'line 5: 211 Jürgen Müller, Jr.: would be created',
        'line 6: 212 山田 太郎: would be created (departments + Support (users))',
        '%s: 4 rows, 3 users: 3 to create, 0 to update, 0 unchanged, 0 failed, 0 not written' % (tmp_path / 'users.csv')]
    assert emulator.writes() == []

    apply = csv_import(tmp_path, emulator, tcx_generated_passwords_file='new-passwords.csv')
    assert [line.split(': ', 2)[2] for line in report(apply)[:-1]] == [
        'created (departments + Sales (managers), + Support (users))', 'created', 'created (departments + Support (users))']
    assert report(apply)[-1].endswith('3 created, 0 updated, 0 unchanged, 0 failed, 0 not written. Generated passwords '
                                      'of the created users: %s (mode 0600)' % (tmp_path / 'new-passwords.csv'))
    assert memberships(api, '210') == [('Sales', 'managers'), ('Support', 'users')]
    juergen = api.find('Users', "Number eq '211'")[0]
    assert (juergen['FirstName'], juergen['LastName'], juergen['EmailAddress']) == ('Jürgen', 'Müller, Jr.', '')
    assert api.find('Users', "Number eq '212'")[0]['LastName'] == '太郎'
    passwords = tmp_path / 'new-passwords.csv'
    assert oct(passwords.stat().st_mode & 0o777) == '0o600'
    rows = list(csv.DictReader(io.StringIO(passwords.read_text(encoding='utf-8'))))
    assert [(r['extension'], r['status']) for r in rows] == [('210', 'created'), ('211', 'created'), ('212', 'created')]
    for row in rows:  # a password that a spreadsheet would run as a formula is written with a leading '
        assert api.find('Users', "Number eq '%s'" % row['extension'])[0]['AccessPassword'] == unescape_cell(row['password'])

    emulator.clear_requests()
    again = csv_import(tmp_path, emulator)
    assert report(again)[-1].endswith('0 created, 0 updated, 3 unchanged, 0 failed, 0 not written')
    assert emulator.writes() == []


def test_an_excel_semicolon_file_changes_memberships_and_check_diff_says_which(emulator, api, tmp_path):
    sales = api.call('POST', 'Groups', json={'Name': 'Sales'})['Id']
    api.call('POST', 'Groups', json={'Name': 'Support'})
    api.call('POST', 'Users', json={'Number': '210', 'FirstName': 'Ada', 'LastName': 'Byron', 'Groups': [
        {'GroupId': sales, 'Rights': {'RoleName': 'users'}}]})
    api.call('POST', 'Users', json={'Number': '211', 'FirstName': 'Grace', 'LastName': 'Hopper', 'Groups': [
        {'GroupId': sales, 'Rights': {'RoleName': 'managers'}}]})
    write(tmp_path / 'hr.csv', ' First Name ;Last Name;EMAIL;Extension;Department;Role\n'
          + 'Ada;Lovelace;;210;Support;managers\n'
          + 'Grace;Hopper-King;;211;;\n', crlf=True)
    emulator.clear_requests()

    check = csv_import(tmp_path, emulator, csv_name='hr.csv', check=True)
    assert report(check)[:2] == [
        "line 2: 210 Ada Lovelace: would be updated (last_name 'Byron' -> 'Lovelace'; departments + Support (managers), "
        "- Sales (users))",
        "line 3: 211 Grace Hopper-King: would be updated (last_name 'Hopper' -> 'Hopper-King')"]
    assert emulator.writes() == []

    apply = csv_import(tmp_path, emulator, csv_name='hr.csv')
    assert report(apply)[-1].endswith('0 created, 2 updated, 0 unchanged, 0 failed, 0 not written')
    assert memberships(api, '210') == [('Support', 'managers')]
    assert memberships(api, '211') == [('Sales', 'managers')]  # no department in the file: kept


def test_bad_rows_are_named_by_line_and_column_and_nothing_is_written(emulator, api, tmp_path):
    write(tmp_path / 'users.csv', SEED_HEADER + '\n'
          + 'Ada,Lovelace,ada@example.com,210,1,\n'
          + '\n'
          + 'Bob,"Multi\nLine",not-an-email,211,,\n'
          + 'Cy,Bad,cy@example.com,abc,1,superuser\n'
          + 'Di,Short,di@example.com\n'
          + 'Ed,Smith, Jr.,ed@example.com,213,1,\n'
          + 'Fay,Nowhere,fay@example.com,214,99,\n'
          + 'Alan,Turing,,210,,\n')
    emulator.clear_requests()
    run = csv_import(tmp_path, emulator, expect_rc=2)
    assert report(run) == [
        "lines 2, 10: 210 Ada Lovelace: failed (line 10, column first_name: extension 210 is on line 2 with first_name "
        "'Ada', here 'Alan': one extension is one person; line 10, column last_name: extension 210 is on line 2 with "
        "last_name 'Lovelace', here 'Turing': one extension is one person)",
        "line 4: 211 Bob Multi\nLine: failed (column email: email 'not-an-email' is not a valid email address)",
        'line 6: abc Cy Bad: failed (column role: value of role must be one of: system_owners, system_admins, '
        "group_owners, managers, group_admins, receptionists, users, got: superuser found in departments; column "
        "extension: extension must be 2 to 10 digits, got 'abc')",
        'line 7: ? Di Short: failed (has 3 fields, the header has 6)',
        'line 8: ? Ed Smith: failed (has 7 fields, the header has 6 (a value with a comma must be in double quotes))',
        'line 9: 214 Fay Nowhere: failed (column department_id: department_id 99: the PBX has no department with this id)',
        '%s: 7 rows, 6 users: 0 created, 0 updated, 0 unchanged, 6 failed, 0 not written. Nothing was written: 8 '
        'problems in the file' % (tmp_path / 'users.csv')]
    failed = [r for r in run.records if r['status'] == 'failed']
    assert [r['task'] for r in failed] == ['Converge departments, users and every other kind of the desired state']
    assert 'users CSV: 8 problems, nothing was written: line 4, column email' in failed[0]['result']['msg']
    assert emulator.writes() == []


def test_rows_the_pbx_refuses_fail_the_play_after_the_report_and_nothing_is_written(emulator, api, tmp_path):
    api.call('POST', 'Users', json={'Number': '200', 'FirstName': 'Old', 'EmailAddress': 'taken@example.com'})
    write(tmp_path / 'users.csv', 'extension,first_name,email,department\n'
          + '210,Ada,ada@example.com,DEFAULT\n'
          + '211,Bob,taken@example.com,DEFAULT\n'
          + '212,Cy,,Marketing\n')
    run = csv_import(tmp_path, emulator, tcx_generated_passwords_file='passwords.csv', expect_rc=2)
    assert report(run) == [
        'line 2: 210 Ada: not written',
        "line 3: 211 Bob: not written",
        "line 4: 212 Cy: failed (column department: department 'Marketing' does not exist on the PBX)",
        '%s: 3 rows, 3 users: 0 created, 0 updated, 0 unchanged, 1 failed, 2 not written. Nothing was written: 1 '
        'problem in the file' % (tmp_path / 'users.csv')]

    write(tmp_path / 'users.csv', 'extension,first_name,email,department\n'
          + '210,Ada,ada@example.com,DEFAULT\n'
          + '211,Bob,taken@example.com,DEFAULT\n')
    emulator.clear_requests()
    run = csv_import(tmp_path, emulator, tcx_generated_passwords_file='passwords.csv', expect_rc=2)
    assert report(run) == [
        'line 2: 210 Ada: not written',
        "line 3: 211 Bob: failed (column email: email 'taken@example.com' already belongs to extension 200 (Old). The "
        'extension is the key of a user and cannot be changed: to move this person to the new extension, delete the '
        'old one first; or set unique_email: false to allow a shared email)',
        '%s: 2 rows, 2 users: 0 created, 0 updated, 0 unchanged, 1 failed, 1 not written. Nothing was written: 1 '
        'invalid item' % (tmp_path / 'users.csv')]
    assert emulator.writes() == [] and not (tmp_path / 'passwords.csv').exists()


def test_the_pbx_failing_is_reported_with_the_clients_message(emulator, api, tmp_path):
    write(tmp_path / 'users.csv', 'extension,first_name\n210,Ada\n211,Bob\n')
    emulator.add_fault(method='GET', path='^/xapi/v1/Users$', times=10, action='status', status=503)
    run = csv_import(tmp_path, emulator, expect_rc=2)
    message = 'reading the PBX failed: GET /xapi/v1/Users failed: HTTP 503'
    assert report(run)[:2] == ['line 2: 210 Ada: not written', 'line 3: 211 Bob: not written']
    assert message in report(run)[2] and message in run.task('Converge departments')['msg']
    assert emulator.writes() == []


def test_a_write_the_pbx_refuses_fails_its_row_only_and_the_play(emulator, api, tmp_path):
    write(tmp_path / 'users.csv', 'extension,first_name,department\n210,Ada,DEFAULT\n211,Bob,DEFAULT\n212,Cy,DEFAULT\n')
    emulator.add_fault(method='POST', path='^/xapi/v1/Users$', times=1, action='status', status=500)
    run = csv_import(tmp_path, emulator, tcx_generated_passwords_file='passwords.csv', expect_rc=2)
    lines = report(run)
    failed = [line for line in lines[:3] if ': failed (' in line]
    assert len(failed) == 1 and 'HTTP 500' in failed[0]
    assert lines[-1].endswith('2 created, 0 updated, 0 unchanged, 1 failed, 0 not written. Generated passwords of '
                              'the created users: %s (mode 0600)' % (tmp_path / 'passwords.csv'))
    extension = failed[0].split(': ')[1].split()[0]
    assert api.find('Users', "Number eq '%s'" % extension) == []
    created = sorted(set(['210', '211', '212']) - set([extension]))
    stored = list(csv.DictReader(io.StringIO((tmp_path / 'passwords.csv').read_text())))
    assert sorted(r['extension'] for r in stored if r['status'] == 'created') == created


def test_a_missing_file_is_named_by_the_absolute_path_tried(emulator, tmp_path):
    run = csv_import(tmp_path, emulator, csv_name='missing.csv', expect_rc=2)
    assert run.task('The CSV file exists')['msg'] == 'The users CSV file %s does not exist' % (tmp_path / 'missing.csv')
    assert emulator.writes() == []
