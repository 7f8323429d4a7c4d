"""`trackside classify`: which class is my car in, with the reasons (SCCA TT rules VII, and a
club's points index with `--points`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from trackside.classing.answer import answer
from trackside.classing.fields import read_car_file
from trackside.cli.common import FormatOption, app, choose, emit, json_text

Opt = typer.Option
Num = int | None
Real = float | None


@app.command("classify")
def classify(
    year: Annotated[Num, Opt(help="Model year.")] = None,
    make: Annotated[str | None, Opt(help="Make, e.g. Honda.")] = None,
    model: Annotated[str | None, Opt(help="Model, e.g. Civic.")] = None,
    trim: Annotated[str | None, Opt(help="Trim, e.g. 'Type R'.")] = None,
    drive: Annotated[str | None, Opt(help="2wd or awd.")] = None,
    tire_width: Annotated[Num, Opt(help="Section width of the widest tire, mm.")] = None,
    treadwear: Annotated[Num, Opt(help="UTQG treadwear (omit if unrated).")] = None,
    oe_tire_width: Annotated[Num, Opt(help="OE tire width for the trim, mm.")] = None,
    non_dot: Annotated[bool, Opt("--non-dot", help="Tires are not DOT-legal.")] = False,
    tire_model: Annotated[str | None, Opt(help="Tire make and model.")] = None,
    oe_tires: Annotated[bool, Opt("--oe-tires", help="Tires as delivered.")] = False,
    wheel: Annotated[
        list[str] | None, Opt(help="A non-OE wheel as DIAxWIDTH@LB, e.g. 17x9@19.5.")
    ] = None,
    weight: Annotated[Real, Opt(help="Competition weight with driver, lb.")] = None,
    curb_weight: Annotated[Real, Opt(help="OE curb weight, lb.")] = None,
    engine: Annotated[str | None, Opt(help="4-cycle, rotary, 2-cycle or electric.")] = None,
    displacement: Annotated[Real, Opt(help="OE displacement, litres.")] = None,
    kw: Annotated[Real, Opt(help="Electric: motor power, kW.")] = None,
    induction: Annotated[str | None, Opt(help="OE induction: natural, single, multi.")] = None,
    boost_units: Annotated[Num, Opt(help="Forced-induction units as run.")] = None,
    forced_induction_added: Annotated[bool, Opt("--forced-induction-added")] = False,
    engine_modified: Annotated[bool, Opt("--engine-modified")] = False,
    prep: Annotated[
        str | None, Opt(help="Declared preparation: sport, tuner, max, unlimited.")
    ] = None,
    low_production: Annotated[bool, Opt("--low-production", help="< 1,000 made.")] = False,
    kind: Annotated[str | None, Opt(help="production, kit or racer.")] = None,
    racer_class: Annotated[str | None, Opt(help="Racer: e.g. 'Formula Vee'.")] = None,
    series: Annotated[str | None, Opt(help="Alternate series, e.g. spec-miata.")] = None,
    mods: Annotated[
        Path | None, Opt("--mods", help="TOML file describing the car and its modifications.")
    ] = None,
    points: Annotated[
        str | None, Opt(help="Also class by a points index: a TOML rule file, or 'example'.")
    ] = None,
    allow_unlisted: Annotated[
        bool, Opt("--allow-unlisted", help="Class an unlisted car in Max by its engine.")
    ] = False,
    fmt: FormatOption = "text",
) -> None:
    """Which class a car is in, with the rule path (SCCA Time Trials rules VII)."""
    fmt = choose(fmt, ("text", "json"))
    values: dict[str, Any] = read_car_file(mods) if mods else {}
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
    values.update({k: v for k, v in given.items() if v is not None})
    source = str(mods) if mods else "options"
    result = answer(values, source=source, points=points, allow_unlisted=allow_unlisted)
    emit(json_text(result.to_dict()) if fmt == "json" else result.explain())
