# -*- coding: utf-8 -*-
"""The settings sections: fields derived from the spec-derived schema, the module's documentation, secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from ansible_collections.tcx.xapi.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.fields import SERVER_SECRETS, strip_secrets
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.settings import SECTIONS, Settings
from ansible_collections.tcx.xapi.plugins.module_utils.settings import snake_case, without_unset_secrets
from ansible_collections.tcx.xapi.plugins.module_utils.settings_schema import SCHEMA
from ansible_collections.tcx.xapi.plugins.modules import tcx_settings


def test_option_names_are_the_snake_case_of_the_properties():
    assert [snake_case(name) for name in ('HackBarrierAmber', 'FQDN', 'DialCodeHideCallerID', 'HDAutoLogoutTime',
                                          'MusicOnHold1', 'PbxPublicFQDN', 'IpV6BindingEnabled')] == [
        'hack_barrier_amber', 'fqdn', 'dial_code_hide_caller_id', 'hd_auto_logout_time', 'music_on_hold1',
        'pbx_public_fqdn', 'ip_v6_binding_enabled']


def spec_of(field):
    return field.spec()


def test_a_section_is_its_types_properties_with_their_types_choices_and_secrets():
    fields = dict((f.option, f) for f in Settings.fields)
    mail = dict((f.option, f) for f in fields['mail'].suboptions)
    assert sorted(mail) == ['mail_address', 'mail_password', 'mail_server', 'mail_server_type', 'mail_ssl_enabled', 'mail_user']
    assert mail['mail_password'].secret and mail['mail_password'].spec()['no_log'] is True
    assert mail['mail_server_type'].choices == SCHEMA['enums']['Pbx.MailServerType']
    assert mail['mail_ssl_enabled'].type == 'bool' and mail['mail_server'].path == 'MailSettings.MailServer'
    backup = dict((f.option, f) for f in fields['backup'].suboptions)
    schedule = dict((f.option, f) for f in backup['schedule'].suboptions)
    assert schedule['time'].path == 'BackupSettings.Schedule.Time' and schedule['day'].choices[0] == 'Sunday'
    location = dict((f.option, f) for f in dict((f.option, f) for f in fields['backup_repository'].suboptions)['location'].suboptions)
    assert location['sftp_password'].secret and 'sftp_private_key' not in location  # a concealed file is not managed
    assert 'country_name' not in dict((f.option, f) for f in fields['e164'].suboptions)  # read-only


def test_every_concealed_property_is_a_server_secret_stripped_from_raw():
    concealed = set(prop for props in SCHEMA['types'].values() for prop, kind in props.items()
                    if kind in ('Pbx.ConcealedPassword', 'Pbx.ConcealedDataFile'))
    assert concealed and concealed <= SERVER_SECRETS
    raw = {'MailSettings': {'MailServer': 'smtp', 'MailPassword': {'Concealed': True, 'Value': None}}}
    assert strip_secrets(raw) == {'MailSettings': {'MailServer': 'smtp'}}


def test_concealed_secrets_read_back_are_left_out_of_an_action_body():
    held = {'Contents': {'EncryptBackupPassword': {'Concealed': True, 'Value': None}, 'Prompts': True}, 'Rotation': 5}
    assert without_unset_secrets(held) == {'Contents': {'Prompts': True}, 'Rotation': 5}
    changed = {'Contents': {'EncryptBackupPassword': {'Value': 'x'}}}
    assert without_unset_secrets(changed) == changed


def documented(options):
    """The documented options as ``{name: (type, elements, choices, sub)}``; each has a description of sentences."""
    for name, entry in options.items():
        assert entry['description'] and all(isinstance(text, str) for text in entry['description']), name
    return dict((name, (entry['type'], entry.get('elements'), entry.get('choices'), documented(entry.get('suboptions') or {})))
                for name, entry in options.items())


def specified(spec):
    return dict((name, (entry['type'], entry.get('elements'), entry.get('choices'), specified(entry.get('options') or {})))
                for name, entry in spec.items())


def test_the_module_documents_every_option_of_every_section_as_its_spec_says():
    """tools/settings_docs.py writes the documentation: after adding a section, paste its output into the module."""
    options = yaml.safe_load(tcx_settings.DOCUMENTATION)['options']
    spec = Settings().argument_spec()
    for connection in connection_argument_spec():  # documented by the tcx.xapi.connection fragment
        spec.pop(connection)
    assert documented(options) == specified(spec)
    assert list(options)[:len(SECTIONS)] == [section.option for section in SECTIONS]
