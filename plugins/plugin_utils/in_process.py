# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a tcx.xapi module inside the controller's worker process instead of as a module process.

Every tcx.xapi module talks HTTPS to a PBX and runs on the controller (``connection: local``), so
shipping it as a module process costs a Python start, the AnsiballZ unpacking and the imports on
every task, about 0.3 s before the first request. One action plugin (this module's, under every module's name in
``plugins/action``) built on :class:`InProcessAction` imports the
task's module and calls its own ``main()`` with :class:`TaskModule`, which is constructed like ``AnsibleModule`` and behaves like it where the
engine looks (``params``, ``check_mode``, ``_diff``, ``warn``, ``no_log_values``, ``exit_json``,
``fail_json``). Arguments are validated with ansible-core's argument spec validator against the
module's own spec, environment fallbacks (``TCX_URL``, ...), ``path`` options, the token cache and the client's
proxies read the controller's environment plus the task's ``environment`` (passed to them, the worker's
``os.environ`` untouched), and every result is masked with the ``no_log`` values exactly as
``AnsibleModule`` masks it.

The module process is used instead (the plugin runs the module as usual) when the task does not
run on the controller as the controller's user: a connection other than ``local`` (for example
``delegate_to`` a remote host), ``become``, ``async``, the ``requests`` library missing on the
controller, or the variable ``tcx_xapi_in_process`` set to false.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import gc
import importlib
import json
import os
import re
import traceback

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.basic import env_fallback
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.common.validation import check_type_str
from ansible.module_utils.errors import AnsibleFallbackNotFound, UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash
from ansible_collections.tcx.xapi.plugins.module_utils.client import HAS_REQUESTS
from ansible_collections.tcx.xapi.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.fields import naming_an_option
from ansible_collections.tcx.xapi.plugins.module_utils.masking import masked_arguments, masked_invocation, secret_values

IN_PROCESS_VARIABLE = 'tcx_xapi_in_process'


def freeze_before_fork():
    """Move every object out of the cyclic GC's reach (``gc.freeze``, as Python's documentation advises right before
    a fork), after collecting the garbage among those not frozen yet (those since the last fork: a few ms).

    ansible-core imports this plugin in the controller's main process when it queues the first tcx.xapi task, and
    forks a worker per host and task from it, right after loading the host's variables (with a desired state inline,
    100,000 objects per host). Run before each of those forks (``os.register_at_fork``):

    - no worker's collections visit, and so copy page by page, what it inherits from the main process
      (565 -> 488 MB and 1.19 -> 1.02 CPU-s per PBX for an audit of 30 PBXs at forks 20, freezing at import);
    - the main process's own full collections no longer walk every host loaded so far again and again (22 -> 3
      of them, and 2.7 -> 0.6 CPU-s of GC with these collections, for an audit of 50 PBXs with inline YAML
      host_vars: docs/performance.md);
    - and no cyclic garbage is frozen with the rest, so none stays for the rest of the run.
    """
    gc.collect()
    gc.freeze()


os.register_at_fork(before=freeze_before_fork)


class ModuleExit(BaseException):
    """Raised by :meth:`TaskModule.exit_json` / ``fail_json`` where ``AnsibleModule`` exits the process.

    A ``BaseException`` like ``SystemExit``, so that no ``except Exception`` of the engine stops it.
    """

    def __init__(self, result):
        super(ModuleExit, self).__init__('module exit')
        self.result = result


def _encode(other):
    if isinstance(other, (datetime.date, datetime.time)):
        return other.isoformat()
    return str(other)


def plain(value):
    """A copy of task data as a module process receives it: JSON types only, no shared objects."""
    return json.loads(json.dumps(value, default=_encode))


try:  # ansible-core 2.19+: loaded data carries tags; only where it came from and its trust leave a value as it is
    from ansible._internal._datatag._tags import Origin, TrustedAsTemplate
    _INERT_TAGS = frozenset((Origin, TrustedAsTemplate))
except ImportError:
    _INERT_TAGS = frozenset()

_JSON_TYPES = frozenset((str, dict, list, int, float, bool, type(None)))
_TAGGABLE = (str, dict, list, int, float)
_NO_TAGS = {}


