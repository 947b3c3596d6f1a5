# -*- coding: utf-8 -*-
"""What a release of this checkout ships: the tarball, the execution environment context, the AWX
example, the declared ansible-core range and the declared test requirements.

Run by `make packaging` with .venv (it builds the tarball with tools/build_collection.sh).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import hashlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GALAXY = yaml.safe_load((REPO / 'galaxy.yml').read_text(encoding='utf-8'))
# What may ship: the collection's content, its tests (not the benchmarks), the README, the licence,
# the runtime Python requirements (read by ansible-builder), and the metadata ansible-galaxy writes.
ALLOWED_DIRS = ('plugins', 'roles', 'playbooks', 'meta', 'docs', 'changelogs', 'extensions', 'tests')
ALLOWED_FILES = ('README.md', 'LICENSE', 'requirements.txt', 'MANIFEST.json', 'FILES.json')
# Paths of one machine that must not ship: a pyenv install, a developer's home, a checkout's
# absolute location (XAPI paths such as /Users/Pbx.BatchDelete are not).
MACHINE_PATHS = re.compile(r'\.pyenv/|/home/[a-z][^/\s]*/|/Users/[a-z][^/\s]*/(?!Pbx)|/work/[a-z]')


def run(*command, **kwargs):
    proc = subprocess.run([str(c) for c in command], capture_output=True, text=True, check=False,
                          env=dict(os.environ, PATH='%s:%s' % (BIN, os.environ['PATH'])), **kwargs)
    assert proc.returncode == 0, '%s failed (%d):\n%s\n%s' % (command, proc.returncode, proc.stdout, proc.stderr)
    return proc


@pytest.fixture(scope='module')
def tarball():
    return REPO / run(REPO / 'tools' / 'build_collection.sh', cwd=REPO).stdout.strip().splitlines()[-1]


def test_tarball_has_each_modules_action_plugin_as_a_file(tarball):
    """Each module's action plugin is a file of the tarball (tools/action_plugins.py; no symlink)."""
    modules = sorted(p.stem for p in (REPO / 'plugins' / 'modules').glob('tcx_*.py'))
    with tarfile.open(tarball) as archive:
        links = [m.name for m in archive.getmembers() if m.issym() or m.islnk()]
        files = sorted(m.name for m in archive.getmembers() if m.name.startswith('plugins/action/') and m.isfile())
    assert links == []
    assert files == ['plugins/action/%s.py' % m for m in modules]


def test_tarball_ships_only_collection_content(tarball):
    assert tarball.name == 'tcx-xapi-%s.tar.gz' % GALAXY['version']
    with tarfile.open(tarball) as archive:
        names = [m.name for m in archive.getmembers() if m.isfile()]
        texts = dict((m.name, archive.extractfile(m).read().decode('utf-8', 'replace'))
                     for m in archive.getmembers() if m.isfile())
    outside = [n for n in names if n.split('/')[0] not in ALLOWED_DIRS and n not in ALLOWED_FILES]
    assert outside == [], 'files outside the collection content: %s' % outside
    tooling = [n for n in names if n.startswith(('tests/bench/', 'tests/packaging/', 'tests/output/'))
               or '/bench_' in n or '__pycache__' in n or n.endswith('.pyc')]
    assert tooling == [], 'development tooling in the tarball: %s' % tooling
    for expected in ('README.md', 'LICENSE', 'meta/runtime.yml', 'roles/provision/README.md',
                     'plugins/modules/tcx_user.py', 'extensions/awx/credential_type.yml'):
        assert expected in names
    machine = sorted('%s: %s' % (n, MACHINE_PATHS.search(t).group(0)) for n, t in texts.items() if MACHINE_PATHS.search(t))
    assert machine == [], 'machine-specific paths in shipped files: %s' % machine


def test_execution_environment_context_installs_the_local_tarball(tarball):
    run(REPO / 'tools' / 'ee_context.sh', cwd=REPO)
    context = REPO / 'build' / 'ee' / 'context'
    shipped = context / '_build' / 'collections' / 'tcx-xapi.tar.gz'
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == hashlib.sha256(tarball.read_bytes()).hexdigest()
    with tarfile.open(shipped) as archive:
        info = json.load(archive.extractfile('MANIFEST.json'))['collection_info']
    assert (info['namespace'], info['name'], info['version']) == ('tcx', 'xapi', GALAXY['version'])
    galaxy = yaml.safe_load((context / '_build' / 'requirements.yml').read_text())
    assert galaxy == {'collections': [{'name': 'collections/tcx-xapi.tar.gz', 'type': 'file'}]}
    containerfile = (context / 'Containerfile').read_text()
    base = re.search(r'^ARG EE_BASE_IMAGE="([^"]+)"', containerfile, re.M).group(1)
    assert re.search(r'(:\d+(\.\d+)+|@sha256:[0-9a-f]{64})$', base), 'base image not pinned: %s' % base
    assert 'COPY _build /build' in containerfile
    assert 'ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml' in containerfile
    # The base image's ansible-core and ansible-runner are used, never a second one.
    installs = [line for line in containerfile.splitlines() if 'pip install' in line]
    assert not [line for line in installs if 'ansible-core' in line or 'ansible-runner' in line or 'ansible ' in line]
    assert 'RUN /output/scripts/check_ansible $PYCMD' in containerfile


