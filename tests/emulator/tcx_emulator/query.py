"""OData query options over in-memory entities.

``$filter`` is parsed by the ``odata-query`` package; :class:`FilterCompiler` turns its AST
into a Python predicate over the stored entity dicts. ``$select``/``$expand``/``$orderby``
and paging are handled here too.
"""

import dataclasses
import functools
import re
import types

from odata_query import ast
from odata_query import exceptions as odata_exceptions
from odata_query.grammar import ODATA_FUNCTIONS, ODataLexer, ODataParser
from odata_query.visitor import NodeVisitor

from .errors import XapiError, invalid_query
from .model import TYPES, element_type, is_navigation

TOP_LIMIT = 100

_LITERAL_TYPES = {ast.String: 'Edm.String', ast.Integer: 'Edm.Int32', ast.Boolean: 'Edm.Boolean', ast.Float: 'Edm.Double'}
_COMPARATORS = {
    ast.Eq: ('Equal', lambda a, b: a == b),
    ast.NotEq: ('NotEqual', lambda a, b: a != b),
    ast.Gt: ('GreaterThan', lambda a, b: a is not None and b is not None and a > b),
    ast.GtE: ('GreaterThanOrEqual', lambda a, b: a is not None and b is not None and a >= b),
    ast.Lt: ('LessThan', lambda a, b: a is not None and b is not None and a < b),
    ast.LtE: ('LessThanOrEqual', lambda a, b: a is not None and b is not None and a <= b),
}


def _null_safe(func):
    def call(*args):
        if any(arg is None for arg in args):
            return None
        return func(*args)
    return call


def _substring(text, start, length=None):
    return text[start:] if length is None else text[start:start + length]


_FUNCTIONS = {
    'tolower': (_null_safe(str.lower), 'Edm.String'),
    'toupper': (_null_safe(str.upper), 'Edm.String'),
    'trim': (_null_safe(str.strip), 'Edm.String'),
    'length': (_null_safe(len), 'Edm.Int32'),
    'contains': (_null_safe(lambda text, part: part in text), 'Edm.Boolean'),
    'startswith': (_null_safe(str.startswith), 'Edm.Boolean'),
    'endswith': (_null_safe(str.endswith), 'Edm.Boolean'),
    'indexof': (_null_safe(str.find), 'Edm.Int32'),
    'concat': (_null_safe(lambda a, b: a + b), 'Edm.String'),
    'substring': (_null_safe(_substring), 'Edm.String'),
}


def _case_insensitive_call(parser, func, args):
    """Match OData function names case-insensitively (``StartsWith`` works on a real PBX)."""
    if not func.namespace and func.name not in ODATA_FUNCTIONS and func.name.lower() in ODATA_FUNCTIONS:
        func = ast.Identifier(func.name.lower())
    return ODataParser._function_call(parser, func, args)  # pylint: disable=protected-access


def parse_filter(text):
    """Parse a ``$filter`` expression into an odata-query AST, or raise a 400."""
    parser = ODataParser()
    parser._function_call = types.MethodType(_case_insensitive_call, parser)  # pylint: disable=protected-access
    try:
        return parser.parse(ODataLexer().tokenize(text))
    except odata_exceptions.UnknownFunctionException as exc:
        name = str(exc).split("'")[1] if "'" in str(exc) else str(exc)
        raise invalid_query("An unknown function with name '%s' was found. This may also be a function import or a key lookup "
                            "on a navigation property, which is not allowed." % name) from exc
    except odata_exceptions.ODataException as exc:
        raise invalid_query("Syntax error in '%s': %s" % (text, exc)) from exc


# ``(entity type, entity, navigation property) -> value``: set by the reader so that lambdas can walk
# navigation properties (memberships are not stored on the entity).
NAVIGATOR = {'navigate': lambda entity_type, entity, name: entity.get(name)}


