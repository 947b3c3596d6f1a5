"""The Flask application: ``/connect/token``, ``/xapi/v1/...`` and the test-control API ``/_emulator/...``."""

import copy
import io
import json
import re
import socket
import threading
import time
from urllib.parse import unquote_plus

from flask import Flask, Response, request

from .auth import TokenAuthority
from .errors import XapiError, invalid_query
from .faults import FaultRules
from . import schema
from .metadata import metadata_document
from .model import ENTITY_SETS, TYPES, element_type
from .query import check_query_options
from .schema import entity_sets
from .service import NotFound, Service
from .sets import SETS
from .store import Store
from .views import Reader, conceal

UNAUTHORIZED_JSON = {'error': 'unauthorized', 'error_description': 'The request requires valid user authentication.'}
NOT_FOUND_BODIES = {
    'empty': '',
    'odata': {'error': {'code': '', 'message': 'WARNINGS.XAPI.NOT_FOUND', 'details': []}},
    'problem': {'type': 'https://tools.ietf.org/html/rfc9110#section-15.5.5', 'title': 'Not Found', 'status': 404},
}
# The key may be a string literal holding ')' or '/' (quotes doubled inside): match literals whole.
PATH_PATTERN = re.compile(r"^(?P<set>[A-Za-z][A-Za-z0-9]*)(?:\((?P<key>(?:[^')]|'(?:[^']|'')*')*)\))?(?:/(?P<sub>.+))?$")
NUMBER_KEY = re.compile(r"^Number='(?P<number>(?:[^']|'')*)'$")
GET_BY_NUMBER = re.compile(r"^Pbx\.GetByNumber\(number='(?P<number>(?:[^']|'')*)'\)$")
STRING_KEY = re.compile(r"^'(?P<value>(?:[^']|'')*)'$")
DROP_FLAG = 'tcx_emulator.drop'
# What ASP.NET Core OData sends.
JSON_CONTENT_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8'


class Emulator:
    """Everything a running emulator holds: options, store, tokens, faults and the request log."""

    def __init__(self, options):
        self.options = options
        self.store = Store(options)
        if options.state_file:
            self.store.load_file(options.state_file)
        self.service = Service(self.store)
        self.reader = Reader(self.store, self.service)
        self.auth = TokenAuthority(options)
        self.faults = FaultRules()
        self.log_lock = threading.Lock()
        self.log = []

    def record(self, entry):
        """Append to the request log with the next sequence number."""
        with self.log_lock:
            entry['seq'] = len(self.log) + 1
            self.log.append(entry)

    def reset(self):
        """Back to the seed: store, request log, faults and login blocks (tokens stay valid)."""
        with self.store.lock:
            self.store.load(self.store.seed_state())
            self.store.save()
        with self.log_lock:
            self.log.clear()
        self.faults.clear()
        self.auth.clear_blocks()


def create_app(options):
    """The WSGI application for ``options``."""
    emulator = Emulator(options)
    app = Flask('tcx_emulator')
    app.config['EMULATOR'] = emulator
    app.json.sort_keys = False
    _register_api(app, emulator)
    _register_control(app, emulator)
    app.wsgi_app = ConnectionMiddleware(app.wsgi_app)
    return app


