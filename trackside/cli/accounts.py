"""`trackside user add|list|disable|token`: officials' accounts (console.md, "Accounts").

Run on the machine that holds the database: the CLI is always allowed to manage accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from trackside.cli.common import FormatOption, app, choose, emit, engine_of, json_text

user_app = typer.Typer(no_args_is_help=True,
                       help="Officials' accounts: add, list, disable, API tokens.")  # fmt: skip
app.add_typer(user_app, name="user")


def _password() -> str:
    """The password: the first line of stdin when it is not a terminal, else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    name: str,
    role: Annotated[list[str], typer.Option("--role", metavar="ROLE",
                                            help="event-lead, competition-director, "
                                                 "timing-chief, registrar, tech, driver-coach, "
                                                 "pit-marshal (repeat for several).")],
) -> None:
    """Add an account NAME with its roles; the password is read from stdin (or asked)."""
    from trackside.services.accounts import add_user

    account = add_user(engine_of(ctx), name, role, _password())
    typer.echo(f"user {account.name}: {', '.join(account.roles)}")


@user_app.command("list")
def user_list(ctx: typer.Context, fmt: FormatOption = "text") -> None:
    """Every account with its roles; disabled ones say so."""
    from trackside.services.accounts import list_users

    fmt = choose(fmt, ("text", "json"))
    users = list_users(engine_of(ctx))
    if fmt == "json":
        emit(json_text([{"name": u.name, "roles": list(u.roles), "disabled": u.disabled}
                        for u in users]))  # fmt: skip
        return
    for user in users:
        state = "  (disabled)" if user.disabled else ""
        typer.echo(f"{user.name:<20} {', '.join(user.roles)}{state}")


@user_app.command("disable")
def user_disable(ctx: typer.Context, name: str) -> None:
    """Disable an account: it can no longer sign in; its sessions and tokens stop working."""
    from trackside.services.accounts import disable_user

    disable_user(engine_of(ctx), name)
    typer.echo(f"user {name}: disabled")


@user_app.command("token")
def user_token(ctx: typer.Context, name: str) -> None:
    """Print a new API token for NAME (shown once; only its hash is stored)."""
    from trackside.services.accounts import new_token

    typer.echo(new_token(engine_of(ctx), name))
