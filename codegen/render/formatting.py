"""Formatting generated Python with black: pinned, behind a content-hash cache, in parallel.

black is pinned exactly in ``pyproject.toml``: its output is part of the byte-identical
guarantee. Three things keep it from dominating a run:

- **A cache.** ``sha256(black version, mode, source)`` → formatted text, under
  ``$CODEGEN_CACHE_DIR`` (default ``.cache/codegen``), so unchanged sources are not formatted
  again.
- **Chunks.** A module is cut before a top-level ``class``/``def`` (or its decorator) that
  follows the indented body of another block, blank lines and no comment between. black
  formats each statement on its own and always puts two blank lines before such a definition,
  so the chunks, formatted apart and joined with two blank lines, are byte for byte what black
  makes of the whole file (a test checks this on every package we generate, cut everywhere it
  may be). Chunks are cached apart: after a small spec change only the changed classes are
  formatted again; and black's second pass (it formats twice when the first pass changed
  anything) stays within the chunks it changed.
- **Processes.** Chunks are formatted by a pool of worker processes, forked early (while the
  parent is small) by :class:`Formatter`, with the cyclic garbage collector paused during each
  call (black's syntax trees are large and cyclic; collecting them mid-way roughly doubles its
  time). Only the workers import black.

Before any of that, **most pieces never reach black**. The templates print black's layout by
construction (``codegen/render/layout.py``, and the runtime templates are kept in it by a
test), so a piece whose every line fits in black's line length, or is a line black leaves
long (a docstring's URL), is taken as it is: black would change nothing. A piece with another
long line (a shape the layout rules do not cover) goes through black as before. The policy is
``$CODEGEN_FORMAT``:

- ``layout`` (the default): black only for pieces that do not fit;
- ``black``: black for every piece (what the generator did before; the output is the same);
- ``verify``: black for every piece, and a piece taken as laid out that black would change is
  an error (:class:`LayoutMismatch`) naming the file and line. The tests generate every
  vendor, every document of the real-document corpus and hypothesis-generated hostile specs
  this way, which is what keeps "the output is black's" true.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import sys
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codegen.render.layout import LINE_LENGTH

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Pieces of about this many lines: small enough that black's second pass (it formats twice
# when the first pass changed something) stays local, large enough that its fixed cost per
# call (about 0.4 ms) does not matter.
CHUNK_LINES = 300

POLICIES = ("layout", "black", "verify")


def policy() -> str:
    """``$CODEGEN_FORMAT``: ``layout`` (default), ``black`` or ``verify`` (see the module)."""
    value = os.environ.get("CODEGEN_FORMAT", "") or "layout"
    if value not in POLICIES:
        raise ValueError(f"CODEGEN_FORMAT must be one of {', '.join(POLICIES)}, not {value!r}")
    return value


def fits(piece: str) -> bool:
    """Every line of ``piece`` within black's line length (in columns as :func:`width` counts
    them), or one black leaves long (see :func:`_left_long`), without tabs or trailing blanks:
    a piece black receives already in its layout and leaves as it is, when the templates
    printed it."""
    if '""""' in piece:
        # a docstring that starts or ends with a quote: black pads it with a space
        return False
    if "\t" in piece or "\r" in piece or "\f" in piece or " \n" in piece or piece.endswith(" "):
        return False
    lines = piece.split("\n")
    # A line of n characters is n to 2n columns wide: only longer ones need counting.
    shortest_long = LINE_LENGTH if piece.isascii() else LINE_LENGTH // 2
    if max(map(len, lines)) <= shortest_long:
        return True
    long = [
        number
        for number, line in enumerate(lines, 1)
        if len(line) > shortest_long and width(line) > LINE_LENGTH and not _LONG_ARGUMENT.match(line)
    ]
    return not long or _left_long(piece, long)


