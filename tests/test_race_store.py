"""Race facts in the store (endurance.md), on SQLite and PostgreSQL: rosters replaced per car,
official pit stops stored once, driver changes, and the race decision columns, all read back by
`load_facts` exactly as written."""

from __future__ import annotations

from tests.scenario import t
from trackside.core.records import Decision, DecisionKind, DriverChange, PitStopRecord, RosterDriver
from trackside.services import import_event
from trackside.store import load_facts
from trackside.store.database import writing
from trackside.store.journal import append_decision
from trackside.store.race_facts import (
    append_driver_change,
    append_pit_stop,
    replace_roster,
    roster_in,
)

EVENT = """\
[event]
id = "enduro"
name = "Enduro"
date = "2026-05-16"

[[session]]
id = "P1"
format = "practice"
"""

ANN = RosterDriver("7", "Ann", "Lee", "M1", "D-701")
BOB = RosterDriver("7", "Bob", "Ray")
CY = RosterDriver("12", "Cy", "Dee", None, "D-1201")


def _event(engine, tmp_path) -> None:
    path = tmp_path / "enduro.toml"
    path.write_text(EVENT, encoding="utf-8")
    import_event(engine, path, by="Timing")


def test_a_roster_import_replaces_only_the_cars_it_names(engine, tmp_path):
    _event(engine, tmp_path)
    with writing(engine) as conn:
        assert replace_roster(conn, "enduro", [BOB, ANN, CY], "Sue") == ["7", "12"]
    with writing(engine) as conn:
        assert replace_roster(conn, "enduro", [ANN, BOB], "Sue") == ["7"]
    with engine.connect() as conn:
        assert roster_in(conn, "enduro") == (CY, ANN, BOB)
    assert load_facts(engine, "enduro").roster == (CY, ANN, BOB)


def test_pit_stops_are_stored_once_in_time_order_with_their_author(engine, tmp_path):
    _event(engine, tmp_path)
    late = PitStopRecord("R1", "7", t("11:00:00"), t("11:01:30"))
    early = PitStopRecord("R1", "12", t("10:30:00"), t("10:31:00"))
    with writing(engine) as conn:
        assert append_pit_stop(conn, "enduro", late, "Pit marshal")
        assert append_pit_stop(conn, "enduro", early, "Pit marshal")
        assert not append_pit_stop(conn, "enduro", late, "Someone else")
    stops = load_facts(engine, "enduro").pit_stops
    assert stops == (early, late)
    assert [(s.author, s.id is not None) for s in stops] == [("Pit marshal", True)] * 2


def test_driver_changes_read_back_in_time_order(engine, tmp_path):
    _event(engine, tmp_path)
    with writing(engine) as conn:
        second = append_driver_change(conn, "enduro", DriverChange("R1", "7", "Ann Lee",
                                                                   t("12:00:00")), "Steward")
        first = append_driver_change(conn, "enduro", DriverChange("R1", "7", "Bob Ray",
                                                                  t("11:00:30")), "Steward")
    changes = load_facts(engine, "enduro").driver_changes
    assert changes == (first, second)
    assert [(c.driver, c.author) for c in changes] == [("Bob Ray", "Steward"),
                                                        ("Ann Lee", "Steward")]


def test_the_race_decision_columns_round_trip(engine, tmp_path):
    _event(engine, tmp_path)
    made = [
        Decision(0, DecisionKind.CONTACT, "7", "P1", other_number="12", author="Steward"),
        Decision(0, DecisionKind.DRIVE_THROUGH, "7", "R1", served_us=t("11:20:00")),
        Decision(0, DecisionKind.LAPS_DEDUCTED, "12", "R1", count=2),
        Decision(0, DecisionKind.TIME_ADDED, "12", "R1", penalty_us=30_000_000),
    ]
    with writing(engine) as conn:
        stored = [append_decision(conn, "enduro", d) for d in made]
        served = append_decision(conn, "enduro", Decision(
            0, DecisionKind.PENALTY_SERVED, "7", "R1", served_us=t("11:25:00"),
            serves=stored[1].id))
    assert load_facts(engine, "enduro").decisions == (*stored, served)
    assert served.serves == stored[1].id


