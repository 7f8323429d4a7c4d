"""Who is who across events (championship.md, "Who is who across events"): a competitor is
its `member_id` when the entry has one, else its case- and space-normalised full name (team
name in a team series); audited merges make two identities one."""

from __future__ import annotations

from collections.abc import Iterable

from trackside.core.series_records import ClassResult, Merge, ScoresBy


def normalised(name: str) -> str:
    """Case- and space-normalised: "  ann   LEE " is "ann lee"."""
    return " ".join(name.split()).casefold()


def identity_key(result: ClassResult, scores: ScoresBy) -> str:
    """The competitor a result belongs to, before merges: `member:ID`, `name:ann lee` or
    `team:red line racing` (a team series' entry without a team is its driver's name)."""
    if scores is ScoresBy.TEAM:
        if result.team and result.team.strip():
            return f"team:{normalised(result.team)}"
        return f"name:{normalised(result.driver)}"
    if result.member_id and result.member_id.strip():
        return f"member:{result.member_id.strip()}"
    return f"name:{normalised(result.driver)}"


def display_name(result: ClassResult, scores: ScoresBy) -> str:
    """The competitor's name as shown: the team's in a team series, else the driver's."""
    if scores is ScoresBy.TEAM and result.team and result.team.strip():
        return " ".join(result.team.split())
    return " ".join(result.driver.split())


class Identities:
    """Identity keys with the merges applied in decision order (a union-find): `canonical(k)`
    is the key a merged identity stands under, that of the merge's first competitor A."""

    def __init__(self, merges: Iterable[Merge] = ()) -> None:
        self._parent: dict[str, str] = {}
        for merge in sorted(merges, key=lambda m: m.id):
            self.merge(merge.a, merge.b)

    def canonical(self, key: str) -> str:
        root = key
        while root in self._parent:
            root = self._parent[root]
        return root

    def merge(self, a: str, b: str) -> None:
        root_a, root_b = self.canonical(a), self.canonical(b)
        if root_a != root_b:
            self._parent[root_b] = root_a

    def same(self, a: str, b: str) -> bool:
        return self.canonical(a) == self.canonical(b)
