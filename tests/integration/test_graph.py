# -*- coding: utf-8 -*-
"""tcx_config converges the call flow as a graph: any object of the run may name any other, cycles included;
deletes and prunes run in dependency order; refusals are foreseen before the first write, in check mode too."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import yaml

from conftest import PLAYBOOKS, run_playbook

OFFICE = yaml.safe_load((PLAYBOOKS / 'vars' / 'demo_office.yml').read_text(encoding='utf-8'))
TRUNK = '10000'  # the emulator's seeded trunk

# A ring group that overflows to a queue whose no-answer goes back to the ring group; a main menu whose key 2
# opens a sub-menu whose key 0 returns to the main menu; an inbound rule to the main menu. Every edge by name.
CYCLES = {
    'users': [{'extension': '100', 'first_name': 'Ada', 'last_name': 'Lovelace'}],
    'ring_groups': [{'name': 'Sales Team', 'members': ['100'], 'no_answer': {'to': 'queue', 'name': 'Support Queue'}}],
    'queues': [{'name': 'Support Queue', 'agents': [{'extension': '100'}], 'no_answer': {'to': 'ring_group', 'name': 'Sales Team'}}],
    'ivrs': [{'name': 'Main Menu', 'menu': {'1': {'to': 'ring_group', 'name': 'Sales Team'}, '2': {'to': 'ivr', 'name': 'Sub Menu'}}},
             {'name': 'Sub Menu', 'menu': {'0': {'to': 'ivr', 'name': 'Main Menu'}, '1': {'to': 'queue', 'name': 'Support Queue'}}}],
    'inbound_rules': [{'did': '4930123456', 'trunk': TRUNK, 'office_hours': {'to': 'ivr', 'name': 'Main Menu'}}],
}


def config(options, name='converge', **task):
    return dict({'name': name, 'tcx.xapi.tcx_config': options}, **task)


def writes(result, index):
    return [(method, path.split('/xapi/v1/')[1], body) for method, path, body in result.writes(index)]


def held(emulator):
    """``{(set, name): object}`` of the call flow the emulator holds."""
    state = emulator.state()
    return dict(((plural, o.get('Name') or o.get('Data')), o) for plural in ('ring_groups', 'queues', 'receptionists', 'inbound_rules')
                for o in state[plural])


def test_a_flow_with_cycles_is_created_in_one_run_check_mode_predicting_it_and_a_second_run_writes_nothing(emulator, play):
    result = play([config(CYCLES, 'check', check_mode=True), config(CYCLES, 'apply'), config(CYCLES, 'again')])
    assert result.rc == 0, result
    checked, applied, again = result.results
    assert result.writes(0) == [] and result.writes(2) == []
    assert checked['changes'] == applied['changes'] and checked['diff'] == applied['diff']
    assert [(c['kind'], c['key'], c['action']) for c in applied['changes']] == [
        ('user', '100', 'create'), ('ring group', 'Sales Team', 'create'), ('queue', 'Support Queue', 'create'),
        ('IVR', 'Main Menu', 'create'), ('IVR', 'Sub Menu', 'create'), ('inbound rule', '4930123456', 'create')]
    # The diff shows the final state, every edge as written.
    assert applied['diff']['after']['ivrs']['Sub Menu']['menu'] == CYCLES['ivrs'][1]['menu']
    assert applied['diff']['after']['ring_groups']['Sales Team']['no_answer'] == {'to': 'queue', 'name': 'Support Queue'}
    assert again['changed'] is False and again['changes'] == []

    flow = held(emulator)
    team, queue = flow[('ring_groups', 'Sales Team')], flow[('queues', 'Support Queue')]
    main, sub = flow[('receptionists', 'Main Menu')], flow[('receptionists', 'Sub Menu')]
    done = writes(result, 1)
    posts = [(path, body) for method, path, body in done if method == 'POST']
    # Creates first, kind after kind, each with the edges to what exists already (earlier kinds of the run).
    assert [path for path, _body in posts] == ['Users', 'RingGroups', 'Queues', 'Receptionists', 'Receptionists', 'InboundRules']
    assert 'ForwardNoAnswer' not in posts[1][1]
    assert posts[2][1]['ForwardNoAnswer'] == {'To': 'RingGroup', 'Number': team['Number']}
    assert all('Forwards' not in body for path, body in posts[3:5])
    assert posts[5][1]['OfficeHoursDestination'] == {'To': 'IVR', 'Number': main['Number']}
    # Then one PATCH per object for the edges to objects created after it.
    patches = sorted((path, body) for method, path, body in done if method == 'PATCH')
    for _path, body in patches:
        if 'ForwardNoAnswer' in body:  # the rest of the property as the PBX holds it
            body['ForwardNoAnswer'] = dict((k, v) for k, v in body['ForwardNoAnswer'].items() if k in ('To', 'Number'))
    assert patches == sorted([
        ('RingGroups(%d)' % team['Id'], {'ForwardNoAnswer': {'To': 'Queue', 'Number': queue['Number']}}),
        ('Receptionists(%d)' % main['Id'], {'Forwards': [{'Input': '1', 'ForwardType': 'RingGroup', 'ForwardDN': team['Number']},
                                                         {'Input': '2', 'ForwardType': 'IVR', 'ForwardDN': sub['Number']}]}),
        ('Receptionists(%d)' % sub['Id'], {'Forwards': [{'Input': '0', 'ForwardType': 'IVR', 'ForwardDN': main['Number']},
                                                        {'Input': '1', 'ForwardType': 'Queue', 'ForwardDN': queue['Number']}]})])
    assert len(done) == len(posts) + len(patches)
    assert team['ForwardNoAnswer']['Number'] == queue['Number'] and queue['ForwardNoAnswer']['Number'] == team['Number']
    assert [(f['Input'], f['ForwardDN']) for f in sub['Forwards']] == [('0', main['Number']), ('1', queue['Number'])]


def test_a_destination_given_by_number_to_an_object_of_the_run_waits_for_it(emulator, play):
    flow = {'ring_groups': [{'name': 'Sales Team', 'number': '802', 'no_answer': {'to': 'queue', 'number': '801'}}],
            'queues': [{'name': 'Support Queue', 'number': '801', 'no_answer': {'to': 'ring_group', 'number': '802'}}]}
    result = play([config(flow, 'check', check_mode=True), config(flow, 'apply'), config(flow, 'again')])
    assert result.rc == 0, result
    assert result.writes(0) == [] and result.writes(2) == []
    assert [(method, path) for method, path, _body in writes(result, 1)] == [
        ('POST', 'RingGroups'), ('POST', 'Queues'), ('PATCH', 'RingGroups(%d)' % held(emulator)[('ring_groups', 'Sales Team')]['Id'])]
    assert writes(result, 1)[1][2]['ForwardNoAnswer'] == {'To': 'RingGroup', 'Number': '802'}


def test_a_backup_with_cycles_restores_onto_an_empty_pbx_in_one_run(emulator, play):
    play([config(CYCLES)], expect_rc=0)
    backup = play([{'name': 'backup', 'tcx.xapi.tcx_config_info': {}}], expect_rc=0).result()
    before = held(emulator)
    emulator.reset()
    lists = dict((plural, backup[plural]) for plural in ('departments', 'users', 'ring_groups', 'queues', 'ivrs', 'inbound_rules'))
    result = play([config(lists, 'check', check_mode=True), config(lists, 'restore'), config(lists, 'again')])
    assert result.rc == 0, result
    checked, restored, again = result.results
    assert result.writes(0) == [] and checked['changes'] == restored['changes']
    assert restored['summary']['ivrs']['create'] == 2 and again['changed'] is False and result.writes(2) == []
    after = held(emulator)
    for key in before:
        for prop in ('Number', 'ForwardNoAnswer', 'Forwards', 'OfficeHoursDestination'):
            assert (key, prop, _without_ids(after[key].get(prop))) == (key, prop, _without_ids(before[key].get(prop)))


def _without_ids(value):
    if isinstance(value, dict):
        return dict((k, _without_ids(v)) for k, v in value.items() if k != 'Id')
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def office_with_cycles():
    """The demo office, its call flow closed into cycles: the ring group overflows to the queue, and a second menu
    returns to the first."""
    office = copy.deepcopy(OFFICE)
    group, queue = office['tcx_ring_groups'][0], office['tcx_queues'][0]
    group['no_answer'] = {'to': 'queue', 'name': queue['name']}
    queue['no_answer'] = {'to': 'ring_group', 'name': group['name']}
    main = office['tcx_ivrs'][0]
    main['menu']['8'] = {'to': 'ivr', 'name': 'After Hours Menu'}
    office['tcx_ivrs'].append({'name': 'After Hours Menu', 'menu': {'0': {'to': 'ivr', 'name': main['name']}}})
    return office


def test_the_backup_playbook_of_the_demo_office_with_cycles_restores_with_the_provision_playbook(emulator, tmp_path):
    run_playbook(tmp_path, 'provision.yml', emulator, extra_vars=office_with_cycles())
    run_playbook(tmp_path, 'backup.yml', emulator, extra_vars={'tcx_backup_dir': 'first'})
    # As the backup's header says: provision.yml -e @<backup>.yml
    restore_vars = yaml.safe_load(sorted((tmp_path / 'first').glob('*.yml'))[0].read_text(encoding='utf-8'))
    assert len(restore_vars['tcx_ivrs']) == 2
    before = held(emulator)
    emulator.reset()
    checked = run_playbook(tmp_path, 'provision.yml', emulator, extra_vars=restore_vars, check=True)
    assert emulator.writes() == []
    restored = run_playbook(tmp_path, 'provision.yml', emulator, extra_vars=restore_vars)
    assert checked.task('Converge departments')['changes'] == restored.task('Converge departments')['changes']
    after = held(emulator)
    assert sorted(after) == sorted(before)
    for key in before:
        for prop in ('Number', 'ForwardNoAnswer', 'Forwards', 'OfficeHoursDestination'):
            assert _without_ids(after[key].get(prop)) == _without_ids(before[key].get(prop)), (key, prop)
    emulator.clear_requests()
    again = run_playbook(tmp_path, 'provision.yml', emulator, extra_vars=restore_vars)
    assert again.task('Converge departments')['changed'] is False and emulator.writes() == []


def large_office(departments=12, users=120, ring_groups=8, queues=8, ivrs=4):
    """A generated PBX whose call flow is full of cycles: ring group i overflows to queue i, queue i back to ring group
    i + 1; IVR i sends key 1 to ring group i, key 2 to the next IVR (the last to the first), key 3 to queue i.

    More users than a page (100): they are read in two pages. (300 users, 20 ring groups and queues and 10 IVRs
    made the same shapes and cost 44 s of the suite; every user's backup holds its forwarding profiles.)"""
    names = ['Department %02d' % d for d in range(departments)]
    office = {'departments': [{'name': name} for name in names],
              'users': [{'extension': str(1000 + u), 'first_name': 'User', 'last_name': 'N%d' % u,
                         'departments': [{'name': names[u % departments], 'role': 'users'}]} for u in range(users)]}
    office['ring_groups'] = [{'name': 'Group %02d' % g, 'departments': [names[g % departments]],
                              'members': [str(1000 + (g * 7 + m) % users) for m in range(3)],
                              'no_answer': {'to': 'queue', 'name': 'Queue %02d' % (g % queues)}} for g in range(ring_groups)]
    office['queues'] = [{'name': 'Queue %02d' % q, 'agents': [{'extension': str(1000 + (q * 11 + a) % users)} for a in range(2)],
                         'no_answer': {'to': 'ring_group', 'name': 'Group %02d' % ((q + 1) % ring_groups)}} for q in range(queues)]
    office['ivrs'] = [{'name': 'Menu %02d' % i, 'menu': {
        '1': {'to': 'ring_group', 'name': 'Group %02d' % i}, '2': {'to': 'ivr', 'name': 'Menu %02d' % ((i + 1) % ivrs)},
        '3': {'to': 'queue', 'name': 'Queue %02d' % i}}} for i in range(ivrs)]
    office['inbound_rules'] = [{'did': '49301234%02d' % i, 'trunk': TRUNK, 'office_hours': {'to': 'ivr', 'name': 'Menu %02d' % i}}
                               for i in range(ivrs)]
    return office


def test_a_large_generated_pbx_with_cycles_is_backed_up_and_restored_in_one_run(emulator, play):
    office = large_office()
    created = play([config(dict(office, parallel=8))], expect_rc=0).result()
    assert created['summary']['users']['create'] == 120 and created['summary']['ivrs']['create'] == 4
    backup = play([{'name': 'backup', 'tcx.xapi.tcx_config_info': {}}], expect_rc=0).result()
    before = held(emulator)
    emulator.reset()
    lists = dict((plural, backup[plural]) for plural in office)
    restored = play([config(dict(lists, parallel=8), 'restore')], expect_rc=0).result()
    assert restored['failures'] == [] and restored['summary']['queues']['create'] == 8
    after = held(emulator)
    assert sorted(after) == sorted(before)
    for key in before:
        for prop in ('Number', 'ForwardNoAnswer', 'Forwards', 'OfficeHoursDestination', 'Members', 'Agents'):
            assert _without_ids(after[key].get(prop)) == _without_ids(before[key].get(prop)), (key, prop)
    emulator.clear_requests()
    again = play([config(lists, 'again')], expect_rc=0).result()
    assert again['changed'] is False and emulator.writes() == []


def rogue_chain(api):
    """Unmanaged: inbound rule -> IVR 'Rogue Menu' -> queue 'Rogue Q' <-> ring group 'Rogue RG' (a cycle)."""
    group = api.call('POST', 'RingGroups', json={'Name': 'Rogue RG', 'Number': '802'})
    queue = api.call('POST', 'Queues', json={'Name': 'Rogue Q', 'Number': '801',
                                             'ForwardNoAnswer': {'To': 'RingGroup', 'Number': '802'}})
    api.call('PATCH', 'RingGroups(%d)' % group['Id'], json={'ForwardNoAnswer': {'To': 'Queue', 'Number': '801'}})
    ivr = api.call('POST', 'Receptionists', json={'Name': 'Rogue Menu', 'Number': '800',
                                                  'Forwards': [{'Input': '1', 'ForwardType': 'Queue', 'ForwardDN': '801'}]})
    trunk = api.find('Trunks', "Number eq '%s'" % TRUNK)[0]['Id']
    rule = api.call('POST', 'InboundRules', json={'Data': '4930999', 'Condition': 'BasedOnDID', 'TrunkDN': {'Id': trunk},
                                                  'OfficeHoursDestination': {'To': 'IVR', 'Number': '800'}})
    return group, queue, ivr, rule


def test_prune_removes_an_unmanaged_chain_with_a_cycle_in_one_run(emulator, play, api):
    group, queue, ivr, rule = rogue_chain(api)
    emulator.clear_requests()
    prune = {'prune': ['ring_groups', 'queues', 'ivrs', 'inbound_rules']}
    result = play([config(prune, 'check', check_mode=True), config(prune, 'prune'), config(prune, 'again')])
    assert result.rc == 0, result
    checked, pruned, again = result.results
    assert result.writes(0) == [] and checked['changes'] == pruned['changes']
    assert sorted((c['kind'], c['key'], c['action']) for c in pruned['changes']) == [
        ('IVR', 'Rogue Menu', 'delete'), ('inbound rule', '4930999', 'delete'), ('queue', 'Rogue Q', 'delete'),
        ('ring group', 'Rogue RG', 'delete')]
    # The rule, then the menu, then the cycle: one of its objects (the queue, the later kind) stops sending calls to
    # the other first; the ring group that still sends calls to the queue goes before it.
    done = writes(result, 1)
    assert [(method, path) for method, path, _body in done] == [
        ('DELETE', 'InboundRules(%d)' % rule['Id']), ('DELETE', 'Receptionists(%d)' % ivr['Id']),
        ('PATCH', 'Queues(%d)' % queue['Id']), ('DELETE', 'RingGroups(%d)' % group['Id']), ('DELETE', 'Queues(%d)' % queue['Id'])]
    assert list(done[2][2]) == ['ForwardNoAnswer'] and done[2][2]['ForwardNoAnswer']['To'] == 'None'
    assert held(emulator) == {} and again['changed'] is False and result.writes(2) == []


def test_absent_objects_of_a_cycle_are_deleted_together(emulator, play, api):
    group, queue, _ivr, _rule = rogue_chain(api)
    absent = {'ring_groups': [{'name': 'Rogue RG', 'state': 'absent'}], 'queues': [{'name': 'Rogue Q', 'state': 'absent'}],
              'ivrs': [{'name': 'Rogue Menu', 'state': 'absent'}], 'inbound_rules': [{'did': '4930999', 'state': 'absent'}]}
    result = play([config(absent)])
    assert result.rc == 0, result
    assert [(m, p) for m, p, _b in writes(result, 0)][2:] == [
        ('PATCH', 'Queues(%d)' % queue['Id']), ('DELETE', 'RingGroups(%d)' % group['Id']), ('DELETE', 'Queues(%d)' % queue['Id'])]
    assert held(emulator) == {}


def refused(play, options):
    """Run ``options`` in check mode then for real: both must fail with the same message, without a write."""
    result = play([config(options, 'check', check_mode=True, ignore_errors=True), config(options, 'real', ignore_errors=True)])
    checked, real = result.results
    assert [r['status'] for r in result.records] == ['failed', 'failed'], result
    assert checked['msg'] == real['msg']
    assert result.writes(0) == [] and result.writes(1) == []
    return real['msg']


def test_a_destination_to_a_number_or_name_nothing_holds_is_refused_before_any_write(emulator, play):
    """Queues and IVRs are not listed in the task: they are looked up, and one that nothing holds fails check mode too."""
    msg = refused(play, {'ring_groups': [{'name': 'Sales Team', 'no_answer': {'to': 'queue', 'number': '899'}}],
                         'inbound_rules': [{'did': '4930123456', 'trunk': TRUNK, 'office_hours': {'to': 'ivr', 'name': 'Nowhere'}}]})
    assert msg == ("2 invalid items, nothing was written: ring_groups[0] (ring group 'Sales Team'): no_answer: no queue has "
                   "number 899 | inbound_rules[0] (inbound rule '4930123456'): unknown IVR 'Nowhere': list it under ivrs or "
                   "create it first")


def test_a_number_another_object_holds_is_refused_before_any_write(emulator, play, api):
    api.call('POST', 'Users', json={'Number': '201', 'FirstName': 'Ada', 'LastName': 'Lovelace'})
    emulator.clear_requests()
    msg = refused(play, {'ring_groups': [{'name': 'Sales Team', 'number': '201'}, {'name': 'Night Desk', 'number': '805'}],
                         'queues': [{'name': 'Support Queue', 'number': '805'}]})
    assert msg == (
        "2 invalid items, nothing was written: ring_groups[0] (ring group 'Sales Team'): number 201 is already held by "
        "user 201 ('Ada Lovelace'): give a free number, or leave number out and the PBX assigns one | queues[0] (queue "
        "'Support Queue'): number 805 is already held by ring_groups[1] (ring group 'Night Desk') of this task: give a free "
        "number, or leave number out and the PBX assigns one")


def test_a_user_extension_a_ring_group_holds_is_refused_before_any_write(emulator, play, api):
    api.call('POST', 'RingGroups', json={'Name': 'Sales Team', 'Number': '800'})
    emulator.clear_requests()
    msg = refused(play, {'users': [{'extension': '800', 'first_name': 'Ada'}]})
    assert msg == ("1 invalid item, nothing was written: users[0] (user '800'): extension 800 is already held by "
                   "ring group 800 ('Sales Team'): give a free extension")


def test_pruning_an_object_that_a_kept_object_still_uses_is_refused(emulator, play, api):
    rogue_chain(api)
    emulator.clear_requests()
    msg = refused(play, {'prune': ['queues']})
    assert msg == ("2 invalid items, nothing was written: queues (pruned) (queue 'Rogue Q'): cannot delete: ring group "
                   "'Rogue RG' sends calls to it (no_answer); send them elsewhere first | queues (pruned) (queue 'Rogue Q'): "
                   "cannot delete: IVR 'Rogue Menu' sends key 1 to it (menu.1); send it elsewhere first")
