# -*- coding: utf-8 -*-
"""Every module on AWX's engine: the smoke cycle of each module of plugins/modules run through ansible-runner.

Three AWX jobs (awx_job.run_job: private data dir, the shipped credential type's environment injected,
extra vars, ``--diff``) against one emulator, each of many tasks: every kind created (and read by its
``_info`` module, with the collection's other modules), then every kind again (nothing changes) and
deleted in check mode (nothing is written), then deleted for real.
What each task did is read from the job's events; what the PBX holds, from the emulator. The kinds'
options are those of the lifecycle suite (kind_cases/<plural>.py), so they grow with the registry.

Marked ``smoke``: `make compat` runs it on the oldest and newest ansible-core too (ansible-runner is in
requirements-test.txt, which every venv installs): the only cycle of every module on those cores, for
about 16 CPU-s per core (4 jobs). Each job event names the task's module as its ``resolved_action`` on every
core (AWX and its analytics count modules by it): a module routed to the one action plugin would be reported
as tcx.xapi.tcx_config by ansible-core 2.17.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from pathlib import Path

import pytest
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS

from awx_job import run_job
from test_lifecycle import case_of, only

pytestmark = pytest.mark.smoke

MODULES = Path(__file__).resolve().parents[2] / 'plugins' / 'modules'
PLAYBOOKS = Path(__file__).resolve().parents[2] / 'playbooks'
LISTED = [kind for kind in KINDS if not kind.singleton]
# The modules that are no kind's and only read, with their options (tcx_config and tcx_backup: see the tasks).
OTHERS = {
    'tcx_config_info': {},
    'tcx_system_info': {},
    'tcx_license_info': {},
    'tcx_phone_info': {},
    'tcx_token': {},
    'tcx_backup_info': {},
}
# The check-mode deletes that meet a dependent the check-mode deletes before them left in place.
REFUSED_IN_CHECK_MODE = {
    'ivrs': "IVR 'Main Menu': cannot delete: inbound rule '+493012345600' (Main line) sends office hours calls to it",
    'departments': "department 'Sales': cannot delete: the department still has members (2: user 150 (Lovelace, Ada), parking SP11)",
}


def key_of(kind, options):
    return options[kind.key_option]


def prerequisites():
    """The kinds' prerequisites (tcx_config lists), less the objects the smoke itself creates with a kind's
    module (a kind's PRESENT), each once: made by one tcx_config task, the smoke's tcx_config."""
    made = dict((kind.plural, key_of(kind, case_of(kind.plural).PRESENT)) for kind in LISTED)
    keys = dict((kind.plural, kind.key_option) for kind in LISTED)
    merged = {}
    for kind in KINDS:
        for plural, items in case_of(kind.plural).PREREQUISITES.items():
            for item in items:
                key = item[keys[plural]]
                if key != made.get(plural) and key not in [i[keys[plural]] for i in merged.get(plural, [])]:
                    merged.setdefault(plural, []).append(item)
    return merged


def task(name, module, options, **more):
    return dict({'name': name, 'tcx.xapi.' + module: options}, **more)


def present_tasks(backups):
    tasks = [task('prerequisites', 'tcx_config', prerequisites())]
    tasks += [task('create %s' % kind.plural, kind.module, case_of(kind.plural).PRESENT) for kind in KINDS]
    tasks += [task('read %s' % kind.plural, kind.module + '_info', {}) for kind in KINDS]
    # The backup first: tcx_backup_info lists it.
    tasks.append(task('backup', 'tcx_backup', {'name': 'smoke', 'dest': str(backups)}))
    tasks += [task('read %s' % module, module, options) for module, options in sorted(OTHERS.items())]
    return tasks


def delete(kind, **more):
    options = {kind.key_option: key_of(kind, case_of(kind.plural).PRESENT), 'state': 'absent'}
    return task('delete %s' % kind.plural, kind.module, options, **more)


def again_tasks(backups):
    tasks = [task('again prerequisites', 'tcx_config', prerequisites())]
    tasks += [task('again %s' % kind.plural, kind.module, case_of(kind.plural).PRESENT) for kind in KINDS]
    tasks.append(task('backup in check mode', 'tcx_backup', {'name': 'smoke', 'dest': str(backups)}, check_mode=True))
    # Deleted in the order the real deletes run: dependents first.
    tasks += [dict(delete(kind, check_mode=True, ignore_errors=True), name='check mode delete %s' % kind.plural)
              for kind in reversed(LISTED)]
    return tasks


def absent_tasks():
    # A delete of what is gone changes nothing: test_lifecycle.py's "absent again", kind by kind.
    return [delete(kind) for kind in reversed(LISTED)]


def modules_of(tasks):
    return set(name[len('tcx.xapi.'):] for t in tasks for name in t if name.startswith('tcx.xapi.'))


def play(name, tasks):
    return [{'name': name, 'hosts': 'all', 'gather_facts': False, 'tasks': tasks}]


def changed(job, prefix):
    """``{task name: changed}`` of the tasks whose names start with ``prefix``; each must have succeeded."""
    found = [r for r in job.records if r['task'].startswith(prefix)]
    assert found and all(r['status'] == 'ok' for r in found), [(r['task'], r['status'], r['result'].get('msg')) for r in found]
    return dict((r['task'], r['result'].get('changed')) for r in found)


def held(state):
    return dict((kind.plural, case_of(kind.plural).held(state)) for kind in KINDS)


def test_every_module_of_the_collection_is_in_the_runner_smoke(tmp_path):
    shipped = set(path.stem for path in MODULES.glob('tcx_*.py'))
    smoked = modules_of(present_tasks(tmp_path) + again_tasks(tmp_path) + absent_tasks())
    assert sorted(shipped - smoked) == [], 'modules missing from the runner smoke (test_runner_smoke.py)'
    assert sorted(smoked - shipped) == []


def test_every_module_creates_reads_changes_nothing_again_and_deletes_on_ansible_runner(emulator, tmp_path):
    backups = tmp_path / 'backups'
    backups.mkdir()
    private = tmp_path / 'job'
    initial = held(emulator.state())

    present = run_job(private, play('present', present_tasks(backups)), emulator, ident='present')
    assert [(r['action'], r['resolved_action']) for r in present.records if r['action'] != r['resolved_action']] == []
    assert changed(present, 'prerequisites') == {'prerequisites': True}
    assert changed(present, 'create ') == dict(('create %s' % kind.plural, True) for kind in KINDS)
    now = held(emulator.state())
    assert [plural for plural in now if now[plural] is None or now[plural] == initial[plural]] == []
    for kind in KINDS:
        case, read = case_of(kind.plural), present.task('read %s' % kind.plural)['result']
        shown = dict((k, v) for k, v in case.DIFF_AFTER.items() if v != '********')
        found = read[kind.plural] if kind.singleton else \
            [item for item in read[kind.plural] if item[kind.key_option] == key_of(kind, case.PRESENT)][0]
        assert only(found, shown) == shown, (kind.plural, found)
    configured = present.task('read tcx_config_info')['result']
    assert [kind.plural for kind in LISTED if not configured[kind.plural]] == []
    assert present.task('read tcx_system_info')['result']['credentials_ok'] is True
    assert present.task('read tcx_license_info')['result']['license']
    assert isinstance(present.task('read tcx_phone_info')['result']['phones'], list)
    assert present.task('read tcx_token')['result']['access_token']
    made = present.task('backup')['result']
    assert made['changed'] is True and Path(made['path']).parent == backups and Path(made['path']).is_file()
    listed = present.task('read tcx_backup_info')['result']['backups']
    assert made['backup']['file_name'] in [b['file_name'] for b in listed]

    emulator.clear_requests()
    again = run_job(private, play('again', again_tasks(backups)), emulator, ident='again')
    assert changed(again, 'again ') == dict(('again %s' % name, False) for name in ['prerequisites'] + [k.plural for k in KINDS])
    checked_backup = again.task('backup in check mode')['result']
    assert checked_backup['changed'] is True and checked_backup['path'] is None and len(list(backups.iterdir())) == 1
    checked = dict((r['task'][len('check mode delete '):], r) for r in again.records if r['task'].startswith('check mode delete '))
    assert sorted(checked) == sorted(kind.plural for kind in LISTED)
    # In check mode the dependents' deletes change nothing, so what they still use refuses as the real delete would.
    refused = dict((plural, r['result']['msg']) for plural, r in checked.items() if r['status'] == 'failed')
    assert sorted(refused) == sorted(REFUSED_IN_CHECK_MODE), refused
    for plural, words in REFUSED_IN_CHECK_MODE.items():
        assert words in refused[plural], refused[plural]
    assert [plural for plural, r in checked.items() if plural not in refused and r['result']['changed'] is not True] == []
    assert emulator.writes() == []
    assert held(emulator.state()) == now

    absent = run_job(private, play('absent', absent_tasks()), emulator, ident='absent')
    assert changed(absent, 'delete ') == dict(('delete %s' % kind.plural, True) for kind in LISTED)
    gone = held(emulator.state())
    assert [kind.plural for kind in LISTED if gone[kind.plural] is not None] == []


def test_the_audit_runs_as_an_awx_check_job_template_and_hands_its_drift_to_awx(emulator, tmp_path):
    """playbooks/audit.yml as an AWX job template of job type "check" with "show changes": two hosts (the
    one PBX of the credential, each with its own desired state), ``--check --diff``."""
    reports = tmp_path / 'reports'
    desired = {'pbx-a': {'tcx_departments': [{'name': 'DEFAULT'}, {'name': 'Audited'}]},  # Audited is missing: drift
               'pbx-b': {'tcx_departments': [{'name': 'DEFAULT'}]}}
    job = run_job(tmp_path / 'job', 'audit.yml', emulator, hosts=sorted(desired), host_vars=desired, check=True,
                  extravars={'tcx_hosts': 'all', 'tcx_report_dir': str(reports)}, project=PLAYBOOKS, ident='audit')
    assert emulator.writes() == []
    compared = dict((host, job.task('Compare the PBX with the desired state', host)) for host in desired)
    assert dict((host, (r['status'], r['result']['changed'])) for host, r in compared.items()) == {
        'pbx-a': ('ok', True), 'pbx-b': ('ok', False)}
    assert compared['pbx-a']['result']['audit']['summary']['departments']['create'] == 1
    assert compared['pbx-a']['result']['diff'] and not compared['pbx-b']['result'].get('changed')
    # The recap AWX shows, and the artifacts it stores (the set_stats data of the playbook_on_stats event).
    assert job.stats['changed'] == {'pbx-a': 1} and job.stats['failures'] == {}
    assert job.artifacts['tcx_drift'] == {'pbx-a': True, 'pbx-b': False}
    assert job.artifacts['tcx_drift_summary']['pbx-a']['departments']['create'] == 1
    fleet = [key for key in job.artifacts if key.startswith('tcx_fleet_')]
    assert len(fleet) == 1 and job.artifacts[fleet[0]]['planned'] == ['pbx-a', 'pbx-b']
    lines = job.artifacts[fleet[0]]['hosts']
    assert sorted(lines) == ['pbx-a', 'pbx-b'] and (lines['pbx-a']['drift'], lines['pbx-b']['drift']) == (True, False)
    # AWX reads the events from the job's event stream, stored by ansible-runner under artifacts/<ident>/job_events.
    stored = [json.loads(path.read_text()) for path in (job.artifact_dir / 'job_events').glob('*.json')]
    assert [e['event_data']['artifact_data'] for e in stored if e['event'] == 'playbook_on_stats'] == [job.artifacts]
    for host, drift in (('pbx-a', True), ('pbx-b', False)):
        assert json.loads((reports / ('tcx-audit-%s.json' % host)).read_text())['drift'] is drift
        assert (reports / ('tcx-audit-%s.md' % host)).is_file() and (reports / ('tcx-audit-%s.html' % host)).is_file()
    assert 'Audited' in (reports / 'tcx-audit-pbx-a.md').read_text()
    # Each PBX's drift line is its step's msg (its event in AWX), and one event shows them all (not one task per PBX).
    lines = dict((host, compared[host]['result']['msg']) for host in desired)
    assert lines['pbx-a'].startswith('pbx-a: DRIFT: 1 object(s) differ') and lines['pbx-b'].startswith('pbx-b: no drift')
    shown = [r for r in job.records if r['task'] == 'Show the drift']
    assert len(shown) == 1 and sorted(shown[0]['result']['msg']) == [lines['pbx-a'], lines['pbx-b']]
