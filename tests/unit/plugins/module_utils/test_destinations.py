# -*- coding: utf-8 -*-
"""The one destination shape: validation, translation both ways, comparison, names resolved to numbers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.destinations import (
    DESTINATION, IVR_FORWARD, DestinationField, ForwardField, MenuField, NumberOnlyField, RouteField, route_uses,
)
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError, rule_problems
from ansible_collections.tcx.xapi.plugins.module_utils.registry import PLURALS, REGISTRY, kind_named
from ansible_collections.tcx.xapi.plugins.module_utils.references import directory


class FakeModule(object):
    def __init__(self, check_mode=False):
        self.params = {}
        self.check_mode = check_mode
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


def context(queues=(), check_mode=False, kind='departments'):
    """A context of an item of ``kind`` in tcx_config: the kinds before it in the registry are created before it."""
    ctx = Context(FakeModule(check_mode), client=None, created_before=PLURALS[:PLURALS.index(kind)], kinds=REGISTRY)
    known = directory(ctx, kind_named('queues'))
    for queue in queues:
        known.remember(queue)
    known.complete = True
    return ctx


@pytest.mark.parametrize('value, problem', [
    ({'to': 'voicemail'}, None),
    ({'to': 'VoiceMail'}, None),
    ({'to': 'RingGroup', 'number': '800'}, None),
    ({'to': 'ring_group', 'name': 'Sales'}, None),
    ({'to': 'external', 'external': '+43 1 234'}, None),
    ({'to': 'end_call'}, None),
    ({'to': 'nowhere'}, "to must be one of"),
    ({'to': 'extension'}, 'needs number with to: extension'),
    ({'to': 'queue'}, 'needs number or name with to: queue'),
    ({'to': 'extension', 'name': 'Ada'}, 'name is only for to: ivr, queue, ring_group'),
    ({'to': 'queue', 'name': 'Q', 'number': '800'}, 'give number or name, not both'),
    ({'to': 'external'}, 'needs external (the outside number) with to: external'),
    ({'number': '100'}, 'needs to (one of'),
])
def test_problems_name_what_is_wrong(value, problem):
    found = DESTINATION.problem(value)
    assert (found is None) if problem is None else (problem in found), found


def test_problems_are_reported_under_the_option_path():
    field = RouteField('office_hours', 'OfficeRoute')
    assert rule_problems([field], {'office_hours': {'to': 'Extension'}}) == [
        'office_hours needs number with to: extension']
    assert rule_problems([field], {'office_hours': {'to': 'extension', 'number': '10a'}}) == [
        'office_hours.number must be an extension number (digits), got \'10a\'']


def test_from_api_uses_option_names_and_keeps_only_what_the_target_uses():
    field = RouteField('office_hours', 'OfficeRoute')
    api = {'IsPromptEnabled': False, 'Prompt': 'hello.wav',
           'Route': {'To': 'VoiceMail', 'Number': '100', 'External': '', 'Type': 'Extension'}}
    assert field.from_api(api, None) == {'to': 'voicemail', 'number': '100', 'prompt_enabled': False, 'prompt': 'hello.wav'}
    api['Route']['To'] = 'External'
    assert field.from_api(api, None) == {'to': 'external', 'prompt_enabled': False, 'prompt': 'hello.wav'}
    api['Route']['To'] = 'RingGroup'
    assert field.from_api(api, None)['number'] == '100'
    assert DestinationField('no_answer', 'ForwardNoAnswer').from_api(None, None) is None


def test_to_api_changes_only_what_is_given_and_keeps_the_rest_of_the_route():
    field = RouteField('office_hours', 'OfficeRoute')
    held = {'IsPromptEnabled': True, 'Prompt': 'p.wav', 'Route': {'To': 'Extension', 'Number': '100', 'Type': 'Extension'}}
    assert field.to_api({'to': 'queue', 'number': '800'}, context(), held) == {
        'IsPromptEnabled': True, 'Prompt': 'p.wav', 'Route': {'To': 'Queue', 'Number': '800'}}  # no stale Type
    assert held['Route']['To'] == 'Extension'  # the held value is not changed in place


def test_same_compares_the_target_and_its_number_in_any_spelling():
    field = RouteField('office_hours', 'OfficeRoute')
    current = {'to': 'ring_group', 'number': '800', 'prompt_enabled': False}
    ctx = context()
    assert field.same(current, {'to': 'RingGroup', 'number': '800'}, ctx)
    assert not field.same(current, {'to': 'ring_group', 'number': '801'}, ctx)
    assert not field.same(current, {'prompt_enabled': True}, ctx)
    assert field.same({'to': 'end_call'}, {'to': 'end_call', 'number': '100'}, ctx)  # a number end_call ignores
    assert not field.same({'to': 'voicemail', 'number': '101'}, {'to': 'voicemail', 'number': '100'}, ctx)  # whose voicemail
    assert field.same({'to': 'voicemail', 'number': '100'}, {'to': 'voicemail'}, ctx)
    assert not field.same(None, {'to': 'voicemail'}, ctx)


def test_a_name_is_resolved_to_the_number_for_comparing_and_writing():
    ctx = context(queues=[{'Id': 5, 'Name': 'Sales Queue', 'Number': '800'}])
    field = DestinationField('no_answer', 'ForwardNoAnswer')
    assert field.same({'to': 'queue', 'number': '800'}, {'to': 'queue', 'name': 'sales queue'}, ctx)
    assert field.to_api({'to': 'queue', 'name': 'Sales Queue'}, ctx) == {'To': 'Queue', 'Number': '800'}


QUEUES_HELD = [{'Id': 5, 'Name': 'Sales Queue', 'Number': '800'}, {'Id': 6, 'Name': 'Support Queue', 'Number': '801'}]


def test_a_destination_by_name_that_reaches_the_held_number_shows_as_written():
    field = DestinationField('no_answer', 'ForwardNoAnswer')
    wanted = {'to': 'queue', 'name': 'Sales Queue'}
    assert field.shown({'to': 'queue', 'number': '800'}, wanted, context(QUEUES_HELD)) == wanted


def test_a_destination_by_name_that_changes_shows_the_held_object_by_its_name():
    field = DestinationField('no_answer', 'ForwardNoAnswer')
    ctx = context(QUEUES_HELD)
    wanted = {'to': 'queue', 'name': 'Sales Queue'}
    assert not field.same({'to': 'queue', 'number': '801'}, wanted, ctx)
    assert field.shown({'to': 'queue', 'number': '801'}, wanted, ctx) == {'to': 'queue', 'name': 'Support Queue'}
    # Held by number where the PBX holds something without a name: shown by number.
    assert field.shown({'to': 'extension', 'number': '101'}, wanted, ctx) == {'to': 'extension', 'number': '101'}
    # Given by number: shown by number.
    assert field.shown({'to': 'queue', 'number': '801'}, {'to': 'queue', 'number': '800'}, ctx) == {
        'to': 'queue', 'number': '801'}


def test_a_route_shows_its_destination_as_written_and_its_prompt_as_held():
    field = RouteField('out_of_office', 'OutOfOfficeRoute')
    wanted = {'to': 'queue', 'name': 'sales queue', 'prompt_enabled': True}
    held = {'to': 'queue', 'number': '800', 'prompt_enabled': False}
    ctx = context(QUEUES_HELD)
    assert not field.same(held, wanted, ctx)
    assert field.shown(held, wanted, ctx) == {'to': 'queue', 'name': 'sales queue', 'prompt_enabled': False}


def test_a_menu_shows_only_the_keys_that_change_in_their_held_form():
    field = MenuField('menu', 'Forwards')
    ctx = context(QUEUES_HELD)
    held = {'1': {'to': 'queue', 'number': '800'}, '2': {'to': 'queue', 'number': '801'}, '3': {'to': 'repeat_prompt'}}
    wanted = {1: {'to': 'queue', 'name': 'Sales Queue'}, '2': {'to': 'queue', 'name': 'Sales Queue'}}
    assert field.shown(held, wanted, ctx) == {'1': {'to': 'queue', 'name': 'Sales Queue'},
                                              '2': {'to': 'queue', 'name': 'Support Queue'}, '3': {'to': 'repeat_prompt'}}


def test_a_bare_number_shows_the_named_object_it_holds():
    field = NumberOnlyField('invalid_input_destination', 'InvalidKeyForwardDN')
    ctx = context(QUEUES_HELD)
    assert field.shown({'number': '801'}, {'to': 'queue', 'name': 'Sales Queue'}, ctx) == {'to': 'queue', 'name': 'Support Queue'}
    assert field.shown({'number': '101'}, {'to': 'extension', 'number': '102'}, ctx) == {'number': '101'}


def test_an_unknown_name_fails_with_the_kind_to_create():
    with pytest.raises(ValidationError, match="unknown queue 'Nope': list it under queues"):
        DestinationField('no_answer', 'ForwardNoAnswer').to_api({'to': 'queue', 'name': 'Nope'}, context())


def test_a_destination_to_an_object_created_later_in_the_run_waits_for_it():
    """An object tcx_config creates (a stand-in, negative Id) of the same or a later kind does not exist when the object
    naming it is created: that destination waits for the PATCH that follows the creates; an earlier kind's does not."""
    new_queue = {'Id': -1, 'Name': 'New Queue', 'Number': '801'}
    field = DestinationField('no_answer', 'ForwardNoAnswer')
    for kind in ('departments', 'ring_groups', 'queues'):
        ctx = context(queues=[new_queue], kind=kind)
        assert field.waits(ctx, {'to': 'queue', 'name': 'new queue'})
        assert field.waits(ctx, {'to': 'queue', 'number': '801'})
        assert field.to_api({'to': 'queue', 'name': 'New Queue'}, ctx) == {'To': 'Queue', 'Number': '801'}
    ctx = context(queues=[new_queue], kind='ivrs')
    assert not field.waits(ctx, {'to': 'queue', 'name': 'New Queue'})
    existing = context(queues=[{'Id': 5, 'Name': 'Old Queue', 'Number': '802'}], kind='departments')
    assert not field.waits(existing, {'to': 'queue', 'name': 'Old Queue'})
    assert not field.waits(existing, {'to': 'end_call'})
    menu = MenuField('menu', 'Forwards')
    assert menu.waits(context(queues=[new_queue], kind='queues'), {'1': {'to': 'end_call'}, '2': {'to': 'queue', 'name': 'New Queue'}})
    assert NumberOnlyField('invalid_input_destination', 'InvalidKeyForwardDN').waits(context(queues=[new_queue], kind='ivrs'),
                                                                                     {'number': '801'}) is False


