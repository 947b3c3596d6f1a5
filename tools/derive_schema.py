"""Derive the emulator's compact XAPI schema from the official OpenAPI spec.

    python tools/derive_schema.py [--spec-dir DIR] [--check]     (make schema / make schema-check)

Reads ``swagger-20.0.10.yaml`` (and ``swagger-20.0.7.yaml`` for the differences of the older
version) from DIR (default: env ``TCX_XAPI_SPEC_DIR``, else ``../shared/xapi`` beside the
repository) and writes ``tests/emulator/tcx_emulator/xapi_schema.json``: the entity sets the
emulator serves (``SETS``) with their keys, alternate keys, methods, navigation paths and bound
functions/actions, and every type reachable from them (property names, OData types, enums,
nullable, navigation properties). No descriptions: the spec itself is never copied.

``--check`` regenerates in memory and fails (exit 1) when the checked-in file differs. Without
the spec it fails under ``CI=true`` and otherwise prints a loud note and exits 0.
"""

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / 'tests' / 'emulator' / 'tcx_emulator' / 'xapi_schema.json'
MAIN_VERSION, OLD_VERSION = '20.0.10', '20.0.7'
# Entity sets (and singletons) the emulator serves. Adding one here and re-running the script
# brings its types into the schema; the emulator then needs one table entry in tcx_emulator/sets.py.
SETS = ('Users', 'Groups', 'Parkings', 'WebsiteLinks', 'Defs', 'RingGroups', 'Queues', 'Receptionists',
        'InboundRules', 'Holidays', 'OfficeHours', 'Trunks', 'DidNumbers',
        'TrunkTemplates', 'OutboundRules', 'Contacts', 'DeviceInfos', 'PhoneTemplates')
# The PBX's settings sections (singletons with GET and PATCH, and the Backups set whose functions and
# actions read and write the backup settings), its backups, licence status and IP blocklist.
SETTINGS_SETS = ('E164Settings', 'MailSettings', 'GeneralSettingsForPbx', 'GeneralSettingsForApps', 'AntiHackingSettings',
                 'CodecsSettings', 'DialCodeSettings', 'MusicOnHoldSettings', 'VoicemailSettings', 'CallParkingSettings',
                 'ChatLogSettings', 'LoggingSettings', 'PhoneBookSettings', 'PhonesSettings', 'NetworkSettings',
                 'ConsoleRestrictions', 'Backups', 'LicenseStatus', 'Blocklist')
SETS += SETTINGS_SETS
# The types of the settings sections the collection's modules manage: written, as Python, to
# plugins/module_utils/settings_schema.py (modules cannot read the emulator's JSON).
SETTINGS_TYPES = ('Pbx.E164Settings', 'Pbx.MailSettings', 'Pbx.GeneralSettingsForPbx', 'Pbx.GeneralSettingsForApps',
                  'Pbx.AntiHackingSettings', 'Pbx.CodecsSettings', 'Pbx.DialCodeSettings', 'Pbx.MusicOnHoldSettings',
                  'Pbx.VoicemailSettings', 'Pbx.CallParkingSettings', 'Pbx.ChatLogSettings', 'Pbx.LoggingSettings',
                  'Pbx.PhoneBookSettings', 'Pbx.PhonesSettings', 'Pbx.NetworkSettings', 'Pbx.ConsoleRestrictions',
                  'Pbx.BackupSettings', 'Pbx.BackupRepositorySettings')
SETTINGS_OUTPUT = REPO / 'plugins' / 'module_utils' / 'settings_schema.py'
PATH = re.compile(r'^/(?P<set>[A-Za-z0-9]+)(?:\((?P<key>[^)]*)\))?(?:/(?P<sub>.+))?$')
FORMATS = {
    ('integer', 'int32'): 'Edm.Int32', ('integer', 'int64'): 'Edm.Int64', ('integer', 'uint8'): 'Edm.Byte',
    ('integer', 'decimal'): 'Edm.Decimal', ('integer', None): 'Edm.Int32', ('number', None): 'Edm.Double',
    ('number', 'double'): 'Edm.Double', ('number', 'float'): 'Edm.Single', ('boolean', None): 'Edm.Boolean',
    ('string', None): 'Edm.String', ('string', 'date-time'): 'Edm.DateTimeOffset', ('string', 'duration'): 'Edm.Duration',
    ('string', 'uuid'): 'Edm.Guid', ('string', 'time'): 'Edm.TimeOfDay', ('string', 'date'): 'Edm.Date',
    ('string', 'base64url'): 'Edm.Binary',
}


