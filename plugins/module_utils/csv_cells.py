# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CSV cells that a spreadsheet opens as text, never as a formula (CSV injection).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula
by Excel, LibreOffice and Google Sheets; 6 % of generated passwords begin so. Every CSV the
collection writes passes its cells through :func:`escape_cell`, which prefixes them with ``'``
(OWASP's advice: the spreadsheet shows the value as text, without the quote); every CSV it reads
passes them through :func:`unescape_cell`, so that reading a file back returns the original value.
A value that already begins with quotes before such a character gets one more, so that the two are
exact inverses.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

FORMULA_START = '=+-@\t\r'
_ESCAPE = re.compile(r"^'*[=+\-@\t\r]")
_UNESCAPE = re.compile(r"^'+[=+\-@\t\r]")


def escape_cell(value):
    """``value`` as a CSV cell a spreadsheet shows as text: ``'`` before a would-be formula."""
    text = '' if value is None else str(value)
    return "'" + text if _ESCAPE.match(text) else text


def unescape_cell(text):
    """The original value of a cell written by :func:`escape_cell`."""
    if text and _UNESCAPE.match(text):
        return text[1:]
    return text
