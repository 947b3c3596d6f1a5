"""Start the threaded werkzeug server, optionally with TLS from a throwaway trustme CA."""

import os
import ssl
import tempfile

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import create_app


class QuietHandler(WSGIRequestHandler):
    """No access log lines on stderr (the request log is at /_emulator/requests)."""

    def log_request(self, code='-', size='-'):
        """Silence the per-request log."""


def tls_context(directory):
    """``(ssl context, CA file path)`` with a fresh CA and a certificate for 127.0.0.1/localhost."""
    import trustme  # pylint: disable=import-outside-toplevel
    authority = trustme.CA()
    certificate = authority.issue_cert('127.0.0.1', 'localhost', '::1')
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    ca_file = os.path.join(directory, 'tcx-emulator-ca.pem')
    authority.cert_pem.write_to_path(ca_file)
    return context, ca_file


def serve(options, host='127.0.0.1', port=8765, tls=False, announce=print):
    """Serve forever; announces ``ca file: <path>`` (with TLS) then ``listening on <url>``."""
    context, ca_file = (None, None)
    if tls:
        context, ca_file = tls_context(tempfile.mkdtemp(prefix='tcx-emulator-'))
    server = make_server(host, port, create_app(options), threaded=True, request_handler=QuietHandler, ssl_context=context)
    scheme = 'https' if tls else 'http'
    if ca_file:
        announce('ca file: %s' % ca_file)
    announce('listening on %s://%s:%d' % (scheme, host, server.server_port))
    server.serve_forever()
