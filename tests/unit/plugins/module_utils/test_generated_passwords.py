# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import os

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.generated_passwords import (
    COLUMNS, PasswordDelivery, PasswordsFileError, follow_up_failed, write_passwords_file,
)


def row(extension, password, status='created', **names):
    return dict({'extension': extension, 'first_name': '', 'last_name': '', 'email': '', 'password': password,
                 'status': status}, **names)


def rows_of(path):
    with open(path, newline='') as handle:
        return list(csv.DictReader(handle))


class FakeModule(object):
    def __init__(self, check_mode=False, **params):
        self.check_mode = check_mode
        self.params = dict({'generated_passwords_file': None, 'return_generated_passwords': False}, **params)
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


def test_the_file_has_the_header_and_mode_0600_whatever_the_umask(tmp_path):
    target = tmp_path / 'p.csv'
    old = os.umask(0)
    try:
        write_passwords_file(str(target), [row('100', 'Pw,with "quote"', first_name='Zoë')])
    finally:
        os.umask(old)
    assert target.read_text(encoding='utf-8').splitlines()[0] == ','.join(COLUMNS)
    assert rows_of(target) == [row('100', 'Pw,with "quote"', first_name='Zoë')]
    assert oct(target.stat().st_mode & 0o777) == '0o600'


def test_rows_of_the_same_extension_are_replaced_and_others_kept(tmp_path):
    target = tmp_path / 'p.csv'
    write_passwords_file(str(target), [row('100', 'one'), row('101', 'two')])
    target.chmod(0o644)
    write_passwords_file(str(target), [row('101', 'three', status='unconfirmed'), row('102', 'four')])
    assert rows_of(target) == [row('100', 'one'), row('101', 'three', status='unconfirmed'), row('102', 'four')]
    assert oct(target.stat().st_mode & 0o777) == '0o600'
    assert sorted(os.listdir(tmp_path)) == ['p.csv']  # no temporary file left behind


def test_a_missing_directory_is_named_with_its_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PasswordsFileError) as failure:
        write_passwords_file('nowhere/p.csv', [row('100', 'x')])
    assert 'the directory %s does not exist' % (tmp_path / 'nowhere') in str(failure.value)


def test_a_relative_path_is_resolved_against_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert write_passwords_file('p.csv', [row('100', 'x')]) == str(tmp_path / 'p.csv')


def test_the_follow_up_status_carries_the_reason():
    assert follow_up_failed('PATCH failed: HTTP 503') == 'created, follow-up failed: PATCH failed: HTTP 503'


def test_by_default_nothing_is_returned_and_a_warning_names_the_extension_not_the_password():
    module = FakeModule()
    assert PasswordDelivery(module, single=True).deliver([row('100', 'Secret-Pw-1')]) == ({}, None)
    assert len(module.warnings) == 1 and '(extension 100)' in module.warnings[0]
    assert 'Secret-Pw-1' not in module.warnings[0]


def test_returned_passwords_have_the_shape_of_each_module(tmp_path):
    rows = [row('100', 'a'), row('101', 'b')]
    single = PasswordDelivery(FakeModule(return_generated_passwords=True), single=True)
    assert single.deliver(rows[:1]) == ({'generated_password': 'a'}, None)
    many = PasswordDelivery(FakeModule(return_generated_passwords=True), single=False)
    assert many.deliver(rows) == ({'generated_passwords': {'100': 'a', '101': 'b'}}, None)


def test_check_mode_writes_nothing(tmp_path):
    target = tmp_path / 'p.csv'
    module = FakeModule(check_mode=True, generated_passwords_file=str(target))
    assert PasswordDelivery(module, single=True).deliver([row('100', 'a')]) == ({}, None)
    assert not target.exists() and module.warnings == []


def test_a_file_that_cannot_be_written_names_the_users_whose_passwords_are_not_delivered(tmp_path):
    target = tmp_path / 'p.csv'
    target.mkdir()  # a directory where the file should be: reading and replacing it fail
    delivery = PasswordDelivery(FakeModule(generated_passwords_file=str(target)), single=False)
    delivered, error = delivery.deliver([row('100', 'Secret-Pw-1')])
    assert delivered == {} and 'could not be written' in error and 'extension 100 are not delivered' in error
    assert 'Secret-Pw-1' not in error


def test_cells_a_spreadsheet_would_run_as_formulas_are_text_and_read_back_unchanged(tmp_path):
    target = tmp_path / 'p.csv'
    formula = row('100', '-Gen3rated', first_name='=HYPERLINK("http://evil","x")', last_name='+Plus',
                  email='@at.example.com')
    write_passwords_file(str(target), [formula, row('101', 'plain')])
    written = rows_of(target)
    assert written[0]['password'] == "'-Gen3rated" and written[0]['first_name'] == '\'=HYPERLINK("http://evil","x")'
    assert written[0]['last_name'] == "'+Plus" and written[0]['email'] == "'@at.example.com"
    assert all(not cell or cell[0] not in '=+-@\t\r' for r in written for cell in r.values())
    # Merging reads the file back with the collection's own reader: the kept row is not escaped twice.
    write_passwords_file(str(target), [row('101', '=new')])
    assert rows_of(target)[0] == written[0] and rows_of(target)[1]['password'] == "'=new"
    from ansible_collections.tcx.xapi.plugins.module_utils.generated_passwords import _read_rows
    assert _read_rows(str(target)) == [formula, row('101', '=new')]
