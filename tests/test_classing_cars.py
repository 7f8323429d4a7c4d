# ruff: noqa: E501  (the car table below is one car per line, wider than code)
"""Real cars from the SCCA Time Trials listings and the class each should get (rules VII).

One line per car: year | make | model | trim | drive | widest tire mm | UTQG | other facts |
expected class | the rule the line pins. "-" is an empty cell; "other facts" are CarSpec fields
as key=value.
"""

import pytest

from trackside.classing import CarClass, CarSpec, classify

CARS = """
2019 | Honda      | Civic            | Type R           | 2wd | 245 | 200 | oe_tire_width_mm=245       | S3  | Sport 10.3 listing
2019 | Honda      | Civic            | Type R           | 2wd | 305 | 200 | -                          | S2  | Sport 3.2.3 bump S3->S2
2019 | Honda      | Civic            | Type R           | 2wd | 335 | 200 | -                          | S1  | Sport 3.2.3 bump to S1
2019 | Honda      | Civic            | Type R           | 2wd | 365 | 200 | displacement_l=2.0 induction=single weight_lb=3250 | M3 | S1/T1 oversize -> Max 8.3.1.D
2016 | Mazda      | MX-5 Miata       | Club             | 2wd | 205 | 300 | -                          | S5  | Sport 10.5
1999 | Mazda      | Miata            | -                | 2wd | 205 | 300 | -                          | S6  | Sport 10.6 MX-5 Miata 1990-2015
2015 | Subaru     | WRX              | STI              | awd | 245 | 200 | -                          | S3  | Sport 10.3, AWD 265
2015 | Subaru     | WRX              | STI              | awd | 275 | 200 | -                          | S2  | AWD bump 265 -> 305
2020 | Toyota     | Supra            | GR 3.0           | 2wd | 275 | 300 | -                          | S2  | Sport 10.2 Supra GR (3.0)
2021 | Toyota     | Supra            | GR 2.0           | 2wd | 255 | 300 | -                          | S3  | Sport 10.3 Supra GR 2.0
2022 | Toyota     | GR86             | Premium          | 2wd | 215 | 300 | -                          | S4  | Sport 10.4 GR86 Base/Premium
2017 | Subaru     | BRZ              | Limited          | 2wd | 215 | 300 | -                          | S5  | Sport 10.5 BRZ Limited/Premium
2016 | Ford       | Mustang          | GT               | 2wd | 275 | 300 | -                          | S2  | Sport 10.2
2021 | Ford       | Mustang          | Mach 1           | 2wd | 315 | 200 | -                          | S2  | Sport 10.2, 315 = S2 limit
2018 | Chevrolet  | Camaro           | SS 1LE           | 2wd | 305 | 200 | -                          | S2  | Sport 10.2
2015 | Chevrolet  | Corvette         | Stingray         | 2wd | 285 | 300 | -                          | S1  | Sport 10.1 naturally aspirated
2015 | Chevrolet  | Corvette         | Z06              | 2wd | 335 | 200 | induction=single           | M1  | both exclusion lists -> Tuner 10.1
2017 | Porsche    | 911              | GT3              | 2wd | 305 | 200 | -                          | M1  | both exclusion lists -> Tuner 10.1
2004 | Porsche    | 911              | GT3              | 2wd | 295 | 200 | -                          | S1  | Sport 10.1 911 GT3 1999-2005
2018 | Porsche    | 718 Cayman       | S                | 2wd | 265 | 200 | induction=single           | S1  | Sport 10.1 Cayman S, GTS
2018 | Porsche    | 718 Cayman       | Base 4-cylinder  | 2wd | 265 | 200 | induction=single           | S2  | Sport 10.2 (S1 before 2023)
2013 | BMW        | M3               | -                | 2wd | 275 | 200 | -                          | S2  | Sport 10.2 M3/M4 2007-2020
2021 | BMW        | M3               | Competition xDrive | awd | 285 | 200 | induction=multi         | S1  | Sport 10.1, AWD 335
2018 | BMW        | M3               | CS               | 2wd | 285 | 200 | induction=multi            | T2  | Sport 10.8 exclusion -> Tuner 10.4
2010 | Nissan     | 370Z             | Nismo            | 2wd | 245 | 200 | -                          | S3  | Sport 10.3 (S2 before 2023)
2012 | Nissan     | 370Z             | Touring          | 2wd | 245 | 300 | -                          | S4  | Sport 10.4 Non-Nismo
2009 | Nissan     | GT-R             | -                | awd | 285 | 200 | induction=multi            | S1  | Sport 10.1 GT-R base
2020 | Nissan     | GT-R             | Nismo            | awd | 285 | 200 | induction=multi            | T1  | Sport 10.8 exclusion -> Tuner 10.3
2001 | Honda      | S2000            | -                | 2wd | 225 | 200 | -                          | S4  | Sport 10.4 S2000 Non-CR
2008 | Honda      | S2000            | CR               | 2wd | 255 | 200 | -                          | M1  | both exclusion lists -> Tuner 10.1
2019 | Tesla      | Model 3          | Performance      | awd | 235 | 300 | engine=electric            | S2  | Sport 10.2
2011 | Mazda      | RX-8             | -                | 2wd | 225 | 200 | engine=rotary              | S6  | Sport 10.6 RX-8 All, 225 limit
2011 | Mazda      | RX-8             | -                | 2wd | 245 | 200 | engine=rotary              | S5  | Sport 3.2.3 bump S6->S5
2004 | Mazda      | Mazdaspeed Miata | -                | 2wd | 205 | 300 | induction=single           | S5  | Sport 10.5 (S4 before 2023)
1995 | Mazda      | RX-7             | -                | 2wd | 255 | 200 | engine=rotary induction=multi | S4 | Sport 10.4 RX-7 1992-1995
2022 | Hyundai    | Elantra          | N                | 2wd | 245 | 200 | induction=single           | S3  | Sport 10.3
2017 | Ford       | Focus            | RS               | awd | 235 | 200 | induction=single           | S3  | Sport 10.3
2015 | VW         | Golf             | GTI              | 2wd | 225 | 300 | induction=single           | S4  | Sport 10.4 Golf GTI 2010+
2016 | Volkswagen | Golf             | R                | awd | 235 | 300 | induction=single           | S3  | Sport 10.3 Golf R 2015-2021
2020 | Kia        | Stinger          | GT               | awd | 255 | 300 | induction=multi            | S3  | Sport 10.3 (S2 before 2023)
2019 | Honda      | Civic            | Si               | 2wd | 235 | 300 | induction=single           | S4  | Sport 10.4 Civic Si 2017-2020
1990 | Honda      | CRX              | Si               | 2wd | 185 | 300 | -                          | S6  | Sport 10.6 CRX All
1999 | Honda      | Civic            | Si               | 2wd | 195 | 300 | -                          | S6  | Sport 10.6 Civic Si 1988-2015
2008 | Pontiac    | Solstice         | Base             | 2wd | 225 | 300 | -                          | S6  | Sport 10.6 Solstice Base
2008 | Pontiac    | Solstice         | GXP              | 2wd | 245 | 300 | induction=single           | S4  | Sport 10.4 Solstice GXP
2010 | BMW        | 535i             | -                | 2wd | 245 | 300 | induction=multi            | S3  | Sport 10.3 535i RWD
2016 | Mazda      | MX-5 Miata       | -                | 2wd | 205 | 300 | wheels=17x9@14             | T4  | Sport 3.1.1.F light wheel -> Tuner 10.6
2016 | Mazda      | MX-5 Miata       | -                | 2wd | 205 | 300 | wheels=17x9@16             | S5  | Sport 3.1.1.F wheel heavy enough
2018 | Chevrolet  | Camaro           | ZL1 1LE          | 2wd | 325 | 100 | oe_tires=true oe_tire_width_mm=325 induction=single displacement_l=6.2 weight_lb=4000 curb_weight_lb=3820 | M1 | Max 3.2.1 OE tires, 8.1.1.C
2019 | Honda      | Civic            | Type R           | 2wd | 275 | 200 | prep=tuner                 | T3  | Tuner 10.5, 285 limit
2019 | Honda      | Civic            | Type R           | 2wd | 295 | 200 | prep=tuner                 | T2  | Tuner 3.2.3 bump T3->T2
2016 | Mazda      | MX-5             | Club             | 2wd | 225 | 200 | prep=tuner                 | T4  | Tuner 10.6 Miata/MX-5 2006+
1995 | Mazda      | Miata            | -                | 2wd | 225 | 200 | prep=tuner                 | T5  | Tuner 10.7 Miata/MX-5 NA
2021 | Chevrolet  | Corvette         | Stingray Z51     | 2wd | 305 | 300 | prep=tuner                 | M1  | Tuner 10.1 Corvette Z51 2020+
2015 | Subaru     | WRX              | STI              | awd | 265 | 200 | prep=tuner induction=single | T3 | Tuner 10.5 WRX All
1995 | Mazda      | Miata            | -                | 2wd | 205 | 200 | alternate_series=spec-miata | T5 | Tuner 10.2.2
2019 | Honda      | Civic            | Type R           | 2wd | 305 | 200 | alternate_series=solo-street | S3 | Sport 10.7.1 free of widths
2013 | Scion      | FR-S             | -                | 2wd | 215 | 200 | alternate_series=solo-ssc  | S5  | Sport 10.7.2
2016 | Ford       | Mustang          | GT               | 2wd | 275 | 200 | alternate_series=national-touring | T2 | Tuner 10.2.1
2024 | Honda      | Accord           | Sport            | 2wd | 235 | 400 | unlisted=true displacement_l=1.5 induction=single weight_lb=3400 | M4 | Max 8.4.1.D
1999 | Mazda      | Miata            | -                | 2wd | 225 | 200 | prep=max engine_modified=true displacement_l=1.8 weight_lb=2100 curb_weight_lb=2150 | M3 | Max 8.3.2.A underweight
2015 | Exocet     | Exocet           | -                | 2wd | 205 | 200 | kind=kit displacement_l=1.8 weight_lb=1550 curb_weight_lb=1350 | M3 | Max 8.3.2.B underweight
2015 | Exocet     | Exocet           | -                | 2wd | 205 | 200 | kind=kit displacement_l=1.6 weight_lb=1350 curb_weight_lb=1300 | M2 | Max 8.2.2.C underweight
2015 | Alfa Romeo | 4C               | Launch Edition   | 2wd | 235 | 200 | low_production=true displacement_l=1.75 induction=single weight_lb=2600 curb_weight_lb=2465 | M1 | Max 8.1.3.A
2015 | Subaru     | WRX              | STI              | awd | 265 | 200 | prep=max engine_modified=true displacement_l=2.5 induction=single weight_lb=3500 curb_weight_lb=3400 | M2 | Max 8.2.1.E
2022 | Tesla      | Model 3          | Performance      | awd | 245 | 200 | prep=max engine=electric motor_kw=340 weight_lb=4250 | M2 | Max 8.2.1.F
2018 | Porsche    | 911              | GT3              | 2wd | 305 | 200 | prep=max engine_modified=true displacement_l=4.0 weight_lb=3300 | M1 | Tuner 10.1 list -> Max 1 in any prep
2010 | Dodge      | Viper            | SRT-10           | 2wd | 345 | 200 | prep=max displacement_l=8.4 weight_lb=3600 | M1 | Max 8.1.1.A
2003 | Honda      | S2000            | -                | 2wd | 255 | 100 | displacement_l=2.0 weight_lb=2950 | U2 | Unlimited 3.2 under 200 UTQG
1993 | Mazda      | RX-7             | -                | 2wd | 315 | 40  | engine=rotary induction=multi displacement_l=1.3 weight_lb=2800 | U1 | Unlimited 3.3 1.3x2x2 = 5.2 L
2019 | Honda      | Civic            | Type R           | 2wd | 305 | -   | dot=false induction=single displacement_l=2.0 weight_lb=3100 | U2 | Unlimited 3.3 2.0x1.5 = 3.0 L
1999 | Mazda      | Miata            | -                | 2wd | 225 | -   | dot=false forced_induction_added=true displacement_l=1.8 weight_lb=1700 | U1 | Unlimited 3.2.1 under 1,750 lb
1994 | Mazda      | RX-7             | -                | 2wd | 275 | 200 | prep=unlimited engine=rotary induction=multi displacement_l=1.3 weight_lb=2900 | U1 | Unlimited 3.3 declared beyond Max
1990 | Zink       | Formula Vee      | -                | 2wd | 165 | -   | kind=racer racer_class=Formula_Vee dot=false | TTV | Unlimited 4.5
1985 | Ralt       | RT4              | -                | 2wd | 250 | -   | kind=racer racer_class=Formula_Atlantic dot=false | TTA | Unlimited 4.2
2018 | Radical    | SR3              | -                | 2wd | 250 | -   | kind=racer dot=false       | TTS | Unlimited 4.1
2010 | Locost     | Seven            | -                | 2wd | 205 | 200 | kind=kit displacement_l=2.0 weight_lb=1400 | TTS | kit not on the Max list
"""


