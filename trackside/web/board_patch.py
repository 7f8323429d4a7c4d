"""Differences between two boards of the same session: what a live page must change.

A patch names the version it applies to (`base`) and the one it makes (`version`); a page that
holds another version asks for the whole board again. Rows are keyed by car number and carry
only the fields that changed; `order` is sent when the running order changed.
"""

from __future__ import annotations

from typing import Any

from trackside.web.board import Doc

HEADER_KEYS = ("event_name", "session_name", "scored", "classes", "flag", "clock")
RUN_KEYS = ("on_course", "last_finishers")
"""A run session's lists: sent whole in a patch when they changed."""


def same_board(old: Doc, new: Doc) -> bool:
    """Two boards of the same session and class filter (a patch can turn one into the other)."""
    return (old["event"], old["session"], old["class"]) == (new["event"], new["session"],
                                                           new["class"])  # fmt: skip


def board_patch(old: Doc, new: Doc) -> Doc | None:
    """The patch from `old` to `new` (same board), without versions; None when nothing changed."""
    patch: dict[str, Any] = {k: new[k] for k in HEADER_KEYS if old.get(k) != new[k]}
    patch.update({k: new[k] for k in RUN_KEYS if k in new and old.get(k) != new[k]})
    before = {row["number"]: row for row in old["rows"]}
    after = {row["number"]: row for row in new["rows"]}
    rows = {}
    for number, row in after.items():
        previous = before.get(number, {})
        if previous is row:
            continue  # the same document (`board.RowCache`): nothing of it changed
        changed = {k: v for k, v in row.items() if k not in previous or previous[k] != v}
        if changed:
            rows[number] = changed
    if rows:
        patch["rows"] = rows
    removed = [number for number in before if number not in after]
    if removed:
        patch["removed"] = removed
    if list(before) != list(after):
        patch["order"] = list(after)
    return patch or None


def apply_patch(board: Doc, patch: Doc) -> Doc:
    """The board a page holds after applying `patch` (what live.js does, for the tests)."""
    new = {**board, **{k: patch[k] for k in (*HEADER_KEYS, *RUN_KEYS) if k in patch}}
    rows = {row["number"]: row for row in board["rows"]}
    for number in patch.get("removed", ()):
        rows.pop(number, None)
    for number, fields in patch.get("rows", {}).items():
        rows[number] = {**rows.get(number, {}), **fields}
    order = patch.get("order", [row["number"] for row in board["rows"]])
    new["rows"] = [rows[number] for number in order]
    new["version"] = patch["version"]
    return new
