"""Command line: ``python -m tcx_emulator --port 8765 [--tls] [options]``."""

import argparse
import os
import sys

from .config import Options
from .server import serve


def _principal(text):
    client_id, sep, secret = text.partition(':')
    if not sep or not client_id:
        raise argparse.ArgumentTypeError('expected ID:SECRET')
    return client_id, secret


def _number_range(text):
    low, sep, high = text.partition('-')
    if not sep:
        raise argparse.ArgumentTypeError('expected FROM-TO, e.g. 100-999')
    return int(low), int(high)


def build_parser():
    """The argument parser (every uncertain PBX behaviour is an option)."""
    parser = argparse.ArgumentParser(prog='tcx_emulator', description='3CX v20 XAPI emulator for tests and demos')
    add = parser.add_argument
    add('--host', default='127.0.0.1', help='address to bind (default 127.0.0.1)')
    add('--port', type=int, default=8765, help='port; 0 picks a free one (default 8765)')
    add('--tls', action='store_true', help='serve HTTPS with a throwaway trustme CA (prints "ca file: <path>")')
    add('--pbx-version', default='20.0.10', help='20.0.7 ... 20.0.10: X-3CX-Version, lookup-by-number style, expires_in unit')
    add('--principal', action='append', type=_principal, metavar='ID:SECRET',
        help='service principal (repeatable; default 900:emulator-secret; env TCX_EMULATOR_PRINCIPALS="900:s,901:x")')
    add('--state', dest='state_file', metavar='FILE', help='load state from FILE and save it there after every write')
    add('--token-lifetime', type=int, default=3600, help='token lifetime in seconds (default 3600)')
    add('--login-fail-limit', type=int, default=5, help='failed logins in a row before an address is blocked (default 5)')
    add('--login-block-seconds', type=int, default=300, help='how long a blocked address is refused (default 300)')
    add('--login-block-response', choices=('forbidden', 'too-many-requests'), default='forbidden',
        help='answer to a blocked address: 403 text (default) or 429')
    add('--complex-patch', choices=('replace', 'merge'), default='replace', help='PATCH of Props/routes/General...: replace (default) or merge')
    add('--number-change-error', default='WARNINGS.XAPI.FORBIDDEN_CHANGE', help='warning key when a PATCH changes Number')
    add('--duplicate-name-error', default='WARNINGS.XAPI.ALREADY_IN_USE', help='warning key for a duplicate department Name')
    add('--post-returns', choices=('full', 'minimal'), default='full', help='POST answer: the full entity (default) or only Id and Number/Link')
    add('--expires-in-unit', choices=('auto', 'seconds', 'minutes'), default='auto',
        help='unit of expires_in; auto = minutes up to 20.0.8, seconds from 20.0.9')
    add('--parking-start', type=int, default=1, help='first automatic parking number SP<n> (default 1)')
    add('--empty-groups', choices=('allow', 'default'), default='default',
        help='Groups: [] leaves no department (allow) or puts the member back into DEFAULT (default)')
    add('--unauthorized-body', choices=('empty', 'json'), default='empty', help='body of a 401 on /xapi (default empty)')
    add('--not-found-body', choices=('empty', 'odata', 'problem'), default='odata',
        help='body of a 404 on /xapi (default odata: the spec answers errors with Pbx.ODataErrors.ODataError)')
    add('--shared-link-namespace', choices=('on', 'off'), default='on',
        help='WebsiteLink Link, ClickToCallId and WebMeetingFriendlyName share one namespace (default on)')
    add('--user-number-range', type=_number_range, default=(100, 999), help="DEFAULT's user extension range (default 100-999)")
    add('--wrong-type-status', type=int, choices=(400, 500), default=400, help='status for a wrongly typed body value (default 400)')
    return parser


def options_from(args, environ):
    """:class:`Options` from parsed arguments and the environment."""
    principals = dict(args.principal or [])
    if not principals and environ.get('TCX_EMULATOR_PRINCIPALS'):
        principals = dict(_principal(item.strip()) for item in environ['TCX_EMULATOR_PRINCIPALS'].split(',') if item.strip())
    return Options(
        pbx_version=args.pbx_version, principals=principals or {'900': 'emulator-secret'}, token_lifetime=args.token_lifetime,
        login_fail_limit=args.login_fail_limit, login_block_seconds=args.login_block_seconds,
        login_block_response=args.login_block_response, state_file=args.state_file, complex_patch=args.complex_patch,
        number_change_error=args.number_change_error, duplicate_name_error=args.duplicate_name_error,
        post_returns=args.post_returns, expires_in_unit=args.expires_in_unit, parking_start=args.parking_start,
        empty_groups=args.empty_groups, unauthorized_body=args.unauthorized_body, not_found_body=args.not_found_body,
        shared_link_namespace=args.shared_link_namespace == 'on', user_number_range=args.user_number_range,
        wrong_type_status=args.wrong_type_status,
    )


def main(argv=None):
    """Entry point."""
    args = build_parser().parse_args(argv)
    options = options_from(args, os.environ)

    def announce(line):
        sys.stdout.write(line + '\n')
        sys.stdout.flush()
    try:
        serve(options, host=args.host, port=args.port, tls=args.tls, announce=announce)
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