def untemplated(value):
    """``value``, a variable as Ansible loaded it (a desired state of thousands of items), as :func:`plain` data
    when templating it would change nothing, else ``None``: nothing the templar would transform (a vaulted value,
    a deprecated variable), and no string (key or value) with a template mark. Templating 500 users with Ansible's
    templar costs about 50 ms of a worker's CPU; this about 6 (a walk over the values for their types and tags,
    the marks looked for in the JSON text of the copy)."""
    todo = [value]
    pop, extend = todo.pop, todo.extend
    while todo:
        item = pop()
        if type(item) not in _JSON_TYPES and (
                # A tagged value (ansible-core 2.19+ keeps its tags in this mapping, by tag type: AnsibleTagHelper.tag_types
                # reads the same at three times the cost), an AnsibleUnicode (2.17), or anything else (a vaulted value).
                not isinstance(item, _TAGGABLE) or not getattr(item, '_ansible_tags_mapping', _NO_TAGS).keys() <= _INERT_TAGS):
            return None
        if isinstance(item, dict):
            extend(item)
            extend(item.values())
        elif isinstance(item, list):
            extend(item)
    text = json.dumps(value, default=_encode)
    # JSON escapes none of these characters; a '#jinja2:' header starts a string, just after its quote.
    if '{{' in text or '{%' in text or '{#' in text or '"#jinja2:' in text:
        return None
    return json.loads(text)


class OwnArguments(dict):
    """A task module's own copy of its arguments (:meth:`TaskModule._load_params`), which the module replaces with
    the validated values right after ansible-core's validation: that validation starts with a deep copy of what it
    validates (8 ms for 500 users), and may work on these in place instead."""

    def __deepcopy__(self, memo):
        return dict(self)


class Task(object):
    """What a :class:`TaskModule` knows of its task: name, arguments, modes, and the environment it runs in."""

    def __init__(self, name, args, check_mode, diff, inject_invocation=True, environ=None):
        self.name = name
        self.args = args
        self.check_mode = check_mode
        self.diff = diff
        self.inject_invocation = inject_invocation
        self.environ = dict(os.environ if environ is None else environ)


class TaskModule(object):
    """The one stand-in for ``AnsibleModule`` in the controller's worker process, for one task.

    :meth:`for_task` binds a subclass to the task; it is then constructed with ``AnsibleModule``'s keyword
    arguments (the module's own argument spec and constraints) and, like ``AnsibleModule``, reads its
    arguments in ``_load_params`` (where a subclass checks them as given: entity.ShapeChecks) before it
    validates them. ``environ`` is the environment a module process of the task would have (the
    controller's plus the task's ``environment``): the environment fallbacks of the options, ``path``
    options, the token cache and the client read it, and the worker's ``os.environ`` is never changed.
    """

    _task = None
    # Every object built for the task (the action plugin masks an unexpected failure with its secrets).
    built = None

    def __init__(self, argument_spec, supports_check_mode=False, mutually_exclusive=None, required_together=None,
                 required_one_of=None, required_if=None, required_by=None):
        task = self._task
        self._name = task.name
        self._inject_invocation = task.inject_invocation
        self.check_mode = task.check_mode
        self._diff = task.diff
        self.environ = task.environ
        self.warnings = []
        self.no_log_values = set()
        self.argument_spec = argument_spec
        self.built.append(self)
        self._load_params()
        validator = ArgumentSpecValidator(reading_environment(argument_spec, self.environ),
                                          mutually_exclusive=mutually_exclusive, required_together=required_together,
                                          required_one_of=required_one_of, required_if=required_if, required_by=required_by)
        # Only the options given: Ansible's validation takes an option set to None as given.
        validation = validator.validate(OwnArguments(self.params))
        self.params.update(validation.validated_parameters)
        self.no_log_values.update(validation._no_log_values)
        for both in validation._warnings:
            self.warn('Both option {option} and its alias {alias} are set.'.format(**both))
        if len(validation.errors.errors):
            message = '; '.join(naming_an_option(validation.error_messages)) or validation.errors.msg
            if isinstance(validation.errors.errors[0], UnsupportedError):
                message = 'Unsupported parameters for (%s) module: %s' % (task.name, message)
            self.fail_json(msg=message)
        if task.check_mode and not supports_check_mode:
            self.exit_json(skipped=True, msg='module (%s) does not support check mode' % task.name)

    @classmethod
    def for_task(cls, task):
        """A subclass bound to ``task`` (:class:`Task`), constructed like ``AnsibleModule``."""
        return type(cls.__name__, (cls,), {'_task': task, 'built': []})

    def _load_params(self):
        """The task's arguments as a module process receives them; their secrets known before validation (masking.py)."""
        self.params = plain(self._task.args)
        self.no_log_values.update(secret_values(self.params, self.argument_spec))

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
            result['invocation'] = {'module_args': masked_arguments(self.params, self.argument_spec)}
        else:
            masked_invocation(result, self.argument_spec)
        if self.warnings:
            result['warnings'] = list(self.warnings)
        # The validated arguments too: secrets from environment fallbacks (a URL's credentials).
        self.no_log_values.update(secret_values(self.params, self.argument_spec))
        return plain(remove_values(result, self.no_log_values))


