# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OData v4 literal quoting and query building for XAPI. Pure functions, no I/O."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from urllib.parse import quote as _url_quote
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    from urllib import quote as _url_quote

PAGE_SIZE = 100


def quote_string(value):
    """Return ``value`` as an OData string literal: single quotes, inner quotes doubled."""
    return "'" + str(value).replace("'", "''") + "'"


def literal(value):
    """Return the OData literal for a Python value (str, bool, int, float or None)."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return repr(value)
    return quote_string(value)


def equals(prop, value, ignore_case=False):
    """Filter clause ``prop eq value``; with ``ignore_case`` both sides are lower-cased."""
    if ignore_case and isinstance(value, str):
        return 'tolower(%s) eq %s' % (prop, quote_string(value.lower()))
    return '%s eq %s' % (prop, literal(value))


def all_of(*clauses):
    """Join filter clauses with ``and``; empty clauses are skipped."""
    kept = [c for c in clauses if c]
    if len(kept) == 1:
        return kept[0]
    return ' and '.join('(%s)' % c for c in kept)


def any_of(*clauses):
    """Join filter clauses with ``or``; empty clauses are skipped."""
    kept = [c for c in clauses if c]
    if len(kept) == 1:
        return kept[0]
    return ' or '.join('(%s)' % c for c in kept)


def key_segment(key):
    """Return the key part of an entity path: ``(12)`` for numbers, ``('support')`` for strings.

    The result is percent-encoded except for the characters OData uses in key syntax.
    """
    if isinstance(key, bool) or not isinstance(key, (int, str)):
        raise TypeError('entity key must be an int or a str, not %r' % type(key).__name__)
    text = str(key) if isinstance(key, int) else quote_string(key)
    return '(%s)' % _url_quote(text, safe="'")


def named_key_segment(name, value):
    """Return an alternate-key segment such as ``(Number='100')``, percent-encoded."""
    return '(%s=%s)' % (name, _url_quote(quote_string(value), safe="'"))


def function_call(name, **params):
    """Return a bound function call such as ``Pbx.GetByNumber(number='100')``, percent-encoded."""
    args = ','.join('%s=%s' % (k, _url_quote(literal(v), safe="'")) for k, v in sorted(params.items()))
    return '%s(%s)' % (name, args)


def build_query(filter_expr=None, select=None, expand=None, orderby=None, top=None, skip=None, count=False):
    """Return a dict of OData system query options, leaving out the ones not given.

    ``select``, ``expand`` and ``orderby`` accept a string or a list of strings.
    """
    params = {}
    if filter_expr:
        params['$filter'] = filter_expr
    for name, value in (('$select', select), ('$expand', expand), ('$orderby', orderby)):
        if value:
            params[name] = value if isinstance(value, str) else ','.join(value)
    if top is not None:
        params['$top'] = str(top)
    if skip:
        params['$skip'] = str(skip)
    if count:
        params['$count'] = 'true'
    return params
