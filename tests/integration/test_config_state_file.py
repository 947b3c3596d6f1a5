# -*- coding: utf-8 -*-
"""tcx_config's state_file: the desired state read from a YAML file by the module itself, against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from test_config import DEPARTMENTS, config_task, users

PASSWORD = 'State-File-Secret-7!'


def state(**variables):
    return dict(('tcx_' + name, value) for name, value in variables.items())


def write_state(tmp_path, name='state.yml', **variables):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(state(**variables), sort_keys=False))
    return str(path)


def office():
    people = users(3)
    people[0]['password'] = PASSWORD
    return {'departments': DEPARTMENTS, 'users': people, 'parkings': [{'departments': ['Sales']}]}


def test_a_state_file_gives_what_the_options_give_and_check_mode_writes_nothing(emulator, play, api, tmp_path):
    path = write_state(tmp_path, **office())
    by_options = play([config_task(**office())], check=True, secrets=[PASSWORD]).result()
    by_file = play([config_task(state_file=path)], check=True, secrets=[PASSWORD],
                   env={'ANSIBLE_INJECT_INVOCATION': 'true'}).result()  # ansible-core 2.21 echoes nothing by default
    assert emulator.writes() == []
    assert by_file['changed'] is True and by_file['summary']['users']['create'] == 3
    assert (by_file['changes'], by_file['diff'], by_file['summary']) == (by_options['changes'], by_options['diff'], by_options['summary'])
    # The echo shows the options as given: the path, not the file's items.
    assert by_file['invocation']['module_args']['state_file'] == path
    assert by_file['invocation']['module_args']['users'] == []

    applied = play([config_task(state_file=path)], secrets=[PASSWORD]).result()
    assert applied['changed'] is True and applied['summary']['departments']['create'] == 2
    assert sorted(u['Number'] for u in api.find('Users', "startswith(Number,'20')")) == ['200', '201', '202']
    emulator.clear_requests()
    again = play([config_task(state_file=path)], check=True, secrets=[PASSWORD]).result()
    assert again['changed'] is False and again['summary']['users']['unchanged'] == 3
    assert [r['method'] for r in emulator.requests() if r['path'].startswith('/xapi/')] == ['GET'] * len(
        [r for r in emulator.requests() if r['path'].startswith('/xapi/')])


def test_the_file_s_lists_take_the_place_of_the_options_of_the_same_name(emulator, play, tmp_path):
    path = write_state(tmp_path, departments=DEPARTMENTS, users=users(1, start=250), prune=['parkings'])
    result = play([config_task(state_file=path, departments=[{'name': 'Elsewhere'}], users=users(2),
                               livechats=[{'link': 'sales-chat', 'department': 'Sales'}])], check=True).result()
    planned = sorted((c['kind'], c['key'], c['action']) for c in result['changes'])
    # users and departments from the file, livechats (not in the file) from the option, prune from the file.
    assert planned == [('department', 'Sales', 'create'), ('department', 'Support', 'create'),
                       ('live chat link', 'sales-chat', 'create'), ('user', '250', 'create')]
    assert emulator.writes() == []


def test_an_unreadable_or_malformed_state_file_fails_naming_the_option(emulator, play, tmp_path):
    (tmp_path / 'list.yml').write_text('- tcx_users: []\n')
    (tmp_path / 'bad.yml').write_text('tcx_users: [\n')
    (tmp_path / 'shape.yml').write_text('tcx_users: {extension: "200"}\n')
    (tmp_path / 'prune.yml').write_text('tcx_prune: [everything]\n')
    cases = [
        (str(tmp_path / 'missing.yml'), 'state_file %s cannot be read: No such file or directory' % (tmp_path / 'missing.yml')),
        (str(tmp_path / 'list.yml'), "state_file %s must hold the provision role's variables (a mapping" % (tmp_path / 'list.yml')),
        (str(tmp_path / 'bad.yml'), 'state_file %s is not valid YAML' % (tmp_path / 'bad.yml')),
        (str(tmp_path / 'shape.yml'), 'tcx_users must be a list of mappings (each a user with its options)'),
        (str(tmp_path / 'prune.yml'), 'tcx_prune must be a list of kinds out of departments, users'),
    ]
    result = play([dict(config_task(state_file=path), ignore_errors=True) for path, _message in cases])
    for record, (path, message) in zip(result.records, cases):
        assert record['status'] == 'failed' and message in record['result']['msg'], (path, record['result'])
    assert emulator.writes() == []


def test_an_invalid_item_in_the_file_is_refused_before_any_write_and_its_secret_never_shown(emulator, play, tmp_path):
    people = users(3)
    people[1]['password'] = PASSWORD
    people[1]['departments'][0]['role'] = 'overlord'
    path = write_state(tmp_path, departments=DEPARTMENTS, users=people)
    result = play([config_task(state_file=path)], secrets=[PASSWORD])  # the run is scanned for the password
    message = result.result()['msg']
    assert result.rc != 0 and message.startswith('1 invalid item, nothing was written')
    assert "users[1] (user '201')" in message and 'overlord' in message
    assert emulator.writes() == []


# -- audit.yml with tcx_state_file -------------------------------------------------------------

def audit(tmp_path, emulator, **variables):
    from conftest import run_playbook
    return run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=dict(variables, tcx_report_dir='reports'),
                        secrets=[PASSWORD])


def test_the_audit_compares_a_state_file_and_a_csv_file_together_and_writes_nothing(emulator, play, tmp_path):
    import json
    play([config_task(departments=DEPARTMENTS, users=users(2))])
    people = users(2)
    people[0]['password'] = PASSWORD  # in the file; the audit shows it nowhere (the run is scanned for it)
    people[1]['first_name'] = 'Renamed'
    write_state(tmp_path, departments=DEPARTMENTS, users=people)
    (tmp_path / 'users.csv').write_text('extension,first_name,last_name,department\n300,Ada,Lovelace,Support\n', encoding='utf-8')
    emulator.clear_requests()
    run = audit(tmp_path, emulator, tcx_state_file='state.yml', tcx_users_csv='users.csv',
                tcx_users=[{'extension': '299', 'first_name': 'Not compared: the file has tcx_users'}])
    assert emulator.writes() == []
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text(encoding='utf-8'))
    assert [(o['kind'], o['key'], o['action']) for o in report['objects']] == [('users', '201', 'update'), ('users', '300', 'create')]
    assert report['summary']['users']['unchanged'] == 1
    assert run.task('Compare the PBX')['ansible_stats']['data']['tcx_drift'] == {'localhost': True}

    # The state file alone: the file's users take the place of the variable's (user 299 is not compared).
    run = audit(tmp_path, emulator, tcx_state_file='state.yml', tcx_users=[{'extension': '299'}])
    assert run.task('Compare the PBX')['changed'] is True
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text(encoding='utf-8'))
    assert [(o['key'], o['action'], o['fields']) for o in report['objects']] == [
        ('201', 'update', [{'field': 'first_name', 'pbx': 'User', 'desired': 'Renamed'}])]
    assert emulator.writes() == []


def test_the_audit_fails_naming_a_state_file_that_does_not_exist(emulator, tmp_path):
    from conftest import run_playbook
    run = run_playbook(tmp_path, 'audit.yml', emulator, expect_rc=None,
                       extra_vars={'tcx_state_file': 'missing.yml', 'tcx_report_dir': 'reports'})
    assert run.rc != 0
    assert 'state_file %s cannot be read: No such file or directory' % (tmp_path / 'missing.yml') in run.task('Compare the PBX')['msg']
    assert emulator.writes() == []
