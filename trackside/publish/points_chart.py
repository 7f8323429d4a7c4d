"""The points-progression chart of a class (championship.md; issue 13): the top 10, one line
per competitor, each point of a line the season total as it stood after that event (best-N
applied to the events so far). Inline SVG drawn here, so it prints and needs no JavaScript."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from trackside.core.series_records import EventInfo
from trackside.core.standings import ClassStandings, Standing

TOP = 10
WIDTH, HEIGHT = 400, 240
LEFT, RIGHT, TOP_PAD, BOTTOM = 34, 10, 10, 28
LEGEND_ROW = 16
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
DASHES = ("", "6 3", "2 2", "8 3 2 3", "", "6 3", "2 2", "8 3 2 3", "", "6 3")
"""A dash pattern as well as a colour, so lines stay apart printed in black and white."""


def progression(standing: Standing, events: Sequence[EventInfo], counted: int) -> list[int]:
    """The line's season total (hundredths) after each event: the best `counted` scores (all
    when 0) of the events so far."""
    totals = []
    so_far: list[int] = []
    for event in events:
        score = standing.score_at(event.id)
        if score is not None and score.scored:
            so_far.append(score.score)
        best = sorted(so_far, reverse=True)
        totals.append(sum(best if counted <= 0 else best[:counted]))
    return totals


def points_chart_svg(group: ClassStandings, events: Sequence[EventInfo], counted: int) -> Markup:
    lines = [s for s in group.standings if s.position is not None][:TOP]
    series = [(s, progression(s, events, counted)) for s in lines]
    highest = max((max(p, default=0) for _, p in series), default=0) or 100
    scale = _nice(highest / 100)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP_PAD - BOTTOM
    step = plot_w / max(len(events) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(events) > 1 else plot_w / 2)

    def y(value: int) -> float:
        return TOP_PAD + plot_h - plot_h * (value / 100) / scale

    legend_h = LEGEND_ROW * ((len(series) + 1) // 2) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="points-chart" role="img" '
             f'viewBox="0 0 {WIDTH} {HEIGHT + legend_h}" '
             f'aria-label="Points after each event, class {escape(group.car_class)}">',
             f"<title>Points progression, class {escape(group.car_class)}</title>"]
    for tick in range(5):
        value = round(scale * tick / 4 * 100)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" stroke="#ddd" stroke-width="1"/>'
                     f'<text x="{LEFT - 4}" y="{y(value) + 4:.1f}" font-size="10" '
                     f'text-anchor="end">{value / 100:g}</text>')  # fmt: skip
    for i, event in enumerate(events):
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 14}" font-size="10" '
                     f'text-anchor="middle"><title>{escape(event.name)} {escape(event.date)}'
                     f"</title>R{i + 1}</text>")  # fmt: skip
    for n, (standing, totals) in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(totals))
        dash = f' stroke-dasharray="{DASHES[n]}"' if DASHES[n] else ""
        parts.append(f'<polyline class="competitor" fill="none" stroke="{COLOURS[n]}" '
                     f'stroke-width="2"{dash} points="{points}">'
                     f"<title>{escape(standing.competitor)}</title></polyline>")  # fmt: skip
        lx = LEFT + (n % 2) * (plot_w / 2)
        ly = HEIGHT + LEGEND_ROW * (n // 2) + 4
        parts.append(f'<line x1="{lx:.1f}" x2="{lx + 18:.1f}" y1="{ly:.1f}" y2="{ly:.1f}" '
                     f'stroke="{COLOURS[n]}" stroke-width="2"{dash}/>'
                     f'<text x="{lx + 22:.1f}" y="{ly + 4:.1f}" font-size="11">'
                     f"{standing.position}. {escape(_short(standing.competitor))}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _nice(points: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten, at least `points`."""
    magnitude = 1.0
    while magnitude * 10 < points:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if points <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
