"""Byte-level damage to a serialised seed document: what a bad disk, editor or tool does.

A family is a function ``(text, rng) -> bytes``; the result is written to a file and read
with :func:`nodecompare.load_catalog`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Final

Damage = Callable[[bytes, random.Random], bytes]

#: Bytes that are not UTF-8 (a lone surrogate ED A0 80, an overlong slash, 0xFF), escapes
#: JSON decodes to a lone surrogate or NUL, a byte-order mark, a right-to-left override.
ODD_BYTES: Final = (
    *(b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\\ud800", b"\\udfff", b"x\\ud83d", b"\xff"),
    *(b"\xc0\xaf", b"\x00", b"\\u0000", b"\xef\xbb\xbf", b"\xe2\x80\xae", "٣".encode()),
)
DEPTHS: Final = (100, 1_000, 100_000)
#: How many empty claims a file of them holds, the largest rarely: each costs time to refuse.
EN_MASSE: Final = (10, 100, 2_000)
DIGITS: Final = (400, 5_000, 100_000)
NOT_A_CATALOG: Final = (
    *(b"", b"null", b"[]", b'"x"', b"7", b"{}", b"\xef\xbb\xbf{}", b"\x00" * 4096),
    *(b"[" * 100_000, b'{"claims": {"claims": []}}', b'{"sources": null}'),
)
_MEMBER_LINE = re.compile(rb'^ *"[^"\n]+": [^\n]*,$', re.MULTILINE)
_VALUE = re.compile(rb'(?<=": )(?:"(?:[^"\\\n]|\\.)*"|[-0-9.eE+]+|true|false|null)')


def bit_flip(text: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(text)
    for _ in range(rng.randint(1, 4)):
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def truncate(text: bytes, rng: random.Random) -> bytes:
    return text[: rng.randrange(len(text))]


def insert_bytes(text: bytes, rng: random.Random) -> bytes:
    """Odd bytes inside a string value (where they survive parsing), or anywhere."""
    strings = [m.start() + 1 for m in _VALUE.finditer(text) if m.group().startswith(b'"')]
    at = rng.choice(strings) if strings and rng.random() < 0.8 else rng.randrange(len(text))
    return text[:at] + rng.choice(ODD_BYTES) + text[at:]


def duplicate_key_text(text: bytes, rng: random.Random) -> bytes:
    """A ``"key": value,`` line repeated, with the same value or another line's."""
    lines = list(_MEMBER_LINE.finditer(text))
    if not lines:
        return text
    line = rng.choice(lines)
    repeated = line.group()
    if rng.random() < 0.5:
        other = _VALUE.search(rng.choice(lines).group())
        value = _VALUE.search(repeated)
        if other and value:
            repeated = repeated[: value.start()] + other.group() + repeated[value.end() :]
    return text[: line.end()] + b"\n" + repeated + text[line.end() :]


def _replace_value(text: bytes, rng: random.Random, value: bytes) -> bytes:
    values = list(_VALUE.finditer(text))
    if not values:
        return value
    match = rng.choice(values)
    return text[: match.start()] + value + text[match.end() :]


def deep_brackets(text: bytes, rng: random.Random) -> bytes:
    depth = rng.choice(DEPTHS)
    nested = (
        b"[" * depth + b"]" * depth
        if rng.random() < 0.5
        else b'{"a":' * depth + b"1" + b"}" * depth
    )
    return _replace_value(text, rng, nested)


def long_number(text: bytes, rng: random.Random) -> bytes:
    """A number of thousands of digits, or one past a float's range."""
    digits = b"1" * rng.choice(DIGITS)
    return _replace_value(text, rng, rng.choice([digits, digits + b".5", b"1e400", b"-1e400"]))


def not_a_catalog(text: bytes, rng: random.Random) -> bytes:
    """A file that is no catalog at all: empty, a scalar, zeros, random bytes."""
    return rng.choice([*NOT_A_CATALOG, rng.randbytes(rng.choice([1, 100, 10_000]))])


def empty_claims_text(text: bytes, rng: random.Random) -> bytes:
    """A file of nothing but empty claims."""
    count = rng.choices(EN_MASSE, weights=(5, 4, 1))[0]
    return b'{"claims": [' + b"{}, " * count + b"{}]}"


DAMAGES: Final[dict[str, Damage]] = {
    family.__name__: family
    for family in (
        bit_flip,
        truncate,
        insert_bytes,
        duplicate_key_text,
        deep_brackets,
        long_number,
        not_a_catalog,
        empty_claims_text,
    )
}


def damage(text: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One kind of damage to ``text``: its name and the damaged bytes."""
    name = rng.choice(sorted(DAMAGES))
    return name, DAMAGES[name](text, rng)
