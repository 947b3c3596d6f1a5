# -*- coding: utf-8 -*-
"""One baseline for a fleet (docs/fleet-baseline.md): group_vars hold it, host_vars the customer's overlay; the
audit over every PBX writes one fleet report and fails the play on drift when asked."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import sys

import requests
import yaml
from tcx_emulator.pytest_plugin import start_emulator

from conftest import run_ansible

PBXS = (('acme', '911', 'acme-secret-1'), ('globex', '912', 'globex-secret-2'))
BASELINE = {
    'tcx_baseline_settings': {'e164': {'country_code': '43', 'area_code': '1', 'international_code': '00'},
                              'anti_hacking': {'hack_blacklist_duration': 3600}},
    'tcx_baseline_blocklist': [{'address': '198.51.100.0/24', 'action': 'block', 'description': 'known scanner'}],
    # The desired state of each PBX: the baseline with the customer's overlay (docs/fleet-baseline.md).
    'tcx_settings': "{{ tcx_baseline_settings | combine(tcx_customer_settings | default({}), recursive=True) }}",
    'tcx_blocklist': "{{ tcx_baseline_blocklist + (tcx_customer_blocklist | default([])) }}",
}


def inventory_of(tmp_path, emulators):
    inventory = tmp_path / 'inventory'
    (inventory / 'group_vars' / 'pbx').mkdir(parents=True)
    (inventory / 'hosts.yml').write_text(yaml.safe_dump({'pbx': {
        'hosts': dict((host, None) for host, dummy, dummy2 in PBXS),
        'vars': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}))
    (inventory / 'group_vars' / 'pbx' / 'baseline.yml').write_text(yaml.safe_dump(BASELINE))
    for host, client_id, secret in PBXS:
        (inventory / 'host_vars' / host).mkdir(parents=True)
        (inventory / 'host_vars' / host / 'connection.yml').write_text(yaml.safe_dump(
            {'tcx_url': emulators[host].url, 'tcx_client_id': client_id, 'tcx_client_secret': secret,
             'tcx_validate_certs': False}))
    # globex dials from Vienna's neighbour: its own area code, and one more blocked network.
    (inventory / 'host_vars' / 'globex' / 'overlay.yml').write_text(yaml.safe_dump({
        'tcx_customer_settings': {'e164': {'area_code': '316'}},
        'tcx_customer_blocklist': [{'address': '203.0.113.66', 'description': 'globex: abuse'}]}))
    return inventory


def test_baseline_with_overlay_then_the_fleet_report_and_fail_on_drift(tmp_path):
    with contextlib.ExitStack() as stack:
        emulators = dict((host, stack.enter_context(start_emulator('--principal', '%s:%s' % (client_id, secret))))
                         for host, client_id, secret in PBXS)
        inventory = inventory_of(tmp_path, emulators)
        common = dict(inventory=inventory, workdir=tmp_path, extra_args=['--forks', '2'])
        run_ansible('provision.yml', list(emulators.values()), extra_vars={'tcx_hosts': 'pbx'}, expect_rc=0, **common)
        acme, globex = (emulators[host].state() for host in ('acme', 'globex'))
        assert (acme['e164Settings']['AreaCode'], globex['e164Settings']['AreaCode']) == ('1', '316')
        assert acme['e164Settings']['CountryCode'] == globex['e164Settings']['CountryCode'] == '43'
        assert globex['antiHackingSettings']['HackBlacklistDuration'] == 3600
        assert [e['IPAddrMask'] for e in acme['blocklist']] == ['198.51.100.0/24']
        assert sorted(e['IPAddrMask'] for e in globex['blocklist']) == ['198.51.100.0/24', '203.0.113.66']

        # Someone changes acme's E.164 rules by hand.
        handle = emulators['acme']
        token = requests.post(handle.url + '/connect/token', verify=False, timeout=10, data={
            'client_id': '911', 'client_secret': 'acme-secret-1', 'grant_type': 'client_credentials'}).json()['access_token']
        assert requests.patch(handle.url + '/xapi/v1/E164Settings', json={'AreaCode': '2', 'InternationalCode': '000'},
                              headers={'Authorization': 'Bearer ' + token}, verify=False, timeout=10).status_code == 204
        for emulator in emulators.values():
            emulator.clear_requests()
        run = run_ansible('audit.yml', list(emulators.values()), expect_rc=2, extra_vars={
            'tcx_hosts': 'pbx', 'tcx_fail_on_drift': True, 'tcx_report_dir': 'reports'}, **common)
        assert all(emulator.writes() == [] for emulator in emulators.values())
        # Every PBX's line of the fleet report, as AWX hands the audit's artifacts to fleet_report.yml.
        artifacts = {}
        for record in run.records:
            for key, value in ((record.get('result') or {}).get('ansible_stats') or {}).get('data', {}).items():
                if key.startswith('tcx_fleet_'):
                    merged = artifacts.setdefault(key, {'hosts': {}, 'planned': value['planned']})
                    merged['hosts'].update(value['hosts'])
        assert len(artifacts) == 1 and sorted(list(artifacts.values())[0]['hosts']) == ['acme', 'globex']
        run_ansible('fleet_report.yml', [], extra_vars=dict(artifacts, tcx_report_dir='reports'), expect_rc=0, workdir=tmp_path)
        fleet = json.loads((tmp_path / 'reports' / 'tcx-fleet-report.json').read_text())
        assert (fleet['pbxs'], fleet['drifting_pbxs'], fleet['missing']) == (2, 1, [])
        rows = dict((row['host'], row) for row in fleet['rows'])
        assert rows['acme']['drift'] is True and rows['acme']['drift_by_kind']['settings'] == 1
        assert rows['acme']['columns']['settings drift'] == 'e164: 2'
        assert rows['globex']['drift'] is False and rows['globex']['columns']['settings drift'] == '-'
        for row in rows.values():
            columns = row['columns']
            assert columns['licence runs out'].endswith('(365 days)') and columns['maintenance runs out'].endswith('(200 days)')
            assert columns['newest backup'] in ('1 day(s) old', '2 day(s) old')
        markdown = (tmp_path / 'reports' / 'tcx-fleet-report.md').read_text(encoding='utf-8')
        assert '| settings drift |' in markdown and '| e164: 2 |' in markdown
        # Each PBX has its own report; only the drifting one failed the play.
        assert (tmp_path / 'reports' / 'tcx-audit-globex.json').is_file()
        failed = [r for r in run.records if r.get('status') == 'failed']
        assert [r['result']['msg'].split(' ')[0] for r in failed] == ['acme']