def reading_environment(spec, environ):
    """``spec`` with its environment fallbacks and ``path`` options reading ``environ`` instead of ``os.environ``.

    What a module process does with the task's environment in its own ``os.environ``: ``env_fallback``
    looks the names up there, and a ``path`` option expands ``$VAR`` and ``~`` with it.
    """
    def fallback(*names, **_unused):
        for name in names:
            if name in environ:
                return environ[name]
        raise AnsibleFallbackNotFound

    def path(value):
        return expanded_path(check_type_str(value), environ)

    def rewritten(entry):
        entry = dict(entry)
        if entry.get('fallback') and entry['fallback'][0] is env_fallback:
            entry['fallback'] = (fallback,) + tuple(entry['fallback'][1:])
        for key in ('type', 'elements'):
            if entry.get(key) == 'path':
                entry[key] = path
        if entry.get('options'):
            entry['options'] = reading_environment(entry['options'], environ)
        return entry
    return dict((name, rewritten(entry)) for name, entry in spec.items())


_VARIABLE = re.compile(r'\$(\w+|\{[^}]*\})')


def expanded_path(value, environ):
    """``os.path.expanduser(os.path.expandvars(value))`` with ``environ`` for ``os.environ``."""
    def variable(match):
        name = match.group(1).strip('{}')
        return environ.get(name, match.group(0))
    value = _VARIABLE.sub(variable, value)
    if value == '~' or value.startswith('~/'):
        home = environ.get('HOME')
        return home + value[1:] if home else os.path.expanduser(value)
    return os.path.expanduser(value)


def inject_invocation(task_vars):
    """Whether results carry ``invocation``: always before ansible-core 2.21, then its INJECT_INVOCATION setting."""
    try:
        return C.config.get_config_value('INJECT_INVOCATION', variables=task_vars)
    except AnsibleError:
        return True


COLLECTION = 'tcx.xapi'
CONNECTION_OPTIONS = frozenset(connection_argument_spec())


def module_defaults_applied(action, task, args, templar, omit=None):
    """``args`` of the module ``action`` (fully qualified) with ``task``'s ``module_defaults`` for it, templated,
    as ansible-core applies them to the modules an action plugin runs (``gather_facts``). ``omit`` is the task's
    variable of that name: before ansible-core 2.19 a default of ``default(omit)`` comes back as that token, which
    the task's own arguments never carry (ansible-core drops it there)."""
    try:
        from ansible.executor.module_common import _apply_action_arg_defaults
    except ImportError:  # ansible-core before 2.19
        from ansible.executor.module_common import get_action_args_with_defaults
        found = get_action_args_with_defaults(action, args, task.module_defaults, templar,
                                              action_groups=task._parent._play._action_groups)
        return dict((name, value) for name, value in found.items() if omit is None or value != omit)
    return _apply_action_arg_defaults(action, task, args, templar)


def module_main(resolved_action):
    """The ``main`` of the tcx.xapi module a task runs (``tcx.xapi.tcx_user`` -> tcx_user's ``main``)."""
    collection, _dot, name = resolved_action.rpartition('.')
    if collection != COLLECTION or not name.startswith('tcx_'):
        raise AnsibleError('the tcx.xapi action plugin runs tcx.xapi modules only, not %s' % resolved_action)
    return importlib.import_module('ansible_collections.tcx.xapi.plugins.modules.%s' % name).main