# --- the results cache keeps up with every race fact (core/session_inputs.race_facts) -------


def _race_day(engine, tmp_path) -> None:
    from tests.test_cli_race import ENTRIES_CSV, EVENT_TOML, FLAGS_CSV, ROSTER_CSV, _passings_csv
    from trackside.services import import_entries, import_passings
    from trackside.services.flags import import_flags
    from trackside.services.race import import_roster

    files = {"event.toml": EVENT_TOML, "entries.csv": ENTRIES_CSV, "roster.csv": ROSTER_CSV,
             "passings.csv": _passings_csv(), "flags.csv": FLAGS_CSV}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    import_event(engine, tmp_path / "event.toml")
    import_entries(engine, "enduro", tmp_path / "entries.csv")
    import_roster(engine, "enduro", tmp_path / "roster.csv")
    import_passings(engine, "enduro", tmp_path / "passings.csv")
    import_flags(engine, "enduro", tmp_path / "flags.csv")


def test_any_sequence_of_race_facts_gives_a_full_scores_results(engine, tmp_path):
    """Official pit stops, driver changes, race decisions, penalties served, revokes, roster
    re-imports and cache deletions in a seeded random order: after each, the race through the
    results cache equals a full score of the stored facts."""
    import random

    from trackside.rules import scored
    from trackside.services.decisions import add_decision, revoke_decision
    from trackside.services.race import (
        import_roster,
        record_driver_change,
        record_pit_stop,
        record_solo_exit,
        serve_penalty,
    )
    from trackside.services.results import event_results
    from trackside.store.results_cache import clear_cache

    _race_day(engine, tmp_path)
    rnd = random.Random(12)
    made: list[int] = []
    servable: list[int] = []
    for step in range(16):
        car = rnd.choice(["7", "12", "21"])
        minute = rnd.randint(1, 9)
        action = rnd.choice(["stop", "change", "decision", "decision", "serve", "revoke",
                             "roster", "solo", "clear"])  # fmt: skip
        if action == "stop":
            record_pit_stop(engine, "enduro", "R1", car, t(f"12:0{minute}:00"),
                            t(f"12:0{minute}:{rnd.randint(10, 59)}"))  # fmt: skip
        elif action == "change":
            driver = {"7": "Bob Ray", "12": "Sam Oak", "21": "Dan Fox"}[car]
            record_driver_change(engine, "enduro", "R1", car, driver, t(f"12:0{minute}:20"))
        elif action == "decision":
            kind = rnd.choice(["time-added", "laps-deducted", "drive-through", "position",
                               "race-dq"])  # fmt: skip
            options = {"time-added": {"seconds": rnd.choice([5.0, 30.0, 90.0])},
                       "laps-deducted": {"laps": rnd.randint(1, 2)},
                       "position": {"places": rnd.randint(1, 2)}}.get(kind, {})  # fmt: skip
            decision = add_decision(engine, "enduro", car, kind, session_id="R1",
                                    author="Steward", **options)  # fmt: skip
            made.append(decision.id)
            if kind == "drive-through":
                servable.append(decision.id)
        elif action == "serve" and servable:
            made.append(serve_penalty(engine, "enduro", servable.pop(), t("12:08:00"), "Pit").id)
        elif action == "revoke" and made:
            revoke_decision(engine, "enduro", made.pop(rnd.randrange(len(made))), "error", "S")
        elif action == "roster":
            path = tmp_path / f"roster{step}.csv"
            first = rnd.choice(["Bob,Ray", "Ann,Lee"])
            path.write_text(f"number,first_name,last_name\n7,{first}\n7,Eve,Lin\n")
            import_roster(engine, "enduro", path)
        elif action == "solo":
            made.append(record_solo_exit(engine, "enduro", "R1", car, "Pit").id)
        else:
            clear_cache(engine)
        cached = event_results(engine, "enduro").sessions["R1"]
        assert cached == scored(load_facts(engine, "enduro")).sessions["R1"], (step, action)
