"""The competition formats this build scores. A new format is a new scorer module added here
(tracksprint.md, endurance.md); a session of any other format is refused."""

from __future__ import annotations

from trackside.core.formats import FormatRegistry
from trackside.core.lap_scorer import LAP_SCORER
from trackside.core.race_scorer import RACE_SCORER
from trackside.core.run_scorer import RUN_SCORER

FORMATS = FormatRegistry((LAP_SCORER, RUN_SCORER, RACE_SCORER))
"""time-attack, practice and qualifying (the lap scorer); tracksprint and hillclimb (the run
scorer); race (the race scorer: endurance and SprintDuro)."""
