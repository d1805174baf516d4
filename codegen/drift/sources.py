"""Where the two versions of a spec for ``codegen diff`` come from.

A version is named by a path, by ``REV:PATH`` (the file at a git revision, as ``git show``
reads it: PATH from the top of the repository, or ``./PATH`` from the current folder), or by
an ``https://`` URL. An OpenAPI document comes with the ``codegen.yaml`` beside it (same folder,
same revision) when there is one; ``--config`` names one for both sides, and a side that has
none borrows the other's, since the config is ours and the document the vendor's. Config
entries for operations a version does not have are dropped (and said so): a removed operation
is what the diff is for, not an input error.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from codegen import ir
from codegen.drift.skipped import skipped_bodies
from codegen.errors import Diagnostic, SpecError
from codegen.normalize import OPENAPI_CONFIG, read_documents
from codegen.source import SourceDoc, load, parse

ALLOW_HTTP = False
"""Tests set this to fetch from a plain-http loopback server; the command line never does."""

_REVISION = re.compile(r"^(?P<rev>[^:]+):(?P<path>.+)$")
_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


def _error(where: str, message: str, hint: str | None = None) -> SpecError:
    return SpecError([Diagnostic("error", where, None, (), message, hint)])


MAX_DOCUMENT_BYTES = 50_000_000


def fetch_https(url: str) -> str:
    """Download a document: https only (redirects included), at most MAX_DOCUMENT_BYTES.
    The only network access of the generator."""
    import httpx

    def https_only(request: httpx.Request) -> None:
        if request.url.scheme != "https" and not ALLOW_HTTP:
            raise _error(url, f"only https:// URLs are fetched, not {request.url}")

    headers = {"Accept": "application/yaml, application/json, text/plain"}
    try:
        with (
            httpx.Client(
                timeout=30.0, follow_redirects=True, event_hooks={"request": [https_only]}
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code != 200:
                raise _error(url, f"cannot fetch: HTTP {response.status_code}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise _error(url, f"larger than {MAX_DOCUMENT_BYTES} bytes")
            encoding = response.encoding or "utf-8"
    except httpx.HTTPError as exc:
        raise _error(url, f"cannot fetch: {exc}") from None
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise _error(url, "not text in a known encoding") from None


fetch: Callable[[str], str] = fetch_https
"""The function that downloads a URL; tests replace it."""


def git_show(revision: str, path: str) -> str | None:
    """The text of ``path`` at ``revision``, or ``None`` when git cannot show it."""
    if revision.startswith("-"):
        raise _error(f"{revision}:{path}", "a git revision cannot start with '-'")
    try:
        result = subprocess.run(
            ["git", "show", f"{revision}:{path}"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _error(f"{revision}:{path}", f"cannot run git: {exc}") from None
    if result.returncode != 0:
        return None
    try:
        return result.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise _error(f"{revision}:{path}", "not UTF-8 text") from None


@dataclass(frozen=True)
class Location:
    """A document named on the command line, and where its sibling config would be."""

    text: str
    origin: str
    kind: str  # "path", "git" or "url"
    sibling_config: str | None = None

    def read_sibling(self) -> tuple[str, str] | None:
        if self.sibling_config is None:
            return None
        if self.kind == "path":
            if not os.path.isfile(self.sibling_config):
                return None
            return self.sibling_config, load(self.sibling_config).text
        revision, path = self.sibling_config.split(":", 1)
        text = git_show(revision, path)
        return None if text is None else (self.sibling_config, text)


def locate(name: str) -> Location:
    """Read the document that ``name`` (a path, ``REV:PATH`` or URL) names."""
    if name.startswith(("https://", "http://")):
        return Location(fetch(name), name, "url")
    if os.path.exists(name) or not _REVISION.match(name):
        if os.path.isdir(name):
            raise _error(name, "is a folder", hint="name the spec.yaml or openapi.yaml in it")
        doc = load(name)  # a missing file is a SpecError naming it
        return Location(doc.text, name, "path", os.path.join(os.path.dirname(name), OPENAPI_CONFIG))
    match = _REVISION.match(name)
    assert match is not None
    revision, path = match["rev"], match["path"]
    text = git_show(revision, path)
    if text is None:
        message = f"no file {path!r} at git revision {revision!r} here"
        raise _error(name, message, hint=f"try `git show {name}`")
    sibling = posixpath.join(posixpath.dirname(path), OPENAPI_CONFIG)
    return Location(text, name, "git", f"{revision}:{sibling}")


@dataclass(frozen=True)
class Version:
    """One side of the comparison: the API and what it was read from."""

    source: str
    config: str | None
    api: ir.Api
    notes: tuple[str, ...] = field(default=())


def _is_openapi(doc: SourceDoc) -> bool:
    return isinstance(doc.data, dict) and ("openapi" in doc.data or "swagger" in doc.data)


def _operation_keys(doc: SourceDoc) -> set[str]:
    keys: set[str] = set()
    paths = doc.data.get("paths") if isinstance(doc.data, dict) else None
    for path, item in (paths or {}).items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict):
                keys.add(f"{method.upper()} {path}")
                if isinstance(operation.get("operationId"), str):
                    keys.add(operation["operationId"])
    return keys


def _prune(config: SourceDoc, document: SourceDoc) -> tuple[SourceDoc, list[str]]:
    """The config without entries for operations the document does not have."""
    data = config.data
    operations = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(operations, dict):
        return config, []
    keys = _operation_keys(document)
    dropped = [key for key in operations if key not in keys]
    if not dropped:
        return config, []
    kept: dict[str, Any] = {k: v for k, v in operations.items() if k in keys}
    notes = [
        f"{config.file}: entry {key!r} ignored: no such operation in {document.file}"
        for key in dropped
    ]
    return replace(config, data={**data, "operations": kept}), notes


def read_version(location: Location, config: tuple[str, str] | None, name: str | None) -> Version:
    """Normalize one side; ``config`` is the ``(origin, text)`` of its OpenAPI config."""
    notes: list[str] = []
    try:
        document = parse(location.text, location.origin)
        if not _is_openapi(document) or config is None:
            api, _ = read_documents((document,), name=name)
        else:
            config_doc, notes = _prune(parse(config[1], config[0]), document)
            api, _ = read_documents((document, config_doc), name=name)
    except RecursionError:
        raise _error(location.origin, "the document nests too deeply to read") from None
    notes += skipped_bodies(document, api)
    used = config[0] if config is not None and _is_openapi(document) else None
    return Version(location.origin, used, api, tuple(notes))


def _read_config(name: str) -> tuple[str, str]:
    where = locate(name)
    return where.origin, where.text


def _vendor_name(location: Location) -> str | None:
    if location.kind == "url":
        return None
    path = location.origin.split(":", 1)[1] if location.kind == "git" else location.origin
    folder = os.path.basename(os.path.dirname(os.path.normpath(path)))
    return folder or None


def read_pair(old: str, new: str, config: str | None = None) -> tuple[Version, Version]:
    """Both sides of ``codegen diff OLD NEW [--config CONFIG]``."""
    old_at, new_at = locate(old), locate(new)
    old_config: tuple[str, str] | None
    new_config: tuple[str, str] | None
    if config is not None:
        old_config = new_config = _read_config(config)
    else:
        old_own, new_own = old_at.read_sibling(), new_at.read_sibling()
        old_config, new_config = old_own or new_own, new_own or old_own
    name = _vendor_name(old_at) or _vendor_name(new_at)
    return read_version(old_at, old_config, name), read_version(new_at, new_config, name)
