"""Orbits RMonitor (scoreboard protocol): read a recorded or live feed into trackside facts, and
write RMonitor lines from trackside records. Pure Python, standard library only.

Skipped lines are logged at WARNING on `trackside.timing.rmonitor.parse` for applications that
configure logging; the package itself prints nothing (callers get the warnings as data)."""

import logging

from trackside.timing.rmonitor.feed import RMonitorFeed, read_feed, read_feed_file
from trackside.timing.rmonitor.parse import FeedWarning, ParsedFeed, parse_line, parse_lines
from trackside.timing.rmonitor.run_facts import FeedRun
from trackside.timing.rmonitor.standings import OrbitsBestLap, OrbitsPosition

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "FeedRun",
    "FeedWarning",
    "OrbitsBestLap",
    "OrbitsPosition",
    "ParsedFeed",
    "RMonitorFeed",
    "parse_line",
    "parse_lines",
    "read_feed",
    "read_feed_file",
]
