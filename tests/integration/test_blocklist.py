# -*- coding: utf-8 -*-
"""tcx_blocklist: what only the blocklist does (its lifecycle: test_lifecycle.py with kind_cases/blocklist.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def entry(**options):
    return {'name': 'entry', 'tcx.xapi.tcx_blocklist': options, 'register': 'out'}


def test_a_new_entry_without_action_blocks_and_a_bad_address_fails_before_any_request(emulator, play):
    emulator.clear_requests()
    created = play([entry(address='203.0.113.7')], expect_rc=0).result()
    assert created['changed'] and created['entry'] == {'address': '203.0.113.7', 'action': 'block'}
    assert [w['body'] for w in emulator.writes()] == [{'IPAddrMask': '203.0.113.7', 'BlockType': 'Block', 'AddedBy': 'Manual'}]
    emulator.clear_requests()
    run = play([dict(entry(address='203.0.113.300'), ignore_errors=True),
                dict(entry(address='203.0.113.8', expires_at='tomorrow'), ignore_errors=True)])
    assert [r['msg'] for r in run.results] == [
        "blocklist entry '203.0.113.300': address must be an IP address or network such as 203.0.113.7 or 203.0.113.0/24, "
        "got '203.0.113.300'",
        "blocklist entry '203.0.113.8': expires_at must be a date and time such as 2027-01-31T00:00:00Z, got 'tomorrow'"]
    assert emulator.requests(path='^/xapi/') == []


def test_entries_the_pbx_added_are_neither_pruned_nor_unmanaged(emulator, play):
    state = emulator.state()
    state['blocklist'] = [{'Id': 50, 'IPAddrMask': '192.0.2.66', 'BlockType': 'Block', 'AddedBy': 'AutoBlacklist'},
                          {'Id': 51, 'IPAddrMask': '192.0.2.77', 'BlockType': 'Block', 'AddedBy': 'Manual'}]
    emulator.load_state(state)
    emulator.clear_requests()
    task = {'tcx.xapi.tcx_config': {'blocklist': [{'address': '203.0.113.7', 'action': 'allow'}]}, 'register': 'out'}
    audit = play([dict(task, check_mode=True)], expect_rc=0).result()
    assert [u['key'] for u in audit['unmanaged']] == ['192.0.2.77']
    pruned = play([{'tcx.xapi.tcx_config': {'blocklist': [{'address': '203.0.113.7', 'action': 'allow'}], 'prune': ['blocklist']}}],
                  expect_rc=0).result()
    assert pruned['changed']
    assert sorted(e['IPAddrMask'] for e in emulator.state()['blocklist']) == ['192.0.2.66', '203.0.113.7']