def spec_dir(given):
    """The folder holding the official spec files."""
    if given:
        return Path(given)
    if os.environ.get('TCX_XAPI_SPEC_DIR'):
        return Path(os.environ['TCX_XAPI_SPEC_DIR'])
    return REPO.parent / 'shared' / 'xapi'


def load(path):
    """The parsed YAML of a spec file."""
    with open(path, encoding='utf-8') as stream:
        return yaml.load(stream, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))


class Deriver:
    """Turns one parsed spec into the compact schema."""

    def __init__(self, spec):
        self.spec = spec
        self.schemas = spec['components']['schemas']
        self.types, self.enums = {}, {}

    def ref_name(self, node):
        """The schema name behind ``$ref`` or a one-element ``allOf``, else None."""
        if '$ref' in node:
            return node['$ref'].rsplit('/', 1)[1]
        if len(node.get('allOf', [])) == 1 and '$ref' in node['allOf'][0]:
            return node['allOf'][0]['$ref'].rsplit('/', 1)[1]
        return None

    def type_of(self, node):
        """The OData type name of a property schema; registers the types it uses."""
        name = self.ref_name(node)
        if name:
            self.add_type(name)
            return name
        if node.get('type') == 'array':
            return 'Collection(%s)' % self.type_of(node['items'])
        if 'oneOf' in node or 'anyOf' in node:
            options = [option for option in node.get('oneOf', node.get('anyOf')) if '$ref' not in option]
            return self.type_of(options[0]) if options else 'Edm.Untyped'
        return FORMATS.get((node.get('type'), node.get('format')), 'Edm.Untyped')

    def properties(self, name):
        """Own and inherited properties of a schema, in spec order."""
        schema, found = self.schemas[name], {}
        for part in schema.get('allOf', [schema]):
            base = self.ref_name(part) if '$ref' in part else None
            if base:
                found.update(self.properties(base))
            found.update(part.get('properties', {}))
        return found

    def add_type(self, name):
        """Register a complex/entity type or an enum (and everything it refers to)."""
        if name in self.types or name in self.enums:
            return
        schema = self.schemas[name]
        if 'enum' in schema:
            self.enums[name] = {'members': list(schema['enum']), 'flags': bool(schema.get('x-ms-enum-flags', {}).get('isFlags'))}
            return
        entry = {'properties': {}, 'nullable': [], 'navigation': []}
        self.types[name] = entry
        for prop, node in self.properties(name).items():
            if prop.startswith('@'):
                continue
            entry['properties'][prop] = self.type_of(node)
            if node.get('nullable'):
                entry['nullable'].append(prop)
            if node.get('x-ms-navigationProperty'):
                entry['navigation'].append(prop)

    def body_type(self, operation):
        """The request body: a type name, or ``{parameter: type}`` of an action."""
        content = (operation.get('requestBody') or {}).get('content', {}).get('application/json')
        if not content:
            return None
        schema = content['schema']
        name = self.ref_name(schema)
        if name:
            self.add_type(name)
            return name
        return {prop: self.type_of(node) for prop, node in schema.get('properties', {}).items()}

    def result_type(self, operation):
        """What a function or action returns (``None`` for 204)."""
        for status in ('200', '201'):
            response = operation.get('responses', {}).get(status)
            if not response:
                continue
            if '$ref' in response:
                return response['$ref'].rsplit('/', 1)[1].replace('CollectionResponse', '').join(('Collection(', ')'))
            schema = response.get('content', {}).get('application/json', {}).get('schema', {})
            name = self.ref_name(schema)
            if name:
                self.add_type(name)
                return name
            for part in schema.get('allOf', []):
                value = part.get('properties', {}).get('value')
                if value:
                    return self.type_of(value)
            value = schema.get('properties', {}).get('value')
            return self.type_of(value) if value else 'Edm.Untyped'
        return None

    def entity_sets(self):
        """``{set: {...}}`` for the served sets, from their paths."""
        sets = {}
        for template, item in self.spec['paths'].items():
            match = PATH.match(template)
            if not match or match.group('set') not in SETS:
                continue
            name, key, sub = match.group('set', 'key', 'sub')
            entry = sets.setdefault(name, {'type': None, 'singleton': True, 'key': None, 'alternate_keys': [],
                                           'collection': [], 'entity': [], 'navigation_paths': [], 'operations': {}})
            methods = sorted(method for method in item if method in ('get', 'post', 'patch', 'put', 'delete'))
            if key is None and sub is None:
                entry['collection'] = methods
                get = item.get('get', {})
                response = get.get('responses', {}).get('200', {})
                if '$ref' in response:
                    entry['type'] = response['$ref'].rsplit('/', 1)[1][:-len('CollectionResponse')]
                    entry['singleton'] = False
                else:
                    entry['type'] = self.ref_name(response['content']['application/json']['schema'])
                self.add_type(entry['type'])
            elif sub is None and '=' not in key:
                entry['entity'] = methods
                parameter = next(p for p in item[methods[0]]['parameters'] if p.get('in') == 'path')
                entry['key'] = [parameter['name'], self.type_of(parameter['schema'])]
            elif sub is None:
                entry['alternate_keys'].append(key.split('=')[0])
            elif sub.startswith('Pbx.') or '/Pbx.' in sub:
                for method in methods:
                    operation = item[method]
                    bound = 'entity' if key else 'collection'
                    entry['operations'][sub if not key else '{key}/' + sub] = {
                        'method': method, 'bound_to': bound, 'kind': operation.get('x-ms-docs-operation-type', 'action'),
                        'parameters': self.body_type(operation), 'returns': self.result_type(operation)}
            else:
                entry['navigation_paths'].append(sub)
        for entry in sets.values():
            entry['alternate_keys'].sort()
            entry['navigation_paths'].sort()
        return dict(sorted(sets.items()))


