"""Publishing: pure renderers from result records to text, JSON, CSV and HTML, and the site."""

from trackside.publish.render import render_event, render_lap_chart, render_session
from trackside.publish.site import write_site

__all__ = ["render_event", "render_lap_chart", "render_session", "write_site"]
