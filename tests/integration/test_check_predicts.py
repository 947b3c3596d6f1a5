# -*- coding: utf-8 -*-
"""Check mode predicts the real run: the same refusal with the same message, or the same change and diff.

Each test runs one play of independent tasks twice: first with ``--check`` (the emulator's request
log must then hold no write), then for real. Every task must end alike in both runs: failed with the
same message, or ``changed`` with the same diff. Tasks use objects of their own, so that no task's
real run changes what another task sees.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from conftest import emulator_env, run_ansible

READ_ONLY_ACTIONS = ('/xapi/v1/WebsiteLinks/Pbx.ValidateLink',)


def task(title, module, **options):
    return {'name': title, 'tcx.xapi.' + module: options, 'ignore_errors': True}


def outcome(record):
    """What a task's run promises: its failure message, or changed and diff."""
    result = record['result']
    if record['status'] == 'failed':
        return ('failed', result.get('msg'))
    return ('changed' if result.get('changed') else 'ok', result.get('diff'))


def audit(emulator, workdir, variables):
    """Run the audit playbook against ``emulator`` in ``workdir`` with ``variables``."""
    return run_ansible('audit.yml', emulator, env=emulator_env(emulator), workdir=workdir, expect_rc=0,
                       extra_vars=variables)


def check_then_real(emulator, play, tasks):
    """Run ``tasks`` with --check (asserting no write), then for real; return ``{task: (check, real)}`` records."""
    emulator.clear_requests()
    checked = play(tasks, check=True)
    writes = [(w['method'], w['path']) for w in emulator.writes() if w['path'] not in READ_ONLY_ACTIONS]
    assert writes == [], 'check mode wrote: %r' % writes
    real = play(tasks)
    by_name = dict((r['task'], r) for r in real.records)
    return dict((r['task'], (r, by_name[r['task']])) for r in checked.records)


def assert_alike(runs):
    problems = ['%s: check %r, real %r' % (name, outcome(check), outcome(real))
                for name, (check, real) in sorted(runs.items()) if outcome(check) != outcome(real)]
    assert not problems, '\n'.join(problems)


def group_id(api, name):
    return api.find('Groups', "Name eq '%s'" % name)[0]['Id']


def add_user(api, number, group, email=None, first='Grace', last='Hopper'):
    api.call('POST', 'Users', json={'Number': number, 'FirstName': first, 'LastName': last, 'EmailAddress': email,
                                    'Groups': [{'GroupId': group, 'Rights': {'RoleName': 'users'}}]})


def test_check_mode_fails_where_the_real_run_fails_with_the_same_message(emulator, api, play):
    busy = api.call('POST', 'Groups', json={'Name': 'Busy'})['Id']
    add_user(api, '150', busy, email='taken@example.com')
    tasks = [
        task('department with members', 'tcx_department', name='busy', state='absent'),
        task('config: department with members', 'tcx_config', departments=[{'name': 'Busy', 'state': 'absent'}]),
        task('email taken in another case', 'tcx_user', extension='161', email='TAKEN@example.com'),
        task('config: one email twice', 'tcx_config', users=[{'extension': '162', 'email': 'same@example.com'},
                                                             {'extension': '163', 'email': 'SAME@example.com'}]),
        task('config: department deleted and used', 'tcx_config', departments=[{'name': 'Busy', 'state': 'absent'}],
             users=[{'extension': '150', 'state': 'absent'}, {'extension': '164', 'departments': [{'name': 'BUSY'}]}]),
        task('config: unknown department', 'tcx_config', users=[{'extension': '165', 'departments': [{'name': 'Nowhere'}]}]),
        task('config: route to a deleted user', 'tcx_config', departments=[
            {'name': 'Busy', 'routing': {'office_hours': {'to': 'Extension', 'number': '150'}}}],
            users=[{'extension': '150', 'state': 'absent'}]),
    ]
    runs = check_then_real(emulator, play, tasks)
    assert_alike(runs)
    messages = dict((name, check['result']['msg']) for name, (check, real) in runs.items())
    assert all(check['status'] == 'failed' for check, real in runs.values()), messages
    assert messages['department with members'] == (
        "department 'busy': cannot delete: the department still has members (1: user 150 (Hopper, Grace)); move them "
        "to another department or delete them first (WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED)")
    assert ("departments[0] (department 'Busy'): cannot delete: the department still has members (1: user 150"
            in messages['config: department with members'])
    assert "email 'TAKEN@example.com' already belongs to extension 150 (Grace Hopper)" in messages['email taken in another case']
    assert ("users[1] (user '163'): email 'SAME@example.com' is also given to users[0] (user '162')"
            in messages['config: one email twice'])
    assert ("departments[0] (department 'Busy'): cannot delete: users[1] (user '164') of this task refers to it"
            in messages['config: department deleted and used'])
    assert "still has members" not in messages['config: department deleted and used']  # user 150 goes first
    assert "users[0] (user '165'): unknown department 'Nowhere'" in messages['config: unknown department']
    assert ("users[0] (user '150'): cannot delete: department 'Busy' routes office hours calls to it"
            in messages['config: route to a deleted user'])
    assert emulator.writes() == []


