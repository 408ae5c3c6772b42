"""Small drawings of each exercise: where the foot is and which way it moves.

Plain SVG strings, drawn by the app itself (no photos to license), shown on the routine page
and embedded in the PDF handout. Each drawing is a few shapes: a foot seen from the side or
from above, the floor, the prop (chair, wall, towel, band, ball, pencil) and an orange arrow
for the movement.
"""

from __future__ import annotations

import math

W, H = 200, 140
FLOOR = 118
INK = "#2E7D6B"
FILL = "#D9EDE7"
MOVE = "#E65100"
PROP = "#8D6E63"


def _svg(body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}"><defs><marker id="a" markerWidth="8" markerHeight="8" '
        f'refX="6" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{MOVE}"/></marker>'
        f'</defs><rect width="{W}" height="{H}" fill="white"/>{body}</svg>'
    )


def _floor() -> str:
    return (
        f'<line x1="8" y1="{FLOOR}" x2="{W - 8}" y2="{FLOOR}" stroke="#9E9E9E" stroke-width="2"/>'
    )


def _arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{MOVE}" '
        f'stroke-width="3" marker-end="url(#a)"/>'
    )


def _arc_arrow(cx: float, cy: float, r: float, start: float = 200, end: float = 520) -> str:
    points = []
    for step in range(25):
        angle = math.radians(start + (end - start) * step / 24)
        points.append(f"{cx + r * math.cos(angle):.1f},{cy + r * math.sin(angle):.1f}")
    return (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{MOVE}" stroke-width="3" '
        f'marker-end="url(#a)"/>'
    )


def _foot_side(x: float, floor: float = FLOOR, heel_up: float = 0, toes_up: float = 0) -> str:
    """A right foot seen from its inner side: heel at x, toes to the right, shin going up."""
    heel_y = floor - heel_up
    toe_y = floor - toes_up
    path = (
        f"M{x},{heel_y} "
        f"C{x - 6},{heel_y - 18} {x + 4},{heel_y - 30} {x + 14},{heel_y - 34} "  # back of heel
        f"L{x + 22},{heel_y - 60} L{x + 40},{heel_y - 60} "  # shin
        f"L{x + 42},{heel_y - 34} "
        f"C{x + 60},{(heel_y + toe_y) / 2 - 26} {x + 78},{toe_y - 14} {x + 92},{toe_y - 6} "
        f"Q{x + 98},{toe_y - 2} {x + 94},{toe_y} "  # toes
        f"C{x + 70},{toe_y} {x + 60},{toe_y - 6} {x + 46},{(heel_y + toe_y) / 2 - 6} "  # arch
        f"C{x + 30},{heel_y - 2} {x + 14},{heel_y} {x},{heel_y} Z"
    )
    return f'<path d="{path}" fill="{FILL}" stroke="{INK}" stroke-width="2"/>'


def _foot_top(cx: float, cy: float, scale: float = 1.0, spread: float = 1.0, lift: str = "") -> str:
    """A right foot seen from above, toes up. ``lift``: 'big' or 'small' toes drawn raised."""
    s = scale
    parts = [
        f'<path d="M{cx - 14 * s},{cy + 40 * s} C{cx - 22 * s},{cy + 10 * s} {cx - 22 * s},'
        f"{cy - 18 * s} {cx - 16 * s},{cy - 28 * s} L{cx + 18 * s},{cy - 24 * s} "
        f"C{cx + 22 * s},{cy - 6 * s} {cx + 14 * s},{cy + 20 * s} {cx + 12 * s},{cy + 40 * s} "
        f'C{cx + 8 * s},{cy + 52 * s} {cx - 10 * s},{cy + 52 * s} {cx - 14 * s},{cy + 40 * s} Z" '
        f'fill="{FILL}" stroke="{INK}" stroke-width="2"/>'
    ]
    toes = [(-12, -36, 7), (0, -38, 5), (8, -36, 4.5), (15, -33, 4), (21, -29, 3.5)]
    for index, (dx, dy, r) in enumerate(toes):
        raised = (lift == "big" and index == 0) or (lift == "small" and index > 0)
        fill = MOVE if raised else FILL
        parts.append(
            f'<circle cx="{cx + dx * s * spread:.1f}" cy="{cy + dy * s:.1f}" r="{r * s:.1f}" '
            f'fill="{fill}" stroke="{INK}" stroke-width="1.5"/>'
        )
    return "".join(parts)