class ConnectionMiddleware:  # pylint: disable=too-few-public-methods
    """Reads each request body completely (so keep-alive connections stay in step) and closes the
    socket without any HTTP answer when a fault asked for a dropped connection."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        _buffer_body(environ)
        result = self.wsgi_app(environ, start_response)
        if environ.get(DROP_FLAG):
            sock = environ.get('werkzeug.socket')
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            raise ConnectionAbortedError('connection dropped by an injected fault')
        return result


def _buffer_body(environ):
    stream = environ.get('wsgi.input')
    if stream is None:
        return
    if environ.get('wsgi.input_terminated'):
        body = stream.read()
    else:
        length = environ.get('CONTENT_LENGTH') or '0'
        body = stream.read(int(length)) if length.isdigit() and int(length) > 0 else b''
    reader = getattr(stream, '_rfile', stream)  # werkzeug's DechunkedInput wraps the connection stream
    if hasattr(reader, 'finish_body'):
        reader.finish_body()
    environ['wsgi.input'] = io.BytesIO(body)
    environ['CONTENT_LENGTH'] = str(len(body))
    environ.pop('wsgi.input_terminated', None)


def _json_response(status, body, headers=None):
    if body == '' or body is None:
        return Response('', status=status, headers=headers)
    text = body if isinstance(body, str) else json.dumps(body)
    content_type = JSON_CONTENT_TYPE if not isinstance(body, str) else 'text/plain; charset=utf-8'
    return Response(text, status=status, content_type=content_type, headers=headers)


def _error_response(error):
    return _json_response(error.status, error.body(), error.headers)


def _fault_response(fault):
    if fault['action'] == 'redirect':
        # What a misconfigured proxy or a hostile host in between answers: "go elsewhere".
        return Response('', status=fault['status'], headers={'Location': fault['location']})
    headers = {'Retry-After': str(fault['retry_after'])} if fault['status'] == 429 else None
    texts = {429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout'}
    return Response(texts[fault['status']], status=fault['status'], mimetype='text/plain', headers=headers)


def _logged_body():
    if request.path == '/connect/token':
        form = request.form.to_dict()
        if 'client_secret' in form:
            form['client_secret'] = '<redacted>'
        return form
    data = request.get_data(cache=True)
    if not data:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return data.decode('utf-8', 'replace')


def _run_with_faults(emulator, handler):
    """Apply the fault rules around a handler and log the exchange."""
    fault = emulator.faults.take(request.method, request.path)
    client_holder = {}
    if fault and fault['action'] == 'delay':
        time.sleep(float(fault['delay']))
    if fault and fault['when'] == 'before' and fault['action'] in ('status', 'drop', 'redirect'):
        response = _fault_response(fault) if fault['action'] != 'drop' else Response('', status=500)
    else:
        response = handler(client_holder)
        if fault and fault['when'] == 'after' and fault['action'] in ('status', 'redirect'):
            response = _fault_response(fault)
    dropped = bool(fault and fault['action'] == 'drop')
    if dropped:
        request.environ[DROP_FLAG] = True
    emulator.record({'method': request.method, 'path': request.path, 'query': request.args.to_dict(), 'body': _logged_body(),
                     'status': None if dropped else response.status_code, 'client_id': client_holder.get('client_id')})
    response.headers['X-3CX-Version'] = emulator.options.version_header()
    return response


def _register_api(app, emulator):
    @app.route('/connect/token', methods=['POST'])
    def token():
        return _run_with_faults(emulator, lambda holder: _token(emulator, holder))

    @app.route('/xapi/v1/<path:rest>', methods=['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])
    def xapi(rest):
        return _run_with_faults(emulator, lambda holder: _xapi(emulator, rest, holder))

    # A backup's DownloadLink (Pbx.Backups): the spec gives no path for it; the emulator serves the file here,
    # to a bearer token as its API, as application/octet-stream.
    @app.route('/backups/<name>', methods=['GET'])
    def backup_file(name):
        if emulator.auth.client_of(request.headers.get('Authorization')) is None:
            return _json_response(401, UNAUTHORIZED_JSON, {'WWW-Authenticate': 'Bearer'})
        with emulator.store.lock:
            content = emulator.service.backup_content(name)
        if content is None:
            return Response('Not Found', status=404, mimetype='text/plain')
        return Response(content, status=200, mimetype='application/octet-stream')


def _token(emulator, holder):
    """POST /connect/token (form-encoded or multipart; credentials in the form or in an HTTP Basic header)."""
    form = request.form
    client_id, client_secret = form.get('client_id'), form.get('client_secret')
    basic = request.authorization
    if basic is not None and basic.type == 'basic':
        # client_secret_basic (RFC 6749 2.3.1): both parts are form-urlencoded inside the header.
        client_id, client_secret = unquote_plus(basic.username or ''), unquote_plus(basic.password or '')
    holder['client_id'] = client_id
    address = request.remote_addr
    if emulator.auth.is_blocked(address):
        return _blocked_response(emulator.options.login_block_response)
    if form.get('grant_type') != 'client_credentials':
        return _json_response(400, {'error': 'unsupported_grant_type', 'error_description': 'The specified grant type is not supported.'})
    access_token = emulator.auth.login(address, client_id, client_secret)
    if access_token is None:
        return _json_response(401, UNAUTHORIZED_JSON)
    return _json_response(200, {'token_type': 'Bearer', 'expires_in': emulator.options.expires_in(),
                                'access_token': access_token, 'refresh_token': None})


def _blocked_response(kind):
    if kind == 'too-many-requests':
        return Response('Too Many Requests', status=429, mimetype='text/plain', headers={'Retry-After': '300'})
    return Response('Forbidden: your IP address is blocked', status=403, mimetype='text/plain')


def _xapi(emulator, rest, holder):
    client_id = emulator.auth.client_of(request.headers.get('Authorization'))
    holder['client_id'] = client_id
    if client_id is None:
        body = UNAUTHORIZED_JSON if emulator.options.unauthorized_body == 'json' else ''
        return _json_response(401, body, {'WWW-Authenticate': 'Bearer'})
    try:
        check_query_options(request.args)
        if rest == '$metadata':
            _require('GET')
            return Response(metadata_document(), status=200, mimetype='application/xml', headers={'OData-Version': '4.0'})
        with emulator.store.lock:
            status, body = _dispatch(emulator, rest)
            if request.method != 'GET' and status < 300:
                emulator.store.save()
    except XapiError as error:
        response = _error_response(error)
    except NotFound:
        response = _json_response(404, NOT_FOUND_BODIES[emulator.options.not_found_body])
    else:
        headers = {}
        if status == 201:
            headers['Location'] = request.base_url.rstrip('/') + '(%s)' % _key_literal(rest, body)
        response = _json_response(status, body, headers)
    response.headers['OData-Version'] = '4.0'
    return response


def _key_literal(entity_set, body):
    """The key of a created entity as it appears in its URL: ``12`` or ``'support'``."""
    key_name, key_type = entity_sets()[entity_set]['key']
    value = body.get(key_name)
    return "'%s'" % value.replace("'", "''") if key_type == 'Edm.String' else str(value)


def _request_json():
    data = request.get_data(cache=True)
    if not data:
        raise XapiError(400, 'The request is invalid.', [{'code': '', 'message': 'A request body is required.', 'target': 'body'}])
    try:
        return json.loads(data)
    except ValueError:
        raise XapiError(400, 'The request is invalid.', [{'code': '', 'message': 'The request body is not valid JSON.', 'target': 'body'}]) from None


def _dispatch(emulator, rest):
    """``(status, body)`` for a path below ``/xapi/v1/``."""
    match = PATH_PATTERN.match(rest)
    if not match or match.group('set') not in ENTITY_SETS:
        raise NotFound()
    entity_set, key, sub = match.group('set'), match.group('key'), match.group('sub')
    base = request.host_url + 'xapi/v1/$metadata#'
    entry = entity_sets()[entity_set]
    if entity_set == 'Defs':
        return _defs(emulator, key, sub, base)
    if entry['singleton']:
        return _singleton(emulator, entity_set, key, sub, base)
    if key is None and sub is None:
        return _collection_root(emulator, entity_set, base)
    if key is None:
        return _action(emulator, entity_set, None, sub, base)
    entity = _entity_by_key(emulator, entity_set, key)
    if sub is None:
        return _entity_root(emulator, entity_set, entity, base)
    if sub.startswith('Pbx.'):
        return _action(emulator, entity_set, entity, sub, base)
    return _navigation(emulator, entity_set, entity, sub, base)


def _require(method):
    if request.method != method:
        raise XapiError(405, "The HTTP method '%s' is not allowed here." % request.method)


def _require_one_of(methods):
    if request.method.lower() not in methods:
        raise XapiError(405, "The HTTP method '%s' is not allowed here." % request.method)


def _defs(emulator, key, sub, base):
    _require('GET')
    defs = {'Id': 1}
    if key is not None:
        raise NotFound()
    if sub is None:
        return 200, emulator.reader.entity('Pbx.Defs', defs, request.args, base + 'Defs')
    if sub == 'TimeZones':
        zones = emulator.reader.navigate('Pbx.Defs', defs, 'TimeZones')
        return 200, emulator.reader.collection('Pbx.TimeZone', zones, request.args, base + 'Defs/TimeZones')
    raise NotFound()


def _singleton(emulator, entity_set, key, sub, base):
    if key is not None or sub is not None:
        raise NotFound()
    _require_one_of(entity_sets()[entity_set]['collection'])
    if request.method == 'PATCH':
        emulator.service.patch(entity_set, None, _request_json())
        return 204, ''
    return 200, emulator.reader.entity(ENTITY_SETS[entity_set], emulator.store.singletons[entity_set], request.args, base + entity_set)


def _collection_root(emulator, entity_set, base):
    entity_type = ENTITY_SETS[entity_set]
    _require_one_of(['get'] if SETS[entity_set].read_only else entity_sets()[entity_set]['collection'])
    if request.method == 'GET':
        return 200, emulator.reader.collection(entity_type, emulator.reader.entities(entity_set), request.args, base + entity_set)
    entity = emulator.service.create(entity_set, _request_json())
    if emulator.options.post_returns == 'minimal':
        key_name = 'Link' if entity_set == 'WebsiteLinks' else 'Number'
        return 201, {'@odata.context': base + entity_set + '/$entity', 'Id': entity['Id'], key_name: entity[key_name]}
    return 201, emulator.reader.entity(entity_type, entity, {}, base + entity_set)


def _entity_root(emulator, entity_set, entity, base):
    key = entity[entity_sets()[entity_set]['key'][0]]
    _require_one_of(['get'] if SETS[entity_set].read_only else entity_sets()[entity_set]['entity'])
    if request.method == 'GET':
        return 200, emulator.reader.entity(ENTITY_SETS[entity_set], entity, request.args, base + entity_set)
    if request.method == 'PATCH':
        emulator.service.patch(entity_set, key, _request_json())
        return 204, ''
    emulator.service.delete(entity_set, key)
    return 204, ''


def _navigation(emulator, entity_set, entity, sub, base):
    entity_type = ENTITY_SETS[entity_set]
    if sub not in entity_sets()[entity_set]['navigation_paths'] or sub not in emulator.reader.served_navigation(entity_type):
        raise NotFound()
    _require('GET')
    rows = emulator.reader.navigate(entity_type, entity, sub)
    item_type = element_type(TYPES[entity_type][sub])
    context = '%s%s(%s)/%s' % (base, entity_set, entity['Id'], sub)
    return 200, emulator.reader.collection(item_type, rows, request.args, context)


FIRST_AVAILABLE = re.compile(r'^Pbx\.GetFirstAvailable[A-Za-z]*Number\(\)$')
INIT_TRUNK = re.compile(r"^Pbx\.InitTrunk\(template='(?P<template>(?:[^']|'')*)'\)$")


def _action(emulator, entity_set, entity, sub, base):
    """A bound function or action the schema declares; 404 for others, 501 for declared ones the emulator does not serve."""
    service = emulator.service
    number = GET_BY_NUMBER.match(sub)
    if number and entity is None and not emulator.options.lookup_by_key_number() and 'Number' in entity_sets()[entity_set]['alternate_keys']:
        _require('GET')
        found = service.by_number(entity_set, number.group('number').replace("''", "'"))
        return 200, emulator.reader.entity(ENTITY_SETS[entity_set], found, request.args, base + entity_set)
    operation = schema.operation(entity_set, sub, 'entity' if entity is not None else 'collection')
    if operation is None:
        raise NotFound()
    init_trunk = INIT_TRUNK.match(sub)
    if init_trunk and entity_set == 'Trunks' and entity is None:
        _require('GET')
        return 200, emulator.reader.entity('Pbx.Trunk', service.init_trunk(init_trunk.group('template').replace("''", "'")), {},
                                           base + 'Pbx.Trunk')
    if sub == 'Pbx.GetEmergencyOutboundRules()' and entity is None:
        _require('GET')
        rules = [rule for rule in emulator.reader.entities(entity_set) if rule.get('EmergencyRule')]
        return 200, emulator.reader.collection('Pbx.OutboundRule', rules, request.args, base + 'Collection(Pbx.OutboundRule)')
    if FIRST_AVAILABLE.match(sub) and entity is None and SETS.get(entity_set) and SETS[entity_set].numbering:
        _require('GET')
        return 200, {'@odata.context': base + 'Pbx.FirstAvailableNumber', 'Number': service.first_free_number(entity_set)}
    actions = {
        ('Users', 'Pbx.BatchDelete'): lambda body: (200, {'@odata.context': base + 'Collection(Pbx.UserDeleteError)',
                                                          'value': service.batch_delete_users(body)}),
        ('Groups', 'Pbx.DeleteCompanyById'): lambda body: (204, service.delete_group_by_id(body) or ''),
        ('Groups', 'Pbx.DeleteCompanyByNumber'): lambda body: (204, service.delete_group_by_number(body) or ''),
        ('WebsiteLinks', 'Pbx.ValidateLink'): lambda body: (204, service.validate_link(body) or ''),
        ('WebsiteLinks', 'Pbx.BulkLinksDelete'): lambda body: (204, service.bulk_delete_weblinks(body) or ''),
        ('InboundRules', 'Pbx.BulkInboundRulesDelete'): lambda body: (204, service.bulk_delete_inbound_rules(body) or ''),
        ('OutboundRules', 'Pbx.MoveUpDown'): lambda body: (204, service.move_outbound_rule(body) or ''),
        ('OutboundRules', 'Pbx.Purge'): lambda body: (204, service.purge_outbound_rules(body) or ''),
        ('Users', 'Pbx.ReprovisionPhone'): lambda body: (204, service.reprovision_phone(body) or ''),
        ('Users', 'Pbx.MultiUserUpdate'): lambda body: (204, service.multi_user_update(body) or ''),
        ('Blocklist', 'Pbx.BulkIpsDelete'): lambda body: (204, service.bulk_delete('Blocklist', body) or ''),
        ('Backups', 'Pbx.Backup'): lambda body: (204, service.create_backup(body) or ''),
        ('Backups', 'Pbx.SetBackupSettings'): lambda body: (204, service.set_attached('backup_settings', 'Pbx.BackupSettings', body) or ''),
        ('Backups', 'Pbx.SetBackupRepositorySettings'): lambda body: (
            204, service.set_attached('backup_repository_settings', 'Pbx.BackupRepositorySettings', body) or ''),
    }
    functions = {
        ('Backups', 'Pbx.GetBackupSettings()'): ('backup_settings', 'Pbx.BackupSettings'),
        ('Backups', 'Pbx.GetBackupRepositorySettings()'): ('backup_repository_settings', 'Pbx.BackupRepositorySettings'),
    }
    if entity is None and (entity_set, sub) in functions:
        _require('GET')
        state_key, type_name = functions[entity_set, sub]
        body = {'@odata.context': base + type_name}
        body.update(conceal(type_name, copy.deepcopy(emulator.store.attached[state_key])))
        return 200, body
    action = actions.get((entity_set, sub)) if entity is None else None
    if action is None:
        raise XapiError(501, "The emulator does not serve %s/%s (declared by the spec)." % (entity_set, sub))
    _require('POST')
    return action(_request_json())


def _entity_by_key(emulator, entity_set, key):
    entry = entity_sets()[entity_set]
    number = NUMBER_KEY.match(key)
    if number and 'Number' in entry['alternate_keys']:
        if not emulator.options.lookup_by_key_number():
            raise invalid_query("The key value (%s) from request is not valid. The key value should be format of type 'Edm.Int32'." % key)
        return emulator.service.by_number(entity_set, number.group('number').replace("''", "'"))
    if entry['key'] is None:
        raise NotFound()
    if entry['key'][1] == 'Edm.String':
        quoted = STRING_KEY.match(key)
        if not quoted:
            raise invalid_query("The key value (%s) from request is not valid. The key value should be format of type 'Edm.String'." % key)
        return emulator.service.get(entity_set, quoted.group('value').replace("''", "'"))
    if not re.fullmatch(r'-?\d+', key):
        raise invalid_query("The key value (%s) from request is not valid. The key value should be format of type 'Edm.Int32'." % key)
    return emulator.service.get(entity_set, int(key))


# --- test-control API -----------------------------------------------------------------

def _register_control(app, emulator):  # pylint: disable=too-many-locals
    @app.route('/_emulator/requests', methods=['GET', 'DELETE'])
    def requests_log():
        if request.method == 'DELETE':
            with emulator.log_lock:
                emulator.log.clear()
            return Response('', status=204)
        with emulator.log_lock:
            return _json_response(200, {'requests': list(emulator.log)})

    @app.route('/_emulator/reset', methods=['POST'])
    def reset():
        emulator.reset()
        return Response('', status=204)

    @app.route('/_emulator/state', methods=['GET', 'PUT'])
    def state():
        with emulator.store.lock:
            if request.method == 'PUT':
                emulator.store.load(request.get_json(force=True))
                emulator.store.save()
                return Response('', status=204)
            return _json_response(200, emulator.store.dump())

    @app.route('/_emulator/faults', methods=['GET', 'POST', 'DELETE'])
    def faults():
        if request.method == 'DELETE':
            emulator.faults.clear()
            return Response('', status=204)
        if request.method == 'POST':
            try:
                rule = emulator.faults.add(request.get_json(force=True))
            except (ValueError, re.error, TypeError) as error:
                return _json_response(400, {'error': str(error)})
            return _json_response(201, rule)
        return _json_response(200, {'faults': emulator.faults.listing()})

    @app.route('/_emulator/revoke-token', methods=['POST'])
    def revoke_token():
        emulator.auth.revoke(str((request.get_json(silent=True) or {}).get('client_id', '900')))
        return Response('', status=204)

    @app.route('/_emulator/config', methods=['GET', 'POST'])
    def config():
        if request.method == 'POST':
            try:
                emulator.options.update(request.get_json(force=True))
            except KeyError as error:
                return _json_response(400, {'error': 'unknown option %s' % error})
        return _json_response(200, _options_json(emulator.options))


def _options_json(options):
    values = dict(vars(options))
    values['principals'] = sorted(values['principals'])
    return values
