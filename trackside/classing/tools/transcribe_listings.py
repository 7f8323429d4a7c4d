"""Transcribe the SCCA Time Trials car listings and exclusion lists into CSV.

Reads ``../shared/rules/scca-time-trials-rules.txt`` (the rulebook as plain text, where each table
row lost its column breaks) and writes ``trackside/classing/data/*.csv``:

- ``sport_listings.csv``  Sport Category 10.1-10.6 (S1-S6), with "Class prior to 2023"
- ``tuner_listings.csv``  Tuner Category 10.3-10.7 (T1-T5)
- ``sport_exclusions.csv`` Sport Category 10.8, ``tuner_exclusions.csv`` Tuner Category 10.1

The parser finds the Years cell at the end of each row (and the prior class after it), joins rows
whose cells were printed on separate lines, and splits make / model / trim. What it cannot know
(a model left out of the printed row, a two-word model name) is in ``HAND_FIXES`` and
``MULTI_WORD_MODELS`` below, each with the reason. Run::

    .venv/bin/python -m trackside.classing.tools.transcribe_listings [RULEBOOK]

``tests/test_classing_transcription.py`` re-runs the parse and compares it with the CSV files.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
RULEBOOK = REPO.parent / "shared" / "rules" / "scca-time-trials-rules.txt"
DATA = REPO / "trackside" / "classing" / "data"

MAKES = {
    "Acura", "Alfa Romeo", "Audi", "BMW", "Buick", "Cadillac", "Chevrolet", "Chrysler", "Datsun",
    "Dodge", "Ferrari", "Fiat", "Ford", "Genesis", "GMC", "Honda", "Hyundai", "Infiniti",
    "Infinity", "Jaguar", "Jensen", "Kia", "Lamborghini", "Lexus", "Lotus", "Maserati", "Mazda",
    "McLaren", "Mercedes", "MG", "MINI", "Mini", "Mitsubishi", "Nissan", "Polestar", "Pontiac",
    "Porsche", "Saab", "Saturn", "Scion", "Subaru", "Suzuki", "Tesla", "Toyota", "Triumph",
    "Volkswagen", "Volvo", "VW",
}  # fmt: skip
# One spelling per make; the rulebook prints Infiniti as "Infinity" once and mixes VW/Volkswagen.
MAKE_SPELLING = {"Infinity": "Infiniti", "VW": "Volkswagen", "MINI": "Mini"}
# Models of more than one word, so the split does not put the second word into the trim.
MULTI_WORD_MODELS = (
    "Gran Turismo", "Model 3", "Crown Vic", "Del Sol", "New Beetle", "3 series", "3-series",
    "Celica Supra", "Lancer Evolution", "MX-5 Miata", "MazdaSpeed 3", "MazdaSpeed 6",
    "MazdaSpeed Miata", "Mazdaspeed Miata", "MazdaSpeed Protegé", "350/370 Z", "Spec Miata",
)  # fmt: skip

YEARS = r"(?:all|\d{4}\s*(?:\+|-\s*(?:\d{4}|\d{2}|current))?(?:\s*&\s*\d{4})?)"
ROW = re.compile(rf"^(?P<body>.*?)[\s,]*\b(?P<years>{YEARS})\s*(?P<prior>S[1-6])?\s*$", re.I)
YEARS_ONLY = re.compile(rf"^(?P<years>{YEARS})\s*(?P<prior>S[1-6])?$", re.I)
PRIOR_ONLY = re.compile(r"^S[1-6]$")
HEADING = re.compile(r"^(?P<number>\d+)\. (?P<title>.{3,60})$")
LISTING_TITLE = re.compile(r"^(?:Sport|Tuner) (?P<n>\d) \((?P<cls>[ST]\d)\)$")


@dataclass(frozen=True)
class Row:
    """One transcribed row: ``section`` and ``source_line`` say where it is printed, ``printed``
    is the row's text there (" | " between lines), ``note`` explains any hand fix."""

    table: str
    car_class: str
    make: str
    model: str
    trim: str
    years: str
    prior_class: str
    section: str
    source_line: int
    printed: str = ""
    note: str = ""


