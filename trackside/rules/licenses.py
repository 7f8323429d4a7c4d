"""SCCA Time Trials license upgrades by events (SCCA TT II.4.1.B, II.5.1.B): data.

Experience-based upgrades (II.4.1.C, II.5.1.C) and Pro (II.6) are officials' decisions
(`trackside license grant`), not counted here.
"""

from __future__ import annotations

from trackside.core.drivers import LicenseGrade
from trackside.core.licenses import Upgrade

STANDALONE_TRACKSPRINT_MAX = 1
""""A standalone TrackSprint format may only count as one of these" (II.4.1.B, II.5.1.B)."""

UPGRADES: dict[LicenseGrade, Upgrade] = {
    LicenseGrade.NOVICE: Upgrade(LicenseGrade.INTERMEDIATE, 4, STANDALONE_TRACKSPRINT_MAX,
                                 "SCCA TT II.4.1.B"),
    LicenseGrade.INTERMEDIATE: Upgrade(LicenseGrade.ADVANCED, 6, STANDALONE_TRACKSPRINT_MAX,
                                       "SCCA TT II.5.1.B"),
}
