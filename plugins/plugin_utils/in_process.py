# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a tcx.xapi module inside the controller's worker process instead of as a module process.

Every tcx.xapi module talks HTTPS to a PBX and runs on the controller (``connection: local``), so
shipping it as a module process costs a Python start, the AnsiballZ unpacking and the imports on
every task, about 0.3 s before the first request. One action plugin (``plugins/action/tcx_config.py``,
to which ``meta/runtime.yml`` routes every module) built on :class:`InProcessAction` imports the
task's module and calls its own ``main()`` with :class:`TaskModule`, which is constructed like ``AnsibleModule`` and behaves like it where the
engine looks (``params``, ``check_mode``, ``_diff``, ``warn``, ``no_log_values``, ``exit_json``,
``fail_json``). Arguments are validated with ansible-core's argument spec validator against the
module's own spec, environment fallbacks (``TCX_URL``, ...) read the controller's environment plus
the task's ``environment``, and every result is masked with the ``no_log`` values exactly as
``AnsibleModule`` masks it.

The module process is used instead (the plugin runs the module as usual) when the task does not
run on the controller as the controller's user: a connection other than ``local`` (for example
``delegate_to`` a remote host), ``become``, ``async``, the ``requests`` library missing on the
controller, or the variable ``tcx_xapi_in_process`` set to false.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import datetime
import gc
import importlib
import json
import os
import traceback

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash
from ansible_collections.tcx.xapi.plugins.module_utils.client import HAS_REQUESTS
from ansible_collections.tcx.xapi.plugins.module_utils.fields import naming_an_option
from ansible_collections.tcx.xapi.plugins.module_utils.masking import masked_arguments, masked_invocation, secret_values

IN_PROCESS_VARIABLE = 'tcx_xapi_in_process'

# ansible-core imports this plugin in the controller's main process when it queues the first tcx.xapi task, and
# forks a worker per host and task from it. Python's cyclic GC in each worker would visit, and so copy page by
# page, every object the main process holds (the inventory's variables: with thousands of items per host, most
# of a worker's memory and CPU). Moving the objects that exist now out of the GC's reach (``gc.freeze``, as
# Python's documentation advises before forking) keeps them shared: 565 -> 488 MB and 1.19 -> 1.02 CPU-s per PBX
# for an audit of 30 PBXs at forks 20 (docs/performance.md).
gc.freeze()


class ModuleExit(BaseException):
    """Raised by :meth:`TaskModule.exit_json` / ``fail_json`` where ``AnsibleModule`` exits the process.

    A ``BaseException`` like ``SystemExit``, so that no ``except Exception`` of the engine stops it.
    """

    def __init__(self, result):
        super(ModuleExit, self).__init__('module exit')
        self.result = result


def plain(value):
    """A copy of task data as a module process receives it: JSON types only, no shared objects."""
    def encode(other):
        if isinstance(other, (datetime.date, datetime.time)):
            return other.isoformat()
        return str(other)
    return json.loads(json.dumps(value, default=encode))


class TaskModule(object):
    """What an engine needs of ``AnsibleModule``, for one task in the controller's worker process.

    Constructed with ``AnsibleModule``'s keyword arguments (the module's own argument spec and
    constraints) after :meth:`for_task` bound the task: its arguments, check mode and diff mode.
    """

    def __init__(self, task_name, task_args, check_mode, diff, inject_invocation, argument_spec,
                 supports_check_mode=False, mutually_exclusive=None, required_together=None, required_one_of=None,
                 required_if=None, required_by=None):
        self._name = task_name
        self._inject_invocation = inject_invocation
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []
        self.no_log_values = set()
        self.params = plain(task_args)
        self._argument_spec = argument_spec
        # Before validation: a task that fails it echoes its arguments (masking.py).
        self.no_log_values.update(secret_values(self.params, argument_spec))
        validator = ArgumentSpecValidator(argument_spec, mutually_exclusive=mutually_exclusive,
                                          required_together=required_together, required_one_of=required_one_of,
                                          required_if=required_if, required_by=required_by)
        validation = validator.validate(self.params)
        self.params.update(validation.validated_parameters)
        self.no_log_values.update(validation._no_log_values)
        for both in validation._warnings:
            self.warn('Both option {option} and its alias {alias} are set.'.format(**both))
        if len(validation.errors.errors):
            message = '; '.join(naming_an_option(validation.error_messages)) or validation.errors.msg
            if isinstance(validation.errors.errors[0], UnsupportedError):
                message = 'Unsupported parameters for (%s) module: %s' % (task_name, message)
            self.fail_json(msg=message)
        if check_mode and not supports_check_mode:
            self.exit_json(skipped=True, msg='module (%s) does not support check mode' % task_name)

    @classmethod
    def for_task(cls, task_name, task_args, check_mode, diff, inject_invocation=True):
        """A constructor with ``AnsibleModule``'s signature, bound to one task."""
        def build(**module_kwargs):
            return cls(task_name, task_args, check_mode, diff, inject_invocation, **module_kwargs)
        return build

    def warn(self, warning):
        """A warning of the task result (masked like the rest of it)."""
        self.warnings.append(str(warning))

    def exit_json(self, **result):
        """End the module with ``result``: the same keys and masking as ``AnsibleModule.exit_json``."""
        raise ModuleExit(self.formatted(result))

    def fail_json(self, msg, **result):
        """End the module as failed: ``failed`` and ``msg`` as ``AnsibleModule.fail_json`` sets them."""
        result.pop('exception', None)
        result.update(failed=True, msg=str(msg))
        raise ModuleExit(self.formatted(result))

    def formatted(self, result):
        """The result with ``invocation`` and ``warnings``, every ``no_log`` value masked.

        ``invocation`` as ``AnsibleModule`` of the running ansible-core returns it: from 2.21 only
        with the INJECT_INVOCATION setting (then also the one a module passes itself).
        """
        if not self._inject_invocation:
            result.pop('invocation', None)
        elif 'invocation' not in result:
            result['invocation'] = {'module_args': masked_arguments(self.params, self._argument_spec)}
        else:
            masked_invocation(result, self._argument_spec)
        if self.warnings:
            result['warnings'] = list(self.warnings)
        # The validated arguments too: secrets from environment fallbacks (a URL's credentials).
        self.no_log_values.update(secret_values(self.params, self._argument_spec))
        return plain(remove_values(result, self.no_log_values))


