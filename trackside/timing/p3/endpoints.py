"""Reading what a timing chief types: a decoder address and decoder-to-loop names."""

from __future__ import annotations

from collections.abc import Iterable

from trackside.errors import InputError

DEFAULT_PORT = 5403


def parse_address(
    text: str, default_port: int = DEFAULT_PORT, *, source: str = "argument HOST[:PORT]"
) -> tuple[str, int]:
    """``host``, ``host:port`` or ``[ipv6]:port`` to (host, port)."""
    host, port_text = _split(text.strip())
    if not host:
        raise InputError(f"no host in {text!r}; expected HOST or HOST:PORT", source=source)
    if port_text is None:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise InputError(f"port {port_text!r} is not a number from 1 to 65535", source=source)
    return host, int(port_text)


def _split(text: str) -> tuple[str, str | None]:
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else None
    if text.count(":") == 1:
        host, port = text.split(":")
        return host, port
    return text, None


def parse_loops(values: Iterable[str], *, source: str = "option --loop") -> dict[str, str]:
    """``["D0000C01=SF", "D0000C02=PIT"]`` to ``{"D0000C01": "SF", "D0000C02": "PIT"}``."""
    loops = {}
    for value in values:
        decoder, equals, loop = value.partition("=")
        if not equals or not decoder.strip() or not loop.strip():
            raise InputError(f"expected DECODER=LOOP (D0000C01=SF), got {value!r}", source=source)
        loops[decoder.strip().upper()] = loop.strip()
    return loops