def path_templates(spec):
    """Path templates of the served sets."""
    return {template for template in spec['paths'] if PATH.match(template) and PATH.match(template).group('set') in SETS}


def type_differences(main, old):
    """``{type: {"added": [...], "removed": [...]}}``: property names of 20.0.10 types that 20.0.7 lacks or has extra."""
    old_deriver = Deriver(old)
    changes = {}
    for name, entry in main['types'].items():
        if name not in old_deriver.schemas:
            changes[name] = {'added': sorted(entry['properties']), 'removed': []}
            continue
        old_props = {p for p in old_deriver.properties(name) if not p.startswith('@')}
        added, removed = sorted(set(entry['properties']) - old_props), sorted(old_props - set(entry['properties']))
        if added or removed:
            changes[name] = {'added': added, 'removed': removed}
    return changes


def derive(directory):
    """The schema dict from the spec files in ``directory``."""
    main_path, old_path = directory / ('swagger-%s.yaml' % MAIN_VERSION), directory / ('swagger-%s.yaml' % OLD_VERSION)
    main_spec = load(main_path)
    deriver = Deriver(main_spec)
    sets = deriver.entity_sets()
    schema = {
        'source': {MAIN_VERSION: hashlib.sha256(main_path.read_bytes()).hexdigest()},
        'entity_sets': sets,
        'types': dict(sorted(deriver.types.items())),
        'enums': dict(sorted(deriver.enums.items())),
        'warnings': main_spec['components']['schemas']['Pbx.Warnings']['enum'],
    }
    if old_path.is_file():
        old_spec = load(old_path)
        schema['source'][OLD_VERSION] = hashlib.sha256(old_path.read_bytes()).hexdigest()
        main_paths, old_paths = path_templates(main_spec), path_templates(old_spec)
        schema['versions'] = {OLD_VERSION: {
            'paths_only_in_this_version': sorted(old_paths - main_paths),
            'paths_not_in_this_version': sorted(main_paths - old_paths),
            'types': type_differences(schema, old_spec)}}
    return schema


