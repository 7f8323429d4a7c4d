"""Race commands (endurance.md): `roster import|list`, `pit stop`, `driver change`, `contact`,
`solo-exit`. Each parses, calls a service of `services/race.py`, prints one line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, csv_text, emit, engine_of, json_text

# Services are imported by the commands that use them, not here (cli/lazy.py).

roster_app = typer.Typer(no_args_is_help=True, help="Team rosters: the drivers of each car.")
pit_app = typer.Typer(no_args_is_help=True, help="Pit stops recorded by officials.")
driver_app = typer.Typer(no_args_is_help=True, help="Driver changes declared by officials.")
app.add_typer(roster_app, name="roster")
app.add_typer(pit_app, name="pit")
app.add_typer(driver_app, name="driver")

ByOption = Annotated[str, typer.Option("--by", metavar="NAME")]
ReasonOption = Annotated[str, typer.Option("--reason", metavar="TEXT")]


@roster_app.command("import")
def roster_import(ctx: typer.Context, event: str, file: Path, by: ByOption = "") -> None:
    """Import FILE.csv (`number,first_name,last_name[,member_id,driver_transponder]`): each
    car named gets exactly these drivers, in file order; other cars keep theirs."""
    from trackside.publish.formats import counted
    from trackside.services.race import import_roster

    report = import_roster(engine_of(ctx), event, file, by)
    typer.echo(f"roster: {counted(report.drivers, 'driver')} for "
               f"{counted(len(report.cars), 'car')} ({', '.join(report.cars)})")  # fmt: skip


@roster_app.command("list")
def roster_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Every car's drivers in roster order (the entry's driver when it has no roster)."""
    from trackside.services.race import event_roster

    fmt = choose(fmt, ("text", "json", "csv"))
    rows = [(entry.number, entry.extra.get("team", ""), order, driver)
            for entry, drivers in event_roster(engine_of(ctx), event)
            for order, driver in enumerate(drivers, start=1)]  # fmt: skip
    header = ("number", "team", "order", "first_name", "last_name", "member_id",
              "driver_transponder")  # fmt: skip
    table = [(n, team, order, d.first_name, d.last_name, d.member_id, d.driver_transponder)
             for n, team, order, d in rows]  # fmt: skip
    if fmt == "json":
        emit(json_text([dict(zip(header, row, strict=True)) for row in table]))
    elif fmt == "csv":
        emit(csv_text(header, table))
    else:
        emit("\n".join(f"{n:>4}  {order}. {d.name}" + (f"  ({team})" if team and order == 1
                                                       else "")
                       for n, team, order, d in rows) or "No entries.")  # fmt: skip


@pit_app.command("stop")
def pit_stop(
    ctx: typer.Context,
    event: str,
    session: str,
    number: str,
    time_in: Annotated[str, typer.Option("--in", metavar="T1", help="Into the pit lane.")],
    time_out: Annotated[str, typer.Option("--out", metavar="T2", help="Out of the pit lane.")],
    by: ByOption = "",
) -> None:
    """Record car NUMBER's pit stop from --in T1 to --out T2 (race sessions without pit loops,
    or a stop the loops missed)."""
    from trackside.publish.formats import lap_time
    from trackside.services.race import record_pit_stop
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    in_us = event_time(engine, event, time_in, "--in")
    out_us = event_time(engine, event, time_out, "--out")
    stop, added = record_pit_stop(engine, event, session, number, in_us, out_us, by)
    said = f"recorded (pit stop {stop.id})" if added else "already recorded"
    typer.echo(f"pit stop of car {number} in {session}: {lap_time(stop.out_us - stop.in_us)} "
               f"{said}")  # fmt: skip


@driver_app.command("change")
def driver_change(
    ctx: typer.Context,
    event: str,
    session: str,
    number: str,
    driver: Annotated[str, typer.Argument(metavar="DRIVER", help="A name on the car's roster.")],
    at: Annotated[str, typer.Option("--at", metavar="TIME", help="A time inside the stop.")],
    by: ByOption = "",
) -> None:
    """DRIVER took car NUMBER at the stop containing --at TIME."""
    from trackside.services.race import record_driver_change
    from trackside.services.times import event_time

    engine = engine_of(ctx)
    change = record_driver_change(engine, event, session, number, driver,
                                  event_time(engine, event, at), by)  # fmt: skip
    typer.echo(f"driver change {change.id}: {change.driver} in car {number} ({session})")