def test_awx_example_renders_the_credential_type_with_ansible_core_alone(tmp_path):
    source = REPO / 'extensions' / 'awx' / 'credential_type.yml'
    text = source.read_text(encoding='utf-8')
    # The example task in the header: the commented lines from "- name:" to the next blank comment.
    header = [line[1:] for line in text.splitlines() if line.startswith('#')]
    start = [i for i, line in enumerate(header) if line.strip().startswith('- name:')][0]
    end = start + [i for i, line in enumerate(header[start:]) if not line.strip()][0]
    task = yaml.safe_load('\n'.join(header[start:end]))[0]
    options = task['awx.awx.credential_type']
    (tmp_path / 'credential_type.yml').write_text(text, encoding='utf-8')
    # The two templated options, rendered as a module's arguments are (copy writes dict content as JSON).
    tasks = [{'name': 'render %s' % key, 'ansible.builtin.copy': {'content': options[key], 'dest': str(tmp_path / (key + '.json')),
                                                                  'mode': '0644'}}
             for key in ('inputs', 'injectors')]
    play = [{'name': 'render', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False, 'tasks': tasks}]
    (tmp_path / 'render.yml').write_text(yaml.safe_dump(play), encoding='utf-8')
    run(BIN / 'ansible-playbook', '-i', 'localhost,', '-e', 'ansible_python_interpreter=%s' % sys.executable,
        tmp_path / 'render.yml', cwd=tmp_path)
    definition = yaml.safe_load(text)
    assert options['name'] == definition['name'] and options['kind'] == definition['kind']
    assert json.loads((tmp_path / 'inputs.json').read_text()) == definition['inputs']
    assert json.loads((tmp_path / 'injectors.json').read_text()) == definition['injectors']


def floor_version():
    pins = re.findall(r'^ansible-core==(\d+)\.(\d+)\.\d+\s*$', (REPO / 'requirements-floor.txt').read_text(), re.M)
    assert len(pins) == 1, 'requirements-floor.txt must pin one ansible-core'
    return '%s.%s' % pins[0]


def test_declared_ansible_core_floor_is_the_tested_one():
    floor = floor_version()
    runtime = yaml.safe_load((REPO / 'meta' / 'runtime.yml').read_text())
    assert runtime['requires_ansible'] == '>=%s.0' % floor
    assert 'ansible-core %s or newer' % floor in (REPO / 'README.md').read_text()
    role_meta = yaml.safe_load((REPO / 'roles' / 'provision' / 'meta' / 'main.yml').read_text())
    assert str(role_meta['galaxy_info']['min_ansible_version']) == floor
    # make test runs sanity and the smoke subset on that venv (a step of its plan may run in the background: bg:).
    plan = re.search(r'^TEST_PLAN := (.*?[^\\])$', (REPO / 'Makefile').read_text(), re.M | re.S).group(1).split()
    assert {'sanity', 'compat'} <= set(step.replace('bg:', '') for step in plan) - {'\\'}
    assert re.search(r'^run_sanity \.venv-floor\b', (REPO / 'tools' / 'sanity.sh').read_text(), re.M)
    assert 'for venv in .venv-floor .venv-latest' in (REPO / 'tools' / 'compat.sh').read_text()


def imported_top_level_names(paths):
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split('.')[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split('.')[0])
    return names


def pinned(*files):
    found = {}
    for name in files:
        for line in (REPO / name).read_text().splitlines():
            match = re.match(r'^([A-Za-z0-9_.-]+)==[0-9]', line.strip())
            if match:
                found[re.sub(r'[-_.]+', '-', match.group(1)).lower()] = line
    return found


def test_requirements_pin_every_package_the_tests_import():
    sources = [p for p in (REPO / 'tests').rglob('*.py') if 'output' not in p.parts]
    sources += list((REPO / 'tools').glob('*.py')) + [REPO / 'docs' / 'conf.py']
    local = set(p.stem for p in sources) | set(p.name for p in (REPO / 'tests').rglob('*') if p.is_dir())
    local |= {'ansible_collections', '__future__'}
    third_party = sorted(n for n in imported_top_level_names(sources) if n not in sys.stdlib_module_names and n not in local)
    distributions = importlib.metadata.packages_distributions()
    declared = pinned('requirements-dev.txt', 'requirements-test.txt')
    missing = []
    for name in third_party:
        dists = distributions.get(name)
        assert dists, 'no installed distribution provides the import %r' % name
        if not any(re.sub(r'[-_.]+', '-', d).lower() in declared for d in dists):
            missing.append('%s (%s)' % (name, ', '.join(dists)))
    assert missing == [], 'imported by the tests but not pinned in requirements-dev/test.txt: %s' % missing
    # The docs build's own packages too.
    assert {'sphinx', 'myst-parser', 'antsibull-docs'} <= set(declared)
