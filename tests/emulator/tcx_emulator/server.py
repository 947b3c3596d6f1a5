"""Start the threaded werkzeug server, optionally with TLS from a throwaway trustme CA."""

import os
import socket
import ssl
import tempfile

from werkzeug.serving import WSGIRequestHandler, make_server

from .app import create_app


class BodyReader:
    """The request stream during one request; after :meth:`finish_body` further reads return nothing.

    werkzeug drains "left-over" request data after each response, which on a kept-alive connection
    would swallow (and block on) the next request. The application reads each body completely first
    (see ``app.ConnectionMiddleware``) and then calls :meth:`finish_body`.
    """

    def __init__(self, stream, flush_output=None):
        self.stream = stream
        self.flush_output = flush_output or (lambda: None)
        self.finished = False

    def finish_body(self):
        """The request body has been read: stop reading from the connection."""
        self.finished = True

    def read(self, size=-1):
        """Read from the connection until the body is finished."""
        if self.finished:
            return b''
        self.flush_output()  # a buffered "100 Continue" must reach the client before we wait for its body
        return self.stream.read(size)

    def readline(self, size=-1):
        """Read a line (chunked bodies) until the body is finished."""
        if self.finished:
            return b''
        self.flush_output()
        return self.stream.readline(size)


class QuietHandler(WSGIRequestHandler):
    """No access log lines on stderr (the request log is at /_emulator/requests); TCP_NODELAY for keep-alive speed."""

    # Keep-alive needs HTTP/1.1 (werkzeug sets it only on threaded servers, by changing the class).
    protocol_version = 'HTTP/1.1'
    # A buffered response stream: werkzeug writes the status line and headers, then the body, then
    # flushes, so one answer leaves in one send instead of two (each send wakes the client up).
    wbufsize = -1

    def setup(self):
        """Disable Nagle: headers and body are written separately, and keep-alive clients would wait on delayed ACKs."""
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def send_header(self, keyword, value):
        """Keep HTTP/1.1 connections alive: werkzeug always sends ``Connection: close``.

        That is safe here because :class:`~tcx_emulator.app.ConnectionMiddleware` reads every request
        body completely before the application runs, so the next request line is where the stream is.
        A client that asked for ``Connection: close`` still gets its connection closed.
        """
        if keyword.lower() == 'connection' and value.lower() == 'close':
            return
        super().send_header(keyword, value)

    def run_wsgi(self):
        """Serve one request with the connection stream wrapped in a :class:`BodyReader`."""
        stream = self.rfile
        self.rfile = BodyReader(stream, self.wfile.flush)
        try:
            super().run_wsgi()
        finally:
            self.rfile = stream

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