def _chair(x: float) -> str:
    return (
        f'<g stroke="{PROP}" stroke-width="4" fill="none"><line x1="{x}" y1="{FLOOR}" '
        f'x2="{x}" y2="{FLOOR - 40}"/><line x1="{x + 40}" y1="{FLOOR}" x2="{x + 40}" '
        f'y2="{FLOOR - 40}"/><line x1="{x - 2}" y1="{FLOOR - 40}" x2="{x + 42}" '
        f'y2="{FLOOR - 40}"/><line x1="{x}" y1="{FLOOR - 40}" x2="{x}" y2="{FLOOR - 90}"/></g>'
    )


def _wall(x: float) -> str:
    return f'<rect x="{x}" y="10" width="14" height="{FLOOR - 10}" fill="#CFD8DC"/>'


def _label(text: str) -> str:
    return (
        f'<text x="{W / 2}" y="{H - 4}" font-size="11" text-anchor="middle" '
        f'fill="#455A64" font-family="DejaVu Sans, sans-serif">{text}</text>'
    )


def _leg_lying(x: float, angle_deg: float) -> str:
    a = math.radians(angle_deg)
    hx, hy = x + 90 * math.cos(a), FLOOR - 6 - 90 * math.sin(a)
    return (
        f'<line x1="{x - 60}" y1="{FLOOR - 6}" x2="{x}" y2="{FLOOR - 6}" stroke="{INK}" '
        f'stroke-width="10" stroke-linecap="round"/><line x1="{x}" y1="{FLOOR - 6}" '
        f'x2="{hx:.0f}" y2="{hy:.0f}" stroke="{INK}" stroke-width="9" stroke-linecap="round"/>'
    ), (hx, hy)


