# -*- coding: utf-8 -*-
"""The stand-in for AnsibleModule in the controller's worker process: the task's environment without os.environ."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import gc
import os
import re
import sys
import weakref
from pathlib import Path

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.entity import ShapeChecks, connection_fields
from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field
from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import ModuleExit, Task, TaskModule

REPO = Path(__file__).resolve().parents[4]

SPEC = dict(connection_argument_spec(), target=dict(type='path'), password=dict(type='str', no_log=True))


def build(args, environ, module_class=TaskModule):
    return module_class.for_task(Task('tcx.xapi.tcx_x', args, False, False, True, environ))(argument_spec=SPEC)


@pytest.fixture
def worker_environment(monkeypatch):
    """The worker's own environment, which a task's must neither read for its options nor change."""
    for name in ('TCX_URL', 'TCX_CLIENT_ID', 'TCX_CLIENT_SECRET', 'TCX_TIMEOUT', 'TCX_TOKEN_CACHE_DIR', 'https_proxy'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('TCX_CLIENT_ID', 'worker-id')
    before = dict(os.environ)
    yield
    after = dict(os.environ)
    for both in (before, after):
        both.pop('PYTEST_CURRENT_TEST', None)
    assert after == before


def test_environment_fallbacks_read_the_tasks_environment(worker_environment):
    environ = dict(os.environ, TCX_URL='https://pbx.example.com', TCX_CLIENT_ID='task-id', TCX_CLIENT_SECRET='s3cret',
                   TCX_TIMEOUT='7')
    module = build({}, environ)
    assert module.params['url'] == 'https://pbx.example.com'
    assert module.params['client_id'] == 'task-id' and module.params['timeout'] == 7
    assert 's3cret' in module.no_log_values
    assert 'TCX_URL' not in os.environ


def test_without_the_variable_the_option_is_missing(worker_environment):
    with pytest.raises(ModuleExit) as exit:
        build({}, dict(os.environ))
    assert exit.value.result['msg'] == 'missing required arguments: url'


def test_path_options_expand_the_tasks_variables_and_home(worker_environment):
    environ = {'TCX_URL': 'https://pbx', 'PKI': '/task/pki', 'HOME': '/srv/task-home'}
    module = build({'target': '$PKI/ca.pem', 'ca_path': '~/ca.pem'}, environ)
    assert module.params['target'] == '/task/pki/ca.pem' and module.params['ca_path'] == '/srv/task-home/ca.pem'
    assert build({'target': '${UNSET_ANYWHERE}/x'}, environ).params['target'] == '${UNSET_ANYWHERE}/x'


def test_the_client_and_token_cache_take_the_tasks_environment(worker_environment, tmp_path):
    environ = {'TCX_URL': 'https://pbx.example.com', 'TCX_ACCESS_TOKEN': 'tok', 'https_proxy': 'http://proxy:3128',
               'TCX_TOKEN_CACHE_DIR': str(tmp_path / 'cache')}
    module = build({}, environ)
    client = client_from_module(module)
    assert client.session.proxies == {'https': 'http://proxy:3128'}
    assert client.cache_dir == str(tmp_path / 'cache')


def test_shape_checks_mixed_in_run_before_validation(worker_environment):
    """entity.ShapeChecks on TaskModule, as on AnsibleModule: a wrong shape is set aside before validation
    (not converted to text), and a failure of validation names what is wrong, masked."""
    module_class = type('Checked', (ShapeChecks, TaskModule), {'fields': [Field('password', secret=True)] + connection_fields()})
    module = build({'url': 'https://pbx', 'password': ['Hidden-Pw-1']}, {}, module_class=module_class)
    assert module.params['password'] is None
    assert len(module.shape_problems) == 1 and module.shape_problems[0].startswith('password')
    with pytest.raises(ModuleExit) as exit:
        build({'url': 'https://pbx', 'password': ['Hidden-Pw-1'], 'timeout': 'soon'}, {}, module_class=module_class)
    result = exit.value.result
    assert result['failed'] and result['msg'] == 'password must be a string, got a list'
    assert 'Hidden-Pw-1' not in repr(result)


MODULE_PACKAGE = 'ansible_collections.tcx.xapi.plugins.modules.'


def test_a_plugin_imports_the_modules_it_names_when_defined(monkeypatch):
    """ansible-core defines a task's action plugin in its main process before it forks the task's workers: the
    modules it names are imported then, once, not compiled again in every worker."""
    from ansible_collections.tcx.xapi.plugins.plugin_utils.in_process import InProcessAction
    for name in ('tcx_license_info', 'tcx_backup_info'):
        monkeypatch.delitem(sys.modules, MODULE_PACKAGE + name, raising=False)

    class Step(InProcessAction):
        MODULES = ('tcx_license_info', 'tcx_backup_info')

    assert MODULE_PACKAGE + 'tcx_license_info' in sys.modules
    assert MODULE_PACKAGE + 'tcx_backup_info' in sys.modules
    assert Step.MODULES


@pytest.mark.parametrize('plugin', ['tcx_audit_reports', 'tcx_backup_files'])
def test_a_playbook_step_names_every_module_it_runs(plugin):
    source = (REPO / 'playbooks' / 'action_plugins' / ('%s.py' % plugin)).read_text(encoding='utf-8')
    ran = set(re.findall(r"step_module\('(tcx_\w+)'", source))
    named = set(ast.literal_eval(re.search(r'^    MODULES = (\(.*\))$', source, re.M).group(1)))
    assert ran and ran <= named


def test_the_main_process_freezes_what_it_holds_before_each_fork():
    """ansible-core forks a worker per host and task right after loading the host's variables: the objects that
    exist at a fork leave the cyclic GC's reach (``gc.freeze``), so that neither the worker's collections nor the
    main process's own full collections walk every host's variables again; the garbage among them is collected
    first, not frozen for the rest of the run (the hook is registered when in_process is imported, above)."""
    class Node(object):
        pass

    frozen = gc.get_freeze_count()
    loaded = [{'extension': '%03d' % n} for n in range(1000)]
    gc.disable()  # no automatic collection before the fork: only the hook's
    try:
        garbage = Node()
        garbage.itself = garbage
        collected = weakref.ref(garbage)
        del garbage
        pid = os.fork()
        if pid == 0:
            os._exit(0 if gc.get_freeze_count() >= frozen + len(loaded) else 1)
    finally:
        gc.enable()
    _pid, status = os.waitpid(pid, 0)
    assert gc.get_freeze_count() >= frozen + len(loaded)
    assert os.waitstatus_to_exitcode(status) == 0
    assert collected() is None
