# -*- coding: utf-8 -*-
"""AWX's engine: one job run through ansible-runner as AWX (and AAP) runs a job template.

AWX gives ansible-runner a private data dir per job: ``project/`` (the project's checkout),
``inventory/hosts`` (a script that prints the inventory as JSON, hosts and their variables),
``env/extravars`` (the job's extra vars, written by AWX itself), the credentials' injectors as
environment variables (never written to ``env/``: ``suppress_env_files``), and ``--diff`` / ``--check``
on the command line as the job template says. It reads the job's events (``runner_on_ok`` ... with each
task's result) and its artifacts (the ``set_stats`` data of the ``playbook_on_stats`` event).

:func:`run_job` does exactly that and scans what the job printed and stored for every secret it knows,
as conftest's :func:`run_ansible` does for ``ansible-playbook``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys
from pathlib import Path

import ansible_runner
import jinja2
import yaml

from conftest import BIN, REPO, _issued_tokens, _literal_secrets, _published, _passwords_returned_on_request, \
    received_secrets, scan_for_secrets

# The events that end a task on a host, with the task's result.
RESULT_EVENTS = {'runner_on_ok': 'ok', 'runner_on_failed': 'failed', 'runner_on_skipped': 'skipped',
                 'runner_on_unreachable': 'unreachable'}


class Job(object):
    """What one AWX job left: ``rc``, ``status``, ``stdout``, its ``events``, one record per task and host
    (``task``, ``action``, ``host``, ``status``: ok/failed/skipped/unreachable, ``result``), the
    ``artifacts`` (``set_stats`` data, what AWX stores as the job's artifacts) and ``stats`` (the recap)."""

    def __init__(self, run, private_data_dir, ident):
        self.rc = run.rc
        self.status = run.status
        self.private_data_dir = Path(private_data_dir)
        self.ident = ident
        self.stdout = run.stdout.read()
        self.events = list(run.events)
        self.records = []
        for event in self.events:
            if event.get('event') in RESULT_EVENTS:
                data = event['event_data']
                status = RESULT_EVENTS[event['event']]
                # The action as the task names it (as conftest's callback records it) and as ansible-core resolved it.
                self.records.append({'task': data.get('task', ''), 'action': data.get('task_action'),
                                     'resolved_action': data.get('resolved_action'),
                                     'host': data.get('host'), 'status': status, 'result': data.get('res') or {}})
        stats = [e for e in self.events if e.get('event') == 'playbook_on_stats']
        self.stats = stats[-1]['event_data'] if stats else {}
        self.artifacts = self.stats.get('artifact_data') or {}

    @property
    def artifact_dir(self):
        return self.private_data_dir / 'artifacts' / self.ident

    @property
    def results(self):
        return [r['result'] for r in self.records]

    def task(self, name, host=None):
        """The record of the (last) task whose name starts with ``name`` (on ``host``)."""
        found = [r for r in self.records if r['task'].startswith(name) and host in (None, r['host'])]
        assert found, 'no task %r ran:\n%r' % (name, self)
        return found[-1]

    def __repr__(self):
        return 'Job(%s: rc=%s, status=%s)\nSTDOUT:\n%s' % (self.ident, self.rc, self.status, self.stdout[-8000:])


def credential_environment(inputs):
    """The environment AWX injects for a credential of the shipped type with these inputs."""
    credential_type = yaml.safe_load((REPO / 'extensions' / 'awx' / 'credential_type.yml').read_text())
    fields = credential_type['inputs']['fields']
    assert set(credential_type['inputs']['required']) == {'url', 'client_id', 'client_secret'}
    assert [f['id'] for f in fields if f.get('secret')] == ['client_secret']
    values = dict((f['id'], f['default']) for f in fields if 'default' in f)
    values.update(inputs)
    return dict((name, jinja2.Template(template).render(**values))
                for name, template in credential_type['injectors']['env'].items())


def credential(emulator):
    """The environment AWX injects for a credential of the shipped type (extensions/awx/credential_type.yml)
    pointing at ``emulator``."""
    env = credential_environment({'url': emulator.url, 'client_id': emulator.client_id,
                                  'client_secret': emulator.client_secret})
    if emulator.ca_file:
        env['TCX_CA_PATH'] = emulator.ca_file
    return env


def token_cache(private_data_dir):
    """The token cache of the jobs of ``private_data_dir``: beside it, not in it (the private data dir holds
    what AWX gives and keeps of a job; the tokens are the execution environment's)."""
    private = Path(private_data_dir)
    return private.parent / ('%s-token-cache' % private.name)


def execution_environment(private_data_dir):
    """What the execution environment provides: ansible-core on PATH, the collection installed; a token
    cache (:func:`token_cache`)."""
    return {'PATH': '%s:%s' % (BIN, os.environ.get('PATH', '')), 'ANSIBLE_COLLECTIONS_PATH': str(REPO / '.build'),
            'ANSIBLE_NOCOLOR': '1', 'ANSIBLE_LOCALHOST_WARNING': '0', 'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'TCX_TOKEN_CACHE_DIR': str(token_cache(private_data_dir))}


def write_inventory(private_data_dir, hosts, host_vars=None):
    """AWX's inventory: an executable ``inventory/hosts`` that prints the hosts and their variables as JSON."""
    host_vars = dict((host, dict({'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable},
                                 **(host_vars or {}).get(host, {}))) for host in hosts)
    inventory = {'all': {'hosts': list(hosts)}, '_meta': {'hostvars': host_vars}}
    script = Path(private_data_dir) / 'inventory' / 'hosts'
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text('#!%s\nprint(%r)\n' % (sys.executable, json.dumps(inventory)))
    script.chmod(0o755)


def run_job(private_data_dir, playbook, emulators=(), hosts=('localhost',), host_vars=None, inject=None, extravars=None,
            check=False, diff=True, limit=None, verbosity=None, envvars=None, ident='job', project=None, secrets=(),
            expect_rc=0):
    """Run one AWX job; returns a :class:`Job`.

    ``playbook`` is a list of plays (written to ``project/<ident>.yml``) or a playbook's path inside
    ``project`` (a directory linked as the job's ``project/``, as AWX checks a project out). ``hosts`` and
    ``host_vars`` make the inventory (each host run locally); ``inject`` is the emulator whose credential
    the job template attaches (default: the only one of ``emulators``); ``extravars`` go to
    ``env/extravars``; ``check`` and ``diff`` are the job template's job type and "show changes".
    ``emulators`` are the PBXs the job talks to: their client secrets and every user password they
    received are secrets of the run, with the literal secrets of the plays and extra vars, ``secrets`` and
    the tokens the job obtained; a secret in the job's stdout, events or any artifact but ``command`` (where
    ansible-runner records the injected environment by design, docs/security.md) fails the test.
    """
    emulators = [emulators] if hasattr(emulators, 'url') else list(emulators)
    private = Path(private_data_dir)
    (private / 'env').mkdir(parents=True, exist_ok=True)
    plays = None
    if isinstance(playbook, list):
        plays, playbook = playbook, '%s.yml' % ident
        (private / 'project').mkdir(exist_ok=True)
        (private / 'project' / playbook).write_text(yaml.safe_dump(plays, sort_keys=False))
    elif project is not None and not (private / 'project').exists():
        (private / 'project').symlink_to(Path(project).resolve(), target_is_directory=True)
    write_inventory(private, hosts, host_vars)
    (private / 'env' / 'extravars').write_text(json.dumps(extravars or {}))
    env = execution_environment(private)
    if inject is None and len(emulators) == 1:
        inject = emulators[0]
    if inject is not None:
        env.update(credential(inject))
    env.update(envvars or {})
    cmdline = ' '.join((['--diff'] if diff else []) + (['--check'] if check else []))
    run = ansible_runner.run(private_data_dir=str(private), playbook=playbook, ident=ident, envvars=env,
                             cmdline=cmdline or None, limit=limit, verbosity=verbosity, suppress_env_files=True,
                             quiet=True)
    job = Job(run, private, ident)
    assert not (private / 'env' / 'envvars').exists(), 'the injected credential was written to env/envvars'

    known = dict((emulator.client_secret, 'the emulator client secret') for emulator in emulators)
    known.update(_literal_secrets(Path(private / 'project' / playbook), plays, extravars, {}))
    known.update((secret, 'a secret the test names') for secret in secrets)
    published = _published(job.records) | _passwords_returned_on_request(job.records)
    for token in _issued_tokens(env['TCX_TOKEN_CACHE_DIR']) | _published(job.records):
        known.setdefault(token, 'an access token the job obtained')
    for emulator in emulators:
        for secret, origin in received_secrets(emulator).items():
            known.setdefault(secret, origin)
    stored = ''.join('\n%s:\n%s' % (path.relative_to(private), path.read_text(encoding='utf-8', errors='replace'))
                     for path in sorted(job.artifact_dir.rglob('*')) if path.is_file() and path.name != 'command')
    scan_for_secrets(known, published, job.stdout + stored, '', job.records)
    if expect_rc is not None:
        assert (job.rc, job.status) == (expect_rc, 'successful' if expect_rc == 0 else 'failed'), job
    return job