class StepFailed(Exception):
    """A step of the collection's playbooks failed (a module it ran, :meth:`InProcessAction.step_module`, or its own
    check): ``result`` is the task's failed result, masked."""

    def __init__(self, result):
        super(StepFailed, self).__init__(result.get('msg'))
        self.result = result


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
    # The tcx.xapi modules a subclass runs (its module; a playbook step's several), imported when the subclass is
    # defined: ansible-core loads a task's action plugin in its main process before it forks the task's workers, so
    # they inherit the modules instead of each compiling them again (the collection loader keeps no bytecode:
    # tcx_config alone costs each worker 11 ms).
    MODULES = ()

    def __init_subclass__(cls, **kwargs):
        super(InProcessAction, cls).__init_subclass__(**kwargs)
        for name in cls.MODULES:
            try:
                module_main('%s.%s' % (COLLECTION, name))
            except ImportError:  # the task's worker imports it again, and reports what is wrong then
                pass

    def __init__(self, *args, **kwargs):
        # Built in the task's worker: what it inherits stays out of its GC also where the main process did not
        # freeze before the fork (a strategy that loads the task's action plugin only in the worker).
        gc.freeze()
        super(InProcessAction, self).__init__(*args, **kwargs)
        self.step_warnings = []  # of the modules a playbook's step ran (step_module)
        self._step = None  # what every module of the step shares: connection defaults, in process, environment

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)
        if not self.runs_in_process(task_vars or {}):
            return merge_hash(result, self.run_module_process(task_vars))
        task = Task(self._task.action, self._task.args, self._task.check_mode, self._task.diff,
                    inject_invocation(task_vars or {}), self.task_environ())
        return merge_hash(result, self.run_main(TaskModule.for_task(task)))

    def task_environ(self):
        """The environment a module process of the task would have: the controller's plus the task's ``environment``."""
        variables = {}
        self._compute_environment_string(variables)
        environ = dict(os.environ)
        environ.update((str(name), str(value)) for name, value in variables.items())
        return environ

    def step_module(self, name, args, task_vars, check_mode=False, diff=False):
        """For a step of the collection's playbooks that runs several modules for its host (audit.yml's, backup.yml's),
        as ``gather_facts`` runs its modules: the result (without ``invocation``) of the tcx.xapi module ``name``
        (``tcx_license_info``) with ``args`` and the connection options that the play's ``module_defaults`` give the
        collection's modules (templated once for the step: templating them for each module would cost more than its
        reads), its ``check_mode`` and ``diff``, in this process when the task runs in process
        (:meth:`runs_in_process`), else as a module process. Its warnings join :attr:`step_warnings`;
        :class:`StepFailed` when it failed. The defaults, where the modules run and their environment are worked
        out once for the step."""
        if self._step is None:
            defaults = module_defaults_applied('%s.tcx_config' % COLLECTION, self._task, {}, self._templar, omit=task_vars.get('omit'))
            in_process = self.runs_in_process(task_vars)
            self._step = (dict((key, value) for key, value in defaults.items() if key in CONNECTION_OPTIONS), in_process,
                          self.task_environ() if in_process else None)
        defaults, in_process, environ = self._step
        action = '%s.%s' % (COLLECTION, name)
        args = dict(defaults, **args)
        if in_process:
            task = Task(action, args, check_mode, diff, inject_invocation=False, environ=environ)
            found = self.run_main(TaskModule.for_task(task), action)
        else:
            saved = self._task.check_mode, self._task.diff, self._task.async_val
            self._task.check_mode, self._task.diff, self._task.async_val = check_mode, diff, 0
            try:
                found = self._execute_module(module_name=action, module_args=MaskedArguments(args), task_vars=task_vars,
                                             wrap_async=False)
            finally:
                self._task.check_mode, self._task.diff, self._task.async_val = saved
            found.pop('invocation', None)
        self.step_warnings.extend(found.get('warnings') or [])
        if found.get('failed'):
            raise StepFailed(found)
        return found

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

    def run_main(self, module_class, action=None):
        """The ``main()`` of the module ``action`` (default: the task's) with ``module_class``
        (:meth:`TaskModule.for_task`); its exit is the result."""
        main = module_main(action or self.module_name())
        action = action or self._task.action
        try:
            main(module_class)
        except ModuleExit as done:
            return done.result
        except Exception as exc:  # pylint: disable=broad-exception-caught
            # What a module process reports as a module failure, masked like any result.
            hidden = set().union(*[module.no_log_values for module in module_class.built])
            return remove_values({'failed': True, 'msg': '%s failed unexpectedly: %s' % (action, exc),
                                  'exception': traceback.format_exc()}, hidden)
        return {'failed': True, 'msg': '%s ended without a result' % action}