def test_a_cycle_is_unlinked_by_ending_the_calls_that_go_to_deleted_numbers():
    route = RouteField('out_of_office', 'OutOfOfficeRoute')
    value = {'to': 'queue', 'number': '801', 'prompt_enabled': True}
    assert route.without(value, {'801'}) == {'to': 'end_call', 'prompt_enabled': True}
    assert route.without(value, {'802'}) is value
    menu = MenuField('menu', 'Forwards')
    assert menu.without({'1': {'to': 'queue', 'number': '801'}, '2': {'to': 'extension', 'number': '100'}}, {'801'}) == {
        '2': {'to': 'extension', 'number': '100'}}


def test_ivr_forwards_have_their_own_targets():
    assert IVR_FORWARD.problem({'to': 'repeat_prompt'}) is None
    assert IVR_FORWARD.problem({'to': 'queue'}) == 'needs number or name with to: queue'
    assert 'to must be one of' in IVR_FORWARD.problem({'to': 'external', 'external': '1'})


def test_route_uses_names_the_period_and_the_object():
    entity = {'Name': 'Sales', 'OfficeRoute': {'Route': {'To': 'Extension', 'Number': '101'}},
              'BreakRoute': {'Route': {'To': 'VoiceMail', 'Number': '102'}}}
    assert route_uses(entity, 'ring group') == [
        ('101', "ring group 'Sales' routes office hours calls to it (routing.office_hours); route them elsewhere first"),
        ('102', "ring group 'Sales' routes break time calls to it (routing.break_time); route them elsewhere first")]


