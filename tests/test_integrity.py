"""Integrity rules: the bundled catalog keeps them, and each rule catches what it should."""

import datetime as dt

import attrs

import nodecompare as nc
from nodecompare import integrity
from nodecompare.catalog import name_key

S = nc.Source("s", "P", "T", nc.SourceKind.ANALYST)
ACME = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)


def _node(name: str, nm: float, density: float, library: str = "") -> nc.ProcessNode:
    figure = nc.Figure(nc.Metric.DENSITY, density, nc.Basis.ANALYST_CALCULATION, S, "", library)
    return nc.ProcessNode(f"acme-{name}", ACME, name, marketing_nm=nm, figures=(figure,))


def _claim(node: nc.ProcessNode, kind: nc.ClaimKind, when: str) -> nc.Claim:
    valid_from = nc.PartialDate.parse(when)
    return nc.Claim(
        f"{node.id}-{kind.value}", kind, "x", valid_from, valid_from.end, (S,), node=node
    )


def test_the_bundled_catalog_keeps_every_rule() -> None:
    assert integrity.check() == ()


def test_production_before_announcement_is_caught() -> None:
    a7 = _node("a7", 7, 90)
    catalog = nc.Catalog(
        (S,),
        (ACME,),
        (a7,),
        (
            _claim(a7, nc.ClaimKind.ANNOUNCED, "2020-05-01"),
            _claim(a7, nc.ClaimKind.VOLUME_PRODUCTION, "2019"),
        ),
    )
    (problem,) = _problems(catalog, "claims")
    assert "precedes the announcement" in problem.message
    same_year = nc.Catalog(
        (S,),
        (ACME,),
        (a7,),
        (
            _claim(a7, nc.ClaimKind.ANNOUNCED, "2020-05-01"),
            _claim(a7, nc.ClaimKind.VOLUME_PRODUCTION, "2020"),
        ),
    )
    assert _problems(same_year, "claims") == []


def _problems(catalog: nc.Catalog, field: str) -> list[nc.Problem]:
    return [problem for problem in integrity.check(catalog) if problem.field == field]


def _placed(node: nc.ProcessNode) -> nc.Location:
    return nc.Location(f"{node.id}-in-us", node, "US", None, dt.date(2020, 1, 2), (S,))


def test_a_claim_reported_before_it_held_is_caught_unless_a_plan() -> None:
    a7 = _node("a7", 7, 90)
    early = nc.Claim(
        "a7-hvm",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "x",
        nc.PartialDate.parse("2020-06"),
        dt.date(2020, 5, 20),
        (S,),
        node=a7,
    )
    catalog = nc.Catalog((S,), (ACME,), (a7,), (early,), locations=(_placed(a7),))
    (problem,) = integrity.check(catalog)
    assert (problem.record, problem.field) == ("Claim('a7-hvm')", "reported_on")
    assert "before the claim held" in problem.message
    plan = attrs.evolve(early, kind=nc.ClaimKind.PLANNED)
    assert integrity.check(nc.Catalog((S,), (ACME,), (a7,), (plan,))) == ()
    on_time = attrs.evolve(early, reported_on=dt.date(2020, 6, 30))
    assert (
        integrity.check(nc.Catalog((S,), (ACME,), (a7,), (on_time,), locations=(_placed(a7),)))
        == ()
    )


def test_a_placeholder_report_date_is_caught() -> None:
    a7 = _node("a7", 7, 90)
    placeholder = nc.Claim(
        "a7-announced",
        nc.ClaimKind.ANNOUNCED,
        "x",
        nc.PartialDate.parse("2020-06"),
        dt.date(2020, 6, 1),
        (S,),
        node=a7,
    )
    catalog = nc.Catalog((S,), (ACME,), (a7,), (placeholder,))
    (problem,) = integrity.check(catalog)
    assert "placeholder" in problem.message
    dated = attrs.evolve(S, id="dated", date=dt.date(2020, 6, 1))
    cited = attrs.evolve(placeholder, sources=(dated,))
    assert integrity.check(nc.Catalog((S, dated), (ACME,), (a7,), (cited,))) == ()


def test_a_producing_node_with_no_site_is_caught() -> None:
    a7 = _node("a7", 7, 90)
    hvm = _claim(a7, nc.ClaimKind.VOLUME_PRODUCTION, "2020-06")
    (problem,) = integrity.check(nc.Catalog((S,), (ACME,), (a7,), (hvm,)))
    assert (problem.record, problem.field) == (repr(a7), "sites")
    fab = nc.Fab(
        "acme-fab",
        ACME,
        "Fab A",
        "Austin",
        "US",
        (nc.FabNode(a7, None, dt.date(2020, 7, 2), (S,)),),
    )
    assert integrity.check(nc.Catalog((S,), (ACME,), (a7,), (hvm,), (fab,))) == ()
    located = nc.Catalog((S,), (ACME,), (a7,), (hvm,), locations=(_placed(a7),))
    assert integrity.check(located) == ()


def test_a_falling_density_is_caught_unless_cited() -> None:
    a10, a7 = _node("a10", 10, 100), _node("a7", 7, 90)
    catalog = nc.Catalog((S,), (ACME,), (a10, a7), ())
    (problem,) = integrity.check(catalog)
    assert "below" in problem.message
    assert problem.record == repr(a7)
    integrity.DENSITY_EXCEPTIONS[("acme-a10", "acme-a7")] = ("s", "a test of the exception list")
    try:
        assert integrity.check(catalog) == ()
    finally:
        del integrity.DENSITY_EXCEPTIONS[("acme-a10", "acme-a7")]


def test_densities_are_compared_within_a_cell_library() -> None:
    hd_5, hp_3 = _node("a5", 5, 137, "HD"), _node("a3", 3, 124, "HP")
    assert integrity.check(nc.Catalog((S,), (ACME,), (hd_5, hp_3), ())) == ()
    hp_5 = _node("a5p", 5, 130, "HP")
    (problem,) = integrity.check(nc.Catalog((S,), (ACME,), (hd_5, hp_3, hp_5), ()))
    assert problem.record == repr(hp_3)
    assert "124 MTr/mm**2 (HP cells) is below 130" in problem.message


def test_every_figure_has_the_dimension_of_its_metric() -> None:
    for node in nc.default_catalog().nodes:
        for figure in node.figures:
            assert figure.quantity.dimensionality == nc.Q_(1, figure.metric.unit).dimensionality


def test_names_and_aliases_are_unique_per_foundry_at_any_time() -> None:
    catalog = nc.default_catalog()
    changes = {a.until for n in catalog.nodes for a in n.aliases if a.until}
    days = sorted(changes | {d - dt.timedelta(days=1) for d in changes} | {dt.date(2026, 1, 1)})
    for foundry in catalog.foundries:
        for day in days:
            meaning: dict[str, set[str]] = {}
            for node in catalog.nodes_of(foundry):
                former = [a for a in node.aliases if a.until is not None]
                current_from = max((a.until for a in former if a.until), default=None)
                # Disputed readings of one former name may overlap (tested in test_catalog).
                names = [a.name for a in node.aliases if a.valid_on(day) and not a.disputed]
                if current_from is None or day >= current_from:
                    names.append(node.name)
                for name in names:
                    meaning.setdefault(name_key(name), set()).add(node.id)
            assert all(len(ids) == 1 for ids in meaning.values()), (foundry, day, meaning)
