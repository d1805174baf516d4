"""Resource and method names of OpenAPI operations, as a hand-written SDK would have them.

- **Resource**: the operation's first tag (``Emails`` → ``client.emails``); an untagged
  operation (or one whose tag makes no name, such as ``1``) is grouped by its path: the first
  literal segment that is not ``api`` or a version (``/v1/chat/completions`` → ``chat``).
- **Method**: the ``operationId`` with the resource's name taken out (``emails_list`` and
  ``listEmails`` in ``emails`` → ``list``, ``createContact`` in ``contacts`` → ``create``); an
  ``operationId`` that spells out its method and path (``post-/crm/objects/contacts_create``)
  keeps what follows the path. Without an ``operationId``: the method and the path
  (``GET /pets`` → ``list``, ``GET /pets/{id}`` → ``get``, ``POST /runs/{id}/cancel`` →
  ``cancel``).
- **Unique and stable**: two operations of a resource that would get one name are told apart
  by :func:`codegen.normalize.names.settle` (the other keeps its full ``operationId``, or its
  method and path), so a new operation renames none but those it collides with. Names set in
  ``codegen.yaml`` are kept as written; two alike are an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codegen.naming import NameProblem, derived_name, snake_case
from codegen.normalize.names import Candidate, Clash, numbered_attribute, settle

_VERSION = re.compile(r"^(api|v\d+[a-z0-9.]*|\d[\d.\-]*)$", re.IGNORECASE)
_METHOD_ORDER = ("GET", "POST", "PATCH", "PUT", "DELETE")


def resource_from_path(template: str) -> str | None:
    """The resource an untagged operation belongs to: the first literal path segment that is
    not ``api`` or a version."""
    for segment in template.split("/"):
        if not segment or "{" in segment or _VERSION.match(segment):
            continue
        try:
            return derived_name(segment, "resource")
        except NameProblem:
            continue
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return word[:-1]
    return word


def _without(words: list[str], resource: str) -> list[str]:
    """``words`` with the resource's name taken out: each of its forms (plural, singular)
    once where it stands together (``create_chat_completion`` in ``chat`` →
    ``create_completion``), else its words wherever they are (``emails_list_receiving`` in
    ``receiving_emails`` → ``list``). Never all of them."""
    plural = [w for w in resource.rstrip("_").split("_") if w]
    if not plural:
        return words
    singular = [*plural[:-1], _singular(plural[-1])]
    out = list(words)
    for form in (plural, singular) if singular != plural else (plural,):
        n = len(form)
        for start in range(len(out) - n + 1):
            if out[start : start + n] == form and len(out) > n:
                out = out[:start] + out[start + n :]
                break
    if out != words:
        return out
    forms = set(plural) | set(singular)
    every = all(w in words or _singular(w) in words for w in plural)
    rest = [w for w in words if w not in forms]
    return rest if rest and len(plural) > 1 and every else words


def _verb(method: str, template: str) -> str:
    """What a call does, by its method and whether the path ends at one item."""
    item = template.rstrip("/").endswith("}")
    return {"GET": "get" if item else "list", "POST": "update" if item else "create", "PUT": "update",
            "PATCH": "update", "DELETE": "delete"}[method]


def _from_path(method: str, template: str, resource: str) -> tuple[str, str]:
    """A method name from the method and path, and the longer name it falls back to."""
    segments = [s for s in template.split("/") if s]
    literal = [snake_case(s) for s in segments if "{" not in s and not _VERSION.match(s)]
    literal = [w for w in literal if w]
    after = literal[literal.index(resource.rstrip("_")) + 1 :] if resource.rstrip("_") in literal else literal
    item = bool(segments) and "{" in segments[-1]
    verb = {"GET": "get" if item else "list", "POST": "create", "PUT": "update", "PATCH": "update",
            "DELETE": "delete"}[method]
    # POST /runs/{id}/cancel → cancel
    short = "_".join(after) if method == "POST" and after and not item else "_".join([verb, *after])
    return short, "_".join([method.lower(), *literal])


@dataclass(frozen=True)
class MethodClaim:
    """One operation of a resource waiting for its method name."""

    key: object  # identifies the operation to the caller
    method: str
    template: str
    operation_id: str | None
    explicit: str | None = None  # set in codegen.yaml


def method_names(resource: str, claims: list[MethodClaim]) -> tuple[dict[object, str], list[Clash]]:
    """A method name for every operation of one resource."""
    candidates: list[Candidate] = []
    for claim in claims:
        if claim.explicit is not None:
            candidates.append(Candidate(claim.key, claim.explicit, (0,), explicit=True))
            continue
        short, full = _names(resource, claim)
        rank = (1, _METHOD_ORDER.index(claim.method), claim.template, str(claim.operation_id))
        candidates.append(Candidate(claim.key, short, rank, alternatives=(full,) if full != short else ()))
    return settle(candidates, numbered_attribute)


def _names(resource: str, claim: MethodClaim) -> tuple[str, str]:
    """The short name of an operation and its full one (used if the short one is taken)."""
    op_id = claim.operation_id
    if op_id:
        text = op_id
        if claim.template in op_id:  # post-/crm/objects/contacts_create → create
            text = op_id.rsplit(claim.template, 1)[1]
        words = [w for w in snake_case(text).split("_") if w]
        full_words = [w for w in snake_case(op_id).split("_") if w]
        if words:
            stripped = _without(words, resource)
            if stripped == [claim.method.lower()]:  # PostAccountLinks in account_links → create
                stripped = [_verb(claim.method, claim.template)]
            short, full = "_".join(stripped), "_".join(full_words)
            if _safe(short) and _safe(full):
                return _safe(short), _safe(full)  # type: ignore[return-value]
    short, full = _from_path(claim.method, claim.template, resource)
    return _safe(short) or claim.method.lower(), _safe(full) or claim.method.lower()


def _safe(name: str) -> str | None:
    """``name`` as a method name (keywords and reserved names get ``_``), or ``None``."""
    try:
        return derived_name(name, "method name")
    except NameProblem:
        return None
