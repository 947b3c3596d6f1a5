# -*- coding: utf-8 -*-
"""tcx_config's phases as pure logic: a create leaves out the edges to objects created after it; deletes go in
dependency order, a cycle unlinked first, a department after its members."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.converge import delete_steps
from ansible_collections.tcx.xapi.plugins.module_utils.entity import Engine
from ansible_collections.tcx.xapi.plugins.module_utils.registry import PLURALS, REGISTRY, kind_named


def test_objects_that_use_nothing_deleted_go_in_one_step():
    assert delete_steps(['a', 'b'], {}, {}) == [('delete', ['a', 'b'])]


def test_a_chain_is_deleted_from_its_start_without_unlinking():
    # rule -> ivr -> queue -> ring group (each sends calls to the next)
    uses = {'rule': {'ivr'}, 'ivr': {'queue'}, 'queue': {'group'}}
    assert delete_steps(['group', 'queue', 'ivr', 'rule'], uses, {}) == [
        ('delete', ['rule']), ('delete', ['ivr']), ('delete', ['queue']), ('delete', ['group'])]


def test_a_cycle_is_unlinked_once_at_the_first_object_in_the_preferred_order():
    uses = {'rule': {'ivr'}, 'ivr': {'queue'}, 'queue': {'group'}, 'group': {'queue'}}
    assert delete_steps(['rule', 'ivr', 'queue', 'group'], uses, {}) == [
        ('delete', ['rule']), ('delete', ['ivr']), ('unlink', ['queue']), ('delete', ['group']), ('delete', ['queue'])]


def test_two_menus_that_lead_to_each_other_need_one_unlink():
    uses = {'main': {'sub'}, 'sub': {'main'}}
    assert delete_steps(['sub', 'main'], uses, {}) == [('unlink', ['sub']), ('delete', ['main']), ('delete', ['sub'])]


def test_an_object_that_sends_calls_to_itself_is_unlinked_first():
    assert delete_steps(['menu', 'other'], {'menu': {'menu'}}, {}) == [
        ('delete', ['other']), ('unlink', ['menu']), ('delete', ['menu'])]


def test_a_department_goes_after_its_members_and_its_own_routes_are_unlinked_in_a_cycle():
    # The department routes to the IVR; the IVR (a member) must go before the department: a PATCH of the route breaks it.
    uses = {'department': {'ivr'}}
    precedes = {'ivr': {'department'}, 'user': {'department'}}
    assert delete_steps(['ivr', 'user', 'department'], uses, precedes) == [
        ('delete', ['user']), ('unlink', ['department']), ('delete', ['ivr']), ('delete', ['department'])]


def test_order_that_no_patch_can_change_is_never_unlinked():
    precedes = {'user': {'department'}}
    assert delete_steps(['department', 'user'], {}, precedes) == [('delete', ['user']), ('delete', ['department'])]


class Module(object):
    check_mode = True

    def __init__(self, params):
        self.params = params


def test_a_create_leaves_out_the_destination_to_an_object_created_after_it_and_a_patch_sets_it():
    kind = kind_named('ring_groups')
    params = dict((option, None) for option in kind.argument_spec())
    params.update(state='present', name='Sales Team', ring_time=20, no_answer={'to': 'queue', 'name': 'Support Queue'})
    ctx = Context(Module(params), client=None, created_before=PLURALS[:PLURALS.index('ring_groups')], kinds=REGISTRY)
    queues = kind_named('queues').directory(ctx.lookups)
    queues.remember({'Id': -1, 'Name': 'Support Queue', 'Number': '801'})  # created by the same run, after ring groups
    queues.complete = True
    engine = Engine(kind, ctx)
    plan = engine.plan(engine.desired(), None)
    assert plan.payload == {'Name': 'Sales Team', 'RingTime': 20}
    assert plan.after == {'name': 'Sales Team', 'ring_time': 20, 'no_answer': {'to': 'queue', 'name': 'Support Queue'}}
    created = {'Id': 7, 'Name': 'Sales Team', 'ForwardNoAnswer': {'To': 'None'}}
    queues.remember({'Id': 3, 'Name': 'Support Queue', 'Number': '801'})
    assert engine.deferred_payload(plan, created) == {'ForwardNoAnswer': {'To': 'Queue', 'Number': '801'}}