# (section, text as printed with " | " between lines) -> corrected fields and why.
HAND_FIXES: dict[tuple[str, str], dict[str, str]] = {
    ("Sport Category 10.2", "Base + Nismo 2023+"): {
        "model": "Z", "trim": "Base + Nismo",
        "note": "model cell empty in the rulebook; Z per the Tuner 2 row 'Z Base + Nismo 2023+'",
    },
    ("Sport Category 10.5", "IROC 1988-1992"): {
        "model": "Camaro", "trim": "IROC",
        "note": "printed 'IROC' under Chevrolet: the Camaro IROC-Z",
    },
    ("Sport Category 10.3", "GS-F 2016-2020 S2"): {
        "note": "also listed in Sport 2 as 'GS-F 2016+'",
    },
    ("Sport Category 10.4", "Neon SRT-4"): {"note": "no years printed: all years"},
    ("Sport Category 10.4", "MazdaSpeed 3"): {"note": "no years printed: all years"},
    ("Tuner Category 10.7", "Spec Miata"): {
        "model": "Miata", "trim": "Spec Miata",
        "note": "no years printed; see Tuner 10.2.2 for prepared Spec Miatas",
    },
    ("Sport Category 10.8", "812 Superfast, All"): {"model": "812 Superfast", "trim": ""},
    ("Sport Category 10.8", "Viper GTS-R or ACR"): {"note": "no years printed: all years"},
    ("Sport Category 10.8", "Hellcat Redeye Widebody"): {
        "model": "Challenger", "trim": "Hellcat Redeye Widebody",
        "note": "model implied (the Charger Hellcat Widebody is its own row); no years printed",
    },
    ("Sport Category 10.8", "Charger Hellcat Widebody"): {"note": "no years printed"},
    ("Sport Category 10.8", "Mustang GT350R"): {"note": "no years printed: all years"},
    ("Sport Category 10.8", "S2000 CR"): {"note": "no years printed: all years"},
    ("Sport Category 10.8", "GT-R Nismo"): {"note": "no years printed: all years"},
    ("Sport Category 10.8", "720 S"): {"model": "720S", "trim": "",
                                       "note": "printed '720 S'; no years printed"},
    ("Sport Category 10.8", "MP4-12C"): {"note": "no years printed: all years"},
    ("Sport Category 10.8", "GT3 RS 2015+"): {"model": "911", "trim": "GT3 RS",
                                              "note": "printed without the 911 model name"},
    ("Sport Category 10.8", "GT3 2006+"): {"model": "911", "trim": "GT3",
                                           "note": "printed without the 911 model name"},
    ("Sport Category 10.8", "GTS 2017-2019"): {
        "model": "911", "trim": "GTS",
        "note": "printed without a model; 911 per the Tuner exclusion row '911 GTS 2017-2019'",
    },
    ("Tuner Category 10.1", "Viper GTS-R or ACR"): {"note": "no years printed: all years"},
    ("Tuner Category 10.1", "Hellcat Redeye Widebody 2019"): {
        "model": "Challenger", "trim": "Hellcat Redeye Widebody",
        "note": "model implied (the Charger Hellcat Widebody is its own row)",
    },
    ("Tuner Category 10.1", "Charger Hellcat Widebody"): {"note": "no years printed"},
    ("Tuner Category 10.1", "GT500 2020+"): {"model": "Mustang", "trim": "GT500",
                                             "note": "printed without the Mustang model name"},
    ("Tuner Category 10.1", "S2000 CR"): {"note": "no years printed: all years"},
    ("Tuner Category 10.1", "720 S"): {"model": "720S", "trim": "",
                                       "note": "printed '720 S'; no years printed"},
    ("Tuner Category 10.1", "MP4-12C"): {"note": "no years printed: all years"},
    ("Tuner Category 10.1", "GT3 RS 2015+"): {"model": "911", "trim": "GT3 RS",
                                              "note": "printed without the 911 model name"},
    ("Tuner Category 10.1", "GT3 2006+"): {"model": "911", "trim": "GT3",
                                           "note": "printed without the 911 model name"},
}  # fmt: skip

TABLE_FILES = {
    "sport_listings": "sport_listings.csv",
    "tuner_listings": "tuner_listings.csv",
    "sport_exclusions": "sport_exclusions.csv",
    "tuner_exclusions": "tuner_exclusions.csv",
}


@dataclass
class _Place:
    """Where the parser is: chapter, current table and class, current make."""

    chapter: str = ""
    classing: bool = False
    table: str = ""
    car_class: str = ""
    section: str = ""
    make: str = ""


