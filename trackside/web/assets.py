"""The page assets under /static: style sheets, scripts and images, and nothing else of the
package folder they live in (its `__init__.py` is the package's source, not an asset)."""

from __future__ import annotations

from pathlib import PurePosixPath

from fastapi import HTTPException
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

ASSET_SUFFIXES = frozenset({".css", ".js", ".svg", ".png", ".ico", ".woff2"})


class AssetFiles(StaticFiles):
    """StaticFiles that answers 404 for any file that is not a page asset."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if PurePosixPath(path).suffix.lower() not in ASSET_SUFFIXES:
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)


def static_assets() -> AssetFiles:
    """The assets shipped in `trackside/web/static`."""
    return AssetFiles(packages=[("trackside.web", "static")])
