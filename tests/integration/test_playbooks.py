# -*- coding: utf-8 -*-
"""The collection's playbooks as users run them: backup and restore, drift audit (CSV import: test_csv_import.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from html.parser import HTMLParser

import yaml

from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS
from conftest import PLAYBOOKS, run_playbook

OFFICE = yaml.safe_load((PLAYBOOKS / 'vars' / 'demo_office.yml').read_text(encoding='utf-8'))


def provision(tmp_path, emulator, **variables):
    return run_playbook(tmp_path, 'provision.yml', emulator, extra_vars=variables)


# -- backup.yml --------------------------------------------------------------------------------

def backup(tmp_path, emulator, directory):
    # A relative folder is taken from the directory ansible-playbook started in (the test's tmp_path).
    run_playbook(tmp_path, 'backup.yml', emulator, extra_vars={'tcx_backup_dir': str(directory.relative_to(tmp_path))})
    json_files, yaml_files = sorted(directory.glob('*.json')), sorted(directory.glob('*.yml'))
    assert len(json_files) == 1 and len(yaml_files) == 1
    return json.loads(json_files[0].read_text(encoding='utf-8')), yaml.safe_load(yaml_files[0].read_text(encoding='utf-8'))


# Ids and timestamps, and the SIP authentication ID that the PBX generates for every new extension.
VOLATILE = ('Id', 'GroupId', 'PrimaryGroupId', 'exported_at', 'AuthID')


def without_ids(value, numbers=None):
    """The backup without ids and timestamps (the PBX assigns new ones when a backup is restored).

    Department numbers (``GRP0002``) are ids too, assigned in the order of creation: every value
    that is a department number becomes ``department <name>``.
    """
    if numbers is None:
        numbers = dict((d['Number'], 'department ' + d['Name']) for d in value['departments'])
    if isinstance(value, dict):
        return dict((k, without_ids(v, numbers)) for k, v in value.items() if k not in VOLATILE)
    if isinstance(value, list):
        return [without_ids(v, numbers) for v in value]
    return numbers.get(value, value) if isinstance(value, str) else value


def differences(before, after, path=''):
    """The paths at which two JSON values differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for key in sorted(set(before) | set(after))
                for d in differences(before.get(key), after.get(key), '%s.%s' % (path, key))]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after)) for d in differences(b, a, '%s[%d]' % (path, i))]
    return [] if before == after else ['%s: %r != %r' % (path, before, after)]


