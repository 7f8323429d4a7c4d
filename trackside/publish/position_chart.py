"""The race's position chart, drawn server-side as an inline SVG: x = lap, y = position, one
polyline per car, each labelled with its car number at both ends (colour is never the only
key). Positions on lap k rank the cars that completed k laps by when they completed it, as a
lap chart counts them (endurance.md, "Laps in a race")."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from trackside.core.race_results import RaceEntryResult, RaceResult

PALETTE = ("#0b4fa8", "#c0392b", "#1e7b34", "#8e44ad", "#d35400", "#16616e", "#7f6000",
           "#b0306e", "#333333", "#4a6d00")  # fmt: skip
"""Line colours, dark enough on white; repeated past ten cars (the labels tell them apart)."""
STEP_X = 24
STEP_Y = 22
MARGIN = 34


def lap_positions(result: RaceResult) -> dict[str, list[int]]:
    """Car number -> its position at the end of laps 1, 2, ... (as many as it completed)."""
    by_lap: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for entry in result.entries:
        for lap in entry.lap_list:
            by_lap[lap.lap].append((lap.end_us, entry.number))
    positions: dict[str, list[int]] = defaultdict(list)
    for lap_number in sorted(by_lap):
        for place, (_, number) in enumerate(sorted(by_lap[lap_number]), start=1):
            positions[number].append(place)
    return dict(positions)


def position_svg(result: RaceResult) -> str:
    """The chart as an `<svg>` element at its own size, shrunk to fit a narrower container
    (the stylesheet's `max-width: 100%`); '' when no car has a lap."""
    positions = lap_positions(result)
    if not positions:
        return ""
    laps = max(len(p) for p in positions.values())
    cars = max(max(p) for p in positions.values())
    width = 2 * MARGIN + max(laps - 1, 1) * STEP_X
    height = 2 * MARGIN + max(cars - 1, 1) * STEP_Y
    parts = [f'<svg class="position-chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" preserveAspectRatio="xMinYMin meet" '
             'xmlns="http://www.w3.org/2000/svg">',
             f"<title>Position chart: {escape(result.session_name or result.session_id)}, "
             "position (down) by lap (across)</title>"]  # fmt: skip
    parts += _axes(laps, cars, width, height)
    ordered = [e for e in result.entries if e.number in positions]
    for index, entry in enumerate(ordered):
        parts += _line(entry, positions[entry.number], PALETTE[index % len(PALETTE)])
    parts.append("</svg>")
    return "".join(parts)


def _x(lap: int) -> int:
    return MARGIN + (lap - 1) * STEP_X


def _y(position: int) -> int:
    return MARGIN + (position - 1) * STEP_Y


def _axes(laps: int, cars: int, width: int, height: int) -> list[str]:
    parts = []
    for lap in range(1, laps + 1):
        if lap == 1 or lap == laps or lap % 5 == 0:
            parts.append(f'<text x="{_x(lap)}" y="{height - 8}" font-size="10" '
                         f'text-anchor="middle">{lap}</text>')  # fmt: skip
    for position in range(1, cars + 1):
        parts.append(f'<line x1="{MARGIN}" x2="{width - MARGIN}" y1="{_y(position)}" '
                     f'y2="{_y(position)}" stroke="#ddd" stroke-width="1"/>')  # fmt: skip
    parts.append(f'<text x="{MARGIN}" y="12" font-size="10">lap</text>')
    return parts


def _line(entry: RaceEntryResult, positions: list[int], colour: str) -> list[str]:
    number = escape(entry.number)
    points = " ".join(f"{_x(lap)},{_y(place)}" for lap, place in enumerate(positions, start=1))
    last = len(positions)
    return [
        f'<g class="car" data-number="{number}">',
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>',
        f'<text x="{_x(1) - 6}" y="{_y(positions[0]) + 4}" font-size="11" text-anchor="end" '
        f'fill="{colour}">{number}</text>',
        f'<text x="{_x(last) + 6}" y="{_y(positions[-1]) + 4}" font-size="11" '
        f'fill="{colour}">{number}</text>',
        "</g>",
    ]  # fmt: skip
