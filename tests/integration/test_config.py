# -*- coding: utf-8 -*-
"""tcx_config: converge a whole PBX in one task, against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import escape_cell

DEPARTMENTS = [
    {'name': 'Sales', 'language': 'DE', 'extension_range': {'user_from': '200', 'user_to': '299'}},
    {'name': 'Support', 'timezone': 'Europe/Berlin'},
]


def users(count, start=200, department='Sales'):
    return [{'extension': str(start + n), 'first_name': 'User', 'last_name': 'N%d' % n,
             'email': 'user%d@example.com' % (start + n), 'password': 'Secret-%d-pw!' % n,
             'departments': [{'name': department, 'role': 'users'}]} for n in range(count)]


def config_task(**options):
    return {'name': 'converge', 'tcx.xapi.tcx_config': options}


def full_config():
    return dict(departments=DEPARTMENTS,
                users=users(3) + [{'extension': '300', 'first_name': 'Seán', 'last_name': "O'Brien",
                                   'departments': [{'name': 'Support', 'role': 'managers'},
                                                   {'name': 'Sales', 'role': 'users'}],
                                   'primary_department': 'Support'}],
                parkings=[{'departments': ['Sales', 'Support']}],
                livechats=[{'link': 'support-chat', 'department': 'Support', 'websites': ['https://example.com']}])


def state_of(emulator):
    state = emulator.state()
    return state


def names(entities, key):
    return sorted(e[key] for e in entities)


def test_converge_creates_everything_in_dependency_order(emulator, play, api):
    result = play([config_task(**full_config())]).result()
    assert result['changed'] is True, result
    assert result['summary']['departments'] == {'create': 2, 'update': 0, 'delete': 0, 'unchanged': 0, 'failed': 0}
    assert result['summary']['users']['create'] == 4
    assert result['summary']['parkings']['create'] == 1 and result['summary']['livechats']['create'] == 1
    assert 'Sales' in [g['Name'] for g in api.find('Groups', "Name eq 'Sales'")]
    sean = api.find('Users', "Number eq '300'", **{'$expand': 'Groups($expand=Rights)'})[0]
    support = api.find('Groups', "Name eq 'Support'")[0]
    assert sean['LastName'] == "O'Brien" and sean['PrimaryGroupId'] == support['Id']
    assert sorted(r['Rights']['RoleName'] for r in sean['Groups']) == ['managers', 'users']
    kinds_in_order = [w['path'].split('/')[3].split('(')[0] for w in emulator.writes()
                      if w['method'] == 'POST' and 'Pbx.' not in w['path']]
    assert kinds_in_order == sorted(kinds_in_order, key=['Groups', 'Users', 'Parkings', 'WebsiteLinks'].index)
    create = [c for c in result['changes'] if c['kind'] == 'user' and c['key'] == '200'][0]
    assert create['action'] == 'create' and create['diff']['before'] == {}
    assert create['diff']['after']['password'] == '********'


def test_second_run_reports_no_change_with_one_login_and_one_get_per_kind(emulator, play):
    play([config_task(**full_config())], expect_rc=0)
    emulator.clear_requests()
    result = play([config_task(**full_config())]).result()
    assert result['changed'] is False and result['changes'] == []
    assert result['summary']['users']['unchanged'] == 4
    assert emulator.writes() == []
    requests = [(r['method'], r['path']) for r in emulator.requests()]
    assert requests.count(('POST', '/connect/token')) == 1
    gets = sorted(path for method, path in requests if method == 'GET')
    assert gets == ['/xapi/v1/Defs', '/xapi/v1/Groups', '/xapi/v1/Parkings', '/xapi/v1/Users', '/xapi/v1/WebsiteLinks']


def test_check_mode_reports_the_same_changes_and_writes_nothing(emulator, play):
    checked = play([config_task(**full_config())], check=True).result()
    assert emulator.writes() == []
    real = play([config_task(**full_config())]).result()
    assert checked['changes'] == real['changes']
    assert checked['summary'] == real['summary']


def test_one_changed_user_is_one_patch(emulator, play, api):
    play([config_task(**full_config())], expect_rc=0)
    emulator.clear_requests()
    changed = full_config()
    changed['users'][1]['first_name'] = 'Grace'
    result = play([config_task(**changed)]).result()
    assert [(c['key'], c['action']) for c in result['changes']] == [('201', 'update')]
    diff = result['changes'][0]['diff']
    assert (diff['before']['first_name'], diff['after']['first_name']) == ('User', 'Grace')
    assert dict(diff['before'], first_name='Grace') == diff['after']
    user_id = api.find('Users', "Number eq '201'")[0]['Id']
    assert [(w['method'], w['path'], w['body']) for w in emulator.writes()] == [
        ('PATCH', '/xapi/v1/Users(%d)' % user_id, {'FirstName': 'Grace'})]


def test_prune_deletes_exactly_the_unlisted_objects_of_the_named_kinds(emulator, play, api):
    play([config_task(**full_config())], expect_rc=0)
    api.call('POST', 'Users', json={'Number': '250', 'FirstName': 'Extra', 'LastName': 'User'})
    api.call('POST', 'Groups', json={'Name': 'Unlisted'})
    kept = full_config()
    result = play([config_task(prune=['users'], **kept)]).result()
    assert [(c['kind'], c['key'], c['action']) for c in result['changes']] == [('user', '250', 'delete')]
    assert api.find('Users', "Number eq '250'") == []
    assert api.find('Groups', "Name eq 'Unlisted'") != []
    batch = [w for w in emulator.writes() if w['path'] == '/xapi/v1/Users/Pbx.BatchDelete']
    assert len(batch) == 1 and len(batch[0]['body']['ids']) == 1


def test_prune_departments_never_deletes_default(emulator, play, api):
    result = play([config_task(departments=[{'name': 'Only'}], prune=['departments'])]).result()
    assert result['summary']['departments'] == {'create': 1, 'update': 0, 'delete': 0, 'unchanged': 0, 'failed': 0}
    assert api.find('Groups', "Name eq 'DEFAULT'") != []


def test_absent_items_are_deleted_users_in_one_batch(emulator, play, api):
    play([config_task(**full_config())], expect_rc=0)
    emulator.clear_requests()
    gone = [{'extension': '200', 'state': 'absent'}, {'extension': '201', 'state': 'absent'}]
    result = play([config_task(users=gone, livechats=[{'link': 'support-chat', 'state': 'absent'}])]).result()
    assert result['summary']['users']['delete'] == 2 and result['summary']['livechats']['delete'] == 1
    paths = [w['path'] for w in emulator.writes()]
    assert paths == ["/xapi/v1/WebsiteLinks('support-chat')", '/xapi/v1/Users/Pbx.BatchDelete']
    assert api.find('Users', "Number eq '200' or Number eq '201'") == []


def test_an_invalid_item_among_100_fails_before_any_write_and_names_it(emulator, play):
    items = users(100)
    items[57]['departments'][0]['role'] = 'overlord'
    result = play([config_task(departments=DEPARTMENTS, users=items)])
    assert result.rc != 0
    message = result.result()['msg']
    assert message.startswith('1 invalid item, nothing was written')
    assert "users[57] (user '257')" in message and 'overlord' in message
    assert emulator.writes() == []


def test_unknown_department_reference_fails_before_any_write(emulator, play):
    result = play([config_task(departments=DEPARTMENTS, users=users(2, department='Nowhere'))])
    assert result.rc != 0
    assert "users[0] (user '200'): unknown department 'Nowhere'" in result.result()['msg']
    assert emulator.writes() == []


def test_duplicate_keys_in_one_list_are_rejected(emulator, play):
    result = play([config_task(departments=[{'name': 'A'}, {'name': 'A'}])])
    assert result.rc != 0 and "departments[1] (department 'A'): the same name as departments[0]" in result.result()['msg']
    assert emulator.writes() == []


def test_a_failed_write_is_reported_per_object_and_the_others_proceed(emulator, play, api):
    play([config_task(departments=DEPARTMENTS)], expect_rc=0)
    emulator.add_fault(method='POST', path=r'^/xapi/v1/Users$', times=1, action='status', status=500)
    result = play([config_task(departments=DEPARTMENTS, users=users(5), parallel=1)])
    assert result.rc != 0
    outcome = result.result()
    assert outcome['summary']['users']['failed'] == 1 and outcome['summary']['users']['create'] == 4
    assert len(outcome['failures']) == 1
    failure = outcome['failures'][0]
    assert failure['kind'] == 'user' and failure['action'] == 'create' and 'HTTP 500' in failure['msg']
    assert len(api.find('Users', "startswith(Number, '20')")) == 4


def test_item_passwords_never_appear_in_output(emulator, play):
    config = full_config()
    result = play([config_task(**config)])
    for user in config['users']:
        if 'password' in user:
            assert user['password'] not in result.stdout + result.stderr
            assert user['password'] not in str(result.records)


def test_created_users_without_password_get_one_generated_and_delivered(emulator, play, api, tmp_path):
    target = tmp_path / 'passwords.csv'
    target.write_text('extension,first_name,last_name,email,password,status\n999,Old,Row,,kept-Pw-1,created\n')
    target.chmod(0o644)
    new_users = [{'extension': '210', 'first_name': 'Gen', 'departments': [{'name': 'Sales'}]},
                 {'extension': '211', 'first_name': 'Known', 'password': 'Known-Pw-4711!', 'departments': [{'name': 'Sales'}]}]
    result = play([config_task(departments=DEPARTMENTS, users=new_users, return_generated_passwords=True,
                               generated_passwords_file=str(target))]).result()
    password = api.find('Users', "Number eq '210'")[0]['AccessPassword']
    assert result['generated_passwords'] == {'210': password} and len(password) >= 16
    assert target.read_text().splitlines() == ['extension,first_name,last_name,email,password,status',
                                               '999,Old,Row,,kept-Pw-1,created', '210,Gen,,,%s,created' % escape_cell(password)]
    assert oct(target.stat().st_mode & 0o777) == '0o600'


def test_long_item_lists_are_not_echoed_back_in_invocation(emulator, play):
    """10,000 echoed users cost seconds; up to 100 items are echoed as AnsibleModule does."""
    result = play([config_task(departments=DEPARTMENTS, users=users(101)),
                   config_task(departments=DEPARTMENTS, users=users(100))], check=True,
                  env={'ANSIBLE_INJECT_INVOCATION': 'true'})  # ansible-core 2.21 echoes nothing by default
    long_args, short_args = (r['invocation']['module_args'] for r in result.results)
    assert long_args['users'] == '101 items (lists of more than 100 items are not echoed)'
    assert len(short_args['users']) == 100 and short_args['users'][0]['extension'] == '200'
    assert short_args['users'][0]['password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert long_args['departments'] == short_args['departments'] and long_args['departments'][0]['name'] == 'Sales'
    assert long_args['parallel'] == 4 and long_args['url'] == emulator.url
    assert result.results[0]['summary']['users']['create'] == 101
    failed = play([config_task(departments=DEPARTMENTS, users=users(100) + [{'extension': ''}])],
                  env={'ANSIBLE_INJECT_INVOCATION': 'true'}).result()
    assert 'invalid item' in failed['msg'] and failed['invocation']['module_args']['users'].startswith('101 items')


def test_one_setting_on_many_users_is_one_bulk_request_and_other_changes_are_patches(emulator, play, api):
    """Users that get the same change of what Users/Pbx.MultiUserUpdate carries are updated by one request per 100;
    a user with another change is PATCHed alone; the diff and the emulator are as after one PATCH each."""
    many = users(120, start=400, department='Sales')
    assert play([config_task(departments=DEPARTMENTS, users=many)]).result()['changed'] is True
    emulator.clear_requests()
    changed = [dict(user, vm_enabled=False) for user in many]
    changed[0] = dict(changed[0], first_name='Alone')
    check = play([config_task(departments=DEPARTMENTS, users=changed)], check=True).result()
    assert emulator.writes() == []
    result = play([config_task(departments=DEPARTMENTS, users=changed)]).result()
    assert result['summary']['users'] == {'create': 0, 'update': 120, 'delete': 0, 'unchanged': 0, 'failed': 0}
    assert [c['diff'] for c in result['changes']] == [c['diff'] for c in check['changes']]
    writes = [(w['method'], w['path'], w['body']) for w in emulator.writes()]
    bulk = [body for method, path, body in writes if path.endswith('Users/Pbx.MultiUserUpdate')]
    assert sorted((len(body['ids']), body['user']['VMEnabled']) for body in bulk) == [(19, False), (100, False)]  # in parallel
    assert len(bulk[0]['user']) == len(bulk[1]['user']) == 1
    patches = [body for method, path, body in writes if method == 'PATCH']
    assert patches == [{'FirstName': 'Alone', 'VMEnabled': False}]
    assert len(writes) == 3
    assert api.find('Users', "startswith(Number,'4') and VMEnabled eq true") == []
    assert [api.find('Users', "Number eq '%s'" % n)[0]['VMEnabled'] for n in ('400', '401', '519')] == [False] * 3
    again = play([config_task(departments=DEPARTMENTS, users=changed)]).result()
    assert again['changed'] is False
