# -*- coding: utf-8 -*-
"""tcx_backup and tcx_backup_info: a backup made on the PBX, downloaded with its size checked, the newest N kept."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

BACKUP_PASSWORD = 'zip-Secr3t-pass'


def backup(**options):
    return {'name': 'backup', 'tcx.xapi.tcx_backup': options, 'register': 'out'}


def info():
    return {'name': 'info', 'tcx.xapi.tcx_backup_info': {}, 'register': 'found'}


def test_check_mode_writes_nothing_then_a_backup_is_made_downloaded_and_rotated(emulator, play, tmp_path):
    dest = tmp_path / 'backups'
    dest.mkdir()
    (dest / 'nightly-old-1.zip').write_bytes(b'old')
    os.utime(str(dest / 'nightly-old-1.zip'), (1000, 1000))
    (dest / 'other.txt').write_text('not a backup')
    emulator.clear_requests()
    task = backup(name='nightly', dest=str(dest), keep=2, contents={'call_history': True, 'voice_mails': True})
    run = play([dict(task, check_mode=True)], expect_rc=0)
    checked = run.result()
    assert checked['changed'] is True and checked['path'] is None and emulator.writes() == []
    assert sorted(os.listdir(str(dest))) == ['nightly-old-1.zip', 'other.txt']

    first, second = play([task, task], expect_rc=0).results
    posts = [(w['method'], w['path'], w['body']) for w in emulator.writes()]
    assert posts == [('POST', '/xapi/v1/Backups/Pbx.Backup',
                      {'description': {'Name': 'nightly', 'Contents': {'CallHistory': True, 'VoiceMails': True}}})] * 2
    for result in (first, second):
        assert result['changed'] is True and result['backup']['file_name'].startswith('nightly-')
        assert os.path.basename(result['path']) == result['backup']['file_name']
    # keep: 2 - the two new files stay, the old one of the same name goes, other files are not touched.
    assert second['removed'] == [str(dest / 'nightly-old-1.zip')]
    assert sorted(os.listdir(str(dest))) == sorted([first['backup']['file_name'], second['backup']['file_name'], 'other.txt'])
    assert os.path.getsize(second['path']) == second['backup']['size']

    found = play([info()], expect_rc=0).result()
    assert [b['file_name'] for b in found['backups']][:2] == [second['backup']['file_name'], first['backup']['file_name']]
    assert found['newest'] == found['backups'][0] and found['newest']['age_days'] == 0
    assert found['backups'][-1]['file_name'].startswith('3CXScheduledBackup-') and found['backups'][-1]['age_days'] >= 1


def test_the_encryption_password_is_sent_and_never_shown(emulator, play, tmp_path):
    emulator.clear_requests()
    result = play([backup(name='enc', dest=str(tmp_path), download=False,
                          contents={'encrypt_backup': True, 'encrypt_backup_password': BACKUP_PASSWORD})], expect_rc=0).result()
    assert result['path'] is None and os.listdir(str(tmp_path)) == []
    [write] = emulator.writes()
    assert write['body']['description']['Contents'] == {'EncryptBackup': True, 'EncryptBackupPassword': {'Value': BACKUP_PASSWORD}}
    assert BACKUP_PASSWORD not in str(result)


def test_a_missing_dest_fails_before_any_write(emulator, play, tmp_path):
    emulator.clear_requests()
    result = play([dict(backup(name='short', dest=str(tmp_path / 'missing')), ignore_errors=True)]).result()
    assert result['msg'] == 'backup: dest %s is not a directory on the controller: create it first' % (tmp_path / 'missing')
    assert emulator.writes() == []


def test_bad_options_fail_before_any_request(emulator, play, tmp_path):
    emulator.clear_requests()
    run = play([dict(backup(name='no spaces', dest=str(tmp_path)), ignore_errors=True),
                dict(backup(dest=str(tmp_path), keep=-1), ignore_errors=True),
                dict(backup(dest=str(tmp_path), contents={'encrypt_backup': True}), ignore_errors=True)])
    messages = [r['msg'] for r in run.results]
    assert messages == ["backup: name must be 1 to 64 letters, digits, dots, dashes or underscores, got 'no spaces'",
                        'backup: keep must be 0 (keep every file) or more, got -1',
                        'backup: contents.encrypt_backup needs contents.encrypt_backup_password']
    assert emulator.requests(path='^/xapi/') == []