def test_backup_restored_on_an_empty_pbx_reproduces_it_and_applies_again_unchanged(emulator, api, tmp_path):
    """Backup, reset, restore with the provision role: the next backup is the same, and applying it again changes nothing."""
    provision(tmp_path, emulator, **OFFICE)
    exported, variables = backup(tmp_path, emulator, tmp_path / 'first')
    # Every kind of the registry, in its order: the JSON as the XAPI returns it, the YAML as the role takes it.
    assert list(variables) == ['tcx_' + plural for plural in PLURALS]
    assert [key for key in exported if key in PLURALS] == sorted(PLURALS)
    assert [d['Name'] for d in exported['departments']] == ['DEFAULT', 'Sales', 'Support', 'Vertrieb Süd']
    support = [d for d in exported['departments'] if d['Name'] == 'Support'][0]
    parking = exported['parkings'][0]['Number']
    assert support['Members'] == [{'Number': '201', 'Type': 'Extension', 'RoleName': 'managers'},
                                  {'Number': '301', 'Type': 'Extension', 'RoleName': 'users'},
                                  {'Number': parking, 'Type': 'Parking'}]
    assert [u['Number'] for u in exported['users']] == ['201', '202', '301']
    sales = [d for d in variables['tcx_departments'] if d['name'] == 'Sales'][0]
    assert sales['routing']['out_of_office']['to'] == 'voicemail'
    sean = [u for u in variables['tcx_users'] if u['extension'] == '201'][0]
    assert sean['departments'] == [{'name': 'Sales', 'role': 'users'}, {'name': 'Support', 'role': 'managers'}]
    assert variables['tcx_parkings'] == [{'number': parking, 'departments': ['Sales', 'Support']}]
    assert variables['tcx_holidays'] == [dict(OFFICE['tcx_holidays'][0], recurrent=True),
                                         dict(OFFICE['tcx_holidays'][1], end_time='00:00', recurrent=False)]
    assert variables['tcx_office_hours'] == dict(OFFICE['tcx_office_hours'], language='EN')
    # The office's whole call flow is in the backup, destinations by number (names resolve to them).
    for plural in ('ring_groups', 'queues', 'ivrs', 'inbound_rules'):
        assert [i['name'] for i in variables['tcx_' + plural]] == [i['name'] for i in OFFICE['tcx_' + plural]]
    menu = variables['tcx_ivrs'][0]['menu']
    assert menu['1'] == {'to': 'ring_group', 'number': variables['tcx_ring_groups'][0]['number']}
    assert variables['tcx_inbound_rules'][0]['office_hours'] == {'to': 'ivr', 'number': variables['tcx_ivrs'][0]['number']}
    text = json.dumps([exported, variables])
    # No secret option or property (allow_change_password of the settings' apps section is a bool, not one).
    for secret in ('AccessPassword', 'VMPIN', 'AuthPassword', 'DeskphonePassword', 'password', 'vm_pin', 'MailPassword',
                   'mail_password', 'EncryptBackupPassword', 'encrypt_backup_password', 'FtpPassword', 'SftpPrivateKey'):
        assert '"%s"' % secret not in text

    emulator.reset()
    state_file = sorted((tmp_path / 'first').glob('*.yml'))[0].relative_to(tmp_path).as_posix()
    restore_vars = {'tcx_state_file': state_file, 'tcx_generated_passwords_file': 'restored.csv'}
    restore = run_playbook(tmp_path, 'tcx.xapi.provision', emulator,
                           extra_vars=restore_vars)
    assert restore.task('Converge departments')['summary']['users']['create'] == 3
    restored = (tmp_path / 'restored.csv').read_text().splitlines()
    assert [line.split(',')[0] for line in restored] == ['extension', '201', '202', '301']
    assert oct((tmp_path / 'restored.csv').stat().st_mode & 0o777) == '0o600'
    again, again_variables = backup(tmp_path, emulator, tmp_path / 'second')
    assert again_variables == variables
    assert differences(without_ids(exported), without_ids(again)) == []

    emulator.clear_requests()
    reapplied = run_playbook(tmp_path, 'tcx.xapi.provision', emulator, extra_vars=restore_vars)
    converge = reapplied.task('Converge departments')
    assert converge['changed'] is False and converge['changes'] == []
    assert dict((plural, counts['unchanged']) for plural, counts in converge['summary'].items()) == dict(
        (kind.plural, 1 if kind.singleton else len(variables['tcx_' + kind.plural])) for kind in KINDS)
    # The backup is a desired state for the audit too: no drift since it was taken.
    run_playbook(tmp_path, 'audit.yml', emulator, extra_vars={'tcx_state_file': state_file, 'tcx_report_dir': 'reports'})
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text())
    assert (report['drift'], report['objects'], sorted(report['summary'])) == (False, [], sorted(PLURALS))
    assert emulator.writes() == []


# -- audit.yml ---------------------------------------------------------------------------------

