"""The pure domain: records, laps, penalties, results. Standard library only."""
