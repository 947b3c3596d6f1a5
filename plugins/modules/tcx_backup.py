#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_backup
short_description: Make a backup of a 3CX PBX and keep it on the controller
version_added: 0.1.0
description:
  - Make a backup of a 3CX v20 PBX with the chosen O(contents) (the XAPI action C(Backups/Pbx.Backup)), wait until
    it is listed in C(Backups), download it from its C(DownloadLink) into O(dest) on the controller, check that the
    file has the size the PBX lists, and keep the newest O(keep) files there.
  - Every run makes a new backup, so it always reports a change. In check mode nothing is written, neither on the
    PBX nor on the controller; it still lists the PBX's backups and checks O(dest).
  - The download is sent the access token, and only to the PBX - a link to another host is refused.
  - The PBX's own backup schedule and repository are set with M(tcx.xapi.tcx_settings) (O(tcx.xapi.tcx_settings#module:backup)).
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - The name of the backup on the PBX; its file name starts with it. Files in O(dest) whose names start with it
        are the ones O(keep) counts. 1 to 64 letters, digits, dots, dashes or underscores.
    type: str
    default: tcxbackup
  contents:
    description:
      - What the backup holds (C(Pbx.BackupContents)); options left out are the PBX's defaults.
    type: dict
    suboptions:
      call_history:
        description: Include the call history (C(CallHistory)).
        type: bool
      disable_backup_compression:
        description: Do not compress the backup (C(DisableBackupCompression)).
        type: bool
      encrypt_backup:
        description: Encrypt the backup (C(EncryptBackup)); needs O(contents.encrypt_backup_password).
        type: bool
      encrypt_backup_password:
        description: The password the backup is encrypted with (C(EncryptBackupPassword)); a secret, never shown.
        type: str
      fqdn:
        description: Include the FQDN and its certificate (C(FQDN)).
        type: bool
      license:
        description: Include the licence (C(License)).
        type: bool
      phone_provisioning:
        description: Include the phone provisioning files (C(PhoneProvisioning)).
        type: bool
      prompts:
        description: Include the prompts (C(Prompts)).
        type: bool
      recordings:
        description: Include the recordings (C(Recordings)).
        type: bool
      voice_mails:
        description: Include the voicemails (C(VoiceMails)).
        type: bool
  dest:
    description:
      - The directory on the controller that receives the backup file. It must exist.
    type: path
    required: true
  keep:
    description:
      - How many backup files of O(name) to keep in O(dest), the newest (the one just made among them); older ones are
        deleted. V(0) keeps every file.
    type: int
    default: 0
  download:
    description:
      - Download the backup. V(false) only makes it on the PBX.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the backup to be listed in C(Backups).
    type: int
    default: 600
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: The folder for this PBX's backups exists on the controller (also in check mode)
  ansible.builtin.file:
    path: pbx-backups/{{ inventory_hostname }}
    state: directory
    mode: "0700"
  check_mode: false
  delegate_to: localhost

- name: Nightly backup with call history and voicemails, the newest 7 kept on the controller
  tcx.xapi.tcx_backup:
    name: nightly
    contents: {call_history: true, voice_mails: true, recordings: false, license: true}
    dest: pbx-backups/{{ inventory_hostname }}
    keep: 7
'''

RETURN = r'''
backup:
  description: The backup made (empty in check mode).
  returned: always
  type: dict
  contains:
    file_name:
      description: Its file name on the PBX (C(FileName)).
      type: str
    created_at:
      description: When it was made (C(CreationTime)).
      type: str
    size:
      description: Its size in bytes (C(Size)); the downloaded file has exactly this size.
      type: int
    age_hours:
      description: Its age in hours.
      type: float
    age_days:
      description: Its age in whole days.
      type: int
    download_link:
      description: Where the PBX serves it (C(DownloadLink)).
      type: str
path:
  description: The file on the controller (null in check mode or with O(download=false)).
  returned: always
  type: str
  sample: /srv/pbx-backups/pbx1/nightly-20270101020000.zip
removed:
  description: Older backup files deleted from O(dest) to keep O(keep).
  returned: always
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.tcx.xapi.plugins.module_utils.backup import backup_argument_spec, check_params, make_backup
from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError


def main(module_class=None):
    spec = connection_argument_spec()
    spec.update(backup_argument_spec())
    module = (module_class or AnsibleModule)(argument_spec=spec, supports_check_mode=True)
    try:
        check_params(module.params)
        result = make_backup(module, client_from_module(module))
    except ValidationError as exc:
        module.fail_json(msg='backup: %s' % exc)
    except (XAPIError, OSError) as exc:
        module.fail_json(msg='backup: %s' % (exc.explain() if isinstance(exc, XAPIError) else exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
