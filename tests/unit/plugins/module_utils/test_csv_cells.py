# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import io

import pytest
from hypothesis import given, strategies as st

from ansible_collections.tcx.xapi.plugins.module_utils.csv_cells import escape_cell, unescape_cell


@pytest.mark.parametrize('value, cell', [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ('+441234', "'+441234"), ('-Pw1', "'-Pw1"), ('@SUM(A1)', "'@SUM(A1)"), ('\tx', "'\tx"), ('\rx', "'\rx"),
    ("'=quoted", "''=quoted"), ('plain', 'plain'), ("it's", "it's"), ('', ''), ('a=b', 'a=b'),
])
def test_a_cell_that_would_start_a_formula_gets_a_leading_quote(value, cell):
    assert escape_cell(value) == cell
    assert unescape_cell(cell) == value


@given(st.text())
def test_reading_back_returns_the_original_value(value):
    assert unescape_cell(escape_cell(value)) == value
    assert not escape_cell(value)[:1] or escape_cell(value)[0] not in '=+-@\t\r'


# A lone carriage return inside a cell is not quoted by Python's csv writer: no value of the passwords file
# holds one (control characters are refused in names and passwords).
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=['Cs'], blacklist_characters='\r'), max_size=12),
                min_size=1, max_size=5))
def test_through_the_csv_module_the_row_comes_back_unchanged(values):
    text = io.StringIO()
    csv.writer(text, lineterminator='\n').writerow([escape_cell(v) for v in values])
    read = next(csv.reader(io.StringIO(text.getvalue(), newline='')))
    assert [unescape_cell(cell) for cell in read] == values
