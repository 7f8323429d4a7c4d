"""The registration desk's class check (issue 15; `classing/entry_class.py`): an entry's car
classified by rules VII beside its declared class. Hand-checked: a 2019 Honda Civic Type R is
listed in Sport 3 (Sport Category 10.3); 245 mm tires are within S3's 285 mm 2WD limit
(3.2.3); UTQG 180 is under the 200 minimum of Sport, Tuner and Max (3.2.1, 3.2.1, 3.2.2), so
the car is Unlimited, where U2 or U1 depends on displacement and weight (Unlimited 3.2, 3.3)."""

from __future__ import annotations

import pytest

from trackside.classing.entry_class import check_class

CIVIC = {"year": "2019", "make": "Honda", "model": "Civic", "trim": "Type R",
         "tire_width": "245", "treadwear": "200"}  # fmt: skip

CASES = [  # declared, car, found, agrees, suggested (the class one button applies), problem
    ("S2", CIVIC, "S3", False, "S3", None),
    ("S3", CIVIC, "S3", True, None, None),
    ("s3", CIVIC, "S3", True, None, None),
    ("S2", {**CIVIC, "treadwear": "180"}, None, False, None, None),  # U2 or U1: no one class
    ("U2", {**CIVIC, "treadwear": "180"}, None, True, None, None),  # one it can still be
    ("S2", {**CIVIC, "tire_width": ""}, None, None, None,
     "not enough car data to classify: needs tire_width"),
    ("S2", {**CIVIC, "displacement": "4.0l"}, None, None, None,
     "cannot be classified: displacement: expected a number of litres like 4.0, got '4.0l'"),
]  # fmt: skip


@pytest.mark.parametrize(("declared", "car", "found", "agrees", "suggested", "problem"), CASES)
def test_rules_vii_class_check_beside_the_declared_class(declared, car, found, agrees,
                                                          suggested, problem):  # fmt: skip
    check = check_class(declared, car)
    assert (check.found, check.agrees, check.suggested, check.problem) == (
        found, agrees, suggested, problem)
    assert check.mismatch == (agrees is False)


def test_the_rule_path_is_the_classifiers():
    check = check_class("S2", {**CIVIC, "sponsor": "Acme"})  # a column the car does not use
    assert check.reasons == (
        ("listed as 'Honda Civic Type R 2016 +'", "Sport Category 10.3"),
        ("tire 245 mm ≤ 285 mm S3 2WD limit", "Sport Category 3.2.3"))
    assert check.summary == ("Sport 3: listed as 'Honda Civic Type R 2016 +' (Sport Category "
                             "10.3); tire 245 mm ≤ 285 mm S3 2WD limit (Sport Category 3.2.3)")
