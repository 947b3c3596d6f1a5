"""Print the ``options`` of tcx_settings' DOCUMENTATION from the settings sections (plugins/module_utils/kinds/settings.py).

    PYTHONPATH=.build python tools/settings_docs.py > /tmp/options.yml

The options of each section are derived from the spec; so is their documentation: paste the output into
plugins/modules/tcx_settings.py after adding a section. tests/unit/plugins/modules/test_settings_docs.py
fails when the documentation and the argument spec differ.
"""

import sys
import textwrap

from ansible_collections.tcx.xapi.plugins.module_utils.kinds.settings import SECTIONS, Settings


def describe(field, section):
    """The description of a derived option: the property (and its section's type) it manages."""
    if field.is_group:
        return ['The C(%s) of C(%s), each option one of its properties.' % (field.option, section.key)]
    lines = ['The PBX setting C(%s).' % field.path]
    if field.secret:
        lines.append('A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none, '
                     'or on every run with O(update_secrets=always).')
    return lines


def wrapped(text, first, rest):
    """``text`` as YAML lines of at most 120 characters."""
    return textwrap.wrap(text, 120, initial_indent=first, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False)


def render(field, section, indent):
    """The YAML lines of one option."""
    pad = ' ' * indent
    lines = ['%s%s:' % (pad, field.option), '%s  description:' % pad]
    for text in describe(field, section):
        lines.extend(wrapped(text, pad + '    - ', pad + '      '))
    lines.append('%s  type: %s' % (pad, field.type))
    if field.elements:
        lines.append('%s  elements: %s' % (pad, field.elements))
    if field.choices:
        lines.extend(wrapped('choices: [%s]' % ', '.join("'%s'" % c for c in field.choices), pad + '  ', pad + '    '))
    if field.suboptions:
        lines.append('%s  suboptions:' % pad)
        for sub in field.suboptions:
            lines.extend(render(sub, section, indent + 4))
    return lines


def main():
    """Print the options block."""
    fields = dict((field.option, field) for field in Settings.fields)
    lines = ['options:']
    # pylint: disable=consider-using-f-string
    for section in SECTIONS:
        field = fields[section.option]
        text = ('The PBX settings C(%s)%s. Only the options given are managed; the others stay as they are.'
                % (section.key, '' if section.read == section.key else ' (read with C(%s), written with C(%s))'
                   % (section.read, section.write)))
        lines.extend(['  %s:' % field.option, '    description:'] + wrapped(text, '      - ', '        ')
                     + ['    type: dict', '    suboptions:'])
        for sub in field.suboptions:
            lines.extend(render(sub, section, 6))
    sys.stdout.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
