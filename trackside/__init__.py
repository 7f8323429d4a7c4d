"""trackside: club motorsport competition from registration to season champion."""

__version__ = "0.1.0"
