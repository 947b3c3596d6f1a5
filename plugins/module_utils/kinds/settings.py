# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PBX's settings sections (E.164, mail server, anti-hacking, codecs, ...), shared by tcx_settings and tcx_config.

Each section is one line of ``SECTIONS`` (see :class:`~settings.Section`): its option, the spec's type and,
unless it is a singleton with GET and PATCH, where it is read and written. The kind is a singleton of
singletons: its one object is ``{section type: object}``, each section read with one GET when the task
manages it, and written with one request when something in it changes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field
from ansible_collections.tcx.xapi.plugins.module_utils.kind import SingletonKind
from ansible_collections.tcx.xapi.plugins.module_utils.settings import Section, SectionsRead, concealed_is_set, explicit_no_log

SECTIONS = (
    Section('e164', 'Pbx.E164Settings', read_only=('CountryName',)),
    Section('dial_codes', 'Pbx.DialCodeSettings'),
    Section('general', 'Pbx.GeneralSettingsForPbx'),
    Section('apps', 'Pbx.GeneralSettingsForApps'),
    Section('mail', 'Pbx.MailSettings', read_only=('CanEditMailServerType',)),
    Section('anti_hacking', 'Pbx.AntiHackingSettings'),
    Section('codecs', 'Pbx.CodecsSettings'),
    Section('music_on_hold', 'Pbx.MusicOnHoldSettings'),
    Section('voicemail', 'Pbx.VoicemailSettings', read_only=('UsedSpace',)),
    Section('call_parking', 'Pbx.CallParkingSettings'),
    Section('chat_log', 'Pbx.ChatLogSettings'),
    Section('logging', 'Pbx.LoggingSettings'),
    Section('phone_book', 'Pbx.PhoneBookSettings'),
    Section('phones', 'Pbx.PhonesSettings'),
    Section('network', 'Pbx.NetworkSettings'),
    Section('console_restrictions', 'Pbx.ConsoleRestrictions', read_only=('MyIpAddress',)),
    Section('backup', 'Pbx.BackupSettings', read='Backups/Pbx.GetBackupSettings()', write='Backups/Pbx.SetBackupSettings'),
    Section('backup_repository', 'Pbx.BackupRepositorySettings', read='Backups/Pbx.GetBackupRepositorySettings()',
            write='Backups/Pbx.SetBackupRepositorySettings'),
)


class Settings(SingletonKind):
    name = 'settings'
    plural = 'settings'
    module = 'tcx_settings'
    entity_set = 'settings'
    result_key = 'settings'
    sections = SECTIONS
    fields = [section.field() for section in SECTIONS] + [
        Field('update_secrets', choices=['when_unset', 'always'], default='when_unset', managed=False),
    ]

    def argument_spec(self):
        spec = super(Settings, self).argument_spec()
        spec['update_secrets']['no_log'] = False  # a choice, not a secret
        return explicit_no_log(spec)

    def select(self):
        return []

    def find(self, ctx):
        return SectionsRead(self.sections, ctx.client).load(ctx.params)

    def listing(self, client, options=None):
        return [SectionsRead(self.sections, client)]

    def find_among(self, ctx, entities):
        return entities[0].load(ctx.params) if entities else None

    def protected(self, entity):
        return True

    def secret_changed(self, ctx, leaf, current, desired):
        """A concealed secret cannot be compared: it is sent when the PBX holds none, or on every run with
        ``update_secrets: always``."""
        return ctx.params.get('update_secrets') == 'always' or not concealed_is_set(current)

    def update(self, ctx, current, payload):
        """One write per changed section (its changed properties, or the whole object to an action)."""
        for section in self.sections:
            if section.key in payload:
                section.put(ctx.client, current.get(section.key) or {}, payload[section.key])
