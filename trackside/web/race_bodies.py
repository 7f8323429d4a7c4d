"""The bodies of the race and officials' write endpoints (`race_api.py`; console.md, "Race
decisions"): the CLI commands' arguments and options under the same names."""

from __future__ import annotations

from trackside.web.write_bodies import Field

PIT_STOP_BODY = (Field("number", str, True), Field("session", str, True),
                 Field("in", str, True), Field("out", str))  # fmt: skip
"""`pit stop EVENT SESSION NUMBER --in T1 --out T2`; without `out`, the stop ends at the track
time the request arrives (the pit wall's one-tap "pit out now")."""
DRIVER_CHANGE_BODY = (Field("number", str, True), Field("session", str, True),
                      Field("at", str, True), Field("driver", str, True))  # fmt: skip
"""`driver change EVENT SESSION NUMBER DRIVER --at T`."""
SOLO_EXIT_BODY = (Field("number", str, True), Field("session", str, True), Field("reason", str))
"""`solo-exit EVENT SESSION NUMBER [--reason TEXT]`."""
CONTACT_BODY = (Field("number", str, True), Field("other", str, True),
                Field("session", str, True), Field("reason", str, True))  # fmt: skip
"""`contact EVENT SESSION NUMBER NUMBER --reason TEXT`."""
SERVED_BODY = (Field("at", str, True),)
"""`penalty served EVENT DECISION_ID --at T`."""
WAIVE_BODY: tuple[Field, ...] = ()
"""`query waive EVENT ID`: nothing but who, the signed-in account."""
ANSWER_BODY = (Field("outcome", str, True), Field("answer", str, True))
"""`query answer EVENT ID --outcome reasonable|unreasonable --answer TEXT`."""
SATISFACTORY_BODY = (Field("number", str, True), Field("satisfactory", bool, True),
                     Field("reason", str))  # fmt: skip
"""`satisfactory EVENT NUMBER yes|no [--reason TEXT]` (`no` needs the reason)."""
