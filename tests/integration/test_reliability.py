# -*- coding: utf-8 -*-
"""Reliability: forks share one token, a bad secret costs one login, TLS is checked, 429 waits.

The fault matrix per module is in test_reliability_faults.py, invalid inputs in
test_reliability_inputs.py, OData injection in test_reliability_injection.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import connection, run_play
from tcx_emulator.pytest_plugin import start_emulator

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIClient

HOSTS = ['h1', 'h2', 'h3', 'h4']
FORKS_PASSWORD = 'Forks-Shared-Pw-42!'


def forks_tasks():
    """25 tcx tasks per host: each host manages its own department, users, parking and live chat."""
    dept = {'name': 'Forks {{ n }}'}
    users = ['7{{ n }}%d' % i for i in (1, 2, 3)]
    tasks = [
        {'tcx.xapi.tcx_department': dict(dept, language='DE')},
        {'tcx.xapi.tcx_department': dict(dept, language='DE')},
        {'tcx.xapi.tcx_department': dict(dept, language='FR')},
    ]
    tasks += [{'tcx.xapi.tcx_user': {'extension': ext, 'first_name': 'Fork', 'password': FORKS_PASSWORD,
                                     'departments': [{'name': 'Forks {{ n }}'}]}} for ext in users]
    tasks += [{'tcx.xapi.tcx_user': {'extension': ext, 'first_name': 'Fork'}} for ext in users]
    tasks += [{'tcx.xapi.tcx_user': {'extension': ext, 'last_name': 'Host {{ n }}'}} for ext in users]
    tasks += [
        {'tcx.xapi.tcx_parking': {'number': 'SP6{{ n }}', 'departments': ['Forks {{ n }}']}},
        {'tcx.xapi.tcx_parking': {'number': 'SP6{{ n }}', 'departments': ['Forks {{ n }}']}},
        {'tcx.xapi.tcx_livechat': {'link': 'forks-{{ n }}', 'department': 'Forks {{ n }}'}},
        {'tcx.xapi.tcx_livechat': {'link': 'forks-{{ n }}', 'department': 'Forks {{ n }}'}},
        {'tcx.xapi.tcx_livechat': {'link': 'forks-{{ n }}', 'name': 'Chat {{ n }}'}},
        {'tcx.xapi.tcx_system_info': {}},
        {'tcx.xapi.tcx_livechat': {'link': 'forks-{{ n }}', 'state': 'absent'}},
        {'tcx.xapi.tcx_parking': {'number': 'SP6{{ n }}', 'state': 'absent'}},
    ]
    tasks += [{'tcx.xapi.tcx_user': {'extension': ext, 'state': 'absent'}} for ext in users]
    tasks += [{'tcx.xapi.tcx_department': dict(dept, state='absent')},
              {'tcx.xapi.tcx_department': dict(dept, state='absent')}]
    assert len(tasks) == 25
    return [dict(task, name='task %02d' % number) for number, task in enumerate(tasks, 1)]


def revoke_task(emulator):
    """One task, run once, that revokes the client's token (as if another controller logged in)."""
    return {'name': 'revoke the token', 'run_once': True, 'ansible.builtin.uri': {
        'url': emulator.url + '/_emulator/revoke-token', 'method': 'POST', 'body_format': 'json',
        'body': {'client_id': emulator.client_id}, 'status_code': [200, 204]}}


def run_forks_play(emulator, revoke_after=None, **defaults):
    tasks = forks_tasks()
    if revoke_after is not None:
        tasks.insert(revoke_after, revoke_task(emulator))
    return run_play(emulator, tasks, extra_args=['--forks', '4'], defaults=False,
                    play={'hosts': ','.join(HOSTS), 'vars': {'n': '{{ inventory_hostname[1:] }}'},
                          'module_defaults': {'group/tcx.xapi.all': dict(connection(emulator), **defaults)}})


def login_figures(emulator):
    requests = emulator.requests()
    logins = len([r for r in requests if r['path'] == '/connect/token'])
    unauthorized = len([r for r in requests if r['status'] == 401])
    return logins, unauthorized, len(requests)


def assert_all_tasks_succeeded(result):
    failures = [(r['task'], r['result'].get('msg')) for r in result.records if r['status'] != 'ok']
    assert failures == [] and result.rc == 0, failures or result
    assert len([r for r in result.records if r['task'].startswith('task ')]) == len(HOSTS) * 25


def report(record_property, text):
    """Show a figure in the run's summary (``figures`` section), also from an xdist worker."""
    record_property('figures', text)
    print(text)


