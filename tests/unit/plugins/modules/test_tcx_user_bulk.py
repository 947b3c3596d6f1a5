# -*- coding: utf-8 -*-
"""The user kind's bulk update: one Users/Pbx.MultiUserUpdate per identical payload of what it carries."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User


class Client(object):
    def __init__(self):
        self.posts = []

    def post(self, path, body=None, retry=False):
        self.posts.append((path, body))


class Ctx(object):
    def __init__(self):
        self.client = Client()


def test_identical_payloads_of_several_users_are_one_request_and_the_rest_is_returned():
    updates = [({'Id': n}, {'VMEnabled': False}) for n in range(1, 251)]
    alone = ({'Id': 900}, {'PromptSet': 'x'})
    names = ({'Id': 901}, {'FirstName': 'Ada'})  # not carried by MultiEditUserData
    ctx = Ctx()
    batches, rest = User().batches(updates + [alone, names])
    assert rest == [alone, names]
    assert [len(batch) for batch in batches] == [100, 100, 50]
    for batch in batches:
        User().update_batch(ctx, batch)
    assert [(path, len(body['ids']), body['user']) for path, body in ctx.client.posts] == [
        ('Users/Pbx.MultiUserUpdate', 100, {'VMEnabled': False}), ('Users/Pbx.MultiUserUpdate', 100, {'VMEnabled': False}),
        ('Users/Pbx.MultiUserUpdate', 50, {'VMEnabled': False})]
