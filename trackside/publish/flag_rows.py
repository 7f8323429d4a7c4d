"""A recorded flag as documents show it: in full (journal id, who recorded it and when, whether
it was revoked) for `trackside flag list` and the event document; as a result shows it (state,
time, revoked) in the session JSON, which stays the same whichever journal recorded the facts."""

from __future__ import annotations

from typing import Any

from trackside.core.results import FlagStanding
from trackside.publish.formats import time_text

Doc = dict[str, Any]

FLAG_FIELDS = ("id", "session", "state", "time", "author", "recorded", "revoked", "revoked_by")


def flag_row(standing: FlagStanding) -> Doc:
    """One flag: `revoked_by` is the `revoke-flag` decision in force against it, if any."""
    flag = standing.flag
    return {
        "id": flag.id,
        "session": flag.session_id,
        "state": str(flag.state),
        "time": time_text(flag.time_us),
        "author": flag.author,
        "recorded": time_text(flag.recorded_us) if flag.recorded_us else None,
        "revoked": standing.revoked_by is not None,
        "revoked_by": standing.revoked_by,
    }


def result_flag(standing: FlagStanding) -> Doc:
    """One flag of a session result: what was shown when, and whether it was revoked."""
    return {
        "state": str(standing.flag.state),
        "time": time_text(standing.flag.time_us),
        "revoked": standing.revoked_by is not None,
    }
