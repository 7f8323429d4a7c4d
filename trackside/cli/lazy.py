"""Commands by name, imported only when run: `trackside --help` lists them from this table
without importing a single command module (each pulls in services, SQLAlchemy, the recorders).

A row is a top-level command or command group: the module whose import registers it on the
shared app (`cli/common.py`), and the one-line help `--help` lists (the first paragraph of the
command's docstring, or the group's `help=`). `tests/test_cli_lazy.py` fails when a row drifts
from what the modules really register. Adding a command: docs/cli.md, "Adding a command".
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from typer.core import TyperCommand, TyperGroup

from trackside.cli.plain_params import plain_values

if TYPE_CHECKING:
    import typer


class Lazy(NamedTuple):
    module: str
    help: str


COMMANDS: dict[str, Lazy] = {
    "serve": Lazy("trackside.cli.serve",
                  "Serve live timing, results pages and their JSON twins until Ctrl-C."),
    "classify": Lazy("trackside.cli.classify",
                     "Which class a car is in, with the rule path (SCCA Time Trials rules VII)."),
    "finalize": Lazy("trackside.cli.decisions",
                     "Declare the event's results official (undo with `penalty revoke EVENT ID`)."),
    "demo": Lazy("trackside.cli.demo",
                 "Generate a realistic event, import it, score it and publish its site."),
    "flag": Lazy("trackside.cli.flags",
                 "Flags: record one (`flag EVENT SESSION STATE --at TIME` is `flag add`), list, "
                 "revoke."),
    "results": Lazy("trackside.cli.results", "Event results (or one session's with --session)."),
    "laps": Lazy("trackside.cli.results", "Every lap of every car in one session (a lap chart)."),
    "grid": Lazy("trackside.cli.grid",
                 "A session's grid: its groups' cars by best time of the earlier sessions, then "
                 "by number."),
    "publish": Lazy("trackside.cli.results",
                    "Write the event's results site (HTML pages with JSON twins) to DIR."),
    "event": Lazy("trackside.cli.events", "Event definitions (TOML)."),
    "entries": Lazy("trackside.cli.events", "Entry lists (CSV, MotorsportReg export)."),
    "passings": Lazy("trackside.cli.passings", "Transponder passings."),
    "flags": Lazy("trackside.cli.flags", "Flags from a file."),
    "penalty": Lazy("trackside.cli.decisions", "Officials' decisions."),
    "rmonitor": Lazy("trackside.cli.rmonitor",
                     "Orbits RMonitor feeds: replay a recording, follow a live feed."),
    "decoder": Lazy("trackside.cli.decoder", "P3 decoders: follow one, or simulate one."),
    "lights": Lazy("trackside.cli.lights",
                   "Timing lights: import a recorded file, follow a serial timer."),
    "run": Lazy("trackside.cli.runs",
                "TrackSprint and HillClimb runs: the starter's releases, a car leaving the "
                "course."),
    "rerun": Lazy("trackside.cli.runs", "Re-runs (SCCA VI.1.2.7, RMD 2.7)."),
    "runs": Lazy("trackside.cli.runs",
                 "Every run of every car in a TrackSprint or HillClimb session."),
    "roster": Lazy("trackside.cli.race", "Team rosters: the drivers of each car."),
    "pit": Lazy("trackside.cli.race", "Pit stops recorded by officials."),
    "driver": Lazy("trackside.cli.race", "Driver changes declared by officials."),
    "contact": Lazy("trackside.cli.race",
                    "Body contact between two cars in practice or qualifying: both grid last "
                    "for the race."),
    "solo-exit": Lazy("trackside.cli.race",
                      "Confirm car NUMBER's solo driver fully exited the car during the "
                      "mandatory stop."),
    "drivers": Lazy("trackside.cli.drivers",
                    "Drivers: import the registrar's file, minors' forms, merge competitors "
                    "across a season."),
    "satisfactory": Lazy("trackside.cli.licenses",
                         "Mark car NUMBER's entry satisfactory or not (a decision; `no` needs "
                         "--reason)."),
    "license": Lazy("trackside.cli.licenses",
                    "Licenses: upgrade status from a driver's events, officials' grants "
                    "(SCCA TT II.4-II.6)."),
    "query": Lazy("trackside.cli.queries",
                  "Compliance queries: file (with the rulebook's fee), waive, answer, list."),
    "impound": Lazy("trackside.cli.queries", "Impound: record a car's release."),
    "report": Lazy("trackside.cli.reports",
                   "Reports: participants and queries (CSV), a race's stints and pit stops."),
    "groups": Lazy("trackside.cli.groups",
                   "Run groups: suggest them by license grade and experience."),
    "audit": Lazy("trackside.cli.audit",
                  "Every change (decisions, flags, entries, passings by hand): who, when, why "
                  "and what."),
    "user": Lazy("trackside.cli.accounts",
                 "Officials' accounts: add, list, disable, API tokens."),
    "series": Lazy("trackside.cli.series",
                   "Season championships: import a series, an official's bonus."),
    "standings": Lazy("trackside.cli.series",
                      "Season standings per class: every point explained (text, json, csv, "
                      "html, pdf)."),
    "tech": Lazy("trackside.cli.tech",
                 "Tech inspection: each car's status (pending, passed, failed), who and when."),
    "reclassify": Lazy("trackside.cli.tech",
                       "Move car NUMBER to CLASS for the whole event (a decision; `penalty "
                       "revoke` undoes it)."),
}  # fmt: skip
"""Command name -> the module registering it and its one-line help, in `--help` order."""


class Listed(TyperCommand):
    """Stands in for a command whose module is not imported yet: enough for `--help` to list it
    (name and help); resolving it to run (or to show its own help) imports the real one."""


class LazyGroup(TyperGroup):
    """A Typer group whose commands in `COMMANDS` are imported when invoked, not before.

    `typer_app` is the Typer app the command modules register on (set by `cli/common.py`)."""

    typer_app: typer.Typer | None = None
    lazy: dict[str, Lazy] = COMMANDS

    def __init__(self, *, commands: Any = None, **attrs: Any) -> None:
        super().__init__(commands=commands, **attrs)
        built = dict(self.commands)
        self.commands = {name: self._present(name, built.get(name)) for name in self.lazy}
        self.commands.update((n, c) for n, c in built.items() if n not in self.lazy)
        plain_values(self)

    def _present(self, name: str, built: Any) -> Any:
        """The command Typer built when its module was already imported, else a `Listed`."""
        if built is not None and self.lazy[name].module in sys.modules:
            return built
        return Listed(name, help=self.lazy[name].help)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[Any, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, Listed) and name is not None:
            command = self.commands[name] = self.load(name)
        return name, command, rest

    def load(self, name: str) -> Any:
        """Import the module of command `name` and build the command it registered."""
        import typer.main

        importlib.import_module(self.lazy[name].module)
        if self.typer_app is None:
            raise RuntimeError("LazyGroup.typer_app is not set")
        command = typer.main.get_group(self.typer_app).commands.get(name)
        if command is None or isinstance(command, Listed):
            raise RuntimeError(f"{self.lazy[name].module} does not register command {name!r}")
        return plain_values(command, typer.Context(self, **(self.context_settings or {})))