def parse_cars(text):
    cars = []
    for line in text.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        year, make, model, trim, drive, tire, utqg, facts, expected, rule = cells
        spec = {
            "year": int(year),
            "make": make,
            "model": model,
            "trim": "" if trim == "-" else trim,
            "drive": drive,
            "tire_width_mm": int(tire),
            "treadwear": None if utqg == "-" else int(utqg),
        }
        spec.update(_facts(facts))
        cars.append(pytest.param(spec, CarClass(expected), id=f"{expected}-{year}-{model}-{rule}"))
    return cars


def _facts(cell):
    facts = {}
    for pair in [] if cell == "-" else cell.split():
        key, value = pair.split("=")
        facts[key] = _value(key, value)
    return facts


def _value(key, value):
    if value in ("true", "false"):
        return value == "true"
    if key == "wheels":
        size, weight = value.split("@")
        diameter, width = size.split("x")
        return ({"diameter_in": diameter, "width_in": width, "weight_lb": weight},)
    if key in ("weight_lb", "curb_weight_lb", "displacement_l", "motor_kw"):
        return float(value)
    return value.replace("_", " ")


@pytest.mark.parametrize(("spec", "expected"), parse_cars(CARS))
def test_real_car_gets_its_class(spec, expected):
    unlisted = spec.pop("unlisted", False)
    result = classify(CarSpec(**spec), allow_unlisted=unlisted)
    assert result.car_class is expected, result.explain()


def test_the_table_has_at_least_forty_cars():
    assert len(parse_cars(CARS)) >= 40
