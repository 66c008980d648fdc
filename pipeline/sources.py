"""Find input documents and read their bytes: the only place that touches input files.

One document is one file. Directories are walked recursively in sorted order
(hidden files skipped); symlinks that lead outside the given paths are not
followed unless asked. Reading enforces the byte limit before loading a file,
and every problem becomes a ``SourceError`` with a reason a person can act on.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError, SourceError


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A discovered input: its display URI and filesystem path."""

    uri: str
    path: Path
    refused: str | None = None  # why discovery will not read it (e.g. a symlink leading outside)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """The bytes of one input and their sha256."""

    uri: str
    data: bytes
    content_sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


class InputNotFound(PipelineError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"input path not found: {path}")


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _resolve(path: Path) -> Path | None:
    """``path.resolve()``, or None for a symlink loop (RuntimeError before 3.13, OSError after)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


_LOOP = "symlink loop: the link leads back to itself and never reaches a file"


def warehouse_files(warehouse: str | Path) -> list[Path]:
    """The files DuckDB keeps for a warehouse (the database and its write-ahead log): never inputs."""
    path = Path(warehouse).absolute()
    return [path, path.with_name(path.name + ".wal")]


def discover(
    paths: Sequence[str | Path], *, follow_symlinks: bool = False, skip: Sequence[Path] = ()
) -> Iterator[SourceFile]:
    """Yield every input file under ``paths``: files as given, directories walked (each folder's files by
    name, then its subfolders by name).

    Files in ``skip`` (e.g. the warehouse itself, when it sits inside an input folder) are left out.
    """
    roots = [Path(p) for p in paths]
    skipped = {_resolve(p) or p for p in skip}
    missing = [str(p) for p in roots if not p.exists() and not p.is_symlink()]
    if missing:
        raise InputNotFound(missing[0])
    real_roots = [_resolve(p) or p.absolute() for p in roots]
    seen: set[Path] = set()
    for root in roots:
        if not root.is_dir():
            yield SourceFile(uri=str(root), path=root)
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
            here = Path(dirpath)
            if follow_symlinks:  # guard against symlink loops
                real = here.resolve()
                if real in seen:
                    dirnames.clear()
                    continue
                seen.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            # os.walk does not descend into symlinked directories; still account for one leading outside.
            links = [] if follow_symlinks else [d for d in dirnames if (here / d).is_symlink()]
            for name in sorted([*filenames, *links]):
                if name.startswith("."):
                    continue
                path = here / name
                if skipped and (_resolve(path) or path) in skipped:
                    continue
                if path.is_symlink() and not follow_symlinks:
                    target = _resolve(path)
                    if target is None:
                        yield SourceFile(uri=str(path), path=path, refused=_LOOP)
                        continue
                    if not _inside(target, real_roots):
                        reason = (
                            f"symlink to {target} leads outside the input paths and is not followed "
                            "(pass --follow-symlinks to allow it)"
                        )
                        yield SourceFile(uri=str(path), path=path, refused=reason)
                        continue
                    if name in links:
                        continue  # a directory inside the inputs: the walk reaches its files anyway
                yield SourceFile(uri=str(path), path=path)


# Errors a second attempt may not meet: a flaky disk or network file system, a file locked for
# a moment. Anything else (permissions, missing files, loops) is final at once.
TRANSIENT_ERRNOS = frozenset({errno.EIO, errno.EAGAIN, errno.EBUSY, errno.ESTALE, errno.ETIMEDOUT})
READ_RETRY_DELAYS = (0.2, 1.0)  # seconds before the second and third attempts


def read_document(source: SourceFile, *, max_bytes: int) -> RawDocument:
    """Read one input's bytes or raise SourceError saying why it cannot be read.

    A transient I/O error (``TRANSIENT_ERRNOS``) is retried twice, for this file alone.
    """
    if source.refused:
        raise SourceError(source.refused)
    for delay in (*READ_RETRY_DELAYS, None):
        try:
            return _read(source.path, source.uri, max_bytes)
        except OSError as exc:
            if delay is None or exc.errno not in TRANSIENT_ERRNOS:
                attempts = f" (after {len(READ_RETRY_DELAYS) + 1} attempts)" if delay is None else ""
                raise SourceError(f"cannot read the file: {exc.strerror or exc}{attempts}") from None
            time.sleep(delay)
    raise AssertionError("unreachable")


def _read(path: Path, uri: str, max_bytes: int) -> RawDocument:
    """The bytes of one file; OSError only for errors worth another attempt."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not a regular file (device, socket or pipe); only files are ingested")
        if info.st_size > max_bytes:
            raise SourceError(
                f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit per document "
                "(raise --max-bytes if it really is one guide)"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except SourceError:
        raise
    except PermissionError:
        raise SourceError("permission denied: the file is not readable by this user") from None
    except FileNotFoundError:
        raise SourceError("file disappeared or is a broken symlink") from None
    except RuntimeError as exc:  # symlink loops from Path.resolve
        raise SourceError(f"cannot resolve the path: {exc}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(_LOOP) from None
        if exc.errno in TRANSIENT_ERRNOS:
            raise
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise SourceError(f"file grew past the {max_bytes:,}-byte limit while being read")
    return RawDocument(uri=uri, data=data, content_sha256=hashlib.sha256(data).hexdigest())
