"""Mutation families: each damages a seed document (a dict) in one way the issue names.

A family is a function ``(document, rng) -> None`` that mutates the document in place;
each picks where to strike with ``rng`` alone, so a document is reproducible from its seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any, Final

from fuzzing.seeds import REFERENCE_KEYS

Family = Callable[[dict[str, Any], random.Random], None]
#: A place in a document: a container and a key (or index) of it.
Slot = tuple[Any, Any]

DATE_KEYS: Final = frozenset(
    {"valid_from", "valid_until", "reported_on", "since", "until", "date", "accessed"}
    | {"released", "effective", "announced"}
)
CODE_KEYS: Final = frozenset({"id", "country", "region", "jurisdiction", *REFERENCE_KEYS})
NUMBER_KEYS: Final = frozenset(
    {"marketing_nm", "class_nm", "threshold_nm", "die_area_mm2", "transistors"}
)
#: Repeats of a short piece in a huge string (up to 5 MB); a figure value gets shorter ones,
#: which pint once parsed in quadratic time.
HUGE: Final = (5_000, 100_000, 1_000_000)
LONG_QUANTITY: Final = (100, 2_000, 12_000)
DEPTHS: Final = (10, 1_000, 5_000)
#: How many empty records a document gets, the largest rarely: each costs time to refuse.
EN_MASSE: Final = (10, 100, 2_000)
OTHER_TYPES: Final[tuple[Any, ...]] = (
    *("x", "", " ", 0, 7, -3, 2.5, True, False, None),
    *([], ["x"], [1, None], {}, {"x": 1}),
)
NON_STRING_KEYS: Final[tuple[Any, ...]] = (0, 1, -1, 2.5, None, True, False, ("a", 1))
TRAILING: Final = ("\n", "\n", "\r\n", " ", "\t")
SURROGATES: Final = ("\ud800", "\udbff", "\udc00", "\udfff")
ODD_QUANTITIES: Final[tuple[Any, ...]] = (
    # Arabic-Indic seven, an Arabic decimal separator, fullwidth digits and letters.
    *("7", 7, 7.5, "7nm", "\u0667 nm", "7\u066b5 nm", "\uff17 nm", "7 \uff4e\uff4d"),
    *("1e400 nm", "1e-400 nm"),
    *("-7 nm", "0 nm", "nan nm", "inf nm", "7 kg", "7 furlongs", "seven nm", " 7 nm "),
    *("7 nm\n", "7e5", "7 nm nm", "7 MTr/mm**2", "7 um**2", "7 / nm", "7 nm**-1", "7 (nm"),
    *("7 __import__('os').system('true')", "7 nm\x00", "7 \ud800", ""),
)
ODD_DATES: Final[tuple[Any, ...]] = (
    *("9999-12", "9999", "9999-Q4", "9999-H2", "9999-12-31", "9999-12-01", "0000"),
    *("0000-01", "0000-01-01", "0001-01-01", "2021-07\n"),
    # 2021 in Arabic-Indic digits, in fullwidth digits, and a month ending in one.
    *("\u0662\u0660\u0662\u0661", "\uff12\uff10\uff12\uff11-07", "2021-0\u0667"),
    *("2021\n", "2021-13", "2021-02-30", "2021-Q5", "2021-H3", "20210721", "", " 2021"),
    *("2021-7", 2021, "2021-07-21T00:00", None),
)
HUGE_NUMBERS: Final[tuple[Any, ...]] = (
    *(10**5000, -(10**5000), 10**400, 10**200, 2**64, 1e308, 10**20, 5e-324, 0.0),
    *(float("inf"), float("-inf"), float("nan")),
)


def _slots(value: Any) -> Iterator[Slot]:
    """Every (container, key) in a document, depth first."""
    stack = [value]
    while stack:
        item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, inner in list(pairs):
            yield item, key
            if isinstance(inner, (dict, list)):
                stack.append(inner)


def _dicts(document: dict[str, Any]) -> list[dict[Any, Any]]:
    return [document] + [c[k] for c, k in _slots(document) if isinstance(c[k], dict)]


def _pick(rng: random.Random, slots: list[Slot], document: dict[str, Any]) -> Slot:
    """One of ``slots``, or any slot of the document when there is none."""
    if not slots:
        document.setdefault("about", "")
        slots = list(_slots(document))
    return rng.choice(slots)


def _keyed(document: dict[str, Any], keys: frozenset[str]) -> list[Slot]:
    """Slots of ``keys`` in dicts, and the string items of lists under those keys."""
    found: list[Slot] = []
    for container, key in _slots(document):
        if isinstance(container, dict) and key in keys:
            value = container[key]
            if isinstance(value, list):
                found.extend((value, i) for i, item in enumerate(value) if isinstance(item, str))
            else:
                found.append((container, key))
    return found


def _records(document: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    return [(s, v) for s, v in document.items() if isinstance(v, list) and v]


def _key_of_some_dict(document: dict[str, Any], rng: random.Random) -> tuple[dict[Any, Any], Any]:
    """A non-empty dict of the document and one of its keys (the document and a new key
    when every dict is empty)."""
    filled = [d for d in _dicts(document) if d]
    if not filled:
        return document, "about"
    target = rng.choice(filled)
    return target, rng.choice(list(target))


def delete_key(document: dict[str, Any], rng: random.Random) -> None:
    target, key = _key_of_some_dict(document, rng)
    target.pop(key, None)


def _near_miss(key: Any, rng: random.Random) -> str:
    text = str(key)
    return rng.choice([text.upper(), text + "_", " " + text, text.replace("_", "-"), text + "s"])


def duplicate_key(document: dict[str, Any], rng: random.Random) -> None:
    """The same value again under a near-miss of its key (``id`` and ``ID``)."""
    target, key = _key_of_some_dict(document, rng)
    target[_near_miss(key, rng)] = target.get(key)


def rename_key(document: dict[str, Any], rng: random.Random) -> None:
    target, key = _key_of_some_dict(document, rng)
    target[_near_miss(key, rng)] = target.pop(key, None)


def non_string_key(document: dict[str, Any], rng: random.Random) -> None:
    target = rng.choice(_dicts(document))
    target[rng.choice(NON_STRING_KEYS)] = rng.choice(["x", 1, None, []])


def type_swap(document: dict[str, Any], rng: random.Random) -> None:
    container, key = _pick(rng, [], document)
    kind = type(container[key])
    container[key] = rng.choice([v for v in OTHER_TYPES if type(v) is not kind])


def _strings(document: dict[str, Any]) -> list[Slot]:
    return [(c, k) for c, k in _slots(document) if isinstance(c[k], str)]


def huge_string(document: dict[str, Any], rng: random.Random) -> None:
    container, key = _pick(rng, _strings(document), document)
    container[key] = rng.choice(["x", "7 nm ", "é", "tsmc-"]) * rng.choice(HUGE)


def lone_surrogate(document: dict[str, Any], rng: random.Random) -> None:
    surrogate = rng.choice(SURROGATES)
    if rng.random() < 0.2:  # in a key
        target, key = _key_of_some_dict(document, rng)
        target[f"{key}{surrogate}"] = target.pop(key, None)
        return
    container, key = _pick(rng, _strings(document), document)
    text = str(container[key])
    at = rng.randrange(len(text) + 1)
    container[key] = text[:at] + surrogate + text[at:]


def _figure_values(document: dict[str, Any]) -> list[Slot]:
    return [
        (container, "value")
        for container, _ in _slots(document)
        if isinstance(container, dict) and "metric" in container and "value" in container
    ]


def quantity(document: dict[str, Any], rng: random.Random) -> None:
    """Junk, long units, padding, bare numbers, non-ASCII digits in a figure's value."""
    container, key = _pick(rng, _figure_values(document), document)
    size = rng.choice(LONG_QUANTITY)
    container[key] = rng.choice(
        [
            "7 a" + " " * size + "b",
            "7 " + "n" * size,
            "7" + " " * size + "nm",
            rng.choice(ODD_QUANTITIES),
            rng.choice(ODD_QUANTITIES),
        ]
    )


