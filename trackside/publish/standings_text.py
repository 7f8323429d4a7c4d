"""Season standings as text and CSV (championship.md, "Standings"): a table per class, each
event's score with `*` for a dropped one and `+N` for bonuses."""

from __future__ import annotations

import csv
import io

from trackside.core.event_scores import EventScore
from trackside.core.standings import SeasonStandings, Standing
from trackside.publish.standings_doc import points_text
from trackside.publish.text_table import text_table


def standings_text(season: SeasonStandings) -> str:
    series = season.series
    lines = [f"{series.name} ({series.id}): {series.scheme}, "
             + (f"best {series.counted} count" if series.counted else "every event counts")
             + (f", ranked from {series.min_events} events" if series.min_events else "")]
    if season.generated_at:
        lines.append(f"generated {season.generated_at.replace('T', ' ')}")
    events = [e.id for e in season.events]
    lines += [f"R{i}  {e.id}  {e.date}  {e.name}" for i, e in enumerate(season.events, 1)]
    decimals = season.scheme.decimals
    for group in season.classes:
        lines += ["", f"Class {group.car_class}"]
        headers = ["Pos", "Competitor", "Total", "Ev",
                   *(f"R{i}" for i in range(1, len(events) + 1)), "Tie-break"]
        rows = [[_position(s), s.competitor, points_text(s.total, decimals), str(s.events),
                 *(_cell(s.score_at(e), decimals) for e in events), s.tie_break or ""]
                for s in group.standings]  # fmt: skip
        lines += text_table(headers, rows, right={0, 2, 3, *range(4, 4 + len(events))})
    lines += ["", "* dropped; +N bonus points; - not scored"]
    return "\n".join(lines) + "\n"


def _position(standing: Standing) -> str:
    return "" if standing.position is None else str(standing.position)


def _cell(score: EventScore | None, decimals: int) -> str:
    if score is None:
        return ""
    if not score.scored:
        return "-"
    text = points_text(score.points, decimals)
    if score.bonus:
        text += "+" + points_text(score.bonus, decimals)
    return text if score.counted else f"*{text}"


CSV_HEADER = ("series", "class", "position", "competitor", "member_id", "total", "events",
              "tie_break", "event", "number", "status", "class_position", "points", "bonus",
              "bonus_reasons", "counted")  # fmt: skip


def standings_csv(season: SeasonStandings) -> str:
    """A row per competitor and event scored or entered."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    decimals = season.scheme.decimals
    for group in season.classes:
        for s in group.standings:
            for e in s.scores:
                writer.writerow([
                    season.series.id, group.car_class, _position(s), s.competitor,
                    s.member_id or "", points_text(s.total, decimals), s.events,
                    s.tie_break or "", e.event_id, e.number, e.status,
                    "" if e.class_position is None else e.class_position,
                    points_text(e.points, decimals), points_text(e.bonus, decimals),
                    "; ".join(e.bonus_reasons), "yes" if e.counted else "no",
                ])  # fmt: skip
    return buffer.getvalue()
