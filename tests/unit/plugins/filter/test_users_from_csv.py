# -*- coding: utf-8 -*-
"""The users CSV filter: what spreadsheets write is read, and every problem is named by line and column."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.filter.absolute_path import absolute_path
from ansible_collections.tcx.xapi.plugins.filter.users_csv_report import describe_change, users_csv_report
from ansible_collections.tcx.xapi.plugins.filter.users_from_csv import read_users_csv, users_from_csv
from ansible_collections.tcx.xapi.plugins.plugin_utils.csv_rows import refused_items

PBX = ({'Id': 1, 'Name': 'DEFAULT'}, {'Id': 7, 'Name': 'Sales'}, {'Id': 9, 'Name': 'Support'})
SEED_HEADER = 'first_name,last_name,email,extension,department_id,role\n'


def problems(text, departments=PBX):
    return [str(p) for p in read_users_csv(text, departments).problems]


# -- reading what spreadsheets write -------------------------------------------------------------

def test_the_reference_documents_format_works_as_is():
    text = SEED_HEADER + 'Ada,Lovelace,ada@example.com,210,7,managers\nGrace,Hopper,grace@example.com,211,9,\n'
    assert users_from_csv(text, PBX) == [
        {'extension': '210', 'first_name': 'Ada', 'last_name': 'Lovelace', 'email': 'ada@example.com',
         'departments': [{'name': 'Sales', 'role': 'managers'}]},
        {'extension': '211', 'first_name': 'Grace', 'last_name': 'Hopper', 'email': 'grace@example.com',
         'departments': [{'name': 'Support', 'role': 'users'}]}]


@pytest.mark.parametrize('delimiter', [',', ';', '\t'])
def test_the_delimiter_is_detected(delimiter):
    text = delimiter.join(['First Name ', ' LAST_NAME', 'Email', 'Extension', 'Department', 'Role']) + '\n'
    text += delimiter.join(['Jürgen', '"Müller, Jr.; Sohn"', '', '210', 'Sales', '']) + '\n'
    assert users_from_csv(text, PBX) == [{'extension': '210', 'first_name': 'Jürgen', 'last_name': 'Müller, Jr.; Sohn',
                                          'departments': [{'name': 'Sales', 'role': 'users'}]}]


def test_bom_crlf_blank_lines_and_quoted_line_breaks_keep_physical_line_numbers():
    text = ('\ufeff' + SEED_HEADER.replace('\n', '\r\n') + '\r\n'
            + '山田,太郎,yamada@example.jp,212,1,\r\n'
            + '"Jo\r\nAnn",Smith,jo@example.com,213,,\r\n'
            + ',,,,,\r\n'
            + 'Bad,Row,bad@example.com,21x,,\r\n')
    parsed = read_users_csv(text, PBX)
    assert [(u.extension, u.lines) for u in parsed.users] == [('212', [3]), ('213', [4]), ('21x', [7])]
    assert parsed.users[0].item()['first_name'] == '山田'
    assert [str(p) for p in parsed.problems] == ["line 7, column extension: extension must be 2 to 10 digits, got '21x'"]


def test_an_empty_cell_leaves_the_option_alone_and_no_department_keeps_the_memberships():
    assert users_from_csv(SEED_HEADER + ',,,214,,\n', PBX) == [{'extension': '214'}]


def test_other_plain_options_of_tcx_user_are_columns_typed_by_its_spec():
    text = 'extension,mobile,enabled,vm_email_options\n215,+4930123,no,Attachment\n'
    assert users_from_csv(text) == [{'extension': '215', 'mobile': '+4930123', 'enabled': False,
                                     'vm_email_options': 'Attachment'}]


def test_several_rows_of_one_person_are_one_user_in_several_departments():
    text = SEED_HEADER + 'Ada,Lovelace,ada@example.com,210,7,managers\n,,,210,9,\nAda,,,210,,\n'
    assert users_from_csv(text, PBX) == [{'extension': '210', 'first_name': 'Ada', 'last_name': 'Lovelace',
                                          'email': 'ada@example.com',
                                          'departments': [{'name': 'Sales', 'role': 'managers'},
                                                          {'name': 'Support', 'role': 'users'}]}]


def test_department_names_and_ids_may_both_be_given_when_they_agree():
    text = 'extension,department,department_id\n210,Sales,7\n211,Sales,9\n'
    assert problems(text) == ["line 3, column department: department 'Sales' is not department_id 9 ('Support')"]


def test_departments_that_the_same_run_creates_count_as_known():
    text = 'extension,department\n210,Vertrieb Süd\n211,Gone\n'
    known = list(PBX) + [{'name': 'Vertrieb Süd'}, {'name': 'Gone', 'state': 'absent'}]
    assert problems(text, known) == ["line 3, column department: department 'Gone' does not exist on the PBX"]


# -- problems, each with its line and column -----------------------------------------------------

def test_every_bad_row_is_named_with_its_line_and_column():
    text = (SEED_HEADER + '\n'
            + 'Ada,Lovelace,ada@example.com,210,7,superuser\n'
            + 'Bob,Nobody,not-an-email,211,,\n'
            + 'Cy,Short,cy@example.com\n'
            + 'Di,Long,Extra,di@example.com,212,7,\n'
            + 'Ed,Unknown,ed@example.com,213,42,\n'
            + 'Fay,Text,fay@example.com,214,Sales,\n'
            + 'Gus,Role,gus@example.com,215,,managers\n'
            + ',,,,7,\n')
    assert problems(text) == [
        'line 3, column role: value of role must be one of: system_owners, system_admins, group_owners, managers, '
        'group_admins, receptionists, users, got: superuser found in departments',
        "line 4, column email: email 'not-an-email' is not a valid email address",
        'line 5: has 3 fields, the header has 6',
        'line 6: has 7 fields, the header has 6 (a value with a comma must be in double quotes)',
        'line 7, column department_id: department_id 42: the PBX has no department with this id',
        "line 8, column department_id: department_id must be the number of a department, got 'Sales'",
        "line 9, column role: role 'managers' needs a department on the same row",
        'line 10, column extension: extension is empty: every row needs the extension that identifies the user',
    ]


def test_one_extension_with_another_person_is_an_error_naming_both_lines():
    text = SEED_HEADER + 'Ada,Lovelace,ada@example.com,210,7,\nAlan,Turing,alan@example.com,210,9,\n'
    assert problems(text) == [
        "line 3, column first_name: extension 210 is on line 2 with first_name 'Ada', here 'Alan': one extension is one person",
        "line 3, column last_name: extension 210 is on line 2 with last_name 'Lovelace', here 'Turing': one extension is "
        "one person",
        "line 3, column email: extension 210 is on line 2 with email 'ada@example.com', here 'alan@example.com': one "
        "extension is one person"]


def test_the_same_department_twice_for_one_user_is_an_error():
    text = SEED_HEADER + 'Ada,,,210,7,users\nAda,,,210,7,managers\n'
    assert problems(text) == ["line 3, column department: extension 210 is in department 'Sales' on line 2 already: "
                              "one row per department"]


def test_an_unknown_department_name_is_refused_with_the_spelling_the_pbx_has():
    assert problems('extension,department\n210,sales\n') == [
        "line 2, column department: department 'sales' does not exist on the PBX (the PBX has 'Sales': write it the "
        "same way)"]


def test_department_id_needs_the_departments_of_the_pbx():
    assert problems(SEED_HEADER + ',,,210,7,\n', None) == [
        'line 2, column department_id: department_id needs the departments of the PBX (users_from_csv(departments=...))']


@pytest.mark.parametrize('text, message', [
    ('', 'line 1: the file is empty: the first line must name the columns, for example '
         'first_name,last_name,email,extension,department_id,role'),
    ('\n\nfirst_name,extension\n\n', 'line 3: the file has a header but no user rows'),
    ('first_name,e-mail,extension\nAda,a@example.com,210\n', "line 1: unknown column 'e_mail' (comma-separated; the columns are "),
    ('first_name;last_name\nAda;Lovelace\n', 'line 1: no extension column: every row needs the extension'),
    ('extension,Extension\n210,211\n', 'line 1: column extension more than once'),
    ('extension,first_name\n210,"Ada\n211,Bob\n', 'line 2: cannot be read (unexpected end of data): is a double quote (") not closed?'),
])
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(text, message):
    assert problems(text)[0].startswith(message)


def test_the_filter_refuses_a_file_with_problems_naming_each():
    with pytest.raises(AnsibleFilterError) as failure:
        users_from_csv(SEED_HEADER + ',,,abc,,\n,,,,,\n,,,21,,x\n', PBX)
    assert str(failure.value) == ("users CSV: 2 problems, nothing was written: line 2, column extension: extension must "
                                  "be 2 to 10 digits, got 'abc'; line 4, column role: role 'x' needs a department on "
                                  "the same row")


# -- the report ------------------------------------------------------------------------------------

def test_a_change_is_described_in_option_names_with_memberships_and_without_secrets():
    before = [{'name': 'Sales', 'role': 'users'}, {'name': 'Support', 'role': 'users'}]
    after = [{'name': 'Sales', 'role': 'managers'}, {'name': 'DEFAULT', 'role': 'users'}]
    diff = {'before': {'last_name': 'Byron', 'password': 'x', 'departments': before},
            'after': {'last_name': 'Lovelace', 'password': 'y', 'departments': after}}
    assert describe_change('update', diff) == ("last_name 'Byron' -> 'Lovelace'; departments + DEFAULT (users), "
                                               "- Support (users), Sales role users -> managers")
    assert describe_change('create', {'before': {}, 'after': {'first_name': 'Ada', 'vm_pin': '1234'}}) == ''


def test_the_refusal_of_tcx_config_is_read_per_item():
    message = ("2 invalid items, nothing was written: users[0] (user '210'): email 'a@b.c' already belongs to extension "
               "211 (A B) | departments[1] (department 'Sales | Support'): name x")
    assert refused_items(message) == {('user', '210'): "email 'a@b.c' already belongs to extension 211 (A B)",
                                      ('department', 'Sales | Support'): 'name x'}


def test_the_report_gives_each_user_its_outcome():
    text = SEED_HEADER + 'Ada,Lovelace,,210,7,\nBob,B,,211,,\nCy,C,,212,,\n\nDi,D,,213,,\n'
    result = {'summary': {}, 'changes': [
        {'kind': 'user', 'key': '210', 'action': 'create', 'failed': False,
         'diff': {'before': {}, 'after': {'departments': [{'name': 'Sales', 'role': 'users'}]}}},
        {'kind': 'user', 'key': '211', 'action': 'update', 'failed': False,
         'diff': {'before': {'last_name': 'A'}, 'after': {'last_name': 'B'}}},
        {'kind': 'user', 'key': '213', 'action': 'create', 'failed': True, 'diff': {}}],
        'failures': [{'kind': 'user', 'key': '213', 'msg': "users[3] (user '213'): HTTP 500"}]}
    report = users_csv_report(text, result, PBX, check_mode=False, source='u.csv', passwords_file='/p.csv')
    assert report['lines'] == ["line 2: 210 Ada Lovelace: created (departments + Sales (users))",
                               "line 3: 211 Bob B: updated (last_name 'A' -> 'B')",
                               'line 4: 212 Cy C: unchanged',
                               'line 6: 213 Di D: failed (HTTP 500)']
    assert report['summary'] == ('u.csv: 4 rows, 4 users: 1 created, 1 updated, 1 unchanged, 1 failed, 0 not written. '
                                 'Generated passwords of the created users: /p.csv (mode 0600)')
    assert report['failed'] is True


def test_the_report_of_a_refused_import_says_not_written():
    text = SEED_HEADER + 'Ada,Lovelace,,210,7,\nBob,B,,abc,,\n'
    report = users_csv_report(text, {'failed': True, 'msg': 'filter failed'}, PBX, check_mode=True)
    assert report['lines'] == ['line 2: 210 Ada Lovelace: not written',
                               "line 3: abc Bob B: failed (column extension: extension must be 2 to 10 digits, got 'abc')"]
    assert report['summary'] == ('the CSV file: 2 rows, 2 users: 0 to create, 0 to update, 0 unchanged, 1 failed, '
                                 '1 not written. Nothing was written: 1 problem in the file')
    assert report['counts'] == {'created': 0, 'updated': 0, 'unchanged': 0, 'failed': 1, 'not written': 1}


def test_relative_paths_are_taken_from_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert absolute_path('users.csv') == str(tmp_path / 'users.csv')
    assert absolute_path('/srv/users.csv') == '/srv/users.csv'
    assert absolute_path('') == ''


def test_cells_escaped_against_formulas_are_read_back_as_written_originally(tmp_path):
    from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import escape_cell
    values = ['210', '-Ann', '=Lee', '+ann@example.com']
    text = 'extension,first_name,last_name,email\n' + ','.join(escape_cell(v) for v in values) + '\n'
    assert "'-Ann" in text and "'=Lee" in text
    assert users_from_csv(text) == [{'extension': '210', 'first_name': '-Ann', 'last_name': '=Lee', 'email': '+ann@example.com'}]
