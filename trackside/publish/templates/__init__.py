"""Jinja2 templates and the one stylesheet every page shares (package data)."""
