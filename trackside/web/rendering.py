"""The web pages' Jinja2 environment: this package's templates first, then publish's (the shared
stylesheet, the results tables), with publish's filters."""

from __future__ import annotations

from functools import cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from trackside.publish import html as publish_html
from trackside.web import links


@cache
def environment() -> Environment:
    """Autoescaping on, undefined names are errors, publish's filters and stylesheet."""
    shared = publish_html.environment()
    env = Environment(
        loader=ChoiceLoader([PackageLoader("trackside.web", "templates"), shared.loader]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(shared.filters)
    env.globals.update(shared.globals)
    env.globals.update(links=links, clock_text=clock_text)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def clock_text(time_us: int | None) -> str:
    """A session clock as M:SS (H:MM:SS past an hour); '' for none."""
    if time_us is None:
        return ""
    total = max(0, time_us) // 1_000_000
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