@app.command("contact")
def contact(
    ctx: typer.Context,
    event: str,
    session: str,
    number: str,
    other: Annotated[str, typer.Argument(metavar="NUMBER")],
    by: ByOption,
    reason: ReasonOption = "",
) -> None:
    """Body contact between two cars in practice or qualifying: both grid last for the race."""
    from trackside.services.race import record_contact

    decision = record_contact(engine_of(ctx), event, session, number, other, by, reason)
    typer.echo(f"decision {decision.id}: contact between cars {number} and {other} in {session}")


@app.command("solo-exit")
def solo_exit(
    ctx: typer.Context,
    event: str,
    session: str,
    number: str,
    by: ByOption,
    reason: ReasonOption = "",
) -> None:
    """Confirm car NUMBER's solo driver fully exited the car during the mandatory stop."""
    from trackside.services.race import record_solo_exit

    decision = record_solo_exit(engine_of(ctx), event, session, number, by, reason)
    typer.echo(f"decision {decision.id}: solo exit of car {number} confirmed in {session}")


def _record_rows(record: str, listed) -> list[dict]:  # type: ignore[no-untyped-def]
    from trackside.publish.formats import time_text

    rows = []
    for item in listed:
        v = item.values
        row = {"id": v["id"], "session": v["session_id"], "number": v["number"]}
        if record == "pit-stop":
            row |= {"in": time_text(v["in_us"]), "out": time_text(v["out_us"]),
                    "duration_s": (v["out_us"] - v["in_us"]) // 1000 / 1000}
        else:
            row |= {"driver": v["driver"], "at": time_text(v["at_us"])}
        revoked = item.revoked
        row |= {"author": v["author"], "recorded": time_text(v["recorded_us"]),
                "revoked": None if revoked is None else
                f"{revoked['reason']} ({revoked['author']})"}  # fmt: skip
        rows.append(row)
    return rows


def _list_records(ctx: typer.Context, event: str, record: str, fmt: str) -> None:
    from trackside.services.race import list_race_records

    fmt = choose(fmt, ("text", "json", "csv"))
    rows = _record_rows(record, list_race_records(engine_of(ctx), event, record))
    if fmt == "json":
        emit(json_text(rows))
        return
    header = list(rows[0]) if rows else ["id"]
    if fmt == "csv":
        emit(csv_text(header, [list(r.values()) for r in rows]))
        return
    from trackside.publish.text_table import text_table

    cells = [["" if v is None else str(v).replace("T", " ", 1) if k in ("in", "out", "at",
              "recorded") else str(v) for k, v in r.items()] for r in rows]  # fmt: skip
    emit("\n".join(text_table(header, cells, {0})) if rows else "None recorded.")


def _revoke_record(ctx: typer.Context, event: str, record: str, record_id: int, reason: str,
                   by: str) -> None:  # fmt: skip
    from trackside.services.race import RECORD_NAMES, revoke_race_record

    revoke_race_record(engine_of(ctx), event, record, record_id, reason, by)
    typer.echo(f"{RECORD_NAMES[record]} {record_id} revoked by {by}")


IdArgument = Annotated[int, typer.Argument(metavar="ID")]
RevokeReason = Annotated[str, typer.Option("--reason", metavar="TEXT")]
RevokeBy = Annotated[str, typer.Option("--by", metavar="NAME")]


@pit_app.command("list")
def pit_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Every official pit stop with its id, who recorded it and when, revoked ones marked."""
    _list_records(ctx, event, "pit-stop", fmt)


@pit_app.command("revoke")
def pit_revoke(ctx: typer.Context, event: str, record_id: IdArgument, reason: RevokeReason,
               by: RevokeBy) -> None:  # fmt: skip
    """Revoke pit stop ID recorded by mistake (it stays listed, marked)."""
    _revoke_record(ctx, event, "pit-stop", record_id, reason, by)


@driver_app.command("list")
def driver_list(ctx: typer.Context, event: str, fmt: FormatOption = "text") -> None:
    """Every declared driver change with its id, who recorded it and when, revoked ones marked."""
    _list_records(ctx, event, "driver-change", fmt)


@driver_app.command("revoke")
def driver_revoke(ctx: typer.Context, event: str, record_id: IdArgument, reason: RevokeReason,
                  by: RevokeBy) -> None:  # fmt: skip
    """Revoke driver change ID recorded by mistake (it stays listed, marked)."""
    _revoke_record(ctx, event, "driver-change", record_id, reason, by)