def _left_long(piece: str, rows: list[int]) -> bool:
    """Whether every one of ``rows`` (numbered from 1) is a line black cannot shorten: a line
    of a string that is a statement of its own (a docstring), except the last line of one that
    spans lines (black moves its closing quotes to a line of their own when that line is too
    long). Such lines are mostly a description's long URL or word. Read with
    :mod:`tokenize`, so a quote inside another literal cannot mislead it; only pieces with a
    long line pay for it."""
    import io
    import tokenize

    wanted = set(rows)
    covered: set[int] = set()
    quiet = (tokenize.NL, tokenize.COMMENT)
    starts = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING)
    previous, candidate = tokenize.NEWLINE, None
    try:
        for token in tokenize.generate_tokens(io.StringIO(piece).readline):
            if token.type in quiet:
                continue
            if candidate is not None and token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                first, last = candidate.start[0], candidate.end[0]
                covered.update(range(first, last + 1) if first == last else range(first, last))
            candidate = token if token.type == tokenize.STRING and previous in starts else None
            previous = token.type
    except (tokenize.TokenError, SyntaxError):
        return False
    return wanted <= covered


# A line black cannot shorten and leaves as it is: one plain string literal (no quotes or
# backslashes inside), perhaps a keyword's value, with the trailing comma that keeps the
# call or literal around it one item per line.
_LONG_ARGUMENT = re.compile(r' +(?:[A-Za-z_][A-Za-z0-9_]*=)?"[^"\\]*",\Z')


def width(line: str) -> int:
    """Columns of ``line``, never fewer than black counts: two for a wide or full-width
    character (or one this Python's Unicode tables do not know), one for any other."""
    if line.isascii():
        return len(line)
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" or unicodedata.category(c) == "Cn" else 1
        for c in line
    )


class LayoutMismatch(RuntimeError):
    """A piece taken as laid out that black changes (``CODEGEN_FORMAT=verify`` only)."""


def _black() -> Any:
    import black

    return black


_mode_cache: list[Any] = []


def mode() -> Any:
    if not _mode_cache:
        black = _black()
        _mode_cache.append(black.Mode(target_versions={black.TargetVersion.PY311}, line_length=LINE_LENGTH))
    return _mode_cache[0]


def _key_prefix() -> bytes:
    """What, besides the source, decides black's output: its version (read from the tiny
    module black installs beside itself, so the parent never imports black) and our mode."""
    import _black_version  # type: ignore[import-untyped]

    return f"black {_black_version.version} py311 line-length=100\n".encode()


def cache_dir() -> Path | None:
    """``$CODEGEN_CACHE_DIR``, else ``.cache/codegen`` under the working directory; the
    cache is off when the variable is set to an empty string."""
    configured = os.environ.get("CODEGEN_CACHE_DIR")
    if configured == "":
        return None
    return Path(configured) if configured else Path(".cache") / "codegen"


def format_source(source: str) -> str:
    """black, with the cyclic garbage collector paused (and run once after)."""
    black = _black()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return str(black.format_str(source, mode=mode()))
    except black.InvalidInput as exc:  # a template bug, never spec text
        raise RuntimeError(f"generated code does not parse: {exc}\n{source}") from exc
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)  # black's garbage is all young: collecting it does not scan the heap


# A line the templates print where a module may be cut (before a top-level class that follows
# another class): a NUL character never appears in generated code otherwise, since spec text
# reaches it only through ``repr`` and the docstring filter, which drops control characters.
CUT = "\x00\n"


def unmarked(source: str) -> str:
    """``source`` without the templates' cut marks: the module as black would receive it."""
    if CUT not in source:
        return source
    return "".join(line for line in source.splitlines(keepends=True) if line != CUT)


def chunks(source: str, size: int = CHUNK_LINES) -> list[str]:
    """``source`` cut into pieces of about ``size`` lines, only before a top-level ``class``,
    ``def`` or decorator that follows an indented block (another definition's body) and blank
    lines, with no comment between; each piece without its leading and trailing blank lines.
    The pieces formatted apart and joined with two blank lines (:func:`join`) are then
    ``black(source)`` exactly.

    Where the templates marked places to cut (:data:`CUT`), only those are considered and the
    marks are removed; otherwise the top-level statements come from :func:`ast.parse`."""
    lines = source.splitlines(keepends=True)
    starts: list[int | None]
    if CUT in source:
        marks = [i for i, line in enumerate(lines) if line == CUT]
        lines = [line for line in lines if line != CUT]
        # Where each mark's next line stands once the marks are gone.
        starts = [_start_after_blanks(lines, mark - count) for count, mark in enumerate(marks)]
    elif len(lines) > size:
        import ast

        body = ast.parse(source).body
        starts = [
            min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
            for node in body[1:]
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        ]
    else:
        return [source]
    pieces: list[str] = []
    begin = last = 0
    for start in starts:
        if start is None or start - last < size or not _can_cut(lines, start):
            continue
        end = start
        while end > begin and not lines[end - 1].strip():
            end -= 1
        pieces.append("".join(lines[begin:end]))
        begin = last = start
    pieces.append("".join(lines[begin:]))
    return pieces