def parse_rulebook(text: str) -> dict[str, list[Row]]:
    """All four tables from the rulebook text, rows in printed order."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLE_FILES}
    for row in _rows(text.splitlines()):
        tables[row.table].append(row)
    return tables


def _rows(lines: list[str]) -> list[Row]:
    place = _Place()
    pending: list[tuple[int, str]] = []
    rows: list[Row] = []
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if _moves_place(place, line):
            _flush(place, pending, rows)
        elif not place.table or not line or line.startswith("Model Trim Years"):
            continue
        elif line in MAKES:
            _flush(place, pending, rows)
            place.make = MAKE_SPELLING.get(line, line)
        else:
            _take_line(place, pending, rows, number, line)
    _flush(place, pending, rows)
    return rows


def _moves_place(place: _Place, line: str) -> bool:
    """Update chapter/section on headings; True when the line was a heading."""
    if line in ("SPORT CATEGORY", "TUNER CATEGORY", "MAX CATEGORY"):
        place.chapter, place.classing, place.table = line.split()[0].title(), False, ""
        return True
    heading = HEADING.match(line)
    if not heading or place.chapter not in ("Sport", "Tuner"):
        return False
    if heading["number"] == "10" and heading["title"] == "Classing":
        place.classing = True
        return True
    if not place.classing:
        return False
    place.table, place.car_class, place.make = _table_for(place.chapter, heading["title"]), "", ""
    listing = LISTING_TITLE.match(heading["title"])
    if listing:
        place.car_class = listing["cls"]
    place.section = f"{place.chapter} Category 10.{heading['number']}"
    return True


def _table_for(chapter: str, title: str) -> str:
    if LISTING_TITLE.match(title):
        return f"{chapter.lower()}_listings"
    if "Exclusion List" in title:
        return f"{chapter.lower()}_exclusions"
    return ""  # the Alternate Motorsports Series Classing text is not a table


def _take_line(
    place: _Place, pending: list[tuple[int, str]], rows: list[Row], number: int, line: str
) -> None:
    if place.table.endswith("exclusions"):
        if len(line.split()) <= 8:  # skip the list's introductory sentences
            _emit(place, [(number, line)], rows)
        return
    if PRIOR_ONLY.match(line) and not pending and rows:
        rows[-1] = replace(rows[-1], prior_class=line)  # a prior class printed on its own line
        return
    if YEARS_ONLY.match(line) and pending:
        pending.append((number, line))
        _flush(place, pending, rows)
        return
    if ROW.match(line) and not _joins(pending):
        _flush(place, pending, rows)
    pending.append((number, line))
    if ROW.match(line):
        _flush(place, pending, rows)


def _joins(pending: list[tuple[int, str]]) -> bool:
    """A row split over lines prints one cell per line: join only one-word fragments."""
    return bool(pending) and all(len(text.split()) == 1 for _, text in pending)


def _flush(place: _Place, pending: list[tuple[int, str]], rows: list[Row]) -> None:
    if pending:
        _emit(place, list(pending), rows)
        pending.clear()


def _emit(place: _Place, fragments: list[tuple[int, str]], rows: list[Row]) -> None:
    printed = " | ".join(text for _, text in fragments)
    row = replace(_split(place, fragments), printed=printed)
    rows.append(_fixed(row, place.section, printed))


def _split(place: _Place, fragments: list[tuple[int, str]]) -> Row:
    texts = [text for _, text in fragments]
    years, prior = "", ""
    match = ROW.match(texts[-1]) or YEARS_ONLY.match(texts[-1])
    if match:
        years, prior = " ".join(match["years"].split()), match["prior"] or ""
        texts[-1] = match.groupdict().get("body", "") or ""
    cells = [t.strip(" ,") for t in texts if t.strip(" ,")]
    model, trim = _model_and_trim(cells)
    return Row(
        table=place.table, car_class=place.car_class, make=place.make, model=model,
        trim=trim, years=years or "All", prior_class=prior, section=place.section,
        source_line=fragments[0][0],
    )  # fmt: skip


def _model_and_trim(cells: list[str]) -> tuple[str, str]:
    if len(cells) > 1:
        return cells[0], " ".join(cells[1:])
    body = cells[0] if cells else ""
    for name in MULTI_WORD_MODELS:
        if body.lower() == name.lower() or body.lower().startswith(name.lower() + " "):
            return body[: len(name)], body[len(name) :].strip()
    model, _, trim = body.partition(" ")
    return model, trim.strip()


def _fixed(row: Row, section: str, printed: str) -> Row:
    fix = HAND_FIXES.get((section, printed))
    return replace(row, **fix) if fix else row


def to_csv(rows: list[Row], *, listing: bool) -> str:
    """CSV text for one table; listings keep the class columns, exclusions drop them."""
    drop = {"table"} if listing else {"table", "car_class", "prior_class"}
    names = [f.name for f in fields(Row) if f.name not in drop]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v for k, v in asdict(row).items() if k in names})
    return out.getvalue()


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else RULEBOOK
    tables = parse_rulebook(source.read_text(encoding="utf-8"))
    for name, filename in TABLE_FILES.items():
        text = to_csv(tables[name], listing=name.endswith("listings"))
        (DATA / filename).write_text(text, encoding="utf-8")
        print(f"{filename}: {len(tables[name])} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
