# -*- coding: utf-8 -*-
"""The phonebook's CSV import as an admin runs it with a spreadsheet export: ``provision_contacts_from_csv.yml``
reports what happened to each row, writes nothing for a file with a problem, and claims nothing it did not write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from conftest import run_playbook


def write(path, text, bom=False, crlf=False):
    if crlf:
        text = text.replace('\n', '\r\n')
    path.write_bytes((('\ufeff' if bom else '') + text).encode('utf-8'))
    return path


def report(run):
    return run.task("Report each contact of the CSV file")["msg"]


def csv_import(tmp_path, emulator, check=False, expect_rc=0, **variables):
    variables.setdefault('tcx_csv_file', 'phonebook.csv')
    return run_playbook(tmp_path, 'tcx.xapi.provision_contacts_from_csv', emulator, extra_vars=variables, check=check,
                        expect_rc=expect_rc)


def held(emulator):
    return sorted(((c['FirstName'], c['LastName'], c['CompanyName'], c['PhoneNumber'], c['Business'])
                   for c in emulator.state()['contacts']), key=lambda row: [v or '' for v in row])


def test_an_excel_export_is_checked_created_updated_and_then_unchanged(emulator, api, tmp_path):
    """Semicolons, a byte order mark, CRLF and the PBX's own column names; check mode writes nothing; each row is
    reported with its line; a changed cell is one update that says what changed; then nothing changes."""
    api.call('POST', 'Contacts', json={'FirstName': 'Jane', 'LastName': 'Roe', 'CompanyName': 'Acme', 'PhoneNumber': '+44 1'})
    path = tmp_path / 'phonebook.csv'
    write(path, 'FirstName;Last Name;CompanyName;PhoneNumber;Business\n'
          + 'jane;ROE;Acme;+44 2;\n'
          + '\n'
          + ';;"Acme; Hotline";;+44 20 7946 0000\n'
          + 'Jürgen;Müller;;;\n', bom=True, crlf=True)
    emulator.clear_requests()

    check = csv_import(tmp_path, emulator, check=True)
    assert report(check) == [
        "line 2: jane ROE (Acme): would be updated (first_name 'Jane' -> 'jane'; last_name 'Roe' -> 'ROE'; "
        "numbers.mobile '+44 1' -> '+44 2')",
        'line 4: Acme; Hotline: would be created',
        'line 5: Jürgen Müller: would be created',
        '%s: 3 rows: 2 to create, 1 to update, 0 unchanged, 0 failed, 0 not written; 0 contacts not in the file to delete' % path]
    assert emulator.writes() == []

    apply = csv_import(tmp_path, emulator)
    assert [line.split(': ', 2)[2] for line in report(apply)[:-1]] == [
        "updated (first_name 'Jane' -> 'jane'; last_name 'Roe' -> 'ROE'; numbers.mobile '+44 1' -> '+44 2')", 'created', 'created']
    assert held(emulator) == [(None, None, 'Acme; Hotline', None, '+44 20 7946 0000'), ('Jürgen', 'Müller', None, None, None),
                              ('jane', 'ROE', 'Acme', '+44 2', None)]

    emulator.clear_requests()
    again = csv_import(tmp_path, emulator)
    assert report(again)[-1].endswith('0 created, 0 updated, 3 unchanged, 0 failed, 0 not written; 0 contacts not in the file deleted')
    assert emulator.writes() == []


def test_a_file_with_problems_writes_nothing_and_names_each_line_and_column(emulator, tmp_path):
    write(tmp_path / 'phonebook.csv', 'first_name,last_name,company,mobile,email\n'
          + 'Jane,Roe,Acme,+44 1,\n'
          + 'Max,,,call me,\n'
          + ',,,+44 3,x@example.com\n'
          + 'JANE,roe,acme,,\n'
          + 'Ann,Lee,"Acme,Ltd\n')
    run = csv_import(tmp_path, emulator, expect_rc=2)
    assert report(run)[:-1] == [
        '%s/phonebook.csv: line 6: cannot be read (unexpected end of data): is a double quote (") not closed?' % tmp_path,
        'line 2: Jane Roe (Acme): not written',
        "line 3: Max: failed (column mobile: numbers.mobile must be a phone number (digits, +, spaces, ( ) . / - * #), got 'call me')",
        'line 4: ?: failed (give first_name, last_name or company (they identify the contact), or its tag)',
        'line 5: JANE roe (acme): failed (the same contact as line 2 (name and company compare ignoring case); one row per contact)']
    assert report(run)[-1].endswith('4 rows: 0 created, 0 updated, 0 unchanged, 3 failed, 1 not written; 0 contacts not in the '
                                    'file deleted. Nothing was written: 4 problems in the file')
    assert emulator.writes() == []


def test_with_prune_the_file_is_the_whole_phonebook_and_each_deletion_is_reported(emulator, api, tmp_path):
    api.call('POST', 'Contacts', json={'FirstName': 'Old', 'LastName': 'Entry'})
    api.call('POST', 'Contacts', json={'FirstName': 'From', 'LastName': 'Crm', 'ContactType': 'CRM'})
    write(tmp_path / 'phonebook.csv', 'first_name,last_name,tag\nJane,Roe,crm-1\n')
    emulator.clear_requests()
    check = csv_import(tmp_path, emulator, check=True, tcx_csv_prune=True)
    assert report(check)[:-1] == ['line 2: Jane Roe: would be created', 'not in the file: Old Entry: would be deleted']
    assert emulator.writes() == []
    run = csv_import(tmp_path, emulator, tcx_csv_prune=True)
    assert report(run)[-1].endswith('1 row: 1 created, 0 updated, 0 unchanged, 0 failed, 0 not written; 1 contact not in the file deleted')
    assert sorted(c['LastName'] for c in emulator.state()['contacts']) == ['Crm', 'Roe']