class ReportPage(HTMLParser):
    """The summary table of an audit HTML page: {kind: {action: number}} and the drifting objects."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.summary, self.objects, self.external = {}, [], []
        self._kind = self._action = None
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'table' and attrs.get('id') == 'summary':
            self._in_summary = True
        elif tag == 'tr' and self._in_summary and 'data-kind' in attrs:
            self._kind = attrs['data-kind']
            self.summary[self._kind] = {}
        elif tag == 'td' and self._kind and 'data-action' in attrs:
            self._action = attrs['data-action']
        elif tag == 'section':
            self.objects.append((attrs['data-kind'], attrs['data-key'], attrs['data-action']))
        if tag in ('link', 'script', 'img') or (attrs.get('src') or attrs.get('href') or '').startswith('http'):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag == 'table':
            self._in_summary = False
            self._kind = None
        elif tag == 'td':
            self._action = None

    def handle_data(self, data):
        if self._kind and self._action and data.strip():
            self.summary[self._kind][self._action] = int(data)


def test_audit_reports_drift_in_json_markdown_and_html_without_writing(emulator, api, tmp_path):
    provision(tmp_path, emulator, tcx_departments=[{'name': 'Support', 'language': 'EN'}],
              tcx_users=[{'extension': '301', 'first_name': 'Grace', 'departments': [{'name': 'Support'}]}])
    emulator.clear_requests()
    desired = {'tcx_departments': [{'name': 'Support', 'language': 'DE'}, {'name': 'Sales'}],
               'tcx_users': [{'extension': '301', 'first_name': 'Grace',
                              'departments': [{'name': 'Support', 'role': 'managers'}]}],
               'tcx_report_dir': 'reports'}  # relative: from the directory ansible-playbook started in
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=desired)
    assert emulator.writes() == []
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text())
    assert report['drift'] is True and report['drifting'] == 3
    assert report['summary']['departments'] == {'create': 1, 'update': 1, 'delete': 0, 'unmanaged': 0, 'unchanged': 0,
                                                'failed': 0}
    assert report['summary']['users'] == {'create': 0, 'update': 1, 'delete': 0, 'unmanaged': 0, 'unchanged': 0,
                                          'failed': 0}
    support = [o for o in report['objects'] if o['key'] == 'Support'][0]
    assert support == {'kind': 'departments', 'key': 'Support', 'action': 'update',
                       'fields': [{'field': 'language', 'pbx': 'EN', 'desired': 'DE'}]}
    assert run.task('Compare the PBX')['ansible_stats']['data']['tcx_drift'] == {'localhost': True}

    page = ReportPage()
    page.feed((tmp_path / 'reports' / 'tcx-audit-localhost.html').read_text(encoding='utf-8'))
    assert page.external == []
    for kind, counts in report['summary'].items():
        assert page.summary[kind] == counts
    assert page.summary['total'] == report['totals']
    assert page.objects == [(o['kind'], o['key'], o['action']) for o in report['objects']]
    markdown = (tmp_path / 'reports' / 'tcx-audit-localhost.md').read_text(encoding='utf-8')
    assert '| departments | 1 | 1 | 0 | 0 | 0 | 0 |' in markdown and '| `language` | "EN" | "DE" |' in markdown
    # The licence: its dates in every report, its key masked, no warning a year before it runs out.
    assert report['license']['simultaneous_calls'] == 8 and report['license_warnings'] == []
    assert report['license']['key'].endswith('EKEY') and 'EMUL-ATOR1' not in markdown
    assert 'maintenance until ' + report['license']['maintenance_expires_at'] in markdown


def test_audit_warns_before_the_maintenance_runs_out(emulator, tmp_path):
    state = emulator.state()
    state['license_status']['MaintenanceExpiresAt'] = '2020-01-31T00:00:00Z'
    emulator.load_state(state)
    variables = {'tcx_report_dir': str(tmp_path / 'reports'), 'tcx_license_warn_days': 10}
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=variables)
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text())
    assert len(report['license_warnings']) == 1 and report['license_warnings'][0].startswith('maintenance ran out')
    assert 'maintenance ran out' in run.stdout + run.stderr
    page = (tmp_path / 'reports' / 'tcx-audit-localhost.html').read_text(encoding='utf-8')
    assert 'class="drift license-warning">Warning: maintenance ran out' in page


def test_audit_fails_on_drift_only_when_asked(emulator, tmp_path):
    desired = {'tcx_departments': [{'name': 'Sales'}], 'tcx_report_dir': str(tmp_path / 'reports'),
               'tcx_fail_on_drift': True}
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=desired, expect_rc=2)
    failed = [r for r in run.records if r['status'] == 'failed']
    assert [r['task'] for r in failed] == [run.records[0]['task']] and run.records[0]['task'].startswith('Compare the PBX')
    assert failed[0]['result']['msg'] == ('localhost drifted from its desired state: 1 object(s) differ; see %s.html'
                                          % (tmp_path / 'reports' / 'tcx-audit-localhost'))
    assert json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text())['drift'] is True
    assert emulator.writes() == []


def test_audit_without_drift_passes_with_fail_on_drift(emulator, tmp_path):
    desired = {'tcx_departments': [{'name': 'DEFAULT'}], 'tcx_report_dir': str(tmp_path / 'reports'),
               'tcx_fail_on_drift': True}
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=desired)
    assert run.task('Compare the PBX')['changed'] is False
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text())
    assert (report['drift'], report['objects'], report['summary']['departments']['unchanged']) == (False, [], 1)


def test_audit_reads_a_users_csv_with_department_ids(emulator, api, tmp_path):
    provision(tmp_path, emulator, tcx_departments=[{'name': 'Support'}],
              tcx_users=[{'extension': '301', 'first_name': 'Grace', 'last_name': 'Hopper', 'email': 'grace@example.com',
                          'departments': [{'name': 'Support', 'role': 'users'}]}])
    support = api.find('Groups', "Name eq 'Support'")[0]['Id']
    (tmp_path / 'users.csv').write_text(
        'first_name,last_name,email,extension,department_id,role\n'
        'Grace,Hopper,grace@example.com,301,%d,users\n'
        'Ada,Lovelace,ada@example.com,302,%d,managers\n' % (support, support), encoding='utf-8')
    emulator.clear_requests()
    run = run_playbook(tmp_path, 'audit.yml', emulator,
                       extra_vars={'tcx_users_csv': 'users.csv', 'tcx_report_dir': str(tmp_path / 'reports')})
    assert emulator.writes() == []
    # The CSV file's department_id is resolved with the XAPI objects (Id and Name, read once more for that).
    groups = [r for r in run.requests(0) if r['path'] == '/xapi/v1/Groups']
    assert len(groups) == 2 and any('Id,Name' in str(r.get('query')) for r in groups), groups
    report = json.loads((tmp_path / 'reports' / 'tcx-audit-localhost.json').read_text())
    assert report['summary']['users'] == {'create': 1, 'update': 0, 'delete': 0, 'unmanaged': 0, 'unchanged': 1,
                                          'failed': 0}
    assert [(o['key'], o['action']) for o in report['objects']] == [('302', 'create')]

    # Without a CSV file the audit does not read the departments (nor does the compare: no kind is desired).
    run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars={'tcx_report_dir': str(tmp_path / 'reports')})
    assert [r['path'] for r in run.requests(0) if r['path'] == '/xapi/v1/Groups'] == []


def test_the_audit_with_module_processes_reports_what_it_reports_in_process(emulator, tmp_path):
    """With tcx_xapi_in_process false the audit's step runs each module as a module process (as a remote
    connection or become would): the same reports, the same drift, nothing written."""
    from test_callflow_reports import drifted_office
    provision(tmp_path, emulator, **drifted_office())
    (tmp_path / 'users.csv').write_text('extension,first_name,last_name,department\n260,Csv,User,Sales\n', encoding='utf-8')
    emulator.clear_requests()
    reports = {}
    for in_process in (True, False):
        folder = tmp_path / ('reports-%s' % in_process)
        run = run_playbook(tmp_path, 'audit.yml', emulator, extra_vars=dict(
            OFFICE, tcx_report_dir=str(folder), tcx_xapi_in_process=in_process, tcx_users_csv='users.csv'))
        assert run.task('Compare the PBX')['changed'] is True
        report = json.loads((folder / 'tcx-audit-localhost.json').read_text(encoding='utf-8'))
        reports[in_process] = dict((k, v) for k, v in report.items() if k != 'audited_at')
        html = (folder / 'tcx-audit-localhost.html').read_text(encoding='utf-8')
        assert 'class="callflow"' in html
    assert emulator.writes() == []
    assert reports[True] == reports[False] and reports[True]['drift'] is True
    assert ('users', '260', 'create') in [(o['kind'], o['key'], o['action']) for o in reports[True]['objects']]


def test_a_read_that_fails_fails_the_audit_and_the_backup_with_its_message_and_the_warnings_once(emulator, tmp_path):
    """The steps of audit.yml and backup.yml stop at the first module that fails: the task fails with that module's
    message, the warnings of the reads before it shown once, no report or backup written, nothing written to the PBX."""
    state = emulator.state()
    state['license_status']['MaintenanceExpiresAt'] = '2020-01-31T00:00:00Z'  # tcx_license_info warns
    emulator.load_state(state)
    emulator.add_fault(method='GET', path='^/xapi/v1/Backups$', times=20, action='status', status=500)
    emulator.clear_requests()
    run = run_playbook(tmp_path, 'audit.yml', emulator, expect_rc=2, extra_vars={'tcx_report_dir': str(tmp_path / 'reports')})
    failed = [r for r in run.records if r['status'] == 'failed']
    assert [r['task'] for r in failed] == [run.records[0]['task']] and run.records[0]['task'].startswith('Compare the PBX')
    assert failed[0]['result']['msg'].startswith('reading the backups failed: GET /xapi/v1/Backups failed: HTTP 500')
    warned = [w for w in failed[0]['result']['warnings'] if 'maintenance ran out' in w]
    assert len(warned) == 1, failed[0]['result']['warnings']
    assert (run.stdout + run.stderr).count('maintenance ran out') == 1
    assert not (tmp_path / 'reports').exists()
    # The connection options of the play's module_defaults reached every read, tcx_backup_info's too.
    assert [r['path'] for r in emulator.requests(method='GET') if r['path'] == '/xapi/v1/Backups']
    assert emulator.writes() == []

    emulator.clear_faults()
    emulator.add_fault(method='GET', path='^/xapi/v1/Users$', times=20, action='status', status=500)
    run = run_playbook(tmp_path, 'backup.yml', emulator, expect_rc=2, extra_vars={'tcx_backup_dir': 'backups'})
    failed = [r for r in run.records if r['status'] == 'failed']
    assert len(failed) == 1 and 'GET /xapi/v1/Users' in failed[0]['result']['msg'] and 'HTTP 500' in failed[0]['result']['msg'], failed
    assert not (tmp_path / 'backups').exists()
    assert emulator.writes() == []