def _start_after_blanks(lines: list[str], index: int) -> int | None:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index if index < len(lines) else None


def _can_cut(lines: list[str], start: int) -> bool:
    """A top-level definition (or its decorator) at ``start``, blank lines before it, and
    before those an indented line that is not a comment (the end of a block)."""
    first = lines[start]
    if not first.startswith(("class ", "def ", "async def ", "@")):
        return False
    previous = start - 1
    if previous < 0 or lines[previous].strip():
        return False
    while previous >= 0 and not lines[previous].strip():
        previous -= 1
    if previous < 0:
        return False
    line = lines[previous]
    return line[:1] in (" ", "\t") and not line.lstrip().startswith("#")


def join(formatted_pieces: Iterable[str]) -> str:
    return "\n\n".join(formatted_pieces)


# -- the cache -------------------------------------------------------------------------------


class _Cache:
    def __init__(self) -> None:
        self.folder = cache_dir()
        self.prefix = _key_prefix()

    def key(self, source: str) -> str:
        return hashlib.sha256(self.prefix + source.encode()).hexdigest()

    def get(self, key: str) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / key[:2] / key).read_text(encoding="utf-8")
        except OSError:
            return None

    def put(self, key: str, text: str) -> None:
        if self.folder is None:
            return
        entry = self.folder / key[:2] / key
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=entry.parent, delete=False, suffix=".tmp"
            ) as handle:
                handle.write(text)
            os.replace(handle.name, entry)
        except OSError:
            pass  # a read-only cache only costs time


# -- the pool --------------------------------------------------------------------------------


def _worker_init() -> None:
    gc.freeze()  # what the parent had loaded is never garbage: do not scan it again
    format_source("pass\n")  # import black and warm it up here: the parent never needs it


def _multiprocessing() -> Any:
    import multiprocessing  # only a run that needs black's workers pays for the import

    return multiprocessing


def _can_fork() -> bool:
    """Forking copies only the calling thread: with another thread running (a test server, say)
    a lock it holds would stay locked in the child forever."""
    return (
        sys.platform == "linux"
        and "fork" in _multiprocessing().get_all_start_methods()
        and threading.active_count() == 1
    )


@dataclass
class Batch:
    """Files handed to :meth:`Formatter.submit`; :meth:`Formatter.result` gives them back."""

    files: dict[str, str]
    # path, key, its pieces' keys, what ``layout`` would write (verify only)
    plans: list[tuple[str, str, list[str], _LayoutCheck | None]] = field(default_factory=list)


