"""Sets of snapshot positions as Python ints (bit p = the service at position p).

AND, OR and popcount run in C over N/64 machine words, so a filter or a facet count costs
microseconds however many services match, and positions come out already in name order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from itertools import compress, repeat

_TO_ASCII = bytes.maketrans(b"\x00\x01", b"01")
_FROM_ASCII = bytes.maketrans(b"01", b"\x00\x01")


def bits(positions: Iterable[int], size: int) -> int:
    """The bitset of ``positions`` (each in range(size))."""
    if size == 0:
        return 0
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags.translate(_TO_ASCII)[::-1], 2)


def positions(members: int) -> list[int]:
    """The set positions of ``members``, ascending."""
    if not members:
        return []
    flags = format(members, "b").encode("ascii").translate(_FROM_ASCII)[::-1]
    return list(compress(range(len(flags)), flags))


def has(members: int, position: int) -> bool:
    return bool(members >> position & 1)


def flags(members: int, size: int) -> bytes:
    """``members`` as one byte (0 or 1) per position, for many membership tests."""
    if size == 0:
        return b""
    return format(members, f"0{size}b").encode("ascii").translate(_FROM_ASCII)[::-1]
