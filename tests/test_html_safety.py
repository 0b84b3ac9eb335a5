"""Only http(s) URLs become links in HTML (issue 14): any other scheme, in any case or
disguise, is shown as escaped text, whether it came from a catalog or a record built in code."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

import nodecompare as nc
from nodecompare.results import Sources

HOSTILE_URLS = {
    "javascript": "javascript:alert(1)",
    "mixed-case": "JaVaScRiPt:alert(1)",
    "space-prefixed": "  JaVaScRiPt:alert(1)",
    "tab-prefixed": "\tjavascript:alert(1)",
    "tab-inside-scheme": "java\tscript:alert(1)",
    "control-prefixed": "\x01javascript:alert(1)",
    "newline-inside": "javascript\n:alert(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file": "file:///etc/passwd",
    "vbscript": "VBScript:MsgBox(1)",
    "protocol-relative": "//evil.example/x",
    "http-without-slashes": "http:evil.example",
    "fullwidth-https": "\uff48ttps://evil.example",
}
_HREF = re.compile(r"href='([^']*)'")


def _hrefs(page: str) -> list[str]:
    return [html.unescape(found) for found in _HREF.findall(page)]


def _assert_only_web_links(page: str, hostile: str) -> None:
    hrefs = _hrefs(page)
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    assert hostile not in hrefs
    assert html.escape(hostile) in page  # shown, as text


def _source(url: str) -> nc.Source:
    source = nc.Source("hostile", "Someone", "A title", nc.SourceKind.PRESS, "https://ok.example/")
    # Set the URL after the checks, so this holds whether or not the model refuses it.
    object.__setattr__(source, "url", url)
    return source


@pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_hostile_url_of_a_source_built_in_code_is_not_a_link(url: str) -> None:
    source = _source(url)
    for page in (Sources("built", (source,))._repr_html_(), nc.cite(source)._repr_html_()):
        _assert_only_web_links(page, url)


@pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_hostile_url_of_a_copy_read_via_is_not_a_link(url: str) -> None:
    source = nc.Source(
        "hostile", "Someone", "A title", nc.SourceKind.PRESS, via=nc.Copy("mirror.example")
    )
    object.__setattr__(source.via, "url", url)
    _assert_only_web_links(Sources("built", (source,))._repr_html_(), url)


def test_hostile_urls_in_a_catalog_are_refused_or_never_links() -> None:
    data: dict[str, Any] = nc.catalog_to_dict(nc.default_catalog())
    urls = list(HOSTILE_URLS.values())
    for i, source in enumerate(data["sources"][1::2]):  # every other one; the rest stay
        source["url"] = urls[i % len(urls)]
    try:
        catalog = nc.catalog_from_dict(data)
    except nc.CatalogError as error:  # refusing such URLs at load is safe too
        refused: tuple[nc.Problem, ...] = error.problems
    else:
        refused = ()
    if refused:
        assert all(problem.field.endswith("url") for problem in refused)
        return
    pages = [
        nc.sources(catalog=catalog)._repr_html_(),
        nc.claims(foundry="SMIC", catalog=catalog)._repr_html_(),
        nc.controls(as_of="2023-01-01", catalog=catalog)._repr_html_(),
        nc.disputes(catalog=catalog)._repr_html_(),
        nc.leaders(7, catalog=catalog)._repr_html_(),
        nc.cite(nc.leaders(7, catalog=catalog))._repr_html_(),
        nc.equivalent(nc.node("Intel", "Intel 4", catalog=catalog), catalog=catalog)._repr_html_(),
    ]
    for page in pages:
        hrefs = _hrefs(page)
        assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    assert _hrefs(pages[0])  # the web addresses are still links
    assert "javascript:alert(1)" in pages[0]  # the others are shown as text


def test_web_url_stays_a_link_with_its_query_escaped() -> None:
    url = "https://example.com/a?b=1&c='2'"
    page = Sources("built", (_source(url),))._repr_html_()
    assert _hrefs(page) == [url]
    assert "href='https://example.com/a?b=1&amp;c=&#x27;2&#x27;'" in page


def test_upper_case_http_scheme_is_a_link() -> None:
    page = Sources("built", (_source("HTTPS://EXAMPLE.COM/"),))._repr_html_()
    assert _hrefs(page) == ["HTTPS://EXAMPLE.COM/"]