class FilterCompiler(NodeVisitor):
    """Compile an odata-query AST into ``(function(entity) -> value, edm type)`` pairs.

    Inside a lambda (``Groups/any(g:g/GroupId eq 1)``) the functions take the collection item, the
    lambda variable names it, and bare property names are refused (the emulator does not read the
    outer entity there).
    """

    def __init__(self, entity_type, variable=None):
        self.entity_type = entity_type
        self.variable = variable

    def compile(self, tree):
        """A predicate ``entity -> bool`` for the whole expression."""
        func = self.visit(tree)[0]
        return lambda entity: func(entity) is True

    def generic_visit(self, node):
        raise invalid_query("The node '%s' is not supported in $filter." % type(node).__name__)

    def _property(self, owner_type, name):
        props = TYPES.get(owner_type)
        if props is None or name not in props:
            raise invalid_query("Could not find a property named '%s' on type '%s'." % (name, owner_type))
        return props[name]

    def visit_Identifier(self, node):  # pylint: disable=invalid-name
        """A property of the entity (or, inside a lambda, the lambda variable)."""
        name = node.name
        if self.variable is not None:
            if name != self.variable:
                raise invalid_query("The emulator supports only paths through the lambda variable '%s' inside any()/all(); found '%s'."
                                    % (self.variable, name))
            return (lambda item: item), self.entity_type
        prop_type = self._property(self.entity_type, name)
        entity_type = self.entity_type
        if is_navigation(entity_type, name):
            return (lambda entity: NAVIGATOR['navigate'](entity_type, entity, name)), prop_type
        return (lambda entity: entity.get(name)), prop_type

    def visit_CollectionLambda(self, node):  # pylint: disable=invalid-name
        """``Groups/any(g: ...)`` and ``Groups/all(g: ...)`` on a collection property (``any()`` without a body too)."""
        values, collection_type = self.visit(node.owner)
        item_type = element_type(collection_type or '')
        if item_type is None:
            raise invalid_query("The parent value for a lambda expression must be a collection; found type '%s'." % collection_type)
        quantifier = all if isinstance(node.operator, ast.All) else any
        if node.lambda_ is None:
            return (lambda entity: bool(values(entity))), 'Edm.Boolean'
        body = FilterCompiler(item_type, node.lambda_.identifier.name).visit(node.lambda_.expression)[0]
        return (lambda entity: quantifier(body(item) is True for item in values(entity) or [])), 'Edm.Boolean'

    def visit_Attribute(self, node):  # pylint: disable=invalid-name
        """A nested property path such as ``Props/UserNumberFrom``."""
        owner_func, owner_type = self.visit(node.owner)
        attr = node.attr
        prop_type = self._property(owner_type, attr)

        def get(entity):
            owner = owner_func(entity)
            return owner.get(attr) if isinstance(owner, dict) else None
        return get, prop_type

    def visit_Null(self, node):  # pylint: disable=invalid-name,unused-argument
        """The ``null`` literal."""
        return (lambda entity: None), None

    def _literal(self, node):
        value = node.py_val
        return (lambda entity: value), _LITERAL_TYPES.get(type(node))

    visit_String = visit_Integer = visit_Boolean = visit_Float = _literal  # noqa: N815

    def visit_Compare(self, node):  # pylint: disable=invalid-name
        """``eq ne gt ge lt le``."""
        if type(node.comparator) not in _COMPARATORS:
            raise invalid_query("The operator '%s' is not supported." % type(node.comparator).__name__)
        kind, compare = _COMPARATORS[type(node.comparator)]
        left, left_type = self.visit(node.left)
        right, right_type = self.visit(node.right)
        _check_compatible(left_type, right_type, kind)
        return (lambda entity: compare(left(entity), right(entity))), 'Edm.Boolean'

    def visit_BoolOp(self, node):  # pylint: disable=invalid-name
        """``and`` / ``or``."""
        left = self.visit(node.left)[0]
        right = self.visit(node.right)[0]
        if isinstance(node.op, ast.And):
            return (lambda entity: left(entity) is True and right(entity) is True), 'Edm.Boolean'
        return (lambda entity: left(entity) is True or right(entity) is True), 'Edm.Boolean'

    def visit_UnaryOp(self, node):  # pylint: disable=invalid-name
        """``not``."""
        if not isinstance(node.op, ast.Not):
            raise invalid_query("The operator '%s' is not supported." % type(node.op).__name__)
        operand = self.visit(node.operand)[0]
        return (lambda entity: operand(entity) is not True), 'Edm.Boolean'

    def visit_Call(self, node):  # pylint: disable=invalid-name
        """String functions."""
        name = node.func.name.lower()
        if name not in _FUNCTIONS:
            raise invalid_query("An unknown function with name '%s' was found. This may also be a function import or a key lookup "
                                "on a navigation property, which is not allowed." % node.func.name)
        func, result_type = _FUNCTIONS[name]
        args = [self.visit(arg)[0] for arg in node.args]
        return (lambda entity: func(*[arg(entity) for arg in args])), result_type


def _check_compatible(left_type, right_type, kind):
    """Refuse comparisons like ``Number eq 100`` (Edm.String vs Edm.Int32) as ASP.NET OData does."""
    if left_type is None or right_type is None or left_type == right_type:
        return
    if left_type.startswith('Pbx.') or right_type.startswith('Pbx.'):
        return  # enum compared with a string literal
    numeric = ('Edm.Int32', 'Edm.Int64', 'Edm.Double')
    if left_type in numeric and right_type in numeric:
        return
    raise invalid_query("A binary operator with incompatible types was detected. Found operand types '%s' and '%s' for operator kind '%s'."
                        % (left_type, right_type, kind))