def settings_schema(directory):
    """``{'types': {type: {property: type}}, 'enums': {enum: [members]}}`` of ``SETTINGS_TYPES`` and what they use."""
    deriver = Deriver(load(directory / ('swagger-%s.yaml' % MAIN_VERSION)))
    for name in SETTINGS_TYPES:
        deriver.add_type(name)
    return {'types': dict((name, entry['properties']) for name, entry in sorted(deriver.types.items())),
            'enums': dict((name, entry['members']) for name, entry in sorted(deriver.enums.items()))}


SETTINGS_HEADER = '''# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The types of the PBX's settings sections, derived from the official spec by tools/derive_schema.py.

Generated: do not edit (``make schema``). Property names and OData types only, no descriptions.
The field tables of plugins/module_utils/settings.py are built from it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

'''


def render_settings(schema):
    """The text of plugins/module_utils/settings_schema.py: one property per line."""
    lines = ['SCHEMA = {', "    'types': {"]
    for name, props in schema['types'].items():
        lines.append('        %r: {' % name)
        lines.extend('            %r: %r,' % item for item in props.items())
        lines.append('        },')
    lines.extend(['    },', "    'enums': {"])
    for name, members in schema['enums'].items():
        lines.append('        %r: %r,' % (name, members))
    lines.extend(['    },', '}'])
    return SETTINGS_HEADER + '\n'.join(lines) + '\n'


def render(schema):
    """The file text: stable, one property per line, so that a spec update reads as a small diff."""
    return json.dumps(schema, indent=1, sort_keys=False) + '\n'


def main(argv=None):
    """Write or check the schema file."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--spec-dir', help='folder with swagger-20.0.10.yaml (and swagger-20.0.7.yaml)')
    parser.add_argument('--check', action='store_true', help='fail when the checked-in schema is out of date')
    args = parser.parse_args(argv)
    directory = spec_dir(args.spec_dir)
    if not (directory / ('swagger-%s.yaml' % MAIN_VERSION)).is_file():
        message = 'swagger-%s.yaml not found in %s (set TCX_XAPI_SPEC_DIR)' % (MAIN_VERSION, directory)
        if os.environ.get('CI', '').lower() in ('1', 'true', 'yes'):
            print('ERROR: %s: cannot check %s against the official spec.' % (message, OUTPUT.relative_to(REPO)), file=sys.stderr)
            return 1
        print('*' * 78 + '\nNOTE: %s.\nNOTE: the checked-in %s was NOT checked against the official spec.\n' % (
            message, OUTPUT.relative_to(REPO)) + '*' * 78)
        return 0 if args.check else 1
    text = render(derive(directory))
    settings_text = render_settings(settings_schema(directory))
    if args.check:
        for output, wanted in ((OUTPUT, text), (SETTINGS_OUTPUT, settings_text)):
            current = output.read_text(encoding='utf-8') if output.is_file() else ''
            if current != wanted:
                print('ERROR: %s is out of date with %s: run `make schema` and commit the result.'
                      % (output.relative_to(REPO), directory / ('swagger-%s.yaml' % MAIN_VERSION)), file=sys.stderr)
                return 1
            print('%s is up to date with the official spec.' % output.relative_to(REPO))
        return 0
    OUTPUT.write_text(text, encoding='utf-8')
    SETTINGS_OUTPUT.write_text(settings_text, encoding='utf-8')
    written = json.loads(text)
    print('wrote %s (%d entity sets, %d types, %d enums)'
          % (OUTPUT.relative_to(REPO), len(written['entity_sets']), len(written['types']), len(written['enums'])))
    return 0


if __name__ == '__main__':
    sys.exit(main())
