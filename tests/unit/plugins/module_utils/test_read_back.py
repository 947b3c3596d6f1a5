# -*- coding: utf-8 -*-
"""write_with_read_back (after a lost answer, read back before sending again) and the user kind's BatchDelete on it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.client import UncertainWrite, write_with_read_back
from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.kinds.user import User
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY

LOST = XAPIError('POST /xapi/v1/Users failed: no answer from https://pbx', transient=True)
REFUSED = XAPIError('POST /xapi/v1/Users failed: HTTP 400: bad', status=400)
READ_FAILED = XAPIError('GET /xapi/v1/Users failed: HTTP 503: busy', status=503, transient=True)


class Client(object):
    retries = 3

    def __init__(self):
        self.waits = []

    def wait_before_retry(self, attempt):
        self.waits.append(attempt)


class Script(object):
    """Calls answer from a list: a value is returned, an exception raised."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_an_answered_write_is_sent_once_and_never_read_back():
    send, read_back = Script({'Id': 1}), Script()
    assert write_with_read_back(Client(), send, read_back) == {'Id': 1}
    assert (send.calls, read_back.calls) == (1, 0)


def test_a_lost_answer_whose_write_took_effect_is_not_sent_again():
    send, read_back = Script(LOST), Script({'Id': 7})
    client = Client()
    assert write_with_read_back(client, send, read_back) == {'Id': 7}
    assert (send.calls, read_back.calls, client.waits) == (1, 1, [])


def test_a_lost_write_that_did_not_happen_is_sent_again_after_the_back_off():
    send, read_back = Script(LOST, LOST, {'Id': 9}), Script(None, None)
    client = Client()
    assert write_with_read_back(client, send, read_back) == {'Id': 9}
    assert (send.calls, client.waits) == (3, [0, 1])


def test_sending_again_is_bounded_by_retries():
    send, read_back = Script(LOST, LOST, LOST, LOST), Script(None, None, None, None)
    client = Client()
    with pytest.raises(XAPIError) as failure:
        write_with_read_back(client, send, read_back)
    assert failure.value is LOST and send.calls == 4 and client.waits == [0, 1, 2]


def test_a_failed_read_back_makes_the_outcome_unknown_not_failed():
    with pytest.raises(UncertainWrite) as failure:
        write_with_read_back(Client(), Script(LOST), Script(READ_FAILED))
    assert str(failure.value) == ('the answer was lost (POST /xapi/v1/Users failed: no answer from https://pbx) and '
                                  'reading back whether it took effect failed (GET /xapi/v1/Users failed: HTTP 503: busy)')
    assert failure.value.transient and failure.value.status == 503


def test_a_refused_write_is_not_read_back():
    send, read_back = Script(REFUSED), Script()
    with pytest.raises(XAPIError) as failure:
        write_with_read_back(Client(), send, read_back)
    assert failure.value is REFUSED and read_back.calls == 0


class UsersClient(Client):
    """Users/Pbx.BatchDelete and the read-back GET, from scripts."""

    def __init__(self, posts, present):
        super(UsersClient, self).__init__()
        self.posts, self.present, self.sent = list(posts), list(present), []

    def post(self, path, body):
        self.sent.append(body['ids'])
        answer = self.posts.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def get(self, path, params=None):
        return {'value': [{'Id': user_id} for user_id in self.present.pop(0)]}


class Module(object):
    params, check_mode = {}, False


def delete_batch(client, users):
    return User().delete_batch(Context(Module(), client, kinds=REGISTRY), users)


USERS = [{'Id': 11, 'Number': '101'}, {'Id': 12, 'Number': '102'}, {'Id': 13, 'Number': '103'}]


def test_a_lost_batch_delete_answer_sends_only_the_users_still_there():
    client = UsersClient(posts=[LOST, {'value': []}], present=[[13]])
    assert delete_batch(client, USERS) == {}
    assert client.sent == [[11, 12, 13], [13]]


def test_a_batch_delete_that_took_effect_is_not_sent_again():
    client = UsersClient(posts=[LOST], present=[[]])
    assert delete_batch(client, USERS) == {} and client.sent == [[11, 12, 13]]


def test_users_the_pbx_no_longer_knows_are_deleted_and_others_are_failures():
    answer = {'value': [{'Error': 'WARNINGS.XAPI.NOT_FOUND', 'ExtensionNumber': '12'},
                        {'Error': 'WARNINGS.SOMETHING', 'ExtensionNumber': '103'}]}
    assert delete_batch(UsersClient(posts=[answer], present=[]), USERS) == {'103': 'WARNINGS.SOMETHING'}
