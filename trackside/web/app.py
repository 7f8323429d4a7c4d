"""The FastAPI application: pages, their JSON twins, the live event stream, static files.

The live engine (`LiveHub.run`) runs for as long as the application does (its lifespan).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine

from trackside.live.hub import LiveHub
from trackside.web import (
    api,
    audit_pages,
    auth,
    classing,
    console_live_api,
    console_pages,
    pages,
    pitlane_pages,
    race_api,
    registration_api,
    registration_pages,
    season,
    stream,
    tech_api,
    tech_pages,
    write_api,
)
from trackside.web.assets import static_assets
from trackside.web.live_feeds import LiveFeeds
from trackside.web.rendering import render


def create_app(engine: Engine | None = None, *, hub: LiveHub | None = None) -> FastAPI:
    """The web application over a database (or over a hub already made for it)."""
    if hub is None:
        if engine is None:
            raise ValueError("create_app needs an engine or a hub")
        hub = LiveHub(engine)
    app = FastAPI(title="trackside", lifespan=_lifespan, docs_url="/api/docs",
                  redoc_url=None, openapi_url="/api/openapi.json")  # fmt: skip
    app.state.hub = hub
    app.state.feeds = LiveFeeds(hub)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(classing.router)
    app.include_router(stream.router)
    app.include_router(auth.router)
    app.include_router(write_api.router)
    app.include_router(audit_pages.router)
    app.include_router(console_pages.router)
    app.include_router(console_live_api.router)
    app.include_router(registration_api.router)
    app.include_router(registration_pages.router)
    app.include_router(season.router)
    app.include_router(race_api.router)
    app.include_router(pitlane_pages.router)
    app.include_router(tech_api.router)
    app.include_router(tech_pages.router)
    app.mount("/static", static_assets(), name="static")
    app.add_exception_handler(HTTPException, _not_found)  # type: ignore[arg-type]
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    stop = asyncio.Event()
    engine_task = asyncio.create_task(app.state.hub.run(stop), name="trackside-live-engine")
    try:
        yield
    finally:
        stop.set()
        engine_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await engine_task


async def _not_found(request: Request, error: HTTPException) -> Response:
    """Errors as JSON under /api, as a page elsewhere."""
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": error.detail}, status_code=error.status_code)
    page = render("not_found.html", message=error.detail, nav=(), twin="/api/events")
    return HTMLResponse(page, status_code=error.status_code)