def test_four_forks_with_the_shared_token_cache_and_a_revoked_token_log_in_at_most_twice(emulator, record_property):
    result = run_forks_play(emulator, revoke_after=12)
    logins, unauthorized, total = login_figures(emulator)
    report(record_property, '4 hosts x 25 tasks, forks 4, token cache on, one revocation: %d token requests, '
           '%d answers 401, %d requests' % (logins, unauthorized, total))
    assert_all_tasks_succeeded(result)
    assert logins <= 2
    state = emulator.state()
    assert [g['Name'] for g in state['groups']] == ['DEFAULT'] and state['users'] == [] and state['parkings'] == []


def test_four_forks_without_the_token_cache_still_succeed_and_print_the_logins_it_costs(emulator, record_property):
    result = run_forks_play(emulator, token_cache=False)
    logins, unauthorized, total = login_figures(emulator)
    report(record_property, '4 hosts x 25 tasks, forks 4, token_cache: false: %d token requests, %d answers 401, '
           '%d requests' % (logins, unauthorized, total))
    assert_all_tasks_succeeded(result)


def test_a_bad_client_secret_makes_one_token_request_and_names_url_and_client_id(emulator, play):
    options = dict(connection(emulator), client_secret='Wrong-Secret-0815')
    result = play([{'name': 'login', 'tcx.xapi.tcx_department': dict(options, name='Sales')}], defaults=False)
    assert result.rc == 2
    message = result.result()['msg']
    assert 'login to %s as client_id %s failed (HTTP 401)' % (emulator.url, emulator.client_id) in message
    assert 'not retried' in message
    assert 'Wrong-Secret-0815' not in message
    assert [r['path'] for r in emulator.requests()] == ['/connect/token']


@pytest.fixture(scope='module')
def tls_emulator():
    """An HTTPS emulator whose certificate comes from a throwaway CA (``ca_file``)."""
    with start_emulator('--tls') as handle:
        yield handle


def system_info(tls, **options):
    """A read-only task: the DEFAULT department as it is."""
    return [{'name': 'read', 'tcx.xapi.tcx_department': dict(connection(tls), name='DEFAULT', **options)}]


def test_https_with_an_unknown_ca_fails_with_a_certificate_message(tls_emulator):
    result = run_play(tls_emulator, system_info(tls_emulator), defaults=False)
    assert result.rc == 2
    message = result.result()['msg']
    assert 'TLS error talking to %s' % tls_emulator.url in message
    assert 'certificate verify failed' in message and 'ca_path' in message


def test_https_with_ca_path_succeeds_without_warning(tls_emulator):
    result = run_play(tls_emulator, system_info(tls_emulator, ca_path=tls_emulator.ca_file), defaults=False)
    assert result.rc == 0, result
    assert result.result().get('warnings') in (None, [])


def test_https_with_validate_certs_false_succeeds_with_a_warning(tls_emulator):
    result = run_play(tls_emulator, system_info(tls_emulator, validate_certs=False), defaults=False)
    assert result.rc == 0, result
    assert any('validate_certs is false' in w for w in result.result()['warnings'])


def test_a_rate_limited_post_waits_retry_after_and_is_sent_once_more(emulator):
    slept = []
    client = XAPIClient(emulator.url, client_id=emulator.client_id, client_secret=emulator.client_secret,
                        sleep=slept.append)
    emulator.add_fault(method='POST', path=r'^/xapi/v1/Groups$', action='status', status=429, retry_after=1, times=1)
    created = client.post('Groups', {'Name': 'Throttled'})
    assert created['Name'] == 'Throttled'
    assert slept == [1.0]
    assert [(r['method'], r['status']) for r in emulator.requests(path=r'^/xapi/v1/Groups$')] == [
        ('POST', 429), ('POST', 201)]


class Superseded(XAPIClient):
    """A client whose every login is followed by another process's login (as without a shared cache)."""

    other_logins = 0

    def __init__(self, emulator, api, supersede, **options):
        self.api, self.supersede = api, supersede
        super(Superseded, self).__init__(emulator.url, client_id=emulator.client_id,
                                         client_secret=emulator.client_secret, sleep=lambda seconds: None, **options)

    def login(self):
        token = super(Superseded, self).login()
        if self.other_logins < self.supersede:
            self.other_logins += 1
            self.api.login()  # the other process's login knocks our fresh token out
        return token


def test_a_token_superseded_right_after_the_relogin_is_replaced_again(emulator, api):
    client = Superseded(emulator, api, supersede=2)
    assert client.get('Groups')['value'][0]['Name'] == 'DEFAULT'
    assert client.stats['logins'] == 3


