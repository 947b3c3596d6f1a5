# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The call flow of a PBX as a graph, compared and drawn: the audit's and the backup's pictures.

One place builds the graph from a state in the provision role's variables (``tcx_inbound_rules``,
``tcx_ivrs``, ...; the names without ``tcx_`` too, as tcx.xapi.tcx_config_info returns them, and so a
backup): DID -> inbound rule -> office hours / out of office / holidays -> IVR keys -> queues and ring
groups -> agents and members, voicemail and external ends. :func:`compare` marks the drift between
the desired state and the PBX, :func:`mermaid` writes a Mermaid flowchart (the Markdown report) and
:func:`svg` an inline SVG picture (the HTML report and the backup).

The SVG's layout is grandalf's layered (Sugiyama) layout, pure Python: an optional library. Without
it :func:`svg` returns None and the callers show the Mermaid text instead (:data:`HAS_LAYOUT`).
Controller-side only (filters, the audit's report step): not shipped to modules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from xml.sax.saxutils import escape, quoteattr

try:
    from grandalf.graphs import Edge as _Edge, Graph as _Graph, Vertex as _Vertex
    from grandalf.layouts import SugiyamaLayout as _SugiyamaLayout
    HAS_LAYOUT = True
except ImportError:  # optional: the reports fall back to the Mermaid text
    HAS_LAYOUT = False

# Where a destination's ``to`` leads: the object kinds that a name or number names (their lists).
OBJECT_LISTS = {'ivr': 'ivrs', 'queue': 'queues', 'ring_group': 'ring_groups'}
# The PBX's spellings accepted by the modules (``RingGroup``) to the option names.
_TO = {'ringgroup': 'ring_group', 'voicemail': 'voicemail', 'endcall': 'end_call', 'none': 'end_call',
       'repeatprompt': 'repeat_prompt', 'callbyname': 'call_by_name', 'custominput': 'custom_input'}
BRANCHES = (('office_hours', 'office hours', None), ('out_of_office', 'out of office', 'route_out_of_office'),
            ('holidays', 'holidays', 'route_holidays'))
# Node kinds whose objects a state defines (their drift is the audit's): the rest are ends.
NOUNS = {'ivr': 'IVR', 'queue': 'queue', 'ring_group': 'ring group'}
STATES = ('same', 'missing', 'extra', 'context')


def _lists(state):
    """``{plural: list}`` of a state given as role variables (``tcx_ivrs``) or as tcx_config_info returns it."""
    state = state or {}
    found = {}
    for plural in ('users', 'ring_groups', 'queues', 'ivrs', 'inbound_rules'):
        value = state.get('tcx_' + plural, state.get(plural))
        found[plural] = list(value or []) if isinstance(value, (list, tuple)) else []
    return found


def _to(value):
    to = str((value or {}).get('to') or '')
    folded = to.lower().replace('_', '')
    return _TO.get(folded, to.lower() if folded in ('ivr', 'queue', 'extension', 'external') else to)


def _numbers(state):
    """``{(to, number): name}`` of the IVRs, queues and ring groups a state lists with both, and
    ``{('user', extension): 'first last'}`` of its users."""
    lists = _lists(state)
    found = dict(((to, str(item['number'])), item['name']) for to, plural in OBJECT_LISTS.items()
                 for item in lists[plural] if isinstance(item, dict) and item.get('number') is not None and item.get('name'))
    found.update((('user', str(u['extension'])), ' '.join(str(u[k]) for k in ('first_name', 'last_name') if u.get(k)))
                 for u in lists['users'] if isinstance(u, dict) and u.get('extension') is not None)
    return found


class CallFlow(object):
    """Nodes and edges of one state's call flow, in the order they were found.

    ``nodes``: ``{id: {'id', 'kind', 'label', 'owner'}}``; ``edges``: ``{(from, to): {'from', 'to', 'owner'}}``.
    ``owner`` is the object (a node id) whose options make the node or edge: the drift of that object.
    ``defined`` holds the objects the state lists, ``kinds`` the lists it has items in, ``dids`` the DID nodes.
    """

    def __init__(self):
        self.nodes, self.edges, self.defined, self.kinds, self.dids = {}, {}, set(), set(), []

    def node(self, node_id, kind, label, owner=None):
        self.nodes.setdefault(node_id, {'id': node_id, 'kind': kind, 'label': label, 'owner': owner or node_id})
        return node_id

    def edge(self, source, target, owner):
        self.edges.setdefault((source, target), {'from': source, 'to': target, 'owner': owner})

    def reachable(self, start):
        """The node ids reachable from ``start``, in the order found (breadth first)."""
        seen, queue = [start], [start]
        outgoing = {}
        for source, target in self.edges:
            outgoing.setdefault(source, []).append(target)
        while queue:
            for target in outgoing.get(queue.pop(0), []):
                if target not in seen:
                    seen.append(target)
                    queue.append(target)
        return seen


def build(state, names=None):
    """The :class:`CallFlow` of ``state`` (see the module doc). ``names`` (``{(to, number): name}``) names the
    IVRs, queues and ring groups that a destination gives by number and the state does not list (the
    other side of a comparison)."""
    lists = _lists(state)
    flow = CallFlow()
    numbers = dict(names or {})
    numbers.update(_numbers(state))

    def extension(number):
        number = str(number)
        person = numbers.get(('user', number))
        label = '%s %s' % (number, person) if person else 'extension %s' % number
        return flow.node('extension:' + number, 'extension', label)

    def destination(value, owner):
        """The node a destination leads to (None for none)."""
        to = _to(value)
        number = value.get('number')
        if to in OBJECT_LISTS:
            name = value.get('name') or numbers.get((to, str(number)))
            node_id = '%s:%s' % (to, name) if name else '%s:#%s' % (to, number)
            return flow.node(node_id, to, '%s %s' % (NOUNS[to], name or number))
        if to == 'extension':
            return extension(number)
        if to == 'voicemail':
            return flow.node('voicemail:%s' % (number or ''), 'voicemail', 'voicemail %s' % number if number else 'voicemail')
        if to == 'external':
            return flow.node('external:%s' % value.get('external'), 'external', 'external %s' % value.get('external'))
        if to in ('', 'end_call'):
            return flow.node('end_call', 'end', 'end call') if to else None
        if to == 'repeat_prompt':
            return flow.node('repeat_prompt:%s' % owner, 'end', 'repeat prompt', owner)
        label = to.replace('_', ' ') + (' %s' % number if number else '')
        return flow.node('%s:%s' % (to, number or owner), 'end', label, owner if not number else None)

    def lead(source, value, owner):
        if isinstance(value, dict):
            target = destination(value, owner)
            if target:
                flow.edge(source, target, owner)

    for plural in ('ring_groups', 'queues', 'ivrs'):
        to = plural[:-1]
        if lists[plural]:
            flow.kinds.add(to)
        for item in lists[plural]:
            if not isinstance(item, dict) or not (item.get('name') or item.get('number')):
                continue
            owner = destination({'to': to, 'name': item.get('name'), 'number': item.get('number')}, None)
            flow.defined.add(owner)
            if to == 'ivr':
                keys = [(str(key), 'key %s' % key, target) for key, target in sorted((item.get('menu') or {}).items())]
                keys += [('timeout', 'timeout', item.get('timeout_destination'))]
                invalid = item.get('invalid_input_destination')
                keys += [('invalid', 'invalid input', {'to': 'extension', 'number': invalid} if isinstance(invalid, str) else invalid)]
                for key, label, target in keys:
                    if isinstance(target, dict) and _to(target):
                        node = flow.node('%s/%s' % (owner, key), 'key', label, owner)
                        flow.edge(owner, node, owner)
                        lead(node, target, owner)
            else:
                for member in item.get('members' if to == 'ring_group' else 'agents') or []:
                    number = member.get('extension', member.get('number')) if isinstance(member, dict) else member
                    if number is not None:
                        flow.edge(owner, extension(number), owner)
                if isinstance(item.get('no_answer'), dict) and _to(item['no_answer']):
                    node = flow.node('%s/no_answer' % owner, 'key', 'no answer', owner)
                    flow.edge(owner, node, owner)
                    lead(node, item['no_answer'], owner)
    if lists['inbound_rules']:
        flow.kinds.add('rule')
    for rule in lists['inbound_rules']:
        if not isinstance(rule, dict) or not rule.get('did'):
            continue
        did = flow.node('did:%s' % rule['did'], 'did', 'DID %s' % rule['did'], 'rule:%s' % rule['did'])
        owner = flow.node('rule:%s' % rule['did'], 'rule', 'inbound rule %s' % (rule.get('name') or rule['did']))
        flow.defined.add(owner)
        flow.dids.append(did)
        flow.edge(did, owner, owner)
        for option, label, switch in BRANCHES:
            if isinstance(rule.get(option), dict) and _to(rule[option]) and (switch is None or rule.get(switch)):
                branch = flow.node('%s/%s' % (owner, option), 'branch', label, owner)
                flow.edge(owner, branch, owner)
                lead(branch, rule[option], owner)
    return flow


def compare(desired, live):
    """Both sides' :class:`CallFlow` with each node's and edge's ``state``: ``missing`` (desired, not on the
    PBX), ``extra`` (on the PBX, not desired: of an object the desired state lists, or an object of a kind
    it lists that it does not name, as the audit's unmanaged objects), ``context`` (on the PBX, of an
    object the desired state does not manage) or ``same``. Either side may be None (nothing to compare)."""
    names = _numbers(desired)
    names.update(_numbers(live))
    flows = [build(desired, names) if desired is not None else None, build(live, names) if live is not None else None]
    mine, theirs = flows
    for flow, other, absent in ((mine, theirs, 'missing'), (theirs, mine, 'extra')):
        if flow is None:
            continue
        for item in list(flow.nodes.values()) + list(flow.edges.values()):
            key = item['id'] if 'id' in item else (item['from'], item['to'])
            present = other is None or (key in other.nodes if 'id' in item else key in other.edges)
            state = 'same' if present else absent
            if state == 'extra' and mine is not None and item['owner'] not in mine.defined:
                kind = item['owner'].split(':', 1)[0]
                state = 'extra' if kind in mine.kinds else 'context'
            item['state'] = state
        if absent == 'extra' and mine is not None:
            # An end (an extension, voicemail, ...) only on the PBX is drift when an edge of drift leads to it.
            for node in flow.nodes.values():
                if node['state'] in ('extra', 'context') and node['kind'] not in NOUNS and node['kind'] not in ('did', 'rule', 'key', 'branch'):
                    node['state'] = 'extra' if any(e['state'] == 'extra' for e in flow.edges.values() if e['to'] == node['id']) else 'context'
    return mine, theirs


def flows_by_did(desired, live):
    """One entry per DID (desired first, then those only on the PBX): ``{'did', 'desired', 'live', 'drift'}``,
    each side the DID's part of its :class:`CallFlow` (``{'nodes': [...], 'edges': [...]}``) or None."""
    mine, theirs = compare(desired, live)
    dids = []
    for flow in (mine, theirs):
        for did in (flow.dids if flow is not None else []):
            if did not in dids:
                dids.append(did)
    found = []
    for did in dids:
        entry = {'did': did.split(':', 1)[1], 'drift': False}
        for side, flow in (('desired', mine), ('live', theirs)):
            if flow is None or did not in flow.nodes:
                entry[side] = None
                continue
            ids = flow.reachable(did)
            order = dict((node_id, number) for number, node_id in enumerate(ids))
            part = {'nodes': [flow.nodes[i] for i in ids],
                    'edges': sorted((e for (s, t), e in flow.edges.items() if s in order and t in order),
                                    key=lambda e: (order[e['from']], order[e['to']]))}
            entry[side] = part
            entry['drift'] = entry['drift'] or any(i.get('state') in ('missing', 'extra') for i in part['nodes'] + part['edges'])
        if (mine is not None and entry['desired'] is None) or (theirs is not None and entry['live'] is None):
            entry['drift'] = entry['drift'] or (mine is not None and theirs is not None)
        found.append(entry)
    return found


def merged(entry):
    """One DID's nodes and edges of both sides (the desired first), for the one Mermaid chart."""
    nodes, edges = {}, {}
    for side in ('desired', 'live'):
        for node in (entry.get(side) or {}).get('nodes', []):
            nodes.setdefault(node['id'], node)
        for edge in (entry.get(side) or {}).get('edges', []):
            edges.setdefault((edge['from'], edge['to']), edge)
    return list(nodes.values()), list(edges.values())


def _mermaid_text(text):
    return str(text).replace('&', '#amp;').replace('"', '#quot;').replace('<', '#lt;').replace('>', '#gt;')


MERMAID_STYLES = {'missing': 'stroke:#b00020,stroke-width:2px,stroke-dasharray:6 4,color:#b00020',
                  'extra': 'stroke:#e65100,stroke-width:2px,color:#e65100',
                  'context': 'stroke:#9e9e9e,color:#616161'}


MARKS = {'missing': ' (not on the PBX)', 'extra': ' (only on the PBX)'}


def mermaid(nodes, edges):
    """A Mermaid ``flowchart LR`` of ``nodes`` and ``edges``: drift as the classes ``missing`` (desired, not on
    the PBX: dashed red) and ``extra`` (on the PBX, not desired: orange), edges styled alike."""
    index = dict((node['id'], 'n%d' % number) for number, node in enumerate(nodes))
    lines = ['flowchart LR']
    for node in nodes:
        mark = MARKS.get(node.get('state'), '')
        shape = ('(["%s"])' if node['kind'] in ('did', 'extension', 'voicemail', 'external', 'end') else '["%s"]')
        lines.append('  %s%s' % (index[node['id']], shape % _mermaid_text(node['label'] + mark)))
    styled = {}
    for number, edge in enumerate(edges):
        arrow = {'missing': '-.->', 'extra': '==>'}.get(edge.get('state'), '-->')
        lines.append('  %s %s %s' % (index[edge['from']], arrow, index[edge['to']]))
        if edge.get('state') in MERMAID_STYLES:
            styled.setdefault(edge['state'], []).append(str(number))
    for state, style in sorted(MERMAID_STYLES.items()):
        marked = [index[n['id']] for n in nodes if n.get('state') == state]
        if marked:
            lines.append('  classDef %s %s' % (state, style))
            lines.append('  class %s %s' % (','.join(marked), state))
        if styled.get(state):
            lines.append('  linkStyle %s %s' % (','.join(styled[state]), style.split(',color:')[0]))
    return '\n'.join(lines)


# Drawing: sizes in px; the label's width estimated from its length (no font metrics on a controller).
CHAR_WIDTH, NODE_HEIGHT, PAD = 7.2, 28, 14
SVG_STYLE = {'same': ('#ffffff', '#455a64', ''), 'missing': ('#fdecea', '#b00020', '6 4'),
             'extra': ('#fff3e0', '#e65100', ''), 'context': ('#f5f5f5', '#9e9e9e', '2 3')}
KIND_FILL = {'did': '#e3f2fd', 'rule': '#e8eaf6', 'branch': '#f3e5f5', 'ivr': '#e0f7fa', 'key': '#ffffff',
             'queue': '#e8f5e9', 'ring_group': '#f1f8e9', 'extension': '#fffde7', 'voicemail': '#fce4ec',
             'external': '#efebe9', 'end': '#eeeeee'}


class _View(object):
    def __init__(self, w, h):
        self.w, self.h, self.xy = w, h, None


class _EdgeView(object):
    def __init__(self):
        self.path = None

    def setpath(self, path):
        self.path = path


def pictures(entry):
    """The SVG pictures of one DID's two sides (an entry of :func:`flows_by_did`): ``{'desired': ..., 'live': ...}``,
    None for a side without a flow or without grandalf. A live side equal to the desired side (no drift, the usual
    nightly case) is the desired picture under its own title, not laid out a second time (the layout is most of the
    CPU an audit spends on drawing)."""
    found = {}
    for side in ('desired', 'live'):
        graph, title = entry[side], '%s: DID %s' % (side, entry['did'])
        if graph and side == 'live' and found['desired'] is not None and graph == entry['desired']:
            found[side] = found['desired'].replace(_title('desired: DID %s' % entry['did']), _title(title), 1)
        else:
            found[side] = svg(graph['nodes'], graph['edges'], title) if graph else None
    return found


def _title(text):
    return '<title>%s</title>' % escape(text)


def svg(nodes, edges, title=''):
    """An inline SVG picture of ``nodes`` and ``edges`` (grandalf's layered layout, top down), or None without
    grandalf. Each node is a ``<g class="node STATE" data-id=...>``, each edge a ``<g class="edge STATE"
    data-from=... data-to=...>``; drift is drawn as in :func:`mermaid` (missing: dashed red, extra: orange)."""
    if not HAS_LAYOUT:
        return None
    if not nodes:
        return '<svg xmlns="http://www.w3.org/2000/svg" class="callflow" width="0" height="0"></svg>'
    vertices = dict((node['id'], _Vertex(node['id'])) for node in nodes)
    for node in nodes:
        vertices[node['id']].view = _View(len(node['label']) * CHAR_WIDTH + 2 * PAD, NODE_HEIGHT)
    links = []
    for edge in edges:
        link = _Edge(vertices[edge['from']], vertices[edge['to']])
        link.view = _EdgeView()
        links.append((edge, link))
    graph = _Graph(list(vertices.values()), [link for dummy, link in links])
    for component in graph.C:
        layout = _SugiyamaLayout(component)
        layout.xspace, layout.yspace = 24, 34
        roots = [v for v in component.sV if v.data.startswith('did:')] or None
        layout.init_all(roots=roots)
        layout.draw()
    # Components side by side, left to right.
    offset, boxes = 0.0, {}
    for component in graph.C:
        left = min(v.view.xy[0] - v.view.w / 2 for v in component.sV)
        right = max(v.view.xy[0] + v.view.w / 2 for v in component.sV)
        for vertex in component.sV:
            boxes[vertex.data] = (vertex.view.xy[0] - left + offset + 10, vertex.view.xy[1], vertex.view.w, vertex.view.h)
        offset += right - left + 30
    top = min(y - h / 2 for x, y, w, h in boxes.values())
    boxes = dict((k, (x, y - top + 10, w, h)) for k, (x, y, w, h) in boxes.items())
    width = max(x + w / 2 for x, y, w, h in boxes.values()) + 10
    height = max(y + h / 2 for x, y, w, h in boxes.values()) + 10
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" class="callflow" role="img" width="%d" height="%d" viewBox="0 0 %d %d">'
             % (width, height, width, height),
             _title(title),
             '<defs>' + ''.join('<marker id="arrow-%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
                                'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>'
                                % (state, SVG_STYLE[state][1]) for state in STATES) + '</defs>']
    shift = dict((node['id'], (boxes[node['id']][0] - vertices[node['id']].view.xy[0],
                               boxes[node['id']][1] - vertices[node['id']].view.xy[1])) for node in nodes)
    for edge, link in links:
        state = edge.get('state') or 'same'
        dx, dy = shift[edge['from']]
        points = [(x + dx, y + dy) for x, y in (link.view.path or [vertices[edge['from']].view.xy, vertices[edge['to']].view.xy])]
        (sx, sy, sw, sh), (tx, ty, tw, th) = boxes[edge['from']], boxes[edge['to']]
        down = ty >= sy
        points[0] = (sx, sy + (sh / 2 if down else -sh / 2))
        points[-1] = (tx, ty - (th / 2 if down else -th / 2))
        fill, stroke, dash = SVG_STYLE[state]
        parts.append('<g class="edge %s" data-from=%s data-to=%s><polyline points="%s" fill="none" stroke="%s" stroke-width="%s"%s '
                     'marker-end="url(#arrow-%s)"/></g>'
                     % (state, quoteattr(edge['from']), quoteattr(edge['to']),
                        ' '.join('%.1f,%.1f' % p for p in points), stroke, 2 if state in ('missing', 'extra') else 1.2,
                        ' stroke-dasharray="%s"' % dash if dash else '', state))
    for node in nodes:
        state = node.get('state') or 'same'
        x, y, w, h = boxes[node['id']]
        fill, stroke, dash = SVG_STYLE[state]
        if state == 'same':
            fill = KIND_FILL.get(node['kind'], fill)
        rounded = 14 if node['kind'] in ('did', 'extension', 'voicemail', 'external', 'end') else 4
        parts.append('<g class="node %s" data-id=%s data-kind="%s"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%d" '
                     'fill="%s" stroke="%s" stroke-width="%s"%s/><text x="%.1f" y="%.1f" text-anchor="middle" '
                     'dominant-baseline="central" font-family="sans-serif" font-size="12" fill="#212121">%s</text></g>'
                     % (state, quoteattr(node['id']), node['kind'], x - w / 2, y - h / 2, w, h, rounded, fill, stroke,
                        2 if state in ('missing', 'extra') else 1, ' stroke-dasharray="%s"' % dash if dash else '',
                        x, y, escape(node['label'])))
    parts.append('</svg>')
    return ''.join(parts)
