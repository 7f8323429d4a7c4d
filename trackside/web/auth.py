"""Who is asking (console.md, "Sign-in and sessions"): the session cookie or a bearer token;
the sign-in and sign-out pages; the checks every write makes, in order: 401 without
credentials, 403 for a cookie without its CSRF token, 403 naming the roles when the account's
roles do not allow the action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from trackside.core.roles import Action, Role, allowed, roles_allowed
from trackside.services import accounts, sign_in_limit
from trackside.web.rendering import render

COOKIE = "trackside_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf"

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Caller:
    """A signed-in account, and how: by cookie (then `csrf` is its session's token) or token."""

    account: accounts.Account
    csrf: str | None

    @property
    def name(self) -> str:
        return self.account.name


class Refusal(Exception):
    """A request refused: its status, the one-line reason and what else the body says."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, **self.extra}


def _engine(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.hub.engine


def caller_of(request: Request) -> Caller | None:
    """The account making the request: `Authorization: Bearer TOKEN`, else the session cookie."""
    engine = _engine(request)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        account = accounts.token_account(engine, token.strip())
        return None if account is None else Caller(account, None)
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    found = accounts.session_account(engine, cookie)
    return None if found is None else Caller(found[0], found[1])


def check_csrf(caller: Caller, given: str | None) -> None:
    """A cookie-authenticated change carries its session's CSRF token (header or form field)."""
    import hmac

    if caller.csrf is not None and not (given and hmac.compare_digest(given, caller.csrf)):
        raise Refusal(403, f"missing or wrong CSRF token: send the {CSRF_HEADER} header "
                           "(or the form's csrf field) of this session")  # fmt: skip


def require_caller(request: Request) -> Caller:
    caller = caller_of(request)
    if caller is None:
        raise Refusal(401, "sign in (POST /login) or send Authorization: Bearer TOKEN")
    return caller


def check_allowed(caller: Caller, action: Action | tuple[Action, ...]) -> None:
    """403 unless the caller's roles allow the action (or any of the actions given)."""
    actions = action if isinstance(action, tuple) else (action,)
    if not any(allowed(caller.account.roles, a) for a in actions):
        wanted = {role for a in actions for role in roles_allowed(a)}
        roles = [role.value for role in Role if role in wanted]
        raise Refusal(403, f"{' or '.join(actions)} needs one of the roles {', '.join(roles)}; "
                           f"{caller.name} holds {', '.join(caller.account.roles)}",
                      action=str(actions[0]), allowed_roles=roles)  # fmt: skip


def safe_next(target: str | None, default: str = "/console") -> str:
    """A local path to go to after a form: never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


async def form_fields(request: Request) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body's fields (the last of a repeated name)."""
    return dict(parse_qsl((await request.body()).decode("utf-8", "replace"),
                          keep_blank_values=True))  # fmt: skip


@router.get("/api/session")
def who(request: Request) -> Response:
    """The signed-in account, its roles and (for a session cookie) the CSRF token its JSON
    writes send as `X-CSRF-Token`; 401 when nobody is signed in."""
    caller = caller_of(request)
    if caller is None:
        return JSONResponse({"detail": "nobody is signed in"}, status_code=401)
    return JSONResponse({"name": caller.name, "roles": list(caller.account.roles),
                         "csrf": caller.csrf})  # fmt: skip


# --- the pages ----------------------------------------------------------------------------


def _login_page(next_path: str, message: str = "", name: str = "", status: int = 200) -> Response:
    page = render("console/login.html", next=next_path, message=message, name=name,
                  nav=(), twin="/api/events")  # fmt: skip
    return HTMLResponse(page, status_code=status)


@router.get("/login")
def login_form(next: str | None = None) -> Response:  # noqa: A002 - the query's name
    return _login_page(safe_next(next))


@router.post("/login")
async def login(request: Request) -> Response:
    fields = await form_fields(request)
    name, password = fields.get("username", "").strip(), fields.get("password", "")
    next_path = safe_next(fields.get("next"))
    host = request.client.host if request.client else "unknown"
    keys = (f"user:{name.lower()}", f"addr:{host}")
    wait_us = await run_in_threadpool(sign_in_limit.retry_after_us, _engine(request), keys)
    if wait_us is not None:
        wait_s = wait_us // 1_000_000 + 1
        response = _login_page(next_path, f"Too many failed sign-ins: try again in "
                                          f"{wait_s} s.", name, 429)  # fmt: skip
        response.headers["Retry-After"] = str(wait_s)
        return response
    account = await run_in_threadpool(accounts.check_password, _engine(request), name, password)
    if account is None:
        await run_in_threadpool(sign_in_limit.record_failure, _engine(request), keys)
        return _login_page(next_path, "Wrong name or password.", name, 401)
    signed = await run_in_threadpool(accounts.sign_in, _engine(request), account.name)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(COOKIE, signed.cookie, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/",
                        max_age=accounts.SESSION_US // 1_000_000)  # fmt: skip
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    fields = await form_fields(request)
    caller = await run_in_threadpool(caller_of, request)
    cookie = request.cookies.get(COOKIE)
    if caller is not None and cookie and caller.csrf is not None:
        try:
            check_csrf(caller, fields.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER))
        except Refusal as refusal:
            return HTMLResponse(refusal.detail, status_code=refusal.status)
        await run_in_threadpool(accounts.sign_out, _engine(request), cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
