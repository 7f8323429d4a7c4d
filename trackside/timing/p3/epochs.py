"""Reset epochs: a decoder whose passing numbers restart gets a new name for its new numbers.

A passing is identified by decoder + passing number. After a decoder reset the numbers start
again at 1, so the passings of each run of numbers (an *epoch*) are stored under the decoder id
qualified with the epoch: ``D0000C01`` before the first reset, ``D0000C01#1`` after it,
``D0000C01#2`` after the next. See ``docs/decoder.md``.
"""

from __future__ import annotations

SEPARATOR = "#"


def qualified(decoder: str, epoch: int) -> str:
    """The name passings of ``decoder`` are stored under in reset epoch ``epoch``."""
    return decoder if epoch == 0 else f"{decoder}{SEPARATOR}{epoch}"


def split_qualified(name: str) -> tuple[str, int]:
    """``("D0000C01", 2)`` for ``D0000C01#2``; epoch 0 for a plain decoder id."""
    base, separator, epoch = name.rpartition(SEPARATOR)
    if separator and base and epoch.isdigit():
        return base, int(epoch)
    return name, 0
