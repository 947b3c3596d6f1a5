# -*- coding: utf-8 -*-
"""Who uses a number: the sentences of the kinds that send calls, and the lists that hold a user."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.registry import kind_named
from ansible_collections.tcx.xapi.plugins.module_utils.usage import is_destination, lists_holding, refusal, users_of

IVR = {'Name': 'Main Menu', 'Forwards': [{'Input': '2', 'ForwardType': 'RingGroup', 'ForwardDN': '802'},
                                         {'Input': '*', 'ForwardType': 'RepeatPrompt', 'ForwardDN': None}]}
QUEUE = {'Name': 'Support', 'ForwardNoAnswer': {'To': 'RingGroup', 'Number': '802'}, 'Agents': [{'Number': '101'}],
         'Managers': [{'Number': '101'}, {'Number': '102'}]}
RING_GROUP = {'Name': 'Sales', 'Members': [{'Number': '101'}], 'ForwardNoAnswer': {'To': 'VoiceMail', 'Number': '101'}}
SENT = [(kind_named('ivrs'), [IVR]), (kind_named('queues'), [QUEUE]), (kind_named('ring_groups'), [RING_GROUP])]


def test_every_object_that_sends_calls_to_a_number_is_named_with_its_option():
    assert refusal([text for _number, text in users_of(SENT, ['802'])]) == (
        "cannot delete: IVR 'Main Menu' sends key 2 to it (menu.2); send it elsewhere first; "
        "queue 'Support' sends calls to it (no_answer); send them elsewhere first")
    assert users_of(SENT, ['101']) == [('101', "ring group 'Sales' sends calls to it (no_answer); send them elsewhere first")]
    assert users_of(SENT, ['999']) == []


def test_lists_that_hold_a_user_are_no_use_of_its_number():
    assert lists_holding(SENT, ['101']) == [('101', "queue 'Support' (agents)"), ('101', "queue 'Support' (managers)"),
                                            ('101', "ring group 'Sales' (members)")]
    assert lists_holding(SENT, ['802']) == []


def test_only_objects_a_call_can_go_to_are_asked_about():
    assert [k for k in ('users', 'ring_groups', 'queues', 'ivrs', 'departments', 'parkings', 'inbound_rules')
            if is_destination(kind_named(k))] == ['users', 'ring_groups', 'queues', 'ivrs']