def test_the_pbx_spelling_is_shown_as_the_option_name():
    field = RouteField('office_hours', 'OfficeRoute')
    assert field.canonical({'to': 'VoiceMail', 'prompt_enabled': False}) == {'to': 'voicemail', 'prompt_enabled': False}
    assert field.canonical({'to': 'Nowhere'}) == {'to': 'Nowhere'}


def test_a_forward_is_a_type_and_a_number_in_two_properties():
    field = ForwardField('timeout_destination', 'TimeoutForwardType', 'TimeoutForwardDN')
    entity = {'TimeoutForwardType': 'RingGroup', 'TimeoutForwardDN': '802'}
    assert field.read(entity, None) == {'to': 'ring_group', 'number': '802'}
    assert field.read({'TimeoutForwardType': 'EndCall', 'TimeoutForwardDN': '802'}, None) == {'to': 'end_call'}
    assert field.read({}, None) is None
    ctx = context(queues=[{'Id': 5, 'Name': 'Sales Queue', 'Number': '801'}], kind='ivrs')
    body = {}
    field.write(body, field.to_api({'to': 'queue', 'name': 'sales queue'}, ctx))
    assert body == {'TimeoutForwardType': 'Queue', 'TimeoutForwardDN': '801'}
    body = {}
    field.write(body, field.to_api({'to': 'repeat_prompt'}, ctx))
    assert body == {'TimeoutForwardType': 'RepeatPrompt', 'TimeoutForwardDN': None}


