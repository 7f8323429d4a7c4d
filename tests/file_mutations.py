"""Hypothesis strategies for the files timing chiefs import, valid and damaged: rows of
passings, entries and flags as CSV, and mutations of any file's bytes (dropped or doubled
quotes, huge values, odd encodings, random bytes)."""

from __future__ import annotations

import codecs

from hypothesis import strategies as st

ODD_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
NUMBERS = st.one_of(st.integers(0, 2**70).map(str), st.sampled_from(
    ["1_0", "１２", "+5", "-3", " 7", "0x10", "1e3", ""]))
TIMES = st.one_of(
    st.builds("2026-05-16T09:{:02d}:{:02d}.{:03d}".format, st.integers(0, 59),
              st.integers(0, 59), st.integers(0, 999)),
    st.sampled_from(["2026-05-16T09:00:00+02:00", "2026-05-16T09:00:00Z", "09:00",
                     "２０２６-05-16T09:00:00", "2026-05-16", "2026-W20-6T09:00", ""]),
)
TRANSPONDERS = st.one_of(st.sampled_from(["1001", "1002", "1003", "7777"]), ODD_TEXT)


def _csv_field(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    lines = [",".join(header)] + [",".join(_csv_field(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


@st.composite
def passings_csv(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.tuples(TIMES, TRANSPONDERS, st.sampled_from(["SF", "PIT", ""]),
                                   st.sampled_from(["D1", "D2", ""]), NUMBERS), max_size=8))
    return csv_text(["time", "transponder", "loop", "decoder", "passing_number"],
                    [list(r) for r in rows])


@st.composite
def entries_csv(draw: st.DrawFn) -> str:
    header = ["number", "first_name", "last_name", "class", "group", "transponder",
              draw(st.sampled_from(["year", "yaer", "sponsor", "frist_name"]))]
    rows = draw(st.lists(st.tuples(st.integers(1, 99).map(str), ODD_TEXT, ODD_TEXT,
                                   st.sampled_from(["S2", "S4", ""]),
                                   st.sampled_from(["Advanced", "Intermediate"]),
                                   TRANSPONDERS, ODD_TEXT), max_size=6))
    return csv_text(header, [list(r) for r in rows])


@st.composite
def flags_csv(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.tuples(st.sampled_from(["TA1-A", "TA1-I", "TA9", ""]),
                                   st.sampled_from(["green", "red", "checkered", "purple"]),
                                   TIMES), max_size=6))
    return csv_text(["session", "state", "time"], [list(r) for r in rows])


def _insert(data: bytes, at: int, piece: bytes) -> bytes:
    return data[:at] + piece + data[at:]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """`text` as UTF-8 bytes with a few damaging edits, maybe in another encoding."""
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["quote", "drop", "double", "huge", "bytes", "newline"]))
        if edit == "quote":
            data = _insert(data, at, b'"')
        elif edit == "drop":
            data = data[:at] + data[at + 1:]
        elif edit == "double":
            data = _insert(data, at, data[at:at + draw(st.integers(1, 40))])
        elif edit == "huge":
            data = _insert(data, at, b'"' + b"x" * draw(st.sampled_from([200, 140_000])) + b'"')
        elif edit == "bytes":
            data = _insert(data, at, draw(st.binary(min_size=1, max_size=8)))
        else:
            data = _insert(data, at, b"\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    if encoding == "utf-8":
        return data
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + data
    return data.decode("utf-8", errors="replace").encode(encoding, errors="replace")


TOML_VALUES = st.sampled_from([
    "inf", "-inf", "nan", "0", "-1", "99999999999999999999", "1e308", "true", '""', "[]",
    "[[1]]", '["TA1-A", 1]', "{}", '{ a = 1 }', "2026-05-16", "09:00:00",
    "2026-05-16T09:00:00+02:00", '"x\\ny"', '"\\u0000"', '"' + "x" * 5000 + '"',
    '"TA1-A"', '"SF"', '"practice"', '"drag"', '["Advanced", ""]',
])
TOML_KEYS = st.sampled_from(["min_lap", "start_finish", "timing", "max_runs", "zzz",
                             '"quoted key"', "id", "groups", "sessions", "passing"])


@st.composite
def toml_edited(draw: st.DrawFn, text: str) -> str:
    """`text` (TOML) with some values replaced and some keys added, each line still TOML."""
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        key = lines[at].split("=")[0].strip() if "=" in lines[at] else None
        if key is not None and draw(st.booleans()):
            lines[at] = f"{key} = {draw(TOML_VALUES)}"
        else:
            lines.insert(at + 1, f"{draw(TOML_KEYS)} = {draw(TOML_VALUES)}")
    return "\n".join(lines) + "\n"