class Formatter:
    """Formats files: pieces laid out by construction as they are, the rest through the cache
    and black, in worker processes when there is enough to do.

    Use as a context manager. :meth:`start` allows worker processes; they are forked when the
    first piece that needs black arrives (each imports black itself, so the parent never holds
    it, and a run whose every piece fits forks nothing and never imports black). Without
    :meth:`start`, with ``workers=0``, or where forking is unsafe (another thread is running,
    not Linux), black runs in-process. :meth:`submit` hands work to the workers at once, so the
    caller can go on loading the next spec while they format.
    """

    def __init__(self, workers: int | None = None, format_policy: str | None = None) -> None:
        if workers is None:
            workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        self.workers = workers
        self.policy = format_policy or policy()
        self._may_fork = False
        self._pool: ProcessPoolExecutor | None = None
        self._cache: _Cache | None = None
        self._pending: dict[str, Future[str] | _Unformatted | str] = {}  # piece key → its formatting
        self._uses: Counter[str] = Counter()  # piece key → files still to assemble from it
        self.pieces_formatted = 0  # pieces sent to black (or its cache): none when all fit

    def __enter__(self) -> Formatter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def cache(self) -> _Cache:
        if self._cache is None:
            self._cache = _Cache()
        return self._cache

    def start(self) -> None:
        """Allow worker processes, forked when black is first needed."""
        self._may_fork = self.workers >= 2

    def _workers(self) -> ProcessPoolExecutor | None:
        if self._pool is None and self._may_fork and _can_fork():
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_multiprocessing().get_context("fork"),
                initializer=_worker_init,
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def submit(self, files: dict[str, str] | Iterable[tuple[str, str]]) -> Batch:
        """Take every ``.py`` file, or each of its pieces, that fits as it is; look the others
        up in the cache and queue what is missing. ``files`` may be an iterator: each file is
        cut up and handed on before the next is asked for."""
        batch = Batch({})
        for path, text in files.items() if isinstance(files, dict) else files:
            batch.files[path] = text
            if not path.endswith(".py"):
                continue
            whole_fits = self.policy != "black" and CUT not in text and fits(text)
            if whole_fits and self.policy == "layout":
                continue
            pieces = chunks(text)
            cache = self.cache
            whole = cache.key(unmarked(text) if len(pieces) > 1 else pieces[0])
            hit = cache.get(whole) if self.policy != "verify" else None
            if hit is not None:
                batch.files[path] = hit
                continue
            keys = []
            laid_out: list[str | None] = []
            for piece in pieces:
                key = whole if len(pieces) == 1 else cache.key(piece)
                fitting = self.policy != "black" and fits(piece)
                laid_out.append(piece if fitting else None)
                self._uses[key] += 1
                keys.append(key)
                if key in self._pending:
                    continue
                if fitting and self.policy == "layout":
                    self._pending[key] = piece
                    continue
                hit = cache.get(key) if self.policy != "verify" else None
                if hit is not None:
                    self._pending[key] = hit
                    continue
                self.pieces_formatted += 1
                pool = self._workers()
                if pool is not None:
                    self._pending[key] = pool.submit(format_source, piece)
                else:
                    self._pending[key] = _Unformatted(piece)
            check = None
            if self.policy == "verify":  # what ``layout`` would have written, to compare
                check = _LayoutCheck(text if whole_fits else None, laid_out)
            batch.plans.append((path, whole, keys, check))
            batch.files[path] = ""  # the pieces carry it now: do not hold the text twice
        return batch

    def result(self, batch: Batch) -> dict[str, str]:
        """The batch's files, every ``.py`` one formatted (waits for the workers)."""
        for path, whole, keys, check in batch.plans:
            pieces = [self._done(key) for key in keys]
            text = join(pieces)
            if check is not None:
                laid_out = check.whole
                if laid_out is None:
                    laid_out = join(own or black for own, black in zip(check.pieces, pieces, strict=True))
                if laid_out != text:
                    raise LayoutMismatch(f"{path}: {_first_difference(laid_out, text)}")
            if len(keys) > 1:
                self.cache.put(whole, text)
            for key in keys:  # let go of pieces no later file needs: the file holds them now
                self._uses[key] -= 1
                if self._uses[key] == 0:
                    del self._pending[key]
            batch.files[path] = text
        return batch.files

    def _done(self, key: str) -> str:
        pending = self._pending[key]
        if isinstance(pending, str):
            return pending
        text = pending.result() if isinstance(pending, Future) else format_source(pending.source)
        self.cache.put(key, text)
        self._pending[key] = text
        return text

    def format_files(self, files: dict[str, str]) -> dict[str, str]:
        """Every ``.py`` file of ``files`` formatted; other files as they are."""
        return self.result(self.submit(files))


@dataclass(frozen=True)
class _LayoutCheck:
    """What ``layout`` would write for a file: the whole text as it is, or per piece the
    piece as it is (``None``: black's, as it did not fit)."""

    whole: str | None
    pieces: list[str | None]


def _first_difference(laid_out: str, formatted: str) -> str:
    """Where black's layout of a file differs from the templates': the line, before and after."""
    ours, theirs = laid_out.splitlines(), formatted.splitlines()
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False), 1):
        if a != b:
            return f"line {number} is laid out as {a!r}; black makes it {b!r}"
    return f"black makes it {len(theirs)} lines long, not {len(ours)}"


@dataclass(frozen=True)
class _Unformatted:
    source: str


def format_file(path: str, text: str) -> str:
    """One file, in-process (through the cache)."""
    with Formatter(workers=0) as formatter:
        return formatter.format_files({path: text})[path]
