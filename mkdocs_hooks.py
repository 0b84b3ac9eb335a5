"""Build-time hooks of the docs site (``mkdocs.yml``): its home page is README.md.

README.md and the repository files it links to (the data licence, CITATION.cff and the
data changelog) live outside ``docs/``. They are read when the site is built, never
copied by hand, so the site cannot drift from them.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent
#: Repository files that README.md links to, published at the site's root under their own
#: names so that README's links to them work unchanged.
PUBLISHED_BESIDE_README = ("LICENSE-DATA", "CITATION.cff", "DATA-CHANGELOG.md")
#: A Markdown link target inside docs/, written from the repository root as README does.
_DOCS_LINK = re.compile(r"\]\(docs/")


def readme_for_site(readme: str) -> str:
    """README's Markdown with its links into ``docs/`` made relative to the site's root."""
    return _DOCS_LINK.sub("](", readme)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add README.md as ``index.md`` and the files it links to beside it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    files.append(File.generated(config, "index.md", content=readme_for_site(readme)))
    for name in PUBLISHED_BESIDE_README:
        files.append(File.generated(config, name, abs_src_path=str(ROOT / name)))
    return files
