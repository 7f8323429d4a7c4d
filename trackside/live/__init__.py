"""The running event: journal watcher, incremental results, fan-out to live listeners."""

from trackside.live.hub import LiveHub
from trackside.live.live_event import LiveSnapshot
from trackside.live.results_model import LiveResults

__all__ = ["LiveHub", "LiveResults", "LiveSnapshot"]
