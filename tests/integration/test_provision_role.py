# -*- coding: utf-8 -*-
"""The provision role: variables and a CSV file converged by one tcx_config task."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest


def role_task(**variables):
    return {'name': 'provision', 'ansible.builtin.include_role': {'name': 'tcx.xapi.provision'}, 'vars': variables}


def test_role_converges_variables_and_csv_users_and_is_idempotent(emulator, play, api, tmp_path):
    csv_file = tmp_path / 'users.csv'
    csv_file.write_text('first_name,last_name,email,extension,department,role\n'
                        'Zoë,Ångström,zoe@example.com,301,Support,managers\n'
                        "Seán,O'Brien,sean@example.com,302,Support,\n", encoding='utf-8')
    variables = {'tcx_departments': [{'name': 'Support'}],
                 'tcx_users': [{'extension': '300', 'first_name': 'Ada', 'departments': [{'name': 'Support'}]}],
                 'tcx_users_csv': str(csv_file)}
    first = play([role_task(**variables)])
    assert first.rc == 0, first
    converge = [r for r in first.records if r['action'] == 'tcx.xapi.tcx_config'][0]['result']
    assert converge['summary']['users']['create'] == 3
    zoe = api.find('Users', "Number eq '301'", **{'$expand': 'Groups($expand=Rights)'})[0]
    assert (zoe['FirstName'], zoe['LastName'], zoe['Groups'][0]['Rights']['RoleName']) == ('Zoë', 'Ångström', 'managers')
    emulator.clear_requests()
    second = play([role_task(**variables)])
    assert [r['result']['changed'] for r in second.records if r['action'] == 'tcx.xapi.tcx_config'] == [False]
    assert emulator.writes() == []


def test_role_converges_holidays_and_office_hours_and_leaves_them_alone_by_default(emulator, play):
    variables = {'tcx_holidays': [{'name': 'Christmas', 'date': '12-25'}],
                 'tcx_office_hours': {'hours': {'monday': [{'from': '08:00', 'to': '16:00'}]}, 'language': 'DE'}}
    run = play([role_task(**variables), role_task(**variables), role_task()], expect_rc=0)
    converges = [n for n, r in enumerate(run.records) if r['action'] == 'tcx.xapi.tcx_config']
    first, second, untouched = [run.records[n]['result'] for n in converges]
    assert [(c['kind'], c['action']) for c in first['changes']] == [('holiday', 'create'), ('office hours', 'update')]
    assert second['changed'] is False and untouched['changed'] is False
    # Without the variables the role passes no office hours: the third converge does not even read them
    # (the result's invocation would show it too, but ansible-core 2.21 no longer returns one by default).
    assert [r['path'] for r in run.requests(converges[2]) if r['path'].endswith('/OfficeHours')] == []
    assert [r['path'] for r in run.requests(converges[0]) if r['path'].endswith('/OfficeHours')] != []
    assert sorted(w['method'] for w in emulator.writes()) == ['PATCH', 'POST']
    assert emulator.state()['office_hours']['SystemLanguage'] == 'DE'


@pytest.mark.parametrize('variables, message', [
    ({'tcx_users': 'not a list'}, 'tcx_users'),
    ({'tcx_prune': ['phones']}, 'tcx_prune'),
    ({'tcx_parallel': 'many'}, 'tcx_parallel'),
    ({'tcx_office_hours': ['monday']}, 'tcx_office_hours'),
])
def test_role_argument_spec_rejects_wrong_variable_types(emulator, play, variables, message):
    result = play([role_task(**variables)])
    assert result.rc != 0
    failed = [r for r in result.records if r['status'] == 'failed'][0]['result']
    assert 'Validation of arguments failed' in failed['msg'] and message in failed['msg']
    assert emulator.writes() == []


def test_bad_csv_row_is_named_and_nothing_is_written(emulator, play, tmp_path):
    csv_file = tmp_path / 'users.csv'
    csv_file.write_text('first_name,last_name,email,extension,department,role\n'
                        'A,B,a@example.com,301,Support,users\nC,D,c@example.com,301,Support,users\n')
    result = play([role_task(tcx_departments=[{'name': 'Support'}], tcx_users_csv=str(csv_file))])
    assert result.rc != 0
    report = [r for r in result.records if r['task'] == 'Report each user of the CSV file'][0]['result']['msg']
    assert report[0].startswith("lines 2, 3: 301 A B: failed (line 3, column first_name: extension 301 is on line 2 "
                                "with first_name 'A', here 'C': one extension is one person; ")
    assert report[1].endswith('1 failed, 0 not written. Nothing was written: 3 problems in the file')
    assert emulator.writes() == []