def test_the_menu_is_the_whole_list_of_keys_in_key_order():
    field = MenuField('menu', 'Forwards')
    ctx = context(kind='ivrs')
    menu = {1: {'to': 'extension', 'number': 100}, '#': {'to': 'end_call'}, '0': {'to': 'voicemail', 'number': '101'}}
    assert field.to_api(menu, ctx) == [{'Input': '0', 'ForwardType': 'VoiceMail', 'ForwardDN': '101'},
                                       {'Input': '1', 'ForwardType': 'Extension', 'ForwardDN': '100'},
                                       {'Input': '#', 'ForwardType': 'EndCall', 'ForwardDN': None}]
    current = field.from_api(field.to_api(menu, ctx), ctx)
    assert current == {'0': {'to': 'voicemail', 'number': '101'}, '1': {'to': 'extension', 'number': '100'}, '#': {'to': 'end_call'}}
    assert field.same(current, menu, ctx)
    assert not field.same(current, {'0': {'to': 'voicemail', 'number': '101'}}, ctx)  # a key left out is removed


@pytest.mark.parametrize('menu, problem', [
    ({'1': {'to': 'queue', 'number': '801'}, '*': {'to': 'repeat_prompt'}}, None),
    ({'10': {'to': 'end_call'}}, "has key '10'; the keys are 0-9, * and #"),
    ({'1': 'queue'}, 'key 1 must be a destination'),
    ({'1': {'to': 'queue'}}, 'key 1 needs number or name with to: queue'),
    ({'1': {'to': 'extension', 'number': '1a'}}, "key 1 number must be an extension number (digits), got '1a'"),
])
def test_menu_problems_name_the_key(menu, problem):
    found = MenuField('menu', 'Forwards').problem(menu)
    assert (found is None) if problem is None else (problem in found), found


def test_an_invalid_key_destination_is_a_bare_number():
    field = NumberOnlyField('invalid_key_destination', 'InvalidKeyForwardDN')
    ctx = context(queues=[{'Id': 5, 'Name': 'Sales Queue', 'Number': '801'}], kind='ivrs')
    assert field.from_api('801', ctx) == {'number': '801'}
    assert field.same({'number': '801'}, {'to': 'queue', 'name': 'Sales Queue'}, ctx)
    assert field.same({'number': '801'}, {'number': '801'}, ctx)
    assert field.to_api({'to': 'end_call'}, ctx) is None
    assert field.problem({'number': '801'}) is None
    assert field.problem({'name': 'Sales Queue'}).startswith('needs to (one of call_by_name')
