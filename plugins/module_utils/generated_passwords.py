# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Delivery of the passwords the collection generated for users it created.

A password the module generated is the one secret the user cannot get back from the PBX. Every
password that the PBX may now hold (the user was created, or its create's answer was lost and
could not be confirmed) is delivered, even when the run then fails:

- to ``generated_passwords_file``: a CSV (``extension,first_name,last_name,email,password,status``)
  with mode 0600, rows of the same extension replaced and other rows kept, written atomically, a cell
  that a spreadsheet would run as a formula written as text (csv_cells.py);
- in the result only with ``return_generated_passwords: true`` (the task should use ``no_log``);
- otherwise a warning says, without the password, that it is not shown and how to get it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import io
import os
import tempfile

from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import escape_cell, unescape_cell
from ansible_collections.tcx.xapi.plugins.module_utils.token_cache import exclusive_lock

COLUMNS = ('extension', 'first_name', 'last_name', 'email', 'password', 'status')
CREATED = 'created'
UNCONFIRMED = 'unconfirmed'
FILE_MODE = 0o600
# How many extensions a warning lists.
EXTENSIONS_SHOWN = 20


class PasswordsFileError(Exception):
    """The passwords file cannot be written (its directory is missing, or a write failed)."""


def follow_up_failed(reason):
    """The status of a user that was created but whose follow-up write failed."""
    return '%s, follow-up failed: %s' % (CREATED, reason)


def argument_spec():
    """The two delivery options of tcx_user and tcx_config (documented in tcx.xapi.generated_passwords)."""
    return dict(
        generated_passwords_file=dict(type='path'),
        return_generated_passwords=dict(type='bool', default=False),
    )


def conceal(module, password):
    """Put a generated password on the task's mask list (masked in every output, an error the PBX
    echoes included), as a given one is; unless the task asked for it in its result.

    ``module`` is the task's module, or an item's stand-in for it with the module as ``root`` (tcx_config).
    """
    root = getattr(module, 'root', module)
    if not root.params.get('return_generated_passwords'):
        root.no_log_values.add(password)


def passwords_file_path(path):
    """The absolute path of the file (a relative one is resolved against the working directory).

    Raises :class:`PasswordsFileError` when its directory does not exist, so that a run with a
    typo in the path fails before it creates anything whose password it could not deliver.
    """
    absolute = os.path.abspath(path)
    directory = os.path.dirname(absolute)
    if not os.path.isdir(directory):
        raise PasswordsFileError('generated_passwords_file %s: the directory %s does not exist; create it first'
                                 % (absolute, directory))
    return absolute


def _read_rows(path):
    if not os.path.exists(path):
        return []
    with io.open(path, 'r', encoding='utf-8', newline='') as handle:
        return [dict((column, unescape_cell(row.get(column) or '')) for column in COLUMNS)
                for row in csv.DictReader(handle) if row.get('extension')]


def write_passwords_file(path, rows):
    """Merge ``rows`` (dicts with :data:`COLUMNS`) into the CSV at ``path`` and return its absolute path.

    Rows of the same extension are replaced, others kept in their order; new ones are appended.
    The new content goes to a temporary file in the same directory (created with mode 0600,
    whatever the umask) that then replaces the old file, so a reader never sees half a file.
    """
    absolute = passwords_file_path(path)
    directory = os.path.dirname(absolute)
    new = {}
    for row in rows:
        new[str(row['extension'])] = row
    try:
        # Several forks may write the same file at once: one at a time per directory.
        with exclusive_lock(directory, os.O_RDONLY):
            kept = [row for row in _read_rows(absolute) if row['extension'] not in new]
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator='\n')
            writer.writeheader()
            for row in kept + list(new.values()):
                writer.writerow(dict((column, escape_cell(row.get(column) or '')) for column in COLUMNS))
            fd, tmp = tempfile.mkstemp(dir=directory, prefix='.%s.' % os.path.basename(absolute))
            try:
                os.fchmod(fd, FILE_MODE)
                with io.open(fd, 'w', encoding='utf-8', newline='') as handle:
                    handle.write(text.getvalue())
                    handle.flush()
                    os.fsync(handle.fileno())
                os.rename(tmp, absolute)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
    except (OSError, IOError, csv.Error) as exc:
        raise PasswordsFileError('generated_passwords_file %s could not be written: %s' % (absolute, exc))
    return absolute


class PasswordDelivery(object):
    """Hands generated passwords to the user as the task's options ask.

    Built before the first write, so that a missing directory fails the task while nothing is
    created yet. :meth:`deliver` is called once at the end of the task, also when it fails.
    """

    def __init__(self, module, single):
        self.module = module
        self.single = single
        path = module.params.get('generated_passwords_file')
        self.path = passwords_file_path(path) if path else None
        self.returned = module.params.get('return_generated_passwords')

    def deliver(self, rows):
        """Deliver ``rows``; return ``(result keys, error message or None)``.

        The result keys are ``generated_password`` (``single``, tcx_user) or ``generated_passwords``
        (``{extension: password}``, tcx_config), only with ``return_generated_passwords``. The error
        says that the file could not be written and, unless the passwords are returned, whose
        passwords are lost.
        """
        if not rows or self.module.check_mode:
            return {}, None
        error = None
        if self.path:
            try:
                write_passwords_file(self.path, rows)
            except PasswordsFileError as exc:
                error = str(exc) if self.returned else self.lost_message(rows, exc)
        elif not self.returned:
            self.module.warn(self.not_shown_warning(rows))
        if not self.returned:
            return {}, error
        if self.single:
            return {'generated_password': rows[0]['password']}, error
        return {'generated_passwords': dict((row['extension'], row['password']) for row in rows)}, error

    @staticmethod
    def not_shown_warning(rows):
        """The warning, without any password, when neither option delivers them."""
        many = len(rows) > 1
        return ('%s a generated password that is not shown (extension%s %s). To receive generated passwords, '
                'set generated_passwords_file (a CSV file with mode 0600), or return_generated_passwords: true '
                'with no_log: true on the task; to give a user a known password now, set password with '
                'update_password: always.' % ('%d users got' % len(rows) if many else 'A user got',
                                              's' if many else '', _extensions(rows)))

    @staticmethod
    def lost_message(rows, error):
        """The failure message when the file could not be written: which users need a new password."""
        return ('%s; the generated passwords of extension%s %s are not delivered: set new ones with password and '
                'update_password: always' % (error, 's' if len(rows) > 1 else '', _extensions(rows)))


def _extensions(rows):
    extensions = [str(row['extension']) for row in rows]
    return ', '.join(extensions[:EXTENSIONS_SHOWN]) + (', ...' if len(extensions) > EXTENSIONS_SHOWN else '')
