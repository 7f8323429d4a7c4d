"""Classing tables: CSV with a rulebook citation per row, and the example points index."""