def test_check_mode_predicts_changes_under_the_pbx_comparison(emulator, api, play):
    sales = api.call('POST', 'Groups', json={'Name': 'Sales', 'Language': 'EN'})['Id']
    support = api.call('POST', 'Groups', json={'Name': 'Support'})['Id']
    empty = api.call('POST', 'Groups', json={'Name': 'Leaving'})['Id']
    add_user(api, '151', empty, first='Alan', last='Turing')
    add_user(api, '152', sales, email='old@example.com', first='Ada', last='Lovelace')
    tasks = [
        task('case-only rename', 'tcx_department', name='SALES', language='DE'),
        task('department in another case', 'tcx_user', extension='160', first_name='Lin',
             departments=[{'name': 'support', 'role': 'managers'}]),
        task('live chat department in another case', 'tcx_livechat', link='help', department='SUPPORT'),
        task('config: members leave with the department', 'tcx_config',
             departments=[{'name': 'leaving', 'state': 'absent'}], users=[{'extension': '151', 'state': 'absent'}]),
        task('config: an email moves to a new user', 'tcx_config', users=[
            {'extension': '152', 'email': 'new@example.com'}, {'extension': '166', 'email': 'OLD@example.com'}]),
    ] + [task('zone %s' % zone, 'tcx_department', name='Zone %d' % index, timezone=zone)
         for index, zone in enumerate(['Europe/Vienna', 'UTC', 'Europe/Kyiv', 'W. Europe Standard Time'])]
    runs = check_then_real(emulator, play, tasks)
    assert_alike(runs)
    results = dict((name, real['result']) for name, (check, real) in runs.items())
    assert all(r['changed'] for r in results.values()), results
    assert results['case-only rename']['diff'] == {'before': {'name': 'Sales', 'language': 'EN'},
                                                   'after': {'name': 'SALES', 'language': 'DE'}}
    assert api.call('GET', 'Groups(%d)' % sales)['Name'] == 'SALES'
    assert results['department in another case']['diff']['after']['departments'] == [{'name': 'support', 'role': 'managers'}]
    assert api.find('Users', "Number eq '160'", **{'$expand': 'Groups'})[0]['Groups'][0]['GroupId'] == support
    assert results['live chat department in another case']['diff']['after']['department'] == 'Support'
    leaving = results['config: members leave with the department']
    assert (leaving['summary']['departments']['delete'], leaving['summary']['users']['delete']) == (1, 1)
    assert leaving['diff']['before']['departments']['leaving']['name'] == 'Leaving'
    assert leaving['diff']['before']['users']['151']['extension'] == '151'
    assert leaving['diff']['after']['departments']['leaving'] == {}
    moved = results['config: an email moves to a new user']
    assert moved['diff']['after']['users']['166'] == {'extension': '166', 'email': 'OLD@example.com'}
    zones = dict((g['Name'], g['TimeZoneId']) for g in api.find('Groups', "startswith(Name, 'Zone')"))
    assert zones == {'Zone 0': '60', 'Zone 1': '51', 'Zone 2': '72', 'Zone 3': '60'}
    assert [results['zone %s' % z]['diff']['after']['timezone'] for z in ('Europe/Vienna', 'UTC')] == ['Europe/Vienna', 'UTC']

    emulator.clear_requests()
    again = play(tasks)
    assert [r['task'] for r in again.records if r['result'].get('changed')] == [], 'a second run changed something'
    assert [w for w in emulator.writes() if w['path'] not in READ_ONLY_ACTIONS] == []


