"""The query index answers as a plain scan of every claim does (issue 12).

The scans below are the queries as they were before the index: each checks every claim
with the model's own methods. On generated catalogs, the indexed answers must equal them.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.model import PRODUCTION_KINDS, Claim, ClaimKind, Confidence
from nodecompare.queries.production import claim_order, production_claims
from nodecompare.strategies import producing_catalogs

days = st.dates(dt.date(1995, 1, 1), dt.date(2035, 12, 31))
confidences = st.sampled_from(list(Confidence))


def scanned_production(
    catalog: nc.Catalog,
    node: nc.ProcessNode,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
    possibly: bool,
) -> tuple[Claim, ...]:
    holds = Claim.possibly_holds_on if possibly else Claim.holds_on
    found = (
        claim
        for claim in catalog.claims_about(node)
        if claim.kind in PRODUCTION_KINDS
        and holds(claim, day)
        and claim.known_by(known_by)
        and claim.confidence.at_least(minimum)
        and not catalog.is_superseded(claim, known_by)
    )
    return tuple(sorted(found, key=claim_order))


def near_claims(data: st.DataObject, catalog: nc.Catalog) -> tuple[dt.date, dt.date | None]:
    """A day near when a claim started to hold (within its period, or around it), and a
    cut near when a claim was reported (or None), where the answers change."""
    if not catalog.claims:
        return data.draw(days), data.draw(st.none() | days)
    held = data.draw(st.sampled_from(catalog.claims)).valid_from.start
    day = held + dt.timedelta(days=data.draw(st.integers(-100, 400)))
    reported = data.draw(st.sampled_from(catalog.claims)).reported_on
    offset = data.draw(st.none() | st.integers(-3, 3))
    return day, None if offset is None else reported + dt.timedelta(days=offset)


@settings(max_examples=300)
@given(producing_catalogs(), st.data(), confidences, st.booleans())
def test_production_claims_equal_a_scan(
    catalog: nc.Catalog, data: st.DataObject, minimum: Confidence, possibly: bool
) -> None:
    day, known_by = near_claims(data, catalog)
    for node in catalog.nodes:
        indexed = production_claims(catalog, node, day, known_by, minimum, possibly=possibly)
        assert indexed == scanned_production(catalog, node, day, known_by, minimum, possibly)


@settings(max_examples=300)
@given(producing_catalogs(), st.data())
def test_claim_filters_equal_a_scan(catalog: nc.Catalog, data: st.DataObject) -> None:
    owner = data.draw(st.none() | st.sampled_from(catalog.foundries))
    subject = data.draw(st.none() | st.sampled_from(catalog.nodes))
    kinds = data.draw(
        st.none() | st.frozensets(st.sampled_from(list(ClaimKind)), min_size=1, max_size=3)
    )
    cited = data.draw(st.none() | st.sampled_from(catalog.sources))
    near, known = near_claims(data, catalog)
    day = data.draw(st.sampled_from([None, near]))
    minimum = data.draw(confidences)
    answer = nc.claims(
        foundry=owner,
        node=subject,
        kinds=kinds,
        source=None if cited is None else cited.id,
        as_of=day,
        known_by=known,
        min_confidence=minimum,
        catalog=catalog,
    )
    scanned = sorted(
        (
            c
            for c in catalog.claims
            if (owner is None or c.foundry == owner)
            and (subject is None or c.node == subject)
            and (kinds is None or c.kind in kinds)
            and (cited is None or cited in c.sources)
            and (day is None or c.valid_from.start <= day)
            and c.known_by(known)
            and c.confidence.at_least(minimum)
        ),
        key=claim_order,
    )
    assert answer.entries == tuple(scanned)
