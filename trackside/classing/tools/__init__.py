"""Maintenance tools for the classing tables (not imported by the engine)."""