def test_logins_that_keep_being_superseded_stop_after_retries_with_a_clear_message(emulator, api):
    client = Superseded(emulator, api, supersede=100, retries=2)
    with pytest.raises(Exception) as failure:
        client.get('Groups')
    assert 'rejected 3 times right after logging in as client_id %s' % emulator.client_id in str(failure.value)
    assert 'token_cache: true' in str(failure.value)
    assert client.stats['logins'] == 4  # the first login and 1 + retries re-logins, never more


@pytest.mark.parametrize('module, options, entity_set, key', [
    ('tcx.xapi.tcx_user', {'extension': '377', 'first_name': 'Race', 'last_name': 'Condition',
                           'return_generated_passwords': True}, 'Users', ('Number', '377')),
    ('tcx.xapi.tcx_department', {'name': 'Race Dept', 'language': 'DE'}, 'Groups', ('Name', 'Race Dept')),
])
def test_two_plays_creating_the_same_object_at_once_converge_on_one(emulator, api, tmp_path, module, options, entity_set, key):
    """Both plays find nothing and POST; the PBX refuses the second (ALREADY_IN_USE), whose play
    then finds the winner's object and converges on it: one object, both plays succeed."""
    # Both POSTs wait 4 s before reaching the store, so both lookups are over before either lands.
    emulator.add_fault(method='POST', path=r'^/xapi/v1/%s$' % entity_set, times=2, action='delay', delay=4)
    task = {'name': 'racer', module: options}
    with ThreadPoolExecutor(max_workers=2) as pool:
        # One token cache for both, as on one controller: no login supersedes the other's token.
        plays = list(pool.map(lambda _: run_play(emulator, [task], env={'TCX_TOKEN_CACHE_DIR': str(tmp_path)}), range(2)))
    assert [p.rc for p in plays] == [0, 0], plays
    posts = [r['status'] for r in emulator.requests() if r['method'] == 'POST' and r['path'] == '/xapi/v1/' + entity_set]
    assert sorted(posts) == [201, 400], posts
    assert len(api.find(entity_set, "%s eq '%s'" % key)) == 1
    winner, loser = sorted((p.result() for p in plays), key=lambda r: not r['changed'])
    assert winner['changed'] is True and loser['changed'] is False, (winner, loser)
    # The winner's create diff names the object (its key); the loser's no-change diff shows the same values.
    created = dict((option, value) for option, value in winner['diff']['after'].items() if option not in ('extension', 'name'))
    assert loser['diff']['before'] == loser['diff']['after'] == created, loser['diff']
    if module.endswith('tcx_user'):
        # Only the winner's password was set: the loser must not hand out the one it generated.
        assert 'generated_password' in winner and 'generated_password' not in loser
    again = run_play(emulator, [task]).result()
    assert again['changed'] is False


def test_one_revoked_token_costs_one_login_for_four_threads(emulator):
    """Issue 19's reproduction: the threads whose requests were delayed come back with 401 after the
    first thread has logged in again; they use its new token instead of replacing it."""
    client = XAPIClient(emulator.url, client_id=emulator.client_id, client_secret=emulator.client_secret)
    client.get('Groups')
    emulator.revoke_token(emulator.client_id)
    emulator.add_fault(method='GET', path=r'^/xapi/v1/Users$', action='delay', delay=0.3, times=3)
    emulator.clear_requests()
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: client.get('Users'), range(4)))
    assert [answer['value'] for answer in answers] == [[]] * 4
    assert len(emulator.token_requests()) == 1
    assert client.stats['logins'] == 2


def test_a_token_revoked_during_a_four_thread_tcx_config_run_costs_exactly_one_login(emulator):
    from chaos_proxy import ChaosProxy
    users = [{'extension': str(4800 + n), 'first_name': 'Thread', 'password': FORKS_PASSWORD} for n in range(24)]
    # The threads refused with the revoked token learn it 0.2 s apart, so that some learn it after
    # another thread has logged in again (the case that used to cost a login per thread).
    with ChaosProxy(emulator.url, emulator.client_id, seed=0, rate=0, spread_refusals=0.2) as proxy:
        proxy.revoke_after(8)  # in the middle of the creates, while 4 threads write
        options = dict(connection(emulator), url=proxy.url, users=users, parallel=4)
        result = run_play(emulator, [{'name': 'converge', 'tcx.xapi.tcx_config': options}], defaults=False)
    assert result.rc == 0 and result.result()['summary']['users']['create'] == 24, result
    assert proxy.revocations == 1
    assert len(emulator.token_requests()) == 2
    assert len([r for r in emulator.requests() if r['status'] == 401]) <= 4
