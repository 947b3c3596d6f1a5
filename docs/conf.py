# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration of `make docs` (tools/docs.sh): an offline build of the antsibull-docs pages."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

project = 'tcx.xapi'
master_doc = 'index'
html_title = 'tcx.xapi - Ansible collection for the 3CX v20 Configuration API'
# No intersphinx: the build must not download anything.
intersphinx_mapping = {}
extensions = []
html_theme = 'alabaster'
