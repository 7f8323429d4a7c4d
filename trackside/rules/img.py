"""IMG Time Trial Series. Its published series page states no on-track penalty ladder, so
trackside's convention is to prompt with the SCCA Time Trials ladders, cited to that rulebook."""

from __future__ import annotations

from trackside.rules.scca_tt import LADDERS

NAME = "img"
TITLE = "IMG Time Trial Series"

__all__ = ["LADDERS", "NAME", "TITLE"]
