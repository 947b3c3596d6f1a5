# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PBX backups: made with ``Backups/Pbx.Backup``, listed in ``Backups``, downloaded from their ``DownloadLink``.

tcx_backup makes one and keeps it on the controller; tcx_backup_info lists them with their age. The
contents of a backup are the options of ``Pbx.BackupContents``, derived from the spec as the settings are.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import os
import re
import time

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError, leaves, get_option
from ansible_collections.tcx.xapi.plugins.module_utils.license import parse_date
from ansible_collections.tcx.xapi.plugins.module_utils.settings import Section

# The options of contents: Pbx.BackupContents, as the backup settings' contents (kinds/settings.py).
CONTENTS = Section('contents', 'Pbx.BackupContents').field()
NAME_RULE = re.compile(r'^[A-Za-z0-9_.-]{1,64}$')


def contents_body(given, ctx=None):
    """``Pbx.BackupContents`` of the options given (those left out are not sent: the PBX's defaults)."""
    body = {}
    for leaf in leaves(CONTENTS.suboptions):
        value = get_option(given or {}, leaf.option_path)
        if value is not None:
            leaf.field.write(body, leaf.field.to_api(value, ctx))
    return body.get('BackupContents', {})


def listing(client):
    """Every backup the PBX holds, newest first: ``[{FileName, CreationTime, Size, DownloadLink}]``."""
    found = client.get_all('Backups', orderby='FileName')
    return sorted(found, key=lambda b: (b.get('CreationTime') or '', b.get('FileName') or ''), reverse=True)


def with_age(backup, now):
    """A backup in the info module's shape: its name, time, size, age in hours and days, download link."""
    created = parse_date(backup.get('CreationTime'))
    age = (now - created).total_seconds() if created else None
    return {'file_name': backup.get('FileName'), 'created_at': backup.get('CreationTime'), 'size': backup.get('Size'),
            'age_hours': None if age is None else round(age / 3600.0, 1),
            'age_days': None if age is None else int(age // 86400), 'download_link': backup.get('DownloadLink')}


def check_params(params):
    """Problems of tcx_backup's options that need no request."""
    if not NAME_RULE.match(params['name']):
        raise ValidationError('name must be 1 to 64 letters, digits, dots, dashes or underscores, got %r' % params['name'])
    if params['keep'] < 0:
        raise ValidationError('keep must be 0 (keep every file) or more, got %d' % params['keep'])
    if params['wait_timeout'] < 1:
        raise ValidationError('wait_timeout must be at least 1 second, got %d' % params['wait_timeout'])
    contents = params.get('contents') or {}
    if contents.get('encrypt_backup') and not contents.get('encrypt_backup_password'):
        raise ValidationError('contents.encrypt_backup needs contents.encrypt_backup_password')


def wait_for_new(client, before, name, wait_timeout, interval=2.0, sleep=time.sleep, clock=time.time):
    """The backup that appears in ``Backups`` and was not among ``before`` (its name starting with ``name`` first)."""
    deadline = clock() + wait_timeout
    while True:
        new = [b for b in listing(client) if b.get('FileName') not in before]
        if new:
            named = [b for b in new if (b.get('FileName') or '').startswith(name)]
            return (named or new)[0]
        if clock() >= deadline:
            raise ValidationError('no new backup appeared in Backups within %d seconds (wait_timeout): the PBX may still be '
                                  'making it; look in the web client under Backup, or raise wait_timeout' % wait_timeout)
        sleep(interval)


def local_name(name, file_name):
    """The file name on the controller: the PBX's, prefixed by ``name`` unless it starts with it (for ``keep``)."""
    base = os.path.basename(file_name)
    return base if base.startswith(name) else '%s-%s' % (name, base)


def download(client, backup, dest, name):
    """Download a backup into ``dest`` (through a temporary file) and check its size; return its path."""
    if not backup.get('DownloadLink'):
        raise ValidationError('backup %s has no DownloadLink' % backup.get('FileName'))
    target = os.path.join(dest, local_name(name, backup['FileName']))
    partial = target + '.part'
    try:
        with open(partial, 'wb') as stream:
            written = client.download(backup['DownloadLink'], stream)
        if backup.get('Size') is not None and written != backup['Size']:
            raise ValidationError('the download of %s has %d bytes, the PBX lists %d: the file was not kept'
                                  % (backup['FileName'], written, backup['Size']))
        os.rename(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target


def rotate(dest, name, keep, kept_path):
    """Delete all but the newest ``keep`` files of ``dest`` whose names start with ``name`` (0: none); return them."""
    if keep == 0:
        return []
    files = [os.path.join(dest, f) for f in os.listdir(dest)
             if f.startswith(name) and not f.endswith('.part') and os.path.isfile(os.path.join(dest, f))]
    files.sort(key=lambda path: (path == kept_path, os.path.getmtime(path), path), reverse=True)
    removed = sorted(files[keep:])
    for path in removed:
        os.remove(path)
    return removed


def backup_argument_spec():
    """tcx_backup's own options (the connection's are added by the module)."""
    return dict(
        name=dict(type='str', default='tcxbackup'),
        contents=CONTENTS.spec(),
        dest=dict(type='path', required=True),
        keep=dict(type='int', default=0),
        download=dict(type='bool', default=True),
        wait_timeout=dict(type='int', default=600),
    )


def make_backup(module, client):
    """Make a backup, wait for it, download it and rotate: the module result."""
    params = module.params
    dest = params['dest']
    if not os.path.isdir(dest):
        raise ValidationError('dest %s is not a directory on the controller: create it first' % dest)
    before = set(b.get('FileName') for b in listing(client))
    body = {'description': {'Name': params['name'], 'Contents': contents_body(params['contents'])}}
    if module.check_mode:
        return {'changed': True, 'backup': {}, 'path': None, 'removed': []}
    try:
        client.post('Backups/Pbx.Backup', body)
    except XAPIError as exc:
        if not exc.transient:  # a lost answer: the backup may be under way, look for it
            raise
    backup = wait_for_new(client, before, params['name'], params['wait_timeout'])
    path = download(client, backup, dest, params['name']) if params['download'] else None
    removed = rotate(dest, params['name'], params['keep'], path) if path else []
    return {'changed': True, 'backup': with_age(backup, datetime.datetime.now(datetime.timezone.utc)), 'path': path,
            'removed': removed}
