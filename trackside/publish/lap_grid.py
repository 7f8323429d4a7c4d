"""The lap chart as a grid: one row per car, one cell per lap, split in blocks of columns."""

from __future__ import annotations

from dataclasses import dataclass

from trackside.core.results import ScoredLap, SessionEntryResult, SessionResult
from trackside.publish.ordering import session_entries, shows_unknown

NOT_COUNTED = "does not count"


@dataclass(frozen=True, slots=True)
class LapCell:
    """One lap as the chart shows it: its time, whether it is the best, why it does not count."""

    lap: ScoredLap
    best: bool

    @property
    def valid(self) -> bool:
        return self.lap.valid

    @property
    def reason(self) -> str:
        """Why the lap does not count ('' for a valid lap)."""
        return "" if self.lap.valid else (self.lap.reason or NOT_COUNTED)


@dataclass(frozen=True, slots=True)
class LapRow:
    """A car (or an unknown transponder) and its laps keyed by lap number."""

    number: str
    driver: str
    car_class: str
    position: int | None
    status: str
    cells: dict[int, LapCell]
    transponder: str = ""
    passings: int | None = None

    def cell(self, lap: int) -> LapCell | None:
        return self.cells.get(lap)

    @property
    def invalid_cells(self) -> list[LapCell]:
        return [cell for _, cell in sorted(self.cells.items()) if not cell.valid]


@dataclass(frozen=True, slots=True)
class LapGrid:
    """Rows sharing the columns lap 1..lap_count."""

    rows: tuple[LapRow, ...]

    @property
    def lap_count(self) -> int:
        return max((max(row.cells, default=0) for row in self.rows), default=0)

    @property
    def has_invalid(self) -> bool:
        """Whether some lap of the grid does not count (so its reason is listed)."""
        return any(not cell.valid for row in self.rows for cell in row.cells.values())

    def blocks(self, size: int) -> list[list[int]]:
        """Lap numbers in balanced blocks of at most `size` columns (the chart wraps between
        blocks): 11 laps in blocks of 10 are 1-6 and 7-11, not 1-10 and a lone 11."""
        laps = list(range(1, self.lap_count + 1))
        count = -(-len(laps) // size)
        width = -(-len(laps) // count) if count else size
        return [laps[i : i + width] for i in range(0, len(laps), width)]


@dataclass(frozen=True, slots=True)
class LapChart:
    cars: LapGrid
    without_laps: tuple[SessionEntryResult, ...]
    unknown: LapGrid

    @property
    def has_invalid(self) -> bool:
        """Whether the chart shows a lap that does not count, cars' or unknown transponders'."""
        return self.cars.has_invalid or self.unknown.has_invalid


def _cells(laps: tuple[ScoredLap, ...], best: ScoredLap | None) -> dict[int, LapCell]:
    best_number = None if best is None else best.lap
    return {lap.lap: LapCell(lap, lap.lap == best_number) for lap in laps}


def _car_row(entry: SessionEntryResult) -> LapRow:
    cells = _cells(entry.laps, entry.best_lap)
    return LapRow(entry.number, entry.driver, entry.car_class, entry.position, entry.status, cells)


def lap_chart(result: SessionResult, car_class: str | None = None) -> LapChart:
    """Every lap of every car in result order, cars without laps apart, unknown transponders."""
    entries = session_entries(result, car_class)
    cars = tuple(_car_row(entry) for entry in entries if entry.laps)
    without = tuple(entry for entry in entries if not entry.laps)
    unknown = result.unknown if shows_unknown(car_class) else ()
    unknown_rows = tuple(
        LapRow("", "", "", None, "unknown", _cells(u.laps, None), u.transponder, u.passings)
        for u in unknown
    )
    return LapChart(LapGrid(cars), without, LapGrid(unknown_rows))