def date(document: dict[str, Any], rng: random.Random) -> None:
    """Dates out of ``datetime``'s range, with non-ASCII digits, impossible, or malformed."""
    container, key = _pick(rng, _keyed(document, DATE_KEYS), document)
    container[key] = rng.choice(ODD_DATES)


def trailing_newline(document: dict[str, Any], rng: random.Random) -> None:
    """An id, a reference or a country code with a newline (or other space) at its end."""
    container, key = _pick(rng, _keyed(document, CODE_KEYS), document)
    container[key] = f"{container[key]}{rng.choice(TRAILING)}"


def deep_nesting(document: dict[str, Any], rng: random.Random) -> None:
    value: Any = rng.choice(["x", 1, None])
    as_dict = rng.random() < 0.5
    for _ in range(rng.choice(DEPTHS)):
        value = {"a": value} if as_dict else [value]
    container, key = _pick(rng, [], document)
    container[key] = value


def huge_number(document: dict[str, Any], rng: random.Random) -> None:
    """Numbers past a float's range (or not finite) where numbers are expected, or anywhere."""
    slots = [(c, k) for c, k in _slots(document) if isinstance(c, dict) and k in NUMBER_KEYS]
    container, key = _pick(rng, slots if rng.random() < 0.7 else [], document)
    container[key] = rng.choice(HUGE_NUMBERS)


