"""`trackside drivers import|forms`: the registrar's drivers (officials.md, "Drivers",
"Minors"); `drivers merge|unmerge`: one competitor across a season's events (championship.md,
"Who is who across events")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import app, engine_of

# Services are imported by the commands that use them, not here (cli/lazy.py).

drivers_app = typer.Typer(no_args_is_help=True,
                          help="Drivers: import the registrar's file, minors' forms, merge "
                               "competitors across a season.")
app.add_typer(drivers_app, name="drivers")

SeriesBy = Annotated[str, typer.Option("--by", metavar="NAME", help="Who decides.")]
ByOption = Annotated[str | None, typer.Option("--by", metavar="NAME",
                                              help="Who (default: the OS user).")]


@drivers_app.command("import")
def drivers_import(ctx: typer.Context, file: Path, by: ByOption = None) -> None:
    """Import drivers from FILE.csv (member_id,first_name,last_name,...); updates by member id."""
    from trackside.services.drivers import import_drivers

    report = import_drivers(engine_of(ctx), file, by=by)
    typer.echo(f"drivers: {report.added} added, {report.updated} updated, "
               f"{report.unchanged} unchanged")


@drivers_app.command("forms")
def drivers_forms(
    ctx: typer.Context,
    member_id: str,
    year: Annotated[int, typer.Option("--year", metavar="YYYY")],
    parental_consent: Annotated[bool, typer.Option("--parental-consent")] = False,
    minor_ack: Annotated[bool, typer.Option("--minor-ack")] = False,
    unrestricted_license: Annotated[bool, typer.Option("--unrestricted-license")] = False,
    by: ByOption = None,
) -> None:
    """Record a minor's forms for --year (SCCA TT II.2): consent, acknowledgement, license."""
    from trackside.core.drivers import MinorForms
    from trackside.services.drivers import record_forms

    forms = record_forms(engine_of(ctx), MinorForms(member_id, year, parental_consent, minor_ack,
                                                    unrestricted_license), by=by)
    given = [name for name, flag in (("parental consent", forms.parental_consent),
                                     ("minor's acknowledgement", forms.minor_ack),
                                     ("unrestricted driver's license",
                                      forms.unrestricted_license)) if flag]
    typer.echo(f"forms of {member_id} for {year}: {', '.join(given)}")


@drivers_app.command("unmerge")
def drivers_unmerge(
    ctx: typer.Context,
    series: str,
    merge_id: Annotated[str, typer.Argument(metavar="ID", help="The id `drivers merge` printed.")],
    by: SeriesBy,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
) -> None:
    """Revoke an identity merge in SERIES: B is its own competitor again (audited)."""
    from trackside.services.series import unmerge_drivers

    report = unmerge_drivers(engine_of(ctx), series, merge_id, by, reason)
    typer.echo(f"revoke {report.id}: merge {report.target_id} ({report.what}) no longer "
               f"stands in {series}")


@drivers_app.command("merge")
def drivers_merge(
    ctx: typer.Context,
    series: str,
    a: str,
    b: str,
    by: SeriesBy,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
) -> None:
    """Make competitor B one with A in SERIES (a member id or a full name; audited)."""
    from trackside.services.series import merge_drivers

    merge = merge_drivers(engine_of(ctx), series, a, b, by, reason)
    typer.echo(f"merge {merge.id}: {merge.b} is {merge.a} in {series}")
