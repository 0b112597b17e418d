#!/usr/bin/env python3
"""Renders the diagram (BPMN DI) of a BPMN 2.0 file to SVG: python3 docs/tools/bpmn-to-svg.py IN.bpmn OUT.svg"""
import sys
import textwrap
import xml.etree.ElementTree as ET
from html import escape

NS = {'bpmn': 'http://www.omg.org/spec/BPMN/20100524/MODEL', 'bpmndi': 'http://www.omg.org/spec/BPMN/20100524/DI',
      'dc': 'http://www.omg.org/spec/DD/20100524/DC', 'di': 'http://www.omg.org/spec/DD/20100524/DI'}


def main(source, target):
    root = ET.parse(source).getroot()
    elements = {e.get('id'): e for e in root.iter() if e.get('id')}
    shapes, edges = [], []
    for shape in root.iter('{%s}BPMNShape' % NS['bpmndi']):
        b = shape.find('dc:Bounds', NS)
        shapes.append((elements[shape.get('bpmnElement')], *(float(b.get(k)) for k in ('x', 'y', 'width', 'height'))))
    for edge in root.iter('{%s}BPMNEdge' % NS['bpmndi']):
        points = [(float(p.get('x')), float(p.get('y'))) for p in edge.findall('di:waypoint', NS)]
        edges.append((elements[edge.get('bpmnElement')], points))
    xs = [x + w for _, x, _, w, _ in shapes] + [p[0] for _, pts in edges for p in pts]
    ys = [y + h for _, _, y, _, h in shapes] + [p[1] for _, pts in edges for p in pts]
    width, height = max(xs) + 60, max(ys) + 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="12">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
           f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    # an (event) subprocess first, under the flows and shapes it holds; an event subprocess has a dotted border
    for element, x, y, w, h in shapes:
        if element.tag.split('}')[1] == 'subProcess':
            dash = ' stroke-dasharray="5 4"' if element.get('triggeredByEvent') == 'true' else ''
            out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="12" fill="#fafafa" '
                       f'stroke="#333" stroke-width="1.5"{dash}/>')
            out.append(f'<text x="{x + 8:.0f}" y="{y + 15:.0f}" fill="#555">{escape(element.get("name") or "")}</text>')
    for element, points in edges:
        path = ' '.join(f'{x:.0f},{y:.0f}' for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="#333" stroke-width="1.5" marker-end="url(#arrow)"/>')
        if element.get('name'):
            x, y = points[0]
            out.append(f'<text x="{x + 6:.0f}" y="{y + 14:.0f}" fill="#555">{escape(element.get("name"))}</text>')
    for element, x, y, w, h in shapes:
        kind = element.tag.split('}')[1]
        name = element.get('name') or ''
        cx, cy = x + w / 2, y + h / 2
        if kind == 'subProcess':
            continue
        if kind.endswith('Task') or kind == 'callActivity':
            fill = {'userTask': '#e8f1fb', 'serviceTask': '#eef7ea', 'businessRuleTask': '#fdf3e1'}.get(kind, '#f4f4f4')
            # a call activity has the thick border of BPMN
            border = 4 if kind == 'callActivity' else 1.5
            out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="10" fill="{fill}" '
                       f'stroke="#333" stroke-width="{border}"/>')
            marker = {'userTask': 'user', 'serviceTask': 'service', 'businessRuleTask': 'DMN',
                      'callActivity': 'calls ' + (element.get('calledElement') or '')}.get(kind, '')
            out.append(f'<text x="{x + 6:.0f}" y="{y + 13:.0f}" font-size="9" fill="#777">{marker}'
                       + (' · async' if element.get('{http://camunda.org/schema/1.0/bpmn}asyncBefore') == 'true' else '')
                       + '</text>')
            lines = textwrap.wrap(name, 17)
            for i, line in enumerate(lines):
                out.append(f'<text x="{cx:.0f}" y="{cy + 4 + (i - (len(lines) - 1) / 2) * 14:.0f}" '
                           f'text-anchor="middle">{escape(line)}</text>')
            continue
        if 'Event' in kind:
            r = w / 2
            timer = element.find('bpmn:timerEventDefinition', NS) is not None
            message = element.find('bpmn:messageEventDefinition', NS) is not None
            stroke = 4 if kind == 'endEvent' else 1.5
            dash = ' stroke-dasharray="4 3"' if element.get('cancelActivity') == 'false' else ''
            out.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{r:.0f}" fill="white" stroke="#333" stroke-width="{stroke}"{dash}/>')
            if kind in ('intermediateCatchEvent', 'boundaryEvent'):
                out.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{r - 3:.0f}" fill="none" stroke="#333"{dash}/>')
            if timer:
                out.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{r - 8:.0f}" fill="none" stroke="#333"/>'
                           f'<path d="M {cx:.0f} {cy:.0f} L {cx:.0f} {cy - r + 11:.0f} M {cx:.0f} {cy:.0f} L {cx + 6:.0f} {cy:.0f}" stroke="#333"/>')
            if message:
                out.append(f'<rect x="{cx - 9:.0f}" y="{cy - 6:.0f}" width="18" height="12" fill="none" stroke="#333"/>'
                           f'<path d="M {cx - 9:.0f} {cy - 6:.0f} L {cx:.0f} {cy + 1:.0f} L {cx + 9:.0f} {cy - 6:.0f}" fill="none" stroke="#333"/>')
        elif kind == 'eventBasedGateway':
            # the event-based gateway's marker: a double circle around a pentagon
            out.append(f'<polygon points="{cx:.0f},{y:.0f} {x + w:.0f},{cy:.0f} {cx:.0f},{y + h:.0f} {x:.0f},{cy:.0f}" '
                       'fill="#fffbe6" stroke="#333" stroke-width="1.5"/>'
                       f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="11" fill="none" stroke="#333"/>'
                       f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="8" fill="none" stroke="#333"/>'
                       f'<polygon points="{cx:.0f},{cy - 5:.0f} {cx + 5:.0f},{cy - 1:.0f} {cx + 3:.0f},{cy + 5:.0f} '
                       f'{cx - 3:.0f},{cy + 5:.0f} {cx - 5:.0f},{cy - 1:.0f}" fill="none" stroke="#333"/>')
        else:
            out.append(f'<polygon points="{cx:.0f},{y:.0f} {x + w:.0f},{cy:.0f} {cx:.0f},{y + h:.0f} {x:.0f},{cy:.0f}" '
                       'fill="#fffbe6" stroke="#333" stroke-width="1.5"/>'
                       f'<path d="M {cx - 8:.0f} {cy - 8:.0f} L {cx + 8:.0f} {cy + 8:.0f} M {cx + 8:.0f} {cy - 8:.0f} '
                       f'L {cx - 8:.0f} {cy + 8:.0f}" stroke="#333" stroke-width="2"/>')
        for i, line in enumerate(textwrap.wrap(name, 20)):
            out.append(f'<text x="{cx:.0f}" y="{y + h + 15 + i * 13:.0f}" text-anchor="middle">{escape(line)}</text>')
    out.append('</svg>')
    with open(target, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
