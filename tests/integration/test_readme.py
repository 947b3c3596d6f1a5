# -*- coding: utf-8 -*-
"""The README's quick start (the call flow of one office) runs as written against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from pathlib import Path

import yaml

README = Path(__file__).resolve().parents[2] / 'README.md'


def quick_start():
    """The play of the README's quick start, parsed from its YAML block."""
    text = README.read_text(encoding='utf-8')
    section = text[text.index('## Quick start'):text.index('## Contents')]
    block = re.search(r'```yaml\n(.*?)```', section, re.S).group(1)
    return yaml.safe_load(block)[0]


def test_quick_start_call_flow_checks_applies_and_then_changes_nothing(emulator, play):
    role = quick_start()['roles'][0]
    assert role['role'] == 'tcx.xapi.provision'
    task = {'name': 'quick start', 'ansible.builtin.include_role': {'name': role['role']}, 'vars': role['vars']}

    checked = play([task], check=True)
    assert checked.rc == 0, checked
    assert emulator.writes() == []
    applied = play([task])
    assert applied.rc == 0, applied
    state = emulator.state()
    ring_group = [r for r in state['ring_groups'] if r['Name'] == 'Sales Team'][0]
    queue = [q for q in state['queues'] if q['Name'] == 'Support Queue'][0]
    ivr = [i for i in state['receptionists'] if i['Name'] == 'Main Menu'][0]
    rule = [r for r in state['inbound_rules'] if r['Data'] == '+493012345600'][0]
    assert [m['Number'] for m in ring_group['Members']] == ['201', '202']
    assert queue['ForwardNoAnswer']['Number'] == ring_group['Number']
    keys = dict((f['Input'], (f['ForwardType'], f['ForwardDN'])) for f in ivr['Forwards'])
    assert keys == {'1': ('RingGroup', ring_group['Number']), '2': ('Queue', queue['Number']), '0': ('Extension', '201')}
    assert rule['OfficeHoursDestination']['To'] == 'IVR' and rule['OfficeHoursDestination']['Number'] == ivr['Number']

    emulator.clear_requests()
    again = play([task])
    assert again.rc == 0, again
    assert emulator.writes() == []
    assert not any(r.get('changed') for r in again.results)
