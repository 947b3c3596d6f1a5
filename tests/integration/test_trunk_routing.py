# -*- coding: utf-8 -*-
"""Trunks and outbound rules: a customer's routing in one tcx_config run, the rules' order, the refusals, the password."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

TRUNK = {'name': 'Provider A', 'template': '1cx.pv.xml', 'host': 'sip.provider-a.example', 'auth_id': 'acct-1',
         'password': 'Trunk-Pass-4711', 'dids': ['+4930555100', '+4930555101'], 'main_number': '+4930555100'}
EMERGENCY = {'name': 'Emergency', 'prefix': '112', 'emergency': True, 'routes': [{'trunk': 'Provider A'}]}
NATIONAL = {'name': 'National', 'prefix': '0', 'routes': [{'trunk': 'provider a', 'strip_digits': 1, 'prepend': '+49'},
                                                          {'trunk': '10000'}]}
INBOUND = {'did': '+4930555100', 'trunk': 'Provider A', 'office_hours': {'to': 'external', 'external': '+4930999'}}
ROUTING = {'trunks': [TRUNK], 'outbound_rules': [EMERGENCY, NATIONAL], 'inbound_rules': [INBOUND]}


def config(check=False, **lists):
    task = {'name': 'config', 'tcx.xapi.tcx_config': lists}
    if check:
        task['check_mode'] = True
    return task


def rules_in_order(api):
    return [(r['Name'], r['Priority']) for r in api.call('GET', 'OutboundRules', params={'$orderby': 'Priority'})['value']]


def test_a_new_trunk_its_rules_and_its_did_in_one_run_then_nothing(play, api):
    result = play([config(check=True, **ROUTING), config(**ROUTING), config(**ROUTING)])
    assert result.rc == 0, result
    checked, applied, again = result.results
    assert result.writes(0) == []
    assert checked['changes'] == applied['changes']
    assert [(c['kind'], c['key'], c['action']) for c in applied['changes']] == [
        ('trunk', 'Provider A', 'create'), ('inbound rule', '+4930555100', 'create'),
        ('outbound rule', 'Emergency', 'create'), ('outbound rule', 'National', 'create')]
    trunk_after = applied['changes'][0]['diff']['after']
    assert trunk_after['number'] == '10001' and trunk_after['password'] == '********'
    assert applied['changes'][1]['diff']['after']['trunk'] == '10001'
    assert applied['changes'][3]['diff']['after']['routes'] == [{'trunk': '10001', 'strip_digits': 1, 'prepend': '+49'},
                                                                {'trunk': '10000'}]
    assert [c['diff']['after']['priority'] for c in applied['changes'][2:]] == [1, 2]
    writes = [path for method, path, _body in result.writes(1) if not path.endswith('/Pbx.MoveUpDown')]
    # The two rules are created side by side: when the second arrives first, one move puts them in order.
    assert writes == ['/xapi/v1/Trunks', '/xapi/v1/InboundRules', '/xapi/v1/OutboundRules', '/xapi/v1/OutboundRules']
    assert len(result.writes(1)) - len(writes) <= 1
    posted = [body for method, path, body in result.writes(1) if path == '/xapi/v1/Trunks'][0]
    assert posted['Number'] == '10001' and posted['Gateway']['TemplateFilename'] == '1cx.pv.xml'
    assert rules_in_order(api) == [('Emergency', 1), ('National', 2)]
    assert again['changed'] is False and result.writes(2) == []
    reads = sorted(set((r['method'], r['path']) for r in result.requests(2) if r['path'].startswith('/xapi/')))
    # Each kind listed, or named by a listed kind, once: the inbound rules' destinations may name queues, ring groups
    # and IVRs, the outbound rules name departments.
    assert reads == [('GET', '/xapi/v1/Groups'), ('GET', '/xapi/v1/InboundRules'), ('GET', '/xapi/v1/OutboundRules'),
                     ('GET', '/xapi/v1/Queues'), ('GET', '/xapi/v1/Receptionists'), ('GET', '/xapi/v1/RingGroups'),
                     ('GET', '/xapi/v1/Trunks')]
    assert len([r for r in result.requests(2) if r['path'].startswith('/xapi/')]) == 7


def test_the_list_order_is_kept_with_the_fewest_moves_and_the_check_costs_nothing(play, api, emulator):
    for name in ('A', 'B', 'C', 'D'):
        api.call('POST', 'OutboundRules', json={'Name': name, 'Prefix': '9'})
    wanted = [{'name': name} for name in ('D', 'A', 'C', 'B')]  # from A B C D: 3 + 1 inversions
    result = play([config(check=True, outbound_rules=wanted), config(outbound_rules=wanted), config(outbound_rules=wanted)])
    assert result.rc == 0, result
    checked, applied, again = result.results
    assert result.writes(0) == [] and checked['changes'] == applied['changes']
    assert dict((c['key'], (c['diff']['before']['priority'], c['diff']['after']['priority'])) for c in applied['changes']) == {
        'D': (4, 1), 'A': (1, 2), 'B': (2, 4)}  # C stays third
    moves = [body for method, path, body in result.writes(1)]
    assert all(path == '/xapi/v1/OutboundRules/Pbx.MoveUpDown' for _m, path, _b in result.writes(1))
    assert len(moves) == 4
    assert [name for name, _priority in rules_in_order(api)] == ['D', 'A', 'C', 'B']
    assert again['changed'] is False and result.writes(2) == []
    assert sorted((r['method'], r['path']) for r in result.requests(2) if r['path'].startswith('/xapi/')) == [
        ('GET', '/xapi/v1/Groups'), ('GET', '/xapi/v1/OutboundRules'), ('GET', '/xapi/v1/Trunks')]


def test_pruned_rules_go_in_one_purge(play, api):
    for name in ('A', 'X', 'B', 'N'):
        api.call('POST', 'OutboundRules', json={'Name': name})
    result = play([config(outbound_rules=[{'name': 'N'}], prune=['outbound_rules'])])
    assert result.rc == 0, result
    assert [name for name, _p in rules_in_order(api)] == ['N']
    (method, path, body), = result.writes(0)
    assert (method, path) == ('POST', '/xapi/v1/OutboundRules/Pbx.Purge') and len(body['purgeObject']['Ids']) == 3
    assert result.result()['summary']['outbound_rules']['delete'] == 3


def test_unlisted_rule_keeps_its_place(play, api):
    for name in ('A', 'X', 'B'):
        api.call('POST', 'OutboundRules', json={'Name': name})
    result = play([config(outbound_rules=[{'name': 'B'}, {'name': 'A'}, {'name': 'N'}])])
    assert result.rc == 0, result
    assert [name for name, _p in rules_in_order(api)] == ['B', 'X', 'A', 'N']


def test_single_module_priority_moves_the_rule_with_one_call_per_place(play, api):
    for name in ('A', 'B', 'C'):
        api.call('POST', 'OutboundRules', json={'Name': name})
    task = {'name': 'rule', 'tcx.xapi.tcx_outbound_rule': {'name': 'C', 'priority': 1}}
    result = play([dict(task, check_mode=True), task, task,
                   {'name': 'too far', 'tcx.xapi.tcx_outbound_rule': {'name': 'A', 'priority': 9}, 'ignore_errors': True}])
    checked, moved, again, too_far = result.results
    assert checked['diff'] == moved['diff'] == {'before': {'priority': 3}, 'after': {'priority': 1}}
    assert result.writes(0) == [] and len(result.writes(1)) == 2
    assert [name for name, _p in rules_in_order(api)] == ['C', 'A', 'B']
    assert again['changed'] is False and result.writes(2) == []
    assert result.records[3]['status'] == 'failed' and 'priority must be at most 3' in too_far['msg'] and result.writes(3) == []


def test_a_trunk_a_rule_uses_is_not_deleted_and_a_route_to_no_trunk_is_refused(play, api):
    assert play([config(**ROUTING)]).rc == 0
    absent = {'name': 'Provider A', 'state': 'absent'}
    result = play([
        {'name': 'module check', 'tcx.xapi.tcx_trunk': absent, 'check_mode': True, 'ignore_errors': True},
        {'name': 'module', 'tcx.xapi.tcx_trunk': absent, 'ignore_errors': True},
        dict(config(trunks=[absent]), ignore_errors=True, check_mode=True),
        dict(config(trunks=[absent]), ignore_errors=True),
        {'name': 'route', 'tcx.xapi.tcx_outbound_rule': {'name': 'Intl', 'routes': [{'trunk': 'Nobody'}]}, 'ignore_errors': True},
        dict(config(outbound_rules=[{'name': 'Intl', 'routes': [{'trunk': '10009'}]}]), ignore_errors=True),
        dict(config(outbound_rules=[{'name': 'Intl', 'routes': [{'trunk': '10000'}] * 6}]), ignore_errors=True),
    ])
    results = result.results
    for index in range(len(results)):
        assert result.records[index]['status'] == 'failed', (index, results[index])
        assert result.writes(index) == [], index
    for message in (results[0]['msg'], results[1]['msg'], results[2]['msg'], results[3]['msg']):
        assert "outbound rule 'Emergency' sends calls through it (routes[1])" in message
        assert "inbound rule '+4930555100' receives its calls through it" in message
    assert results[0]['msg'] == results[1]['msg'] and results[2]['msg'] == results[3]['msg']
    assert "routes[1]: unknown trunk 'Nobody'" in results[4]['msg'] and '10001 (Provider A)' in results[4]['msg']
    assert "unknown trunk '10009'" in results[5]['msg']
    assert 'routes takes at most 5 routes' in results[6]['msg']


def test_the_password_is_sent_on_create_or_always_and_a_backup_holds_a_placeholder(play, emulator):
    trunk = dict(TRUNK)
    result = play([
        {'name': 'create', 'tcx.xapi.tcx_trunk': trunk},
        {'name': 'again', 'tcx.xapi.tcx_trunk': trunk},
        {'name': 'always', 'tcx.xapi.tcx_trunk': dict(trunk, update_password='always')},
        {'name': 'backup', 'tcx.xapi.tcx_config_info': {'kinds': ['trunks']}, 'register': 'backup'},
        {'name': 'restore', 'tcx.xapi.tcx_config': {'trunks': '{{ backup.trunks }}'}},
        {'name': 'module', 'tcx.xapi.tcx_trunk': '{{ backup.trunks[1] }}'},
        {'name': 'info', 'tcx.xapi.tcx_trunk_info': {'name': 'Provider A'}},
    ])
    assert result.rc == 0, result
    created, again, always, backup, restore, module, info = result.results
    assert info['trunks'] == [created['trunk']] and 'password' not in info['trunks'][0]
    assert [body['AuthPassword'] for _m, _p, body in result.writes(0)] == [{'Value': 'Trunk-Pass-4711'}]
    assert again['changed'] is False and result.writes(1) == []
    assert always['changed'] is True and always['diff']['after'] == dict(always['diff']['before'], password='******** (changed)')
    assert [body for _m, _p, body in result.writes(2)] == [{'AuthPassword': {'Value': 'Trunk-Pass-4711'}}]
    assert [t['password'] for t in backup['trunks'] if t['name'] == 'Provider A'] == ['FILL-IN-FROM-VAULT']
    assert 'password' not in created['trunk'] and 'AuthPassword' not in created['raw']
    assert restore['changed'] is False and result.writes(4) == [] and module['changed'] is False
    assert any('placeholder' in w for w in module.get('warnings', []))