def figure_svg(kind: str) -> str:
    """The drawing for a catalogue ``figure`` kind."""
    f = _floor()
    if kind == "ankle_circle":
        body = _foot_side(55, FLOOR - 30) + _arc_arrow(150, FLOOR - 40, 16) + f
        return _svg(body + _label("slow circles / letters with the toes"))
    if kind == "knee_over_toe":
        body = _chair(120) + _foot_side(110, FLOOR - 40) + _arrow(140, 40, 175, 40) + f
        return _svg(body + _label("knee travels forward over the toes"))
    if kind == "tiptoe":
        body = (
            _foot_side(50, FLOOR, heel_up=22)
            + _arrow(40, 70, 40, 40)
            + _arrow(150, 100, 190, 100)
            + f
        )
        return _svg(body + _label("heels high, walk forward"))
    if kind == "heel_walk":
        body = _foot_side(50, FLOOR, toes_up=24) + _arrow(160, 80, 160, 60) + f
        return _svg(body + _label("toes up, walk on the heels"))
    if kind == "toe_press":
        body = _foot_side(50) + _arrow(150, 92, 150, 112) + f
        return _svg(body + _label("press the toes into the floor, hold"))
    if kind == "toe_stretch":
        body = _foot_top(100, 60) + _arc_arrow(100, 24, 14, 180, 360)
        return _svg(body + _label("gently bend the toes each way"))
    if kind == "pencil":
        body = (
            _foot_side(50, FLOOR - 10)
            + f'<rect x="120" y="{FLOOR - 8}" width="60" height="5" fill="#FBC02D" '
            f'stroke="{PROP}"/>' + _arrow(150, 90, 150, 72) + f
        )
        return _svg(body + _label("grip the pencil with the toes, lift"))
    if kind == "wall_stretch":
        body = (
            _wall(176)
            + _foot_side(20)
            + f'<line x1="50" y1="{FLOOR - 60}" x2="170" y2="30" stroke="{INK}" stroke-width="8" '
            f'stroke-linecap="round"/>' + _arrow(110, 70, 140, 55) + f
        )
        return _svg(body + _label("back heel down, lean towards the wall"))
    if kind == "towel_stretch":
        leg, (hx, hy) = _leg_lying(70, 55)
        towel = (
            f'<path d="M{hx:.0f},{hy:.0f} L{hx - 30:.0f},{hy + 40:.0f}" stroke="{PROP}" '
            f'stroke-width="3" fill="none"/>'
        )
        return _svg(
            leg + towel + _arrow(150, 60, 130, 30) + f + _label("straight knee, pull the towel")
        )
    if kind == "toe_reach":
        leg, (hx, hy) = _leg_lying(60, 0)
        return _svg(leg + _arrow(40, 60, 120, 80) + f + _label("reach forward to the toes"))
    if kind in ("band_push", "band_pull"):
        body = _foot_side(60, FLOOR - 30, toes_up=0 if kind == "band_push" else 14)
        band = (
            f'<path d="M150,{FLOOR - 40} Q175,{FLOOR - 60} 195,{FLOOR - 45}" stroke="#7B1FA2" '
            f'stroke-width="3" fill="none"/>'
        )
        move = _arrow(165, 50, 185, 70) if kind == "band_push" else _arrow(175, 70, 160, 45)
        label = (
            "push the foot away into the band"
            if kind == "band_push"
            else "pull the toes up against the band"
        )
        return _svg(body + band + move + f + _label(label))
    if kind == "ball_massage":
        body = (
            _foot_side(50, FLOOR - 14)
            + f'<circle cx="110" cy="{FLOOR - 8}" r="8" fill="#C0CA33" stroke="{PROP}"/>'
            + _arrow(80, 126, 140, 126)
            + f
        )
        return _svg(body + _label("roll the ball under the arch"))
    if kind == "heel_raise":
        body = _foot_side(50, FLOOR, heel_up=22) + _arrow(30, 90, 30, 55) + f
        return _svg(body + _label("rise slowly, lower slower"))
    if kind == "towel_curl":
        towel = (
            f'<path d="M90,{FLOOR - 2} q10,-10 20,0 q10,-10 20,0 q10,-10 20,0 L190,{FLOOR - 2}" '
            f'stroke="{PROP}" stroke-width="4" fill="none"/>'
        )
        return _svg(
            _foot_side(30)
            + towel
            + _arrow(180, 100, 140, 100)
            + f
            + _label("scrunch the towel towards you")
        )
    if kind == "toe_yoga":
        body = _foot_top(60, 62, lift="big") + _foot_top(140, 62, lift="small")
        return _svg(body + _label("big toe up, then the other four"))
    if kind == "short_foot":
        body = _foot_side(50) + _arrow(110, 112, 80, 112) + _arrow(95, 100, 95, 84) + f
        return _svg(body + _label("shorten the foot, dome the arch"))
    if kind == "toe_splay":
        body = _foot_top(100, 62, spread=1.4) + _arrow(70, 24, 55, 18) + _arrow(130, 30, 148, 24)
        return _svg(body + _label("spread the toes apart, hold"))
    if kind == "balance":
        body = (
            _foot_side(60)
            + f'<line x1="86" y1="{FLOOR - 60}" x2="86" y2="10" stroke="{INK}" stroke-width="8"/>'
            + f'<line x1="110" y1="70" x2="140" y2="60" stroke="{INK}" stroke-width="8" '
            f'stroke-linecap="round"/>' + _arc_arrow(150, 30, 10, 160, 380) + f
        )
        return _svg(body + _label("stand on one foot, arch lifted"))
    return _svg(_foot_top(100, 62) + _label(kind.replace("_", " ")))
