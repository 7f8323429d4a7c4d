"""`trackside series import|bonus|bonus-revoke` and `standings`: season championships
(championship.md); `drivers merge|unmerge` are in `cli/drivers.py`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import FormatOption, OutOption, app, choose, emit, engine_of, now_text

# Services are imported by the commands that use them, not here (cli/lazy.py).

series_app = typer.Typer(no_args_is_help=True,
                         help="Season championships: import a series, an official's bonus.")
app.add_typer(series_app, name="series")

ByOption = Annotated[str, typer.Option("--by", metavar="NAME", help="Who decides.")]
STANDINGS_FORMATS = ("text", "json", "csv", "html", "pdf")


@series_app.command("import")
def series_import(ctx: typer.Context, file: Path, by: ByOption = "") -> None:
    """Import a series file (TOML); the same series id again updates it."""
    from trackside.services.author import author_or_user
    from trackside.services.series import import_series

    report = import_series(engine_of(ctx), file, author_or_user(by))
    typer.echo(f"series {report.id}: {report.outcome} ({report.events} events)")


@series_app.command("bonus")
def series_bonus(
    ctx: typer.Context,
    series: str,
    event: str,
    number: str,
    kind: Annotated[str, typer.Option("--kind", metavar="KIND",
                                      help="on-the-move or fast-five.")],
    by: ByOption,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")] = "",
) -> None:
    """Give car NUMBER an official's bonus point at EVENT (one of each kind per class)."""
    from trackside.services.series import add_bonus

    bonus = add_bonus(engine_of(ctx), series, event, number, kind, by, reason)
    typer.echo(f"bonus {bonus.id}: +1 {bonus.kind} to car {number} at {event} in {series}")


@series_app.command("bonus-revoke")
def series_bonus_revoke(
    ctx: typer.Context,
    series: str,
    bonus_id: Annotated[str, typer.Argument(metavar="ID", help="The id `series bonus` printed.")],
    by: ByOption,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
) -> None:
    """Revoke an official's bonus point in SERIES (an audited decision)."""
    from trackside.services.series import revoke_bonus

    report = revoke_bonus(engine_of(ctx), series, bonus_id, by, reason)
    typer.echo(f"revoke {report.id}: bonus {report.target_id} ({report.what}) no longer "
               f"stands in {series}")


@app.command("standings")
def standings(
    ctx: typer.Context,
    series: str,
    car_class: Annotated[str | None, typer.Option("--class", metavar="C")] = None,
    fmt: FormatOption = "text",
    target: OutOption = None,
) -> None:
    """Season standings per class: every point explained (text, json, csv, html, pdf)."""
    from trackside.publish.standings_render import render_standings
    from trackside.services.standings import season_standings

    fmt = choose(fmt, STANDINGS_FORMATS)
    season = season_standings(engine_of(ctx), series, car_class=car_class,
                              generated_at=now_text())  # fmt: skip
    rendered = render_standings(season, fmt)
    if isinstance(rendered, bytes):
        _emit_bytes(rendered, target)
    else:
        emit(rendered, target)


def _emit_bytes(data: bytes, target: Path | None) -> None:
    if target is None:
        sys.stdout.buffer.write(data)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    typer.echo(f"wrote {target}")
