"""OpenAPI 3.0/3.1 (plus an optional ``codegen.yaml``) → :class:`ir.Api`.

The document is first validated with openapi-pydantic (every problem becomes a diagnostic at
its path and line), then converted from the raw mapping: schemas through :class:`SchemaReader`,
everything else here. The config says what OpenAPI cannot (Python names, pagination, the
environment variable); its format is in ``docs/vendor-spec.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from codegen import ir
from codegen.errors import Diagnostic, Path, SpecError, format_path
from codegen.naming import (
    NameProblem,
    derived_name,
    explicit_name,
    pascal_case,
    snake_case,
)
from codegen.naming import upper_snake_case as upper_snake
from codegen.normalize import (
    common,
    inference,
    media,
    methods,
    parameters,
    protocol,
    refs,
    security,
)
from codegen.normalize.common import Context, walk_type
from codegen.normalize.config import (
    CONFIG_FORMAT,
    CONFIG_KEYS,
    check_shape,
    read_renames,
    unused_renames,
)
from codegen.normalize.names import Renames
from codegen.normalize.schema import SchemaReader
from codegen.normalize.validation import validate
from codegen.source import SourceDoc

_ANY = ir.TypeRef("any")
_METHODS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}
_PATH_ITEM_KEYS = {"$ref", "summary", "description", "servers", "parameters"}


def read_openapi(
    doc: SourceDoc, config: SourceDoc | None, *, name: str | None = None
) -> tuple[ir.Api, list[Diagnostic]]:
    """Normalize an OpenAPI document and its optional config: returns the API and the
    warnings; raises :class:`SpecError` with every error."""
    diagnostics: list[Diagnostic] = [*doc.warnings, *(config.warnings if config else ())]
    ctx = Context(doc, diagnostics.append)
    if not isinstance(doc.data, dict):
        raise doc.error((), "an OpenAPI document must be a mapping")
    validate(ctx, doc.data)
    cfg = Context(config or SourceDoc("codegen.yaml", {"format": CONFIG_FORMAT}), diagnostics.append)
    check_shape(cfg, cfg.doc.data, CONFIG_KEYS, ())
    _raise_errors(diagnostics, doc.file)  # the conversion trusts the shapes checked so far
    renames = read_renames(cfg)
    _raise_errors(diagnostics, doc.file)
    api = _Reader(ctx, cfg, renames).api(name)
    unused_renames(cfg, renames)
    _raise_errors(diagnostics, doc.file)
    return api, [d for d in _in_file_order(diagnostics, doc.file) if d.level != "error"]


def _in_file_order(diagnostics: list[Diagnostic], document: str) -> list[Diagnostic]:
    """The document's diagnostics by line, then the config's; each once."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (d.file != document, d.line or 0))


def _raise_errors(diagnostics: list[Diagnostic], document: str) -> None:
    """Stop if anything is an error; the warnings go with the errors (one can explain
    another)."""
    if any(d.level == "error" for d in diagnostics):
        raise SpecError(_in_file_order(diagnostics, document))


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class _Placed:
    """An operation read, waiting for its method name (settled per resource)."""

    resource: str
    operation: ir.Operation
    path: Path
    claim: methods.MethodClaim


