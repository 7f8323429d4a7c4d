"""IMG Time Trial Series. Its published series page states no on-track penalty ladder, so
trackside's convention is to prompt with the SCCA Time Trials ladders, cited to that rulebook."""

from __future__ import annotations

from trackside.rules.event_ranking import time_trials_rules
from trackside.rules.scca_tt import LADDERS

NAME = "img"
TITLE = "IMG Time Trial Series"
EVENT_RULES = time_trials_rules("IMG Time Trial Series; SCCA TT VI.2.5 conventions")

__all__ = ["EVENT_RULES", "LADDERS", "NAME", "TITLE"]
