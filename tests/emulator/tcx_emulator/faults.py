"""Injected faults: fail, drop or delay matching requests N times."""

import re
import threading

ACTIONS = ('status', 'drop', 'delay', 'redirect')
STATUSES = (429, 500, 502, 503, 504)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class FaultRules:
    """Rules ``{method, path (regex), times, action, status, when, retry_after, delay, location}`` consumed in order."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []

    def add(self, rule):
        """Validate and add a rule; returns it with defaults filled in. Raises ValueError."""
        rule = {'method': None, 'path': '', 'times': 1, 'action': 'status', 'status': 503, 'when': 'before',
                'retry_after': 1, 'delay': 1.0, **rule}
        if rule['action'] not in ACTIONS:
            raise ValueError('action must be one of %s' % (ACTIONS,))
        if rule['action'] == 'status' and rule['status'] not in STATUSES:
            raise ValueError('status must be one of %s' % (STATUSES,))
        if rule['action'] == 'redirect' and (rule['status'] not in REDIRECT_STATUSES or not rule.get('location')):
            raise ValueError('a redirect needs a status of %s and a location' % (REDIRECT_STATUSES,))
        if rule['when'] not in ('before', 'after'):
            raise ValueError("when must be 'before' or 'after'")
        re.compile(rule['path'])
        rule['remaining'] = int(rule.pop('times'))
        with self.lock:
            self.rules.append(rule)
        return rule

    def take(self, method, path):
        """The first matching rule with remaining uses (its count decremented), or None."""
        with self.lock:
            for rule in self.rules:
                if rule['remaining'] > 0 and rule['method'] in (None, method) and re.search(rule['path'], path):
                    rule['remaining'] -= 1
                    return dict(rule)
        return None

    def listing(self):
        """Copies of all rules with their remaining counts."""
        with self.lock:
            return [dict(rule) for rule in self.rules]

    def clear(self):
        """Remove every rule."""
        with self.lock:
            self.rules.clear()
