# -*- coding: utf-8 -*-
"""contacts_from_csv: a phonebook CSV as spreadsheets write it, to tcx_contact items, every problem with its line."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.filter.contacts_csv_report import contacts_csv_report
from ansible_collections.tcx.xapi.plugins.filter.contacts_from_csv import contacts_from_csv, read_contacts_csv


def test_the_pbx_property_names_and_spelled_out_headers_are_columns():
    text = 'FirstName\tLast Name\tCompany Name\tPhoneNumber\tMobile 2\tBusinessFax\ttag\nJane\tRoe\tAcme\t+1 1\t\t+1 2\tx-1\n'
    assert contacts_from_csv(text) == [{'first_name': 'Jane', 'last_name': 'Roe', 'company': 'Acme', 'tag': 'x-1',
                                        'numbers': {'mobile': '+1 1', 'business_fax': '+1 2'}}]


def test_a_problem_names_line_and_column_and_mobile_is_not_mobile_2():
    parsed = read_contacts_csv('company,mobile,mobile_2\n\nAcme,,555-x\n')
    assert [str(p) for p in parsed.problems] == [
        "line 3, column mobile_2: numbers.mobile_2 must be a phone number (digits, +, spaces, ( ) . / - * #), got '555-x'"]


def test_two_rows_with_one_tag_are_one_contact_twice():
    with pytest.raises(AnsibleFilterError, match=r"^contacts CSV: 1 problem, nothing was written: line 3, column tag: the same "
                                                 r"contact as line 2 \(the same tag\); one row per contact$"):
        contacts_from_csv('first_name,tag\nA,t1\nB,t1\n')


def test_an_unknown_column_is_refused_naming_the_columns():
    with pytest.raises(AnsibleFilterError, match=r"line 1: unknown column 'e_mail' \(comma-separated; the columns are first_name, "):
        contacts_from_csv('first_name,e-mail\nA,a@example.com\n')


def test_the_report_of_a_refused_converge_names_the_refused_row_and_writes_nothing_else():
    text = 'first_name,last_name,company\nJane,Roe,Acme\nMax,Moe,\n'
    result = {'msg': "1 invalid item, nothing was written: contacts[1] (contact 'Max Moe'): something is wrong"}
    report = contacts_csv_report(text, result)
    assert report['lines'] == ['line 2: Jane Roe (Acme): not written', 'line 3: Max Moe: failed (something is wrong)']
    assert report['failed'] is True
    assert report['summary'].endswith('Nothing was written: 1 invalid item')
