"""`trackside drivers import|forms`: the registrar's drivers (officials.md, "Drivers",
"Minors"). One module per command group: `drivers merge` (championships) joins it here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trackside.cli.common import app, engine_of

# Services are imported by the commands that use them, not here (cli/lazy.py).

drivers_app = typer.Typer(no_args_is_help=True,
                          help="Drivers: import the registrar's file, record minors' forms.")
app.add_typer(drivers_app, name="drivers")

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
