"""The request-body contract, and access to the official XAPI OpenAPI spec when it is beside the repository.

:func:`validate_request_body` checks a logged request body against the compact schema kept in the
repository (``xapi_schema.json``, derived from the spec by ``tools/derive_schema.py``): it needs no
spec file, so it runs everywhere. :func:`find_spec` locates the official spec (never copied into
the project) for the checks that compare against the spec itself; with ``CI=true`` a missing spec
is an error, never a skip.
"""

import functools
import os
import re
from pathlib import Path

import yaml

from . import schema
from .validate import body_problems

REPO_ROOT = Path(__file__).resolve().parents[3]
REQUEST_PATH = re.compile(r"^(?P<set>[A-Za-z0-9]+)(?:\((?P<key>(?:[^')]|'(?:[^']|'')*')*)\))?(?:/(?P<sub>.+))?$")
ALTERNATE_KEY = re.compile(r'^[A-Za-z]+=')
BASE_PATH = '/xapi/v1'


def find_spec(version='20.0.10'):
    """Path of ``swagger-<version>.yaml`` (env ``TCX_XAPI_SPEC_DIR``, then ``<repo>/../shared/xapi/``), or None.

    With ``CI=true`` a missing spec raises FileNotFoundError: a check that needs the spec fails there instead of skipping.
    """
    name = 'swagger-%s.yaml' % version
    candidates = []
    if os.environ.get('TCX_XAPI_SPEC_DIR'):
        candidates.append(Path(os.environ['TCX_XAPI_SPEC_DIR']) / name)
    candidates.append(REPO_ROOT.parent / 'shared' / 'xapi' / name)
    found = next((path for path in candidates if path.is_file()), None)
    if found is None and os.environ.get('CI', '').lower() in ('1', 'true', 'yes'):
        raise FileNotFoundError('CI=true and %s is missing (looked in: %s): checks against the official spec must not be skipped'
                                % (name, ', '.join(str(path.parent) for path in candidates)))
    return found


@functools.lru_cache(maxsize=4)
def load_spec(version='20.0.10'):
    """The parsed spec (cached); FileNotFoundError when absent."""
    path = find_spec(version)
    if path is None:
        raise FileNotFoundError('swagger-%s.yaml not found (set TCX_XAPI_SPEC_DIR)' % version)
    with open(path, encoding='utf-8') as stream:
        return yaml.load(stream, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))


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


def validate_request_body(method, path, body):
    """Problems (list of strings) of a request body against the checked-in schema; empty when valid.

    ``path`` is a concrete request path (``/xapi/v1/Users(12)``). Paths the schema does not serve,
    methods it does not declare there, and bodies sent to operations that take none are reported too.
    """
    match = REQUEST_PATH.match(path[len(BASE_PATH) + 1:] if path.startswith(BASE_PATH + '/') else path)
    sets = schema.entity_sets()
    if not match or match.group('set') not in sets:
        return ['%s %s: no such entity set in the schema' % (method, path)]
    entry, key, sub = sets[match.group('set')], match.group('key'), match.group('sub')
    verb = method.lower()
    if sub is None:
        methods = entry['entity'] if key is not None else entry['collection']
        if key is not None and ALTERNATE_KEY.match(key):
            methods = ['get']  # alternate keys (Number='100') are read-only paths
        if verb not in methods:
            return ['%s %s: the schema has no %s operation there' % (method, path, method)]
        body_type = entry['type'] if verb in ('post', 'patch', 'put') else None
    else:
        operation = schema.operation(match.group('set'), sub, 'entity' if key is not None else 'collection')
        if operation is None or operation['method'] != verb:
            return ['%s %s: no such bound operation in the schema' % (method, path)]
        body_type = operation['parameters']
    if body_type is None:
        return [] if body in (None, '', {}) else ['%s %s: the operation takes no request body' % (method, path)]
    return ['%s: %s' % (problem.where or '<body>', problem.text) for problem in body_problems(body, body_type)]
