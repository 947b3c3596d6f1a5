# -*- coding: utf-8 -*-
"""The helper scripts behind make targets fail when they should (tools/)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / 'tools'))

import check_links  # noqa: E402  (tools/ is not a package)


def page(path, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<html><body>%s</body></html>' % body, encoding='utf-8')


def test_link_check_passes_a_site_whose_links_all_resolve(tmp_path):
    page(tmp_path / 'index.html', '<a href="a.html#part">a</a> <a href="sub/b.html">b</a> <a href="https://example.com/x">x</a>')
    page(tmp_path / 'a.html', '<h1 id="part">A</h1><a href="#part">self</a><a href="index.html">up</a>')
    page(tmp_path / 'sub' / 'b.html', '<a href="../a.html">a</a>')
    assert check_links.check(tmp_path) == []


def test_link_check_reports_missing_files_anchors_and_unreachable_pages(tmp_path):
    page(tmp_path / 'index.html', '<a href="a.html#nowhere">a</a> <a href="tcx_user_module.rst">rst</a>')
    page(tmp_path / 'a.html', '<h1 id="part">A</h1>')
    page(tmp_path / 'orphan.html', '<p>nobody links here</p>')
    assert sorted(check_links.check(tmp_path)) == [
        'index.html: link to a missing anchor: a.html#nowhere',
        'index.html: link to a missing file: tcx_user_module.rst',
        'orphan.html: no link leads to it from index.html',
    ]


def test_pytest_step_fails_on_a_missing_suite_and_on_no_tests(tmp_path):
    step = REPO / 'tools' / 'pytest_step.sh'
    missing = subprocess.run([str(step), str(tmp_path / 'nothing')], capture_output=True, text=True, check=False)
    assert missing.returncode != 0 and 'does not exist' in missing.stderr
    (tmp_path / 'empty').mkdir()
    (tmp_path / 'empty' / 'test_nothing.py').write_text('# no tests\n')
    empty = subprocess.run([str(step), str(tmp_path / 'empty'), '-p', 'no:cacheprovider'], capture_output=True, text=True,
                           check=False, env={'PATH': '/usr/bin:/bin', 'PYTHON': sys.executable})
    assert empty.returncode == 5 and 'collected no tests' in empty.stderr


def test_build_tree_outside_git_says_why_and_creates_nothing(tmp_path):
    (tmp_path / 'tools').mkdir()
    shutil.copy(str(REPO / 'tools' / 'build_tree.sh'), str(tmp_path / 'tools' / 'build_tree.sh'))
    proc = subprocess.run(['bash', str(tmp_path / 'tools' / 'build_tree.sh')], capture_output=True, text=True,
                          check=False, env={'PATH': '/usr/bin:/bin', 'GIT_CEILING_DIRECTORIES': str(tmp_path.parent)})
    assert proc.returncode == 1
    assert 'is not a git work tree' in proc.stderr and 'fatal' not in proc.stderr
    assert not (tmp_path / 'build').exists()
