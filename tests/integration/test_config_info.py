# -*- coding: utf-8 -*-
"""tcx_config_info: the whole PBX in tcx_config's own input shape, every kind of the registry read once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS
from conftest import PLAYBOOKS

OFFICE = yaml.safe_load((PLAYBOOKS / 'vars' / 'demo_office.yml').read_text(encoding='utf-8'))


def seed_office(play):
    given = dict((kind.plural, OFFICE.get('tcx_' + kind.plural, {} if kind.singleton else [])) for kind in KINDS)
    seeded = play([{'tcx.xapi.tcx_config': given,
                    'no_log': True}])
    assert seeded.rc == 0, seeded


def test_reads_every_kind_once_sorted_by_key_in_the_options_shape(emulator, play):
    seed_office(play)
    emulator.clear_requests()
    pbx = play([{'tcx.xapi.tcx_config_info': {}}], check=True, expect_rc=0).result()
    # One paged listing per kind, in the registry's order, and the time zone table: references
    # between kinds (a user's departments) resolve from what was read, with no request of their own.
    reads = [entry['path'] for entry in emulator.requests() if entry['path'].startswith('/xapi/')]
    # The settings: one GET per section.
    assert [p for p in reads if p != '/xapi/v1/Defs'] == ['/xapi/v1/%s' % path for kind in KINDS for path in (
        [section.read for section in kind.sections] if kind.plural == 'settings' else [kind.entity_set])]
    assert reads.count('/xapi/v1/Defs') == 1 and emulator.writes() == []

    assert pbx['changed'] is False and list(pbx['raw']) == list(PLURALS)
    for kind in KINDS:
        if kind.singleton:  # one dict, the object itself
            assert isinstance(pbx[kind.plural], dict) and isinstance(pbx['raw'][kind.plural], dict)
            continue
        keys = [item[kind.key_option] for item in pbx[kind.plural]]
        raw = pbx['raw'][kind.plural]  # by key, or in the order a kind's list means (the outbound rules' priority)
        assert raw == sorted(raw, key=kind.backup_order) and keys == [kind.key_of(entity) for entity in raw]
    assert [d['name'] for d in pbx['departments']] == ['DEFAULT', 'Sales', 'Support', 'Vertrieb Süd']
    sean = pbx['users'][0]
    assert (sean['extension'], sean['first_name'], sean['primary_department']) == ('201', 'Seán', 'Sales')
    assert sean['departments'] == [{'name': 'Sales', 'role': 'users'}, {'name': 'Support', 'role': 'managers'}]
    assert pbx['raw']['users'][0]['FirstName'] == 'Seán'
    assert pbx['livechats'][0]['department'] == 'Support'
    # No secret option or property (allow_change_password of the settings' apps section is a bool, not one).
    for secret in ('password', 'vm_pin', 'AccessPassword', 'AuthPassword', 'VMPIN', 'DeskphonePassword', 'mail_password', 'MailPassword',
                   'encrypt_backup_password', 'EncryptBackupPassword', 'FtpPassword', 'SftpPrivateKey'):
        assert "'%s'" % secret not in str(pbx)


def test_its_lists_given_to_tcx_config_change_nothing_and_kinds_narrows_the_read(emulator, play):
    seed_office(play)
    emulator.clear_requests()
    lists = dict((plural, '{{ pbx.%s }}' % plural) for plural in PLURALS)
    run = play([
        {'name': 'read', 'tcx.xapi.tcx_config_info': {}, 'register': 'pbx'},
        {'name': 'converge in check mode', 'tcx.xapi.tcx_config': lists, 'check_mode': True},
        {'name': 'converge', 'tcx.xapi.tcx_config': lists},
        {'name': 'users only', 'tcx.xapi.tcx_config_info': {'kinds': ['users']}},
        {'name': 'an unknown kind', 'tcx.xapi.tcx_config_info': {'kinds': ['users', 'phones']}, 'ignore_errors': True},
    ], expect_rc=0)
    pbx, check, real, users, unknown = run.results
    for converge in (check, real):
        assert converge['changed'] is False and converge['changes'] == []
        assert dict((plural, counts['unchanged']) for plural, counts in converge['summary'].items()) == dict(
            (kind.plural, 1 if kind.singleton else len(pbx[kind.plural])) for kind in KINDS)
    assert emulator.writes() == []
    assert set(users) & set(PLURALS) == {'users'} and list(users['raw']) == ['users']
    assert users['users'] == pbx['users']
    assert run.records[-1]['status'] == 'failed' and 'phones' in unknown['msg'] and 'kinds' in unknown['msg']
