# -*- coding: utf-8 -*-
"""Backups: the download's size check, rotation of the files on the controller, waiting for a new backup."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.backup import download, local_name, rotate, wait_for_new
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError


class Client(object):
    def __init__(self, content=b'12345', pages=()):
        self.content = content
        self.pages = list(pages)

    def download(self, link, stream):
        stream.write(self.content)
        return len(self.content)

    def get_all(self, *args, **kwargs):
        return self.pages.pop(0) if len(self.pages) > 1 else self.pages[0]


def test_a_download_of_another_size_than_listed_keeps_no_file(tmp_path):
    backup = {'FileName': 'nightly-1.zip', 'Size': 10, 'DownloadLink': '/backups/nightly-1.zip'}
    with pytest.raises(ValidationError, match='has 5 bytes, the PBX lists 10: the file was not kept'):
        download(Client(), backup, str(tmp_path), 'nightly')
    assert os.listdir(str(tmp_path)) == []
    path = download(Client(b'0123456789'), backup, str(tmp_path), 'nightly')
    assert path == str(tmp_path / 'nightly-1.zip') and os.listdir(str(tmp_path)) == ['nightly-1.zip']


def test_files_are_named_after_the_backup_and_rotation_keeps_the_newest(tmp_path):
    assert local_name('nightly', '3CXBackup-1.zip') == 'nightly-3CXBackup-1.zip'
    for index, name in enumerate(['nightly-a.zip', 'nightly-b.zip', 'nightly-c.zip', 'weekly-a.zip']):
        (tmp_path / name).write_bytes(b'x')
        os.utime(str(tmp_path / name), (1000 + index, 1000 + index))
    assert rotate(str(tmp_path), 'nightly', 0, None) == []
    assert rotate(str(tmp_path), 'nightly', 1, str(tmp_path / 'nightly-a.zip')) == [
        str(tmp_path / 'nightly-b.zip'), str(tmp_path / 'nightly-c.zip')]
    assert sorted(os.listdir(str(tmp_path))) == ['nightly-a.zip', 'weekly-a.zip']


def test_waiting_ends_with_the_new_backup_or_a_clear_timeout():
    old = {'FileName': 'old.zip', 'CreationTime': '2027-01-01T00:00:00Z'}
    new = {'FileName': 'nightly-2.zip', 'CreationTime': '2027-01-02T00:00:00Z'}
    slept = []
    client = Client(pages=[[old], [old], [old, new]])
    assert wait_for_new(client, {'old.zip'}, 'nightly', 60, sleep=slept.append, clock=lambda: 0) == new
    assert slept == [2.0, 2.0]
    times = iter([0, 5, 11])
    with pytest.raises(ValidationError, match='no new backup appeared in Backups within 10 seconds'):
        wait_for_new(Client(pages=[[old]]), {'old.zip'}, 'nightly', 10, sleep=lambda s: None, clock=lambda: next(times))


def test_the_contents_are_documented_as_derived_from_the_spec():
    import yaml
    from ansible_collections.tcx.xapi.plugins.module_utils.backup import backup_argument_spec
    from ansible_collections.tcx.xapi.plugins.modules import tcx_backup
    options = yaml.safe_load(tcx_backup.DOCUMENTATION)['options']
    spec = backup_argument_spec()
    assert sorted(options) == sorted(spec)
    documented = dict((name, entry['type']) for name, entry in options['contents']['suboptions'].items())
    assert documented == dict((name, entry['type']) for name, entry in spec['contents']['options'].items())
    assert spec['contents']['options']['encrypt_backup_password']['no_log'] is True