@functools.lru_cache(maxsize=1024)
def compile_filter(text, entity_type):
    """``(predicate, ast)`` for a ``$filter`` text (cached: clients repeat the same queries)."""
    tree = _parse_filter_cached(text)
    return FilterCompiler(entity_type).compile(tree), tree


# A string literal as the odata-query lexer reads it, and what may stand right before it for
# the lexer to start a STRING token there (prefixed literals such as duration'P1D' never qualify).
_STRING_LITERAL = re.compile(r"'(?:[^']|'')*'")
_BEFORE_LITERAL = frozenset(' \t\r\n(,')


def _parse_filter_cached(text):
    """:func:`parse_filter` through a cache of the expression's shape.

    Clients send the same filter with other string literals (``Number eq '101'``, ``Number eq '102'``...):
    the LALR parse of the text with every literal replaced by a placeholder is cached, and the
    literals are put back into the tree. The lexer sees the same tokens either way, so the tree is
    the one :func:`parse_filter` returns; anything unusual (prefixed literals, syntax errors) takes
    the plain path, so error messages stay the same.
    """
    literals = []

    def placeholder(match):
        if match.start() and text[match.start() - 1] not in _BEFORE_LITERAL:
            raise ValueError('not a plain string literal')
        literals.append(match.group()[1:-1].replace("''", "'"))
        return "'%d'" % (len(literals) - 1)

    try:
        shape = _STRING_LITERAL.sub(placeholder, text)
    except ValueError:
        return parse_filter(text)
    if not literals:
        return parse_filter(text)
    template = _parse_shape(shape)
    if template is None:
        return parse_filter(text)
    return _fill_literals(template, literals)


@functools.lru_cache(maxsize=256)
def _parse_shape(shape):
    """The tree of a filter whose string literals are ``'0'``, ``'1'``...; None when it does not parse."""
    try:
        return parse_filter(shape)
    except Exception:  # the plain parse of the real text raises the error the client must see
        return None


def _fill_literals(node, literals):
    """A copy of a placeholder tree with the real string literals."""
    if isinstance(node, ast.String):
        return ast.String(literals[int(node.val)])
    if isinstance(node, list):
        return [_fill_literals(item, literals) for item in node]
    if isinstance(node, tuple):
        return tuple(_fill_literals(item, literals) for item in node)
    if not dataclasses.is_dataclass(node):
        return node
    changes = {field.name: _fill_literals(getattr(node, field.name), literals) for field in dataclasses.fields(node)}
    return dataclasses.replace(node, **changes)


def indexed_equalities(tree):
    """``{property: literal}`` for top-level ``Prop eq 'literal'`` terms joined by ``and`` (for index lookups)."""
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        found = indexed_equalities(tree.left)
        found.update(indexed_equalities(tree.right))
        return found
    if isinstance(tree, ast.Compare) and isinstance(tree.comparator, ast.Eq):
        for prop, literal in ((tree.left, tree.right), (tree.right, tree.left)):
            if isinstance(prop, ast.Identifier) and isinstance(literal, (ast.String, ast.Integer)):
                return {prop.name: literal.py_val}
    return {}


# --- $select / $expand -------------------------------------------------------------------

def split_top_level(text, separator):
    """Split on ``separator`` outside parentheses and quotes."""
    parts, depth, quoted, current = [], 0, False, []
    for char in text:
        if char == "'":
            quoted = not quoted
        elif not quoted and char == '(':
            depth += 1
        elif not quoted and char == ')':
            depth -= 1
        if char == separator and depth == 0 and not quoted:
            parts.append(''.join(current))
            current = []
        else:
            current.append(char)
    parts.append(''.join(current))
    return [part.strip() for part in parts if part.strip()]


NESTED_OPTIONS = ('$select', '$expand', '$filter', '$top', '$skip', '$orderby', '$count')


def parse_projection(select_text, expand_text, nested_options=None):
    """``{'select': [names] or None, 'expand': {name: nested projection}, 'options': {'$filter': ..., ...}}``.

    The options of an expanded collection (``Groups($filter=GroupId eq 5;$top=1)``) are applied to it.
    """
    select = split_top_level(select_text, ',') if select_text else None
    expand = {}
    for item in split_top_level(expand_text or '', ','):
        name, _paren, rest = item.partition('(')
        nested = {}
        if rest:
            for option in split_top_level(rest[:-1], ';'):
                key, _equals, value = option.partition('=')
                key = key.strip().lower()
                if key == '$search':
                    raise invalid_query("The query option '$search' is not supported by this service.")
                if key not in NESTED_OPTIONS:
                    raise invalid_query("The query option '%s' is not supported inside $expand." % key)
                if key in nested:
                    raise XapiError(400, "Query option '%s' was specified more than once, but it must be specified at most once." % key)
                nested[key] = value.strip()
        expand[name.strip()] = parse_projection(nested.pop('$select', None), nested.pop('$expand', None), nested)
    return {'select': select, 'expand': expand, 'options': nested_options or {}}


