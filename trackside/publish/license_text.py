"""`trackside license status` as text (officials.md, "License upgrades")."""

from __future__ import annotations

from trackside.core.licenses import LicenseStatus


def license_status_text(status: LicenseStatus) -> str:
    held = status.license or "no license"
    if status.next is None:
        head = f"member {status.member_id}: {held}; no higher license"
    elif status.needed is None:
        head = (f"member {status.member_id}: {held}; {status.next} is an officials' decision "
                "(`trackside license grant`, SCCA TT II.6)")
    else:
        verdict = "eligible" if status.eligible else "not yet eligible"
        head = (f"member {status.member_id}: {held}; {status.next} needs {status.needed} "
                f"satisfactory events on {held} ({status.rule}): {status.counted} counted, "
                f"{verdict}")
    lines = [head]
    for e in status.events:
        mark = "satisfactory" if e.satisfactory else "not satisfactory"
        counts = "counts" if e.counts else f"does not count: {e.why}"
        lines.append(f"  {e.date}  {e.event}  {e.license or '-'}  {mark}  {counts}")
    return "\n".join(lines) + "\n"
