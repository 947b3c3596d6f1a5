# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.tcx.xapi.plugins.module_utils import token_cache
from ansible_collections.tcx.xapi.plugins.module_utils.token_cache import TokenCache


def test_a_process_that_loses_the_race_to_create_the_directory_still_uses_the_cache(tmp_path, monkeypatch):
    """Forks start their first task together: another one creates the directory first."""
    directory = tmp_path / 'cache'
    real_makedirs = os.makedirs

    def another_process_was_first(path, mode=0o777):
        real_makedirs(path, mode)
        raise OSError(17, 'File exists')

    monkeypatch.setattr(token_cache.os, 'makedirs', another_process_was_first)
    cache = TokenCache(str(directory), 'https://pbx.example.com', '900', 'secret')
    assert cache.usable is True
    cache.write('token-a', 123.0)
    assert cache.read() == ('token-a', 123.0)


def test_a_directory_that_cannot_be_made_turns_the_cache_off(tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text('not a directory')
    cache = TokenCache(str(blocker / 'cache'), 'https://pbx.example.com', '900', 'secret')
    assert cache.usable is False
    assert cache.read() == (None, None)