def apply_options(items, options, item_type):
    """Filter, order and page an expanded collection by its nested options; ``(items, count or None)``."""
    if options.get('$filter'):
        predicate = compile_filter(options['$filter'], item_type)[0]
        items = [item for item in items if predicate(item)]
    items = sort_entities(list(items), parse_orderby(options.get('$orderby'), item_type))
    total = len(items) if parse_count(options.get('$count')) else None
    top, skip = parse_paging(options)
    return (items[skip:skip + top] if top is not None else items[skip:]), total


def check_projection(projection, entity_type):
    """400 for unknown properties in ``$select`` or ``$expand``."""
    props = TYPES.get(entity_type, {})
    for name in projection['select'] or []:
        if name != '*' and name not in props:
            raise invalid_query("Could not find a property named '%s' on type '%s'." % (name, entity_type))
    for name, nested in projection['expand'].items():
        if name == '*':
            continue
        if name not in props:
            raise invalid_query("Could not find a property named '%s' on type '%s'." % (name, entity_type))
        target = element_type(props[name]) or props[name]
        if nested['options'] and element_type(props[name]) is None:
            raise invalid_query("Query options inside $expand apply to collections only; '%s' is not one." % name)
        if nested['options']:
            apply_options([], nested['options'], target)  # parses them: a bad option is a 400 before anything is read
        if target in TYPES:
            check_projection(nested, target)


def parse_orderby(text, entity_type):
    """``[(getter, descending)]`` for ``$orderby``."""
    keys = []
    for item in split_top_level(text or '', ','):
        words = item.split()
        direction = words[1].lower() if len(words) > 1 else 'asc'
        if direction not in ('asc', 'desc') or len(words) > 2:
            raise invalid_query("Syntax error at position %d in '%s'." % (len(words[0]) + 1, text))
        getter = FilterCompiler(entity_type).visit(parse_filter(words[0]))[0]
        keys.append((getter, direction == 'desc'))
    return keys


def sort_entities(entities, order_keys):
    """Stable multi-key sort; nulls sort first ascending, like OData."""
    for getter, descending in reversed(order_keys):
        entities.sort(key=lambda entity, get=getter: _sort_key(get(entity)), reverse=descending)
    return entities


def _sort_key(value):
    if value is None:
        return (0, '')
    if isinstance(value, (bool, int, float)):
        return (1, value)
    return (2, str(value))


def parse_paging(args):
    """``(top, skip)`` from the query args; 400 over the Top limit."""
    top = _non_negative_int(args.get('$top'), '$top')
    skip = _non_negative_int(args.get('$skip'), '$skip')
    if top is not None and top > TOP_LIMIT:
        raise invalid_query("The limit of '%d' for Top query has been exceeded. The value from the incoming request is '%d'." % (TOP_LIMIT, top))
    return top, skip or 0


def _non_negative_int(text, option):
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise invalid_query("Invalid value '%s' for %s query option found. The %s query option requires a non-negative integer value."
                            % (text, option, option)) from None
    if value < 0:
        raise invalid_query("Invalid value '%s' for %s query option found. The %s query option requires a non-negative integer value."
                            % (text, option, option))
    return value


def parse_count(text):
    """True for ``$count=true``; only ``true`` and ``false`` are valid (ASP.NET OData refuses ``True``)."""
    if text is None:
        return False
    if text not in ('true', 'false'):
        raise invalid_query("'%s' is not a valid count option." % text)
    return text == 'true'


SYSTEM_OPTIONS = ('$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$search', '$format', '$skiptoken',
                  '$apply', '$compute', '$index', '$levels')


def check_query_options(args):
    """400 for a query option given twice and for unknown ``$`` options (``$search`` is applied: :func:`search_matches`)."""
    for name in args:
        values = args.getlist(name)
        if name.startswith('$') and len(values) > 1:
            raise XapiError(400, "Query option '%s' was specified more than once, but it must be specified at most once." % name)
        if name.startswith('$') and name not in SYSTEM_OPTIONS:
            raise invalid_query("The query parameter '%s' is not supported." % name)


def search_terms(text):
    """The words of a ``$search`` value, as the web client's search box sends it (``"john doe"`` or ``john``)."""
    text = (text or '').strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return [word.casefold() for word in text.split() if word.upper() not in ('AND', 'OR', 'NOT')]


def search_matches(entity, terms):
    """Free-text search: every term is part of some text or number the entity holds (at any depth), ignoring case."""
    found = []

    def collect(value):
        if isinstance(value, dict):
            for name, inner in value.items():
                if not name.startswith('@odata'):
                    collect(inner)
        elif isinstance(value, list):
            for inner in value:
                collect(inner)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            found.append(str(value).casefold())
    collect(entity)
    return all(any(term in text for text in found) for term in terms)
