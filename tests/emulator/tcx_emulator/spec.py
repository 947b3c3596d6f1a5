"""Access to the official XAPI OpenAPI spec (read from ``../shared/xapi/``, never copied into the project).

:func:`validate_request_body` checks a logged request body against the request-body schema of the
matching spec operation, plus a strict check for properties the spec does not know.
"""

import functools
import os
import re
from pathlib import Path

import yaml
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

REPO_ROOT = Path(__file__).resolve().parents[3]
SPEC_URI = 'urn:xapi-spec'
BASE_PATH = '/xapi/v1'


def find_spec(version='20.0.10'):
    """Path of ``swagger-<version>.yaml`` (env ``TCX_XAPI_SPEC_DIR``, then ``<repo>/../shared/xapi/``), or None."""
    name = 'swagger-%s.yaml' % version
    candidates = []
    if os.environ.get('TCX_XAPI_SPEC_DIR'):
        candidates.append(Path(os.environ['TCX_XAPI_SPEC_DIR']) / name)
    candidates.append(REPO_ROOT.parent / 'shared' / 'xapi' / name)
    return next((path for path in candidates if path.is_file()), None)


@functools.lru_cache(maxsize=4)
def load_spec(version='20.0.10'):
    """The parsed spec (cached); FileNotFoundError when absent."""
    path = find_spec(version)
    if path is None:
        raise FileNotFoundError('swagger-%s.yaml not found (set TCX_XAPI_SPEC_DIR)' % version)
    with open(path, encoding='utf-8') as stream:
        return yaml.load(stream, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))


@functools.lru_cache(maxsize=4)
def _registry(version):
    contents = nullable_refs(load_spec(version))
    return Registry().with_resource(SPEC_URI, Resource.from_contents(contents, default_specification=DRAFT4))


def nullable_refs(node):
    """Rewrite ``{allOf: [X], nullable: true}`` (null allowed by OpenAPI 3.0 but not by the referenced X) to ``anyOf [null, X]``."""
    if isinstance(node, list):
        return [nullable_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: nullable_refs(value) for key, value in node.items()}
    if node.get('nullable') and 'allOf' in node and 'type' not in node:
        rest = {key: value for key, value in node.items() if key not in ('allOf', 'nullable')}
        return {**rest, 'anyOf': [{'enum': [None]}, {'allOf': node['allOf']}]}
    return node


@functools.lru_cache(maxsize=4)
def _templates(version):
    """``[(regex, template)]`` for every spec path, most specific (longest literal text) first."""
    compiled = []
    for template in load_spec(version)['paths']:
        pattern = re.escape(template)
        pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+?", pattern)
        literal_length = len(re.sub(r'\{[^}]+\}', '', template))
        compiled.append((literal_length, re.compile('^' + pattern + '$'), template))
    compiled.sort(key=lambda item: -item[0])
    return [(regex, template) for _length, regex, template in compiled]


def match_template(path, version='20.0.10'):
    """The spec path template of a concrete path such as ``/xapi/v1/Users(12)``, or None."""
    if path.startswith(BASE_PATH):
        path = path[len(BASE_PATH):]
    for regex, template in _templates(version):
        if regex.match(path):
            return template
    return None


@functools.lru_cache(maxsize=512)
def _body_schema(version, template, method):
    operation = load_spec(version)['paths'].get(template, {}).get(method.lower())
    if operation is None:
        return None
    content = operation.get('requestBody', {}).get('content', {})
    return (content.get('application/json') or {}).get('schema')


@functools.lru_cache(maxsize=512)
def _validator(version, template, method):
    schema = nullable_refs(_body_schema(version, template, method))
    return OAS30Validator(_with_spec_refs(schema), registry=_registry(version))


def _with_spec_refs(node):
    """A copy of ``node`` whose local ``#/...`` references point into the registered spec resource."""
    if isinstance(node, dict):
        return {key: (SPEC_URI + value if key == '$ref' and value.startswith('#') else _with_spec_refs(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_spec_refs(item) for item in node]
    return node


def validate_request_body(method, path, body, version='20.0.10'):
    """Problems (list of strings) of a request body against the spec; empty when valid.

    ``path`` is a concrete request path (``/xapi/v1/Users(12)``). Unknown paths, operations
    without a request body and unexpected bodies are reported too.
    """
    template = match_template(path, version)
    if template is None:
        return ['%s %s: no such path in the spec' % (method, path)]
    if method.lower() not in load_spec(version)['paths'][template]:
        return ['%s %s: the spec has no %s operation on %s' % (method, path, method, template)]
    schema = _body_schema(version, template, method)
    if schema is None:
        return [] if body in (None, '', {}) else ['%s %s: the operation takes no request body' % (method, path)]
    problems = ['%s: %s' % ('/'.join(str(p) for p in error.absolute_path) or '<body>', error.message)
                for error in _validator(version, template, method).iter_errors(body)]
    problems.extend(unknown_properties(schema, body, version))
    return problems


def unknown_properties(schema, value, version='20.0.10', where='<body>'):
    """Names in ``value`` that the schema (with allOf/$ref resolved) does not declare."""
    schema = _resolve(schema, version)
    if isinstance(value, list):
        items = schema.get('items')
        return [problem for index, item in enumerate(value) for problem in unknown_properties(items, item, version, '%s/%d' % (where, index))] \
            if items else []
    if not isinstance(value, dict):
        return []
    properties = _properties(schema, version)
    if not properties:
        return []
    problems = []
    for name, item in value.items():
        if name.startswith('@odata.'):
            continue
        if name not in properties:
            problems.append('%s: unknown property %r' % (where, name))
        else:
            problems.extend(unknown_properties(properties[name], item, version, '%s/%s' % (where, name)))
    return problems


def _resolve(schema, version):
    while isinstance(schema, dict) and '$ref' in schema:
        schema = load_spec(version)['components']['schemas'][schema['$ref'].split('/')[-1]]
    if isinstance(schema, dict) and len(schema.get('allOf', [])) == 1 and 'properties' not in schema:
        return _resolve(schema['allOf'][0], version)
    return schema or {}


def _properties(schema, version):
    schema = _resolve(schema, version)
    merged = {}
    for part in schema.get('allOf', []):
        merged.update(_properties(part, version))
    merged.update(schema.get('properties', {}))
    return merged
