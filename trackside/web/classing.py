"""The classing page (issue 4): a form describing a car, and the explained answer.

The form submits with GET, so the page works without JavaScript and every answer has an address
to share; `/api/classify` with the same query is its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from trackside.classing.answer import EXAMPLE_INDEX, answer
from trackside.errors import InputError
from trackside.publish.html import Link
from trackside.web import links
from trackside.web.classing_form import CHECKBOXES, FIELDS, LABELS, SOURCE, api_error, page_error
from trackside.web.rendering import render

router = APIRouter()



def _asked(request: Request) -> dict[str, str]:
    return {k: v for k in FIELDS if (v := request.query_params.get(k, "").strip())}


def _answer(
    asked: dict[str, str], request: Request
) -> tuple[dict[str, Any] | None, InputError | None]:
    if not asked:
        return None, None
    points = EXAMPLE_INDEX if request.query_params.get("points") else None
    values = {**asked, **{k: True for k in CHECKBOXES if k in asked}}
    try:
        return answer(values, source=SOURCE, points=points).to_dict(), None
    except InputError as err:
        return None, err


@router.get(links.classify_page(), response_class=HTMLResponse)
def classify_page(request: Request) -> str:
    """The form, filled in with what was asked, and the answer (or what is wrong)."""
    asked = _asked(request)
    result, error = _answer(asked, request)
    query = f"?{request.url.query}" if request.url.query else ""
    twin = links.api_twin(links.classify_page()) + query
    return render(
        "classify.html", asked=asked, result=result, labels=LABELS,
        error=page_error(error) if error else None,
        points=bool(request.query_params.get("points")),
        nav=(Link("All events", links.events_page()),), twin=twin,
    )  # fmt: skip


@router.get(links.api_twin(links.classify_page()))
def classify_api(request: Request) -> JSONResponse:
    """The answer as JSON (`trackside classify --format json`'s document); 422 with the
    error (and the query parameter it is about) for a car that cannot be classified."""
    asked = _asked(request)
    if not asked:
        return JSONResponse({"detail": f"describe the car: {', '.join(FIELDS)}"}, 422)
    result, error = _answer(asked, request)
    if error is not None:
        return JSONResponse(api_error(error), 422)
    return JSONResponse(result)
