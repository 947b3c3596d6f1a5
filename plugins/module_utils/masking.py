# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which values of a task are secrets, collected before the arguments are validated.

Ansible collects the ``no_log`` values of a module's arguments while it validates them, and only
for options whose spec says ``no_log``: a task that fails validation (``departments: Sales``,
``parallel: lots``, a misspelled option) or whose secret has the wrong shape (``password: [x]``)
would otherwise echo its secrets in ``invocation``. The items of tcx_config have no suboption spec,
so their passwords and PINs would not be known at all. :func:`secret_values` reads the raw
arguments instead: every value under an option name that is secret in the given spec or in any
kind of the registry, at any depth and of any type, and the password of a URL's ``user:password@``.

Both ways a module runs use it before validation and at every exit: :class:`MaskingModule` (an
``AnsibleModule``, in a module process) and ``TaskModule`` (plugin_utils/in_process.py, in the
controller's worker process). See docs/security.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import traceback

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.tcx.xapi.plugins.module_utils.client import URL_USERINFO
from ansible_collections.tcx.xapi.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS

# What Ansible shows for a no_log option's value.
NO_LOG_MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


def _spec_secret_names(spec, names):
    for name, entry in (spec or {}).items():
        if entry.get('no_log'):
            names.add(name)
            names.update(entry.get('aliases') or ())
        _spec_secret_names(entry.get('options'), names)
    return names


_REGISTRY_NAMES = []


def secret_option_names(spec=None):
    """The option names whose values are secrets: ``no_log`` options of ``spec`` and, at any depth,
    of the connection and of every kind in the registry (``password``, ``vm_pin``, ``client_secret``, ...)."""
    if not _REGISTRY_NAMES:
        names = _spec_secret_names(connection_argument_spec(), set())
        for kind in KINDS:
            _spec_secret_names(kind.argument_spec(), names)
        _REGISTRY_NAMES.append(frozenset(names))
    return _spec_secret_names(spec, set(_REGISTRY_NAMES[0]))


def _leaves(value, found):
    """Every scalar in ``value`` as text (strings, numbers; keys of dicts too): what a secret of the
    wrong shape (``password: [x]``, ``vm_pin: {1234: null}``) shows when echoed."""
    if isinstance(value, dict):
        for key, item in value.items():
            _leaves(key, found)
            _leaves(item, found)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            _leaves(item, found)
    elif isinstance(value, bool) or value is None:
        return found
    elif isinstance(value, (int, float)):
        found.add(str(value))
    else:
        text = str(value)
        if text.strip():
            found.add(text)
    return found


def url_userinfo_secrets(text):
    """The ``user:password`` and the password of every URL with credentials in ``text``."""
    found = set()
    if not text or '://' not in text:  # no URL (an email address has an @ too)
        return found
    for match in URL_USERINFO.finditer(text):
        userinfo = match.group('userinfo')
        if ':' in userinfo:
            found.add(userinfo)
            password = userinfo.split(':', 1)[1]
            if password:
                found.add(password)
    return found


def secret_values(params, spec=None):
    """Every secret value in a task's raw arguments, as the texts that output could show.

    Values under a secret option name (:func:`secret_option_names`) at any depth, whatever their
    type (a string, a number, list elements, dict keys and values), also inside an option that is
    misspelled or has the wrong type; and the credentials of any URL (``https://admin:pw@pbx``).
    """
    names = secret_option_names(spec)
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and key in names:
                    _leaves(value, found)
                else:
                    walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)
        elif isinstance(node, str) and '@' in node:
            found.update(url_userinfo_secrets(node))
    walk(params)
    return found


def masked_arguments(params, spec=None):
    """A copy of a task's arguments for ``invocation``: the whole value of every secret option (at any depth,
    whatever its type) replaced by Ansible's mask; masking values alone would keep a dict's keys
    (``vm_pin: {1234: null}``) and the shape of a list."""
    names = secret_option_names(spec)

    def copy(node):
        if isinstance(node, dict):
            return dict((key, NO_LOG_MASK if isinstance(key, str) and key in names and value is not None else copy(value))
                        for key, value in node.items())
        if isinstance(node, (list, tuple)):
            return [copy(item) for item in node]
        return node
    return copy(params)


def masked_invocation(result, spec=None):
    """``result`` with its ``invocation.module_args`` (when it has one) passed through :func:`masked_arguments`."""
    invocation = result.get('invocation')
    if isinstance(invocation, dict) and isinstance(invocation.get('module_args'), dict):
        result['invocation'] = dict(invocation, module_args=masked_arguments(invocation['module_args'], spec))
    return result


class MaskingModule(AnsibleModule):
    """``AnsibleModule`` that knows the task's secrets before it validates the arguments.

    Validation errors, warnings, ``invocation`` and every other part of a result are masked with
    :func:`secret_values` of the raw arguments (read before validation, so also for a failure of
    validation) and of the validated ones (secrets from environment fallbacks), besides the
    ``no_log`` values Ansible collects itself.
    """

    # The module of this module process (a module process runs one): what :func:`failures_masked` fails.
    running = None

    def _load_params(self):
        MaskingModule.running = self
        super(MaskingModule, self)._load_params()
        self.no_log_values.update(secret_values(self.params, getattr(self, 'argument_spec', None)))

    def _return_formatted(self, kwargs):
        self.no_log_values.update(secret_values(self.params, self.argument_spec))
        masked_invocation(kwargs, self.argument_spec)
        # AnsibleModule echoes self.params as invocation when the result has none: echo a masked copy.
        params, self.params = self.params, masked_arguments(self.params, self.argument_spec)
        try:
            super(MaskingModule, self)._return_formatted(kwargs)
        finally:
            self.params = params


def failures_masked(main):
    """Decorator of a module's ``main``: in a module process, an exception nobody expected fails the task
    with its message and traceback masked like any result (ansible-core would show them unmasked).

    In the controller's worker process no :class:`MaskingModule` is built (``TaskModule`` is): the
    exception goes on to the action plugin, which masks it the same way.
    """
    @functools.wraps(main)
    def guarded(*args, **kwargs):
        MaskingModule.running = None
        try:
            return main(*args, **kwargs)
        except Exception:  # pylint: disable=broad-exception-caught
            module = MaskingModule.running
            if module is None:
                raise
            module.fail_json(msg='%s failed unexpectedly: %s' % (module._name, traceback.format_exc().strip().splitlines()[-1]),
                             exception=traceback.format_exc())
    return guarded
