"""Directories of table files, written whole or not at all.

:func:`replace_directory` writes a new directory beside the old one and swaps it in once
it is complete, and never replaces a directory that holds files it did not write.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TypeVar

__all__ = ["replace_directory"]

T = TypeVar("T")


def replace_directory(
    path: str | os.PathLike[str], ours: Collection[str], write: Callable[[Path], T]
) -> T:
    """Call ``write`` on a new, empty directory, then put it at ``path``; return what
    ``write`` returned.

    The old directory is replaced only once the new one is written in full, and only when
    it holds nothing but files named in ``ours``: a save never deletes other files.

    Raises:
        FileExistsError: ``path`` exists and is not such a directory.
        OSError: the files cannot be written.
    """
    directory = Path(os.path.realpath(path))
    _refuse_foreign(directory, ours)
    temporary = directory.with_name(f".{directory.name}.{secrets.token_hex(6)}.tmp")
    temporary.mkdir()
    try:
        written = write(temporary)
        _swap(temporary, directory)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return written


def _refuse_foreign(directory: Path, ours: Collection[str]) -> None:
    if not directory.exists():
        return
    if not directory.is_dir() or not {entry.name for entry in directory.iterdir()} <= set(ours):
        raise FileExistsError(f"{directory} exists and is not a nodecompare catalog directory")


def _swap(new: Path, directory: Path) -> None:
    """Put ``new`` where ``directory`` is, removing the old one once the new is in place."""
    if not directory.exists():
        os.replace(new, directory)
        return
    old = directory.with_name(f".{directory.name}.{secrets.token_hex(6)}.old")
    os.replace(directory, old)
    try:
        os.replace(new, directory)
    except BaseException:
        os.replace(old, directory)
        raise
    shutil.rmtree(old)
