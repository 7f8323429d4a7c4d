"""`trackside classify`: which class is my car in, with the reasons (SCCA TT rules VII, and a
club's points index with `--points`).

Numbers are read as text and converted with the rest of the car (`classing.fields`), so a bad
value is one line naming the option: `option --displacement: expected a number of litres like
4.0, got '4.0l'`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from trackside.classing.answer import answer
from trackside.classing.fields import read_car_file
from trackside.classing.input_names import given_as
from trackside.cli.common import FormatOption, app, choose, emit, json_text
from trackside.errors import InputError

Opt = typer.Option
Text = str | None
OPTION_OF = {"dot": "--non-dot", "wheels": "--wheel"}
"""Neutral input key → option, where the option is not `--` + the key with dashes."""


def option_name(key: str) -> str:
    """`tire_width` → `--tire-width`; `dot` → `--non-dot`."""
    return OPTION_OF.get(key, "--" + key.replace("_", "-"))


def Flag(name: str, help: str = "") -> Any:
    """A boolean flag shown in --help without a value."""
    return Opt(name, help=help, metavar="")


def Number(help: str, metavar: str) -> Any:
    """A number read as text: `classing.fields` converts it with a one-line error."""
    return Opt(help=help, metavar=metavar)


@app.command("classify")
def classify(
    year: Annotated[Text, Number("Model year.", "YEAR")] = None,
    make: Annotated[Text, Opt(help="Make, e.g. Honda.")] = None,
    model: Annotated[Text, Opt(help="Model, e.g. Civic.")] = None,
    trim: Annotated[Text, Opt(help="Trim, e.g. 'Type R'.")] = None,
    drive: Annotated[Text, Opt(help="2wd or awd.")] = None,
    tire_width: Annotated[Text, Number("Section width of the widest tire.", "MM")] = None,
    treadwear: Annotated[Text, Number("UTQG treadwear (omit if unrated).", "GRADE")] = None,
    oe_tire_width: Annotated[Text, Number("OE tire width for the trim.", "MM")] = None,
    non_dot: Annotated[bool, Flag("--non-dot", "Tires are not DOT-legal.")] = False,
    tire_model: Annotated[Text, Opt(help="Tire make and model.")] = None,
    oe_tires: Annotated[bool, Flag("--oe-tires", "Tires as delivered.")] = False,
    wheel: Annotated[
        list[str] | None, Opt(help="A non-OE wheel as DIAxWIDTH@LB, e.g. 17x9@19.5.")
    ] = None,
    weight: Annotated[Text, Number("Competition weight with driver.", "LB")] = None,
    curb_weight: Annotated[Text, Number("OE curb weight.", "LB")] = None,
    engine: Annotated[Text, Opt(help="4-cycle, rotary, 2-cycle or electric.")] = None,
    displacement: Annotated[Text, Number("OE displacement.", "LITRES")] = None,
    kw: Annotated[Text, Number("Electric: motor power.", "KW")] = None,
    induction: Annotated[Text, Opt(help="OE induction: natural, single, multi.")] = None,
    boost_units: Annotated[Text, Number("Forced-induction units as run.", "N")] = None,
    forced_induction_added: Annotated[bool, Flag("--forced-induction-added")] = False,
    engine_modified: Annotated[bool, Flag("--engine-modified")] = False,
    prep: Annotated[Text, Opt(help="Declared preparation: sport, tuner, max, unlimited.")] = None,
    low_production: Annotated[bool, Flag("--low-production", "< 1,000 made.")] = False,
    kind: Annotated[Text, Opt(help="production, kit or racer.")] = None,
    racer_class: Annotated[Text, Opt(help="Racer: e.g. 'Formula Vee'.")] = None,
    series: Annotated[Text, Opt(help="Alternate series, e.g. spec-miata.")] = None,
    mods: Annotated[
        Path | None, Opt("--mods", help="TOML file describing the car and its modifications.")
    ] = None,
    points: Annotated[
        Text, Opt(help="Also class by a points index: a TOML rule file, or 'example'.")
    ] = None,
    allow_unlisted: Annotated[
        bool, Flag("--allow-unlisted", "Class an unlisted car in Max by its engine.")
    ] = False,
    fmt: FormatOption = "text",
) -> None:
    """Which class a car is in, with the rule path (SCCA Time Trials rules VII)."""
    fmt = choose(fmt, ("text", "json"))
    in_file: dict[str, Any] = read_car_file(mods) if mods else {}
    given = {
        "year": year, "make": make, "model": model, "trim": trim, "drive": drive,
        "tire_width": tire_width, "treadwear": treadwear, "oe_tire_width": oe_tire_width,
        "dot": False if non_dot else None, "tire_model": tire_model,
        "oe_tires": oe_tires or None, "wheels": wheel or None, "weight": weight,
        "curb_weight": curb_weight, "engine": engine, "displacement": displacement, "kw": kw,
        "induction": induction, "boost_units": boost_units,
        "forced_induction_added": forced_induction_added or None,
        "engine_modified": engine_modified or None, "prep": prep,
        "low_production": low_production or None, "kind": kind, "racer_class": racer_class,
        "series": series,
    }
    options = {k: v for k, v in given.items() if v is not None}
    source = str(mods) if mods else "options"
    try:
        result = answer({**in_file, **options}, source=source, points=points,
                        allow_unlisted=allow_unlisted)  # fmt: skip
    except InputError as err:
        raise _as_typed(err, source, given, in_file) from None
    emit(json_text(result.to_dict()) if fmt == "json" else result.explain(option_name))


def _as_typed(
    err: InputError, source: str, given: dict[str, Any], in_file: dict[str, Any]
) -> InputError:
    """Name the input the way the user gave it: the car file's key, else the option (also
    for a required input given nowhere)."""
    key = err.field
    if key is None or err.source != source:
        return err  # not about the car: a points rule file names its own fields
    typed = given_as(in_file, key) if given.get(key) is None else None
    if typed is not None:
        err.field = typed
    elif key in given:
        err.source, err.field = f"option {option_name(key)}", None
    return err