def inject_invocation(task_vars):
    """Whether results carry ``invocation``: always before ansible-core 2.21, then its INJECT_INVOCATION setting."""
    try:
        return C.config.get_config_value('INJECT_INVOCATION', variables=task_vars)
    except AnsibleError:
        return True


@contextlib.contextmanager
def environment(variables):
    """The task's ``environment`` in effect for the block, as a module process would have it."""
    saved = dict(os.environ)
    os.environ.update((str(name), str(value)) for name, value in variables.items())
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


COLLECTION = 'tcx.xapi'


def module_main(resolved_action):
    """The ``main`` of the tcx.xapi module a task runs (``tcx.xapi.tcx_user`` -> tcx_user's ``main``)."""
    collection, _dot, name = resolved_action.rpartition('.')
    if collection != COLLECTION or not name.startswith('tcx_'):
        raise AnsibleError('the tcx.xapi action plugin runs tcx.xapi modules only, not %s' % resolved_action)
    return importlib.import_module('ansible_collections.tcx.xapi.plugins.modules.%s' % name).main


class MaskedArguments(dict):
    """A module's arguments that show every secret masked when printed: with ANSIBLE_DEBUG, ansible-core
    prints the arguments of a module process (``done with _execute_module (name, args)``)."""

    def __repr__(self):
        return repr(remove_values(masked_arguments(dict(self)), secret_values(dict(self))))

    __str__ = __repr__


class InProcessAction(ActionBase):
    """The action plugin of every tcx.xapi module: runs the task's module in the worker process."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)
        if not self.runs_in_process(task_vars or {}):
            return merge_hash(result, self.run_module_process(task_vars))
        variables = {}
        self._compute_environment_string(variables)
        build = TaskModule.for_task(self._task.action, self._task.args, self._task.check_mode, self._task.diff,
                                    inject_invocation(task_vars or {}))
        with environment(variables):
            return merge_hash(result, self.run_main(build))

    def runs_in_process(self, task_vars):
        """True when the module would run on the controller, as the controller's user, synchronously."""
        wanted = task_vars.get(IN_PROCESS_VARIABLE, True)
        try:
            wanted = boolean(self._templar.template(wanted), strict=True)
        except TypeError:
            raise AnsibleError('%s must be a boolean, got %r' % (IN_PROCESS_VARIABLE, wanted))
        local = getattr(self._connection, 'transport', None) == 'local'
        synchronous = not self._play_context.become and not self._task.async_val
        return wanted and HAS_REQUESTS and local and synchronous

    def run_module_process(self, task_vars):
        """The module as a module process, as ansible-core's ``normal`` action runs it."""
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = self._execute_module(module_args=MaskedArguments(self._task.args), task_vars=task_vars,
                                      wrap_async=wrap_async)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def module_name(self):
        """The module the task names, as its fully qualified name (``tcx_user`` under ``collections:`` too)."""
        found = self._shared_loader_obj.module_loader.find_plugin_with_context(
            self._task.action, collection_list=self._task.collections)
        return found.resolved_fqcn if found.resolved else self._task.action

    def run_main(self, build):
        """The module's ``main()`` with :class:`TaskModule`; its exit is the task result."""
        main = module_main(self.module_name())
        module = []

        def recording_build(**module_kwargs):
            module.append(build(**module_kwargs))
            return module[0]
        try:
            main(recording_build)
        except ModuleExit as done:
            return done.result
        except Exception as exc:  # pylint: disable=broad-exception-caught
            # What a module process reports as a module failure, masked like any result.
            hidden = module[0].no_log_values if module else set()
            return remove_values({'failed': True, 'msg': '%s failed unexpectedly: %s' % (self._task.action, exc),
                                  'exception': traceback.format_exc()}, hidden)
        return {'failed': True, 'msg': '%s ended without a result' % self._task.action}