def _claims(document: dict[str, Any], at_least: int, rng: random.Random) -> list[dict[str, Any]]:
    """The document's claims, copied under new ids until there are ``at_least``."""
    claims = [c for c in document.get("claims", []) if isinstance(c, dict)]
    if not claims:
        return []
    while len(claims) < at_least:
        copy = dict(rng.choice(claims))
        copy["id"] = f"{copy.get('id')}-copy{len(claims)}"
        claims.append(copy)
        document["claims"].append(copy)
    return claims


def cycle(document: dict[str, Any], rng: random.Random) -> None:
    """Claims that supersede (or dispute) each other in a ring, or themselves."""
    length = rng.choice([1, 2, 2, 3])
    claims = _claims(document, length, rng)
    if not claims:
        return dangling_reference(document, rng)
    ring = rng.sample(claims, length)
    field = rng.choice(["supersedes", "supersedes", "disputes"])
    for claim, following in zip(ring, ring[1:] + ring[:1], strict=True):
        claim[field] = [*claim.get(field, []), following.get("id")]
    return None


def dangling_reference(document: dict[str, Any], rng: random.Random) -> None:
    """A reference to no record, or to a record of another section."""
    container, key = _pick(rng, _keyed(document, frozenset(REFERENCE_KEYS)), document)
    ids = [r.get("id") for _, records in _records(document) for r in records if isinstance(r, dict)]
    container[key] = rng.choice(["no-such-record", "", *[i for i in ids if isinstance(i, str)]])


def duplicate_id(document: dict[str, Any], rng: random.Random) -> None:
    """A record repeated in its section, verbatim, changed, or after a broken first copy."""
    sections = _records(document)
    if not sections:
        return
    _, records = rng.choice(sections)
    original = rng.choice(records)
    copy = dict(original) if isinstance(original, dict) else original
    how = rng.choice(["verbatim", "changed", "broken first"])
    if isinstance(copy, dict) and how == "changed":
        copy["note"] = "a second record with the same id"
    if isinstance(original, dict) and original and how == "broken first":
        original[rng.choice(list(original))] = 12345
    records.insert(rng.randrange(len(records) + 1), copy)


def empty_records(document: dict[str, Any], rng: random.Random) -> None:
    """Empty claims en masse (or empty records in every section)."""
    count = rng.choices(EN_MASSE, weights=(5, 4, 1))[0]
    sections = ["claims"] if rng.random() < 0.7 else [s for s, _ in _records(document)]
    for section in sections:
        document[section] = [{} for _ in range(count)]


MUTATIONS: Final[dict[str, Family]] = {
    family.__name__: family
    for family in (
        delete_key,
        duplicate_key,
        rename_key,
        non_string_key,
        type_swap,
        huge_string,
        lone_surrogate,
        quantity,
        date,
        trailing_newline,
        deep_nesting,
        huge_number,
        cycle,
        dangling_reference,
        duplicate_id,
        empty_records,
    )
}


def mutate(document: dict[str, Any], rng: random.Random) -> str:
    """Apply one to three mutations to ``document``; return their names joined by ``+``."""
    names = rng.sample(sorted(MUTATIONS), rng.choice([1, 1, 1, 2, 3]))
    for name in names:
        MUTATIONS[name](document, rng)
    return "+".join(names)
