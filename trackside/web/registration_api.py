"""The registration desk's write endpoints (issue 15, "Registration desk"; console.md: entries
are the registrar's and the event lead's): a late entry, a change to an entry's fields, an
entries file. Each calls its use case (`services/registration.py`) with the signed-in account
as author; the checks and answers are the write API's (`registration_write.py`).

- `POST /api/events/{event}/entries` `{"number", "first_name", "last_name", "class", "group",
  "transponder", "member_id"?, "license"?, "year"?, "make"?, "model"?, "trim"?, and the car
  data the class check reads: "tire_width"?, "treadwear"?, "drive"?, "displacement"?,
  "weight"?}`
- `POST /api/events/{event}/entries/import`: the entries CSV as the body (`?name=` the file's
  name in errors), or a form's uploaded `file`
- `POST /api/events/{event}/entries/{number}`: any of the fields above but `number`
- `GET /api/events/{event}/entries` and `GET /api/events/{event}/entries/{number}/class-check`:
  the desk's JSON twins (signed in, with the `entries` action: entries carry drivers' findings)
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from trackside.core.entry_checks import Problem
from trackside.core.roles import Action
from trackside.publish.formats import time_text
from trackside.services import registration
from trackside.web.auth import Caller, Refusal
from trackside.web.registration_write import Doc, Sent, Values, Written, read_desk, write
from trackside.web.write_bodies import Field, form_values, json_values, schema

router = APIRouter(prefix="/api/events/{event_id}/entries")
ENTRY_BODY = tuple(Field(name, str, name in registration.REQUIRED)
                   for name in registration.FIELDS)  # fmt: skip
CHANGE_BODY = tuple(Field(name, str) for name in registration.FIELDS if name != "number")
DEFAULT_NAME = "entries.csv"


def _values(body: tuple[Field, ...]):  # type: ignore[no-untyped-def]
    def values_of(sent: Sent) -> Values:
        return form_values(body, sent.fields) if sent.form else json_values(body, sent.raw)

    return values_of


def _engine(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.hub.engine


@router.post("", status_code=201, openapi_extra=schema(ENTRY_BODY))
async def post_entry(request: Request, event_id: str) -> Response:
    """Enter a car late: a new entry, version 1 by the account."""

    def record(caller: Caller, values: Values) -> Written:
        done = registration.add_entry(_engine(request), event_id, values, caller.name)
        return Written(done.doc(), _note(done))

    return await write(request, event_id, _values(ENTRY_BODY), Action.ENTRIES, record)


@router.post("/import", status_code=201)
async def post_entries_file(request: Request, event_id: str, name: str = DEFAULT_NAME
                            ) -> Response:  # fmt: skip
    """Import an entries file as `trackside entries import`: all or nothing."""

    def values_of(sent: Sent) -> Values:
        if sent.form:
            if sent.upload is None or not sent.upload[1].strip():
                raise Refusal(422, "choose the entries file to upload", field="file")
            return {"name": sent.upload[0] or DEFAULT_NAME, "data": sent.upload[1]}
        if not sent.raw.strip():
            raise Refusal(422, "the body is empty: send the entries CSV", field="file")
        return {"name": name, "data": sent.raw}

    def record(caller: Caller, values: Values) -> Written:
        report = registration.import_uploaded(_engine(request), event_id, values["name"],
                                              values["data"], caller.name)  # fmt: skip
        doc = {"file": values["name"], "added": report.added, "updated": report.updated,
               "unchanged": report.unchanged, "warnings": list(report.warnings),
               "author": caller.name}  # fmt: skip
        note = (f"{values['name']}: {report.added} added, {report.updated} updated, "
                f"{report.unchanged} unchanged")
        if report.warnings:
            count = len(report.warnings)
            note += f"; {count} warning{'s' if count != 1 else ''}: " + " | ".join(
                report.warnings)
        return Written(doc, note, report.added + report.updated > 0)

    return await write(request, event_id, values_of, Action.ENTRIES, record)


@router.post("/{number}", status_code=201, openapi_extra=schema(CHANGE_BODY))
async def post_entry_change(request: Request, event_id: str, number: str) -> Response:
    """Change car `number`'s entry: the fields given, a new version by the account."""

    def record(caller: Caller, values: Values) -> Written:
        done = registration.change_entry(_engine(request), event_id, number, values,
                                         caller.name)  # fmt: skip
        return Written(done.doc(), _note(done), done.changed)

    return await write(request, event_id, _values(CHANGE_BODY), Action.ENTRIES, record)


# --- the desk's JSON twins (signed in, with the `entries` action) -----------------------------


@router.get("")
async def get_desk(request: Request, event_id: str) -> Response:
    """The desk as data: every entry with its findings, and the unknown transponders."""

    def read() -> Doc:
        engine = _engine(request)
        rows = registration.desk_entries(engine, event_id)
        return {"event": event_id,
                "entries": [{**r.entry, "findings": [finding_doc(p) for p in r.findings]}
                            for r in rows],
                "unknown_transponders": [
                    {"transponder": s.transponder, "passings": s.passings,
                     "first": time_text(s.first_us), "last": time_text(s.last_us)}
                    for s in registration.unknown_seen(engine, event_id)]}  # fmt: skip

    return await read_desk(request, event_id, read)


@router.get("/{number}/class-check")
async def get_class_check(request: Request, event_id: str, number: str) -> Response:
    """Car `number`'s class check: the classifier's class and rule path beside the declared."""

    def read() -> Doc:
        check = registration.entry_class_check(_engine(request), event_id, number)
        return {"number": number, "declared": check.declared, "found": check.found,
                "candidates": list(check.candidates), "agrees": check.agrees,
                "mismatch": check.mismatch, "suggested": check.suggested,
                "summary": check.summary, "problem": check.problem,
                "reasons": [{"text": t, "rule": r} for t, r in check.reasons]}  # fmt: skip

    return await read_desk(request, event_id, read)


def finding_doc(problem: Problem) -> Doc:
    return {"field": problem.field, "text": problem.text, "rule": problem.rule}


def _note(done: registration.StoredEntry) -> str:
    text = f"car {done.entry['number']} v{done.version}: {done.change}"
    if not done.changed:
        text = f"car {done.entry['number']}: no change"
    if done.findings:
        text += "; findings: " + "; ".join(done.findings)
    return text
