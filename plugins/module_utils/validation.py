# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fast path for validating tcx_config's items: what ansible-core's ``ArgumentSpecValidator`` returns for an
item that is already valid as given, computed in one pass.

tcx_config validates each item with its module's spec. ``ArgumentSpecValidator.validate`` copies the item
deeply and walks the spec a dozen times (aliases, no_log values, deprecations, unsupported options, defaults
twice, types, choices, sub-options), which made it a third of the CPU of an audit of 500 users. Most items of a
desired state are already what that validation leaves them: every value of its option's type, within its
choices, no unknown option, no alias, every required option given. For those, :func:`validated` returns the
same parameters (defaults filled in, sub-options too). For anything else it returns None and the caller
validates with ``ArgumentSpecValidator``, which converts or names the problem exactly as before.

Only the spec keys the kinds use are understood (``type`` str, bool, int, dict, list with ``elements`` str or
dict, ``options``, ``choices``, ``default``, ``required``, ``no_log``); a spec entry with any other key is not
taken on (None). tests/unit/plugins/module_utils/test_validation.py compares both ways on generated items of
every kind.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

_MISSING = object()
KNOWN_KEYS = frozenset(('type', 'elements', 'options', 'choices', 'default', 'required', 'no_log'))


class NotValidAsGiven(Exception):
    """The item needs ansible-core's validation (a conversion, a problem to name, a spec key not handled here)."""


def validated(spec, params):
    """``params`` as ``ArgumentSpecValidator(spec).validate(params).validated_parameters`` would be, when that
    validation would neither change a value nor report a problem; otherwise None."""
    return Validator(spec).validated(params)


class Validator(object):
    """:func:`validated` for many items of one ``spec``: what each entry of a spec (and of its sub-options) asks is
    read once, not once per item (half of the fast path's time for 500 users)."""

    def __init__(self, spec):
        self.spec = spec
        self._compiled = {}  # id of a spec or sub-options dict of ``spec`` (alive as long as it is): its options

    def validated(self, params):
        try:
            return self._options(self.spec, params)
        except NotValidAsGiven:
            return None

    def _compile(self, spec):
        """Per option: its name, its entry, whether a missing value is refused (required, or sub-options with a
        default: converted), whether None is refused (required, or choices or a default: refused or converted)."""
        options = []
        for name, entry in spec.items():
            if not KNOWN_KEYS.issuperset(entry):
                raise NotValidAsGiven()
            required, default = bool(entry.get('required')), entry.get('default')
            options.append((name, entry, default, required or bool(entry.get('options')) and default is not None,
                            required or entry.get('choices') is not None or default is not None))
        return options

    def _options(self, spec, params):
        if not isinstance(params, dict) or any(name not in spec for name in params):
            raise NotValidAsGiven()
        options = self._compiled.get(id(spec))
        if options is None:
            options = self._compiled[id(spec)] = self._compile(spec)
        found = {}
        for name, entry, default, missing_refused, none_refused in options:
            value = params.get(name, _MISSING)
            if value is _MISSING:
                if missing_refused:
                    raise NotValidAsGiven()
                found[name] = default
            elif value is None:
                if none_refused:  # required, or None given where choices are (refused) or a default is (converted)
                    raise NotValidAsGiven()
                found[name] = None
            else:
                found[name] = self._value(entry, value)
        return found

    def _value(self, entry, value):
        wanted = entry.get('type', 'str')
        choices = entry.get('choices')
        if wanted == 'list':
            if not isinstance(value, list):
                raise NotValidAsGiven()
            elements = entry.get('elements')
            if elements == 'str' and not entry.get('options'):
                found = [_scalar('str', element) for element in value]
            elif elements == 'dict' and entry.get('options'):
                found = [self._options(entry['options'], element) for element in value]
            elif elements == 'dict':
                found = [copy.deepcopy(_checked(dict, element)) for element in value]
            else:
                raise NotValidAsGiven()
            if choices is not None and any(element not in choices for element in found):
                raise NotValidAsGiven()
            return found
        if wanted == 'dict':
            if entry.get('options'):
                return self._options(entry['options'], value)
            return copy.deepcopy(_checked(dict, value))
        value = _scalar(wanted, value)
        if choices is not None and value not in choices:
            raise NotValidAsGiven()
        return value


def _scalar(wanted, value):
    """A str, bool or int value that ansible-core's type check leaves as it is."""
    if wanted == 'str' and isinstance(value, str):
        return value
    if wanted == 'bool' and isinstance(value, bool):
        return value
    if wanted == 'int' and isinstance(value, int) and not isinstance(value, bool):
        return value
    raise NotValidAsGiven()


def _checked(kind, value):
    if not isinstance(value, kind):
        raise NotValidAsGiven()
    return value