class _Reader:
    def __init__(self, ctx: Context, cfg: Context, renames: Renames) -> None:
        self.ctx, self.cfg = ctx, cfg
        self.data: dict[str, Any] = ctx.doc.data
        self.settings: dict[str, Any] = cfg.doc.data
        self.renames = renames
        version = str(self.data.get("openapi", ""))
        self.schemas = SchemaReader(
            ctx.doc, ("components", "schemas"), strict_keys=False, report=ctx.report,
            ref_siblings="merge" if version.startswith("3.1") else "ignore", renames=renames,
        )
        self.op_configs: dict[str, Any] = self.settings.get("operations") or {}
        self.used: set[str] = set()
        self.skipped: list[str] = []  # operations left out, for the message when none is left
        self.error_types: list[ir.TypeRef] = []

    def api(self, name: str | None) -> ir.Api:
        self.schemas.read_all_components()
        info = self.data.get("info") or {}
        vendor_id = self.vendor("id", snake_case(name or str(info.get("title"))), "vendor id")
        package = self.vendor("package", f"{vendor_id}_client", "package")
        client = self.vendor("client", pascal_case(vendor_id), "client")
        if "webhooks" in self.data:
            self.ctx.warn(("webhooks",), "webhooks are not modelled; skipped")
        operations = self.name_methods(self.operations())
        if not operations:
            shown = ", ".join(self.skipped[:3]) + (", ..." if len(self.skipped) > 3 else "")
            skipped = f" (skipped: {shown})" if self.skipped else ""
            self.ctx.error(("paths",), f"the document has no operations to generate a client for{skipped}")
        resources = common.assemble(self.ctx, operations)
        retry_delay = self.retry_delay()
        for key in self.op_configs:
            if key not in self.used:
                self.cfg.error(("operations", key), f"{key!r} matches no operation of the document",
                               hint="use an operationId or 'METHOD /path'")
        env = (self.settings.get("auth") or {}).get("env") or f"{upper_snake(vendor_id)}_API_KEY"
        if not common.ENV_NAME.match(env):
            self.cfg.error(("auth", "env"), f"{env!r} is not an environment variable name",
                           hint="use letters, digits and underscores, e.g. VENDOR_API_KEY")
        request_id = self.settings.get("request_id_header")
        if request_id is not None and not common.HEADER_NAME.match(request_id):
            self.cfg.error(("request_id_header",), f"{request_id!r} is not a valid HTTP header name")
        auth = self.auth(env)
        taken = {auth.header.lower(): "the auth header"} if auth.header else {}
        fixed = protocol.fixed_headers(self.cfg, self.settings.get("headers"), ("headers",), taken)
        bodies = [op.response.type for _, _, op, _ in operations if op.response.type is not None]
        success = protocol.success(self.cfg, self.settings.get("success"), ("success",),
                                   self.schemas.registry, bodies)
        limits = protocol.rate_limit(self.cfg, self.settings.get("rate_limit"), ("rate_limit",))
        rename = self.schemas.settle()  # last: every schema is known, and named now
        return ir.Api(
            vendor_id=vendor_id, package=package, class_prefix=client,
            title=str(info.get("title")), version=str(info.get("version")),
            description=_text(info.get("description")),
            base_url=self.base_url(), auth=auth, resources=rename(resources),
            schemas=common.schemas_in_order(self.schemas.registry),
            request_id_header=self.settings.get("request_id_header"), retry_delay=retry_delay,
            fixed_headers=fixed, rate_limit=limits, success=rename(success),
        )

    # -- helpers ----------------------------------------------------------------------------

    def vendor(self, key: str, default: str, what: str) -> str:
        """A vendor name from the config, else derived from the document (or ``name``)."""
        vendor = self.settings.get("vendor") or {}
        value = vendor.get(key) or default
        try:
            if what != "client":
                return explicit_name(value, what)
            if value.isidentifier() and value[:1].isupper():
                return str(value)
            raise NameProblem(f"client prefix {value!r} is not a PascalCase identifier")
        except NameProblem as problem:
            if key in vendor:
                self.cfg.error(("vendor", key), str(problem))
            else:
                hint = f"set vendor.{key} in codegen.yaml" + (", or pass --name" if key == "id" else "")
                self.ctx.error(("info", "title"), str(problem), hint=hint)
            return "invalid"

    def deref(self, node: Any, path: Path, section: str) -> tuple[dict[str, Any], Path] | None:
        """Follow local ``$ref`` s (to ``components.<section>`` or any JSON pointer)."""
        seen: set[Path] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#"):
                self.ctx.error((*path, "$ref"), f"$ref {ref!r} is not a local reference into "
                               f"components.{section}", hint=f"use #/components/{section}/<Name>")
                return None
            found = refs.resolve(self.data, ref)
            if found is None or found[0] in seen:
                problem = "does not exist" if found is None else "is circular"
                self.ctx.error((*path, "$ref"), f"$ref target {ref!r} {problem}")
                return None
            seen.add(found[0])
            path, node = found
        return (node, path) if isinstance(node, dict) else None

    def offers(self, holder: dict[str, Any], path: Path) -> list[media.Offer]:
        """The media types of a request body's or a response's ``content``."""
        content = holder.get("content")
        if not isinstance(content, dict):
            return []
        return media.offers(content, (*path, "content"), self.shape, self.ctx.warn)

    def shape(self, schema: Any, path: Path) -> str | None:
        return media.shape(self.schemas, schema, path)

    # -- operations -------------------------------------------------------------------------

    def operations(self) -> list[_Placed]:
        result = []
        for template, item in (self.data.get("paths") or {}).items():
            item_path: Path = ("paths", template)
            if "$ref" in item:
                self.ctx.warn((*item_path, "$ref"), "a path item $ref is not supported; skipped")
                self.skipped.append(f"{template} ($ref)")
                continue
            if "servers" in item:
                self.ctx.warn((*item_path, "servers"), "per-path servers are ignored")
            for method, op in item.items():
                if method in _PATH_ITEM_KEYS or method.startswith("x-"):
                    continue
                if method not in _METHODS:
                    self.ctx.warn((*item_path, method), f"{method.upper()} operations are not supported; skipped")
                    self.skipped.append(f"{method.upper()} {template}")
                    continue
                result.append(self.operation(template, method, op, item.get("parameters") or []))
        return result

    def name_methods(self, placed: list[_Placed]) -> list[tuple[str, str, ir.Operation, Path]]:
        """Each operation's method name, settled resource by resource (:mod:`.methods`)."""
        by_resource: dict[str, list[_Placed]] = {}
        for item in placed:
            by_resource.setdefault(item.resource, []).append(item)
        names: dict[Path, str] = {}
        for resource, items in by_resource.items():
            settled, clashes = methods.method_names(resource, [item.claim for item in items])
            names.update(settled)  # type: ignore[arg-type]
            for clash in clashes:
                loser, winner = clash.loser.key, clash.winner.key
                assert isinstance(loser, tuple) and isinstance(winner, tuple)
                if clash.assigned is None:
                    continue  # two names set in codegen.yaml: assemble() reports it
                self.ctx.warn(loser, f"{format_path(winner)} and this operation both become "
                              f"{resource}.{clash.natural}; this one is named {resource}.{clash.assigned}",
                              hint=f"set operations[{_op_key(self.data, loser)!r}].name in codegen.yaml")
        result = []
        for item in placed:
            name = names.get(item.path, item.operation.py_name)
            result.append((item.resource, name, replace(item.operation, py_name=name), item.path))
        return result

    def operation(self, template: str, method: str, op: dict[str, Any], shared: list[Any]) -> _Placed:
        path: Path = ("paths", template, method)
        op_id, by_path = op.get("operationId"), f"{_METHODS[method]} {template}"
        if op_id is not None and not isinstance(op_id, str):
            op_id = str(op_id)
        literal = [s for s in template.split("/") if s and "{" not in s]
        derived = snake_case(op_id or op.get("summary") or "") or snake_case(
            f"{method} {literal[-1] if literal else ''}"
        )
        keys = [k for k in (op_id, by_path) if k in self.op_configs]
        if len(keys) > 1:
            self.cfg.error(("operations", keys[1]), f"this operation is also configured as {keys[0]!r}")
        self.used.update(k for k in keys if k is not None)
        conf: dict[str, Any] = self.op_configs[keys[0]] if keys else {}
        conf_path: Path = ("operations", keys[0]) if keys else ()
        explicit = None
        if "name" in conf:
            explicit = self.cfg.name(conf["name"], (*conf_path, "name"), "method name") or "invalid"
        resource = self.resource(op, template, conf, conf_path, path)
        scope = pascal_case(op_id or "") or pascal_case(derived)
        for key in ("callbacks", "servers"):
            if key in op:
                self.ctx.warn((*path, key), f"{key} are not modelled; skipped")
        params = parameters.read_params(self, shared, op.get("parameters") or [], path, scope,
                                        (op_id or by_path, by_path), template)
        body = self.body(op, path, scope)
        response, errors = self.responses(op, path, scope)
        body_type = response.type
        if "envelope" in conf:
            envelope = tuple(conf["envelope"].split("."))
            inner = walk_type(self.schemas.registry, body_type, envelope)
            if inner is None:
                self.cfg.error((*conf_path, "envelope"), f"the response has no field {conf['envelope']!r}")
            response = replace(response, type=inner, envelope=envelope)
        pagination = common.read_pagination(self.cfg, conf.get("pagination"), (*conf_path, "pagination"),
                                            params, body_type, self.schemas.registry)
        if "pagination" not in conf and method == "get":
            pagination = self.inferred(op, path, params, body_type, op_id or by_path) or pagination
        params, constant = parameters.constant_headers(self, params, path)
        taken = {p.wire_name.lower(): f"parameter {p.wire_name!r}" for p in params if p.location == "header"}
        constant += protocol.fixed_headers(self.cfg, conf.get("headers"), (*conf_path, "headers"), taken)
        body = common.settle_body(params, body, self.schemas.registry)
        common.check_path(self.ctx, template, params, path)
        common.check_signature(self.ctx, path, params, body)
        operation = ir.Operation(
            operation_id=op_id or derived, py_name=explicit or derived, path=template,
            method=_METHODS[method],  # type: ignore[arg-type]
            params=params, response=response, errors=errors, body=body, pagination=pagination,
            idempotent=conf.get("idempotent", method not in ("post", "patch")),
            summary=_text(op.get("summary")), description=_text(op.get("description")),
            deprecated=op.get("deprecated") is True, origin=f"paths.{template}.{method}",
            fixed_headers=constant,
        )
        claim = methods.MethodClaim(path, _METHODS[method], template, op_id, explicit)
        return _Placed(resource, operation, path, claim)

    def inferred(self, op: dict[str, Any], path: Path, params: tuple[ir.Parameter, ...],
                 body: ir.TypeRef | None, key: str) -> ir.Pagination | None:
        """Pagination the document leaves no doubt about (:mod:`inference`), with a note."""
        headers: set[str] = set()
        codes = sorted(k for k in (op.get("responses") or {}) if re.fullmatch(r"2\d\d", k))
        if codes:
            found = self.deref(op["responses"][codes[0]], (*path, "responses", codes[0]), "responses")
            if found is not None and isinstance(found[0].get("headers"), dict):
                headers = {str(name).lower() for name in found[0]["headers"]}
        decl, doubt = inference.infer_pagination(params, body, self.schemas.registry, headers)
        hint = f"declare operations[{key!r}].pagination in codegen.yaml to override"
        if doubt is not None:
            self.ctx.note(path, doubt, hint=f"declare operations[{key!r}].pagination in codegen.yaml")
        if decl is None:
            return None
        problems: list[Diagnostic] = []
        quiet = Context(self.cfg.doc, problems.append)
        pagination = common.read_pagination(quiet, decl, (), params, body, self.schemas.registry)
        if isinstance(pagination, ir.NoPagination) or problems:
            return None
        self.ctx.note(path, f"inferred pagination {inference.describe(decl)}", hint=hint)
        return pagination

    def resource(self, op: dict[str, Any], template: str, conf: dict[str, Any], conf_path: Path,
                 path: Path) -> str:
        """The resource: from the config, else the first tag, else the path."""
        if "resource" in conf:
            return self.cfg.name(conf["resource"], (*conf_path, "resource"), "resource") or "invalid"
        tags = op.get("tags") or []
        by_path = methods.resource_from_path(template) or "default"
        if not tags:
            return by_path
        try:
            return derived_name(str(tags[0]), "resource")
        except NameProblem:
            self.ctx.warn((*path, "tags", 0), f"the tag {tags[0]!r} makes no Python name; the operation "
                          f"is grouped by its path, as {by_path!r}",
                          hint=f"set operations[{_op_key(self.data, path)!r}].resource in codegen.yaml")
            return by_path

    def body(self, op: dict[str, Any], path: Path, scope: str) -> ir.RequestBody | None:
        if "requestBody" not in op:
            return None
        found = self.deref(op["requestBody"], (*path, "requestBody"), "requestBodies")
        if found is None:
            return None
        raw, where = found
        what = "the request body"
        choice = media.choose_request(self.offers(raw, where), what, (*where, "content"), self.ctx.warn)
        if choice is None:
            self.ctx.warn(where, "a request body without content is ignored")
            return None
        offer = choice.offer.key
        return media.request_body(
            self.schemas, choice, scope + "Body",
            required=raw.get("required") is True, description=_text(raw.get("description")),
            report=self.ctx.warn, encoding=(raw["content"][offer] or {}).get("encoding"),
        )

    def responses(
        self, op: dict[str, Any], path: Path, scope: str
    ) -> tuple[ir.Response, tuple[ir.ErrorResponse, ...]]:
        """The lowest 2xx is the success; every 4xx, 5xx and ``default`` with a JSON body is an
        error type (any other error body reaches the exception as text). 1xx and 3xx are not
        modelled."""
        success: ir.Response | None = None
        errors: list[ir.ErrorResponse] = []
        entries: list[tuple[int | None, str]] = []
        for key in op.get("responses") or {}:
            if re.fullmatch(r"[1-5]\d\d", key) or key == "default":
                entries.append((None if key == "default" else int(key), key))
            else:
                self.ctx.warn((*path, "responses", key), f"status {key!r} is not modelled; "
                              "list the statuses one by one")
        codes = sorted(s for s, _ in entries if s is not None and 200 <= s < 300)
        for status, key in entries:
            is_error = status is None or status >= 400
            if not is_error and status != (codes[0] if codes else None):
                continue
            found = self.deref(op["responses"][key], (*path, "responses", key), "responses")
            if found is None:
                continue
            raw, where = found
            if "links" in raw:
                self.ctx.warn((*where, "links"), "links are not modelled; skipped")
            description = _text(raw.get("description"))
            if is_error:
                offer = next((o for o in self.offers(raw, where) if o.kind == "json"), None)
                if offer is not None:
                    error = media.Choice(offer, "json", offer.key)
                    kind = media.response_type(self.schemas, error, f"{scope}Error{status or ''}")
                    errors.append(ir.ErrorResponse(status, kind, description))
                    self.error_types.append(kind)
                continue
            assert status is not None
            if status == 204:
                success = ir.Response(status, None, (), description)
                continue
            choice = media.choose_response(self.offers(raw, where), "the response", (*where, "content"),
                                           self.ctx.warn)
            if choice is None:
                success = ir.Response(status, None, (), description)
                continue
            kind = media.response_type(self.schemas, choice, f"{scope}Response")
            success = ir.Response(status, kind, (), description, choice.kind, choice.media_type)
        if success is None:
            self.ctx.warn((*path, "responses"), "no 2xx response is declared; the call returns nothing")
            success = ir.Response(200, None)
        return success, tuple(errors)

    # -- the API ----------------------------------------------------------------------------

    def base_url(self) -> str | None:
        servers = self.data.get("servers") or []
        if not servers:
            return None
        url = str(servers[0].get("url"))
        for var, spec in (servers[0].get("variables") or {}).items():
            url = url.replace(f"{{{var}}}", str(spec.get("default")))
        if not re.match(r"https?://", url):
            self.ctx.warn(("servers", 0, "url"), f"server URL {url!r} is not absolute; the client "
                          "needs base_url as an argument")
            return None
        return url.rstrip("/")

    def auth(self, env: str) -> ir.Auth:
        return security.auth(self.ctx, self.cfg, env)

    def retry_delay(self) -> ir.BodyRetryDelay | None:
        retry = (self.settings.get("errors") or {}).get("retry_after")
        if retry is None:
            return None
        field = tuple(retry["field"].split("."))
        found = [walk_type(self.schemas.registry, kind, field) for kind in self.error_types]
        if not any(f is not None and f.kind in ("integer", "number") for f in found):
            self.cfg.error(("errors", "retry_after", "field"),
                           f"no error response has a numeric field {retry['field']!r}")
        return ir.BodyRetryDelay(field, retry["unit"])


def _op_key(data: dict[str, Any], path: Path) -> str:
    """How codegen.yaml names the operation at ``path``: its operationId, else ``METHOD /path``."""
    op = (data.get("paths") or {}).get(path[1], {}).get(path[2], {})
    return str(op.get("operationId") or f"{str(path[2]).upper()} {path[1]}")