def test_a_url_with_the_api_path_works_and_refused_credentials_fail_system_info(emulator, play):
    tasks = [task('url %s' % suffix, 'tcx_system_info', url=emulator.url + suffix) for suffix in ('/xapi/v1', '/xapi/v1/')]
    tasks.append(task('refused credentials', 'tcx_system_info', client_secret='bad'))
    tasks.append(task('refused credentials as data', 'tcx_system_info', client_secret='bad', fail_on_bad_credentials=False))
    result = play(tasks)
    by_name = dict((r['task'], r) for r in result.records)
    for suffix in ('/xapi/v1', '/xapi/v1/'):
        record = by_name['url %s' % suffix]
        assert record['status'] == 'ok' and record['result']['api_ok'] is True, record
    refused = by_name['refused credentials']
    assert refused['status'] == 'failed' and refused['result']['credentials_ok'] is False
    assert refused['result']['msg'].startswith('credentials refused: login to %s' % emulator.url)
    assert by_name['refused credentials as data']['status'] == 'ok'


def test_the_audit_reports_objects_the_desired_state_does_not_name(emulator, api, tmp_path):
    sales = api.call('POST', 'Groups', json={'Name': 'Sales'})['Id']
    add_user(api, '101', sales, first='Zoë', last='Müller | Admin')
    eve_id = api.call('POST', 'Users', json={'Number': '102', 'FirstName': 'Eve', 'LastName': 'Hand',
                                             'Groups': [{'GroupId': sales, 'Rights': {'RoleName': 'system_owners'}}]})['Id']
    desired = {'tcx_departments': [{'name': 'Sales'}],
               'tcx_users': [{'extension': '101', 'first_name': 'Zoë', 'last_name': 'Müller | Chef'}],
               'tcx_report_dir': str(tmp_path / 'reports')}
    emulator.clear_requests()
    audit(emulator, tmp_path, desired)
    assert emulator.writes() == []
    report_json = (tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text(encoding='utf-8')
    report = json.loads(report_json)
    assert 'Müller | Admin' in report_json and '\\u00fc' not in report_json
    assert report['summary']['users']['unmanaged'] == 1 and report['drifting'] == 2
    eve = [o for o in report['objects'] if o['key'] == '102'][0]
    assert eve['action'] == 'unmanaged'
    assert {'field': 'departments', 'pbx': [{'name': 'Sales', 'role': 'system_owners'}], 'desired': None} in eve['fields']
    # No item manages forwarding or phones: the users' listing leaves the profiles out (most of a user's JSON), and
    # they are read for the one unmanaged user only, whose report still shows them.
    listed = [r['query'] for r in emulator.requests('GET', '/xapi/v1/Users')]
    assert [('ForwardingProfiles' in q.get('$expand', ''), q.get('$filter')) for q in listed] == [(False, None), (True, "Id eq %d" % eve_id)]
    assert any(f['field'].startswith('forwarding.') for f in eve['fields']), eve['fields']
    markdown = (tmp_path / 'reports' / 'tcx-audit-localhost.md').read_text(encoding='utf-8')
    assert '| users | 0 | 1 | 0 | 1 | 0 | 0 |' in markdown
    assert '| `last_name` | "Müller \\| Admin" | "Müller \\| Chef" |' in markdown
    assert '## users `102`: unmanaged' in markdown
    html = (tmp_path / 'reports' / 'tcx-audit-localhost.html').read_text(encoding='utf-8')
    assert 'data-key="102" data-action="unmanaged"' in html and 'Müller | Admin' in html

    switched_off = audit(emulator, tmp_path, dict(desired, tcx_audit_unmanaged=False))
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text(encoding='utf-8'))
    assert report['summary']['users']['unmanaged'] == 0 and [o['key'] for o in report['objects']] == ['101']
    assert switched_off.task('Compare the PBX')['changed'] is True

    pruned = audit(emulator, tmp_path, dict(desired, tcx_prune=['users']))
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text(encoding='utf-8'))
    assert report['summary']['users']['delete'] == 1 and report['summary']['users']['unmanaged'] == 0
    markdown = (tmp_path / 'reports' / 'tcx-audit-localhost.md').read_text(encoding='utf-8')
    assert '## users `102`: would delete' in markdown
    assert pruned.task('Compare the PBX')['changed'] is True
    assert emulator.writes() == []
