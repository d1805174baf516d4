"""IR → the files of one client package, as text.

Templates under ``templates/package/`` mirror the package tree (``pkg/`` becomes the import
package; ``resources/_resource.py.jinja`` is rendered once per resource; a template with no
Jinja syntax is copied). Templates print black's layout; :mod:`codegen.render.formatting`
sends to black only what does not fit.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from codegen import __version__, ir
from codegen.render import formatting, layout
from codegen.render.types import doc, inline, ordered_schemas, py, type_source
from codegen.render.views import error_models, operation_view, pagination_class

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
PACKAGE_TEMPLATES = TEMPLATES / "package"
RESOURCE_TEMPLATE = "resources/_resource.py.jinja"


def _toml(value: Any) -> str:
    import json

    return json.dumps(str(value), ensure_ascii=False)


_ONE_LINE_DOCSTRING = re.compile(r' *""".*"""\Z')


def _fill(block: str) -> str:
    """Docstring lines longer than black's line length wrapped, continuations indented four
    more columns than the line (black leaves long docstring lines alone; we do not print them)
    — except a whole docstring on one line, whose continuations are as indented as its
    quotes: black takes away any indentation all continuation lines of a docstring share."""
    out = []
    for line in block.split("\n"):
        if formatting.width(line) <= layout.LINE_LENGTH:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        hanging = lead if _ONE_LINE_DOCSTRING.match(line) else lead + " " * layout.INDENT
        out += textwrap.wrap(
            line.strip(),
            width=layout.LINE_LENGTH,
            initial_indent=lead,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
    return "\n".join(out)


def _md(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _field_annotation(field: ir.Field) -> str:
    text = type_source(field.type, "model")
    if not field.required and not field.type.nullable:
        text += " | None"
    return text


def _alias_args(alias: str) -> list[str]:
    # Not ``alias=``: type checkers read a field specifier's ``alias`` as the name of the
    # ``__init__`` parameter (PEP 681), so models built by their snake_case names would not
    # type-check without pydantic's mypy plugin. These two set the same aliases.
    return [f"validation_alias={py(alias)}", f"serialization_alias={py(alias)}"]


def _field_default(field: ir.Field) -> str:
    alias = field.wire_name if field.wire_name != field.py_name else None
    if field.required:
        return f" = Field({', '.join(_alias_args(alias))})" if alias else ""
    if alias:
        return f" = Field({', '.join(['default=None', *_alias_args(alias)])})"
    return " = None"


def _field_line(field: ir.Field) -> str:
    """``name: annotation = default`` at class level, laid out as black will."""
    alias = field.wire_name if field.wire_name != field.py_name else None
    default: layout.Node | None = None
    if alias:
        args = _alias_args(alias) if field.required else ["default=None", *_alias_args(alias)]
        default = layout.group("Field", args)
    elif not field.required:
        default = "None"
    return layout.annotated(field.py_name, _field_annotation(field), default, 4)


def _union_lines(schema: ir.UnionSchema) -> str:
    """The body of a union's type alias, laid out as black will."""
    variants = [v.ref for v in schema.variants]
    if schema.discriminator == "none":
        return layout.lay(layout.group(f"{schema.name}: TypeAlias = Union", [*variants, "UnknownVariant"], "[]"))
    tags = [py(v.tag) for v in schema.variants]
    members: list[layout.Node] = [
        layout.group("Annotated", [v.ref, layout.group("Tag", [py(v.tag)])], "[]") for v in schema.variants
    ]
    members.append("Annotated[UnknownVariant, Tag(UNKNOWN)]")
    if schema.discriminator == "property":
        selector = layout.group("by_property", [py(schema.property), layout.tuple_of(tags), py(schema.name)])
    else:
        selector = layout.group("by_present_key", [layout.tuple_of(tags), py(schema.name)])
    union = "\n".join(["    Union[", *(layout.lay(m, 8, ",") for m in members), "    ],"])
    return f"{schema.name}: TypeAlias = Annotated[\n{union}\n{layout.lay(selector, 4, ',')}\n]"


def _rebuild_tuple(names: list[str]) -> str:
    """``(A,)``, or one name per line: the template's trailing comma makes black explode it."""
    if len(names) == 1:
        return f"({names[0]},)"
    return "(\n" + "".join(f"    {name},\n" for name in names) + ")"


def _safe_arg(name: str) -> str:
    return f"{name}_resource"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates under ``templates/__pycache__``, as Python keeps compiled modules
    beside their source: Jinja checks each entry against its template's text, so a changed
    template is compiled again, and a folder that cannot be written only costs time."""
    folder = TEMPLATES / "__pycache__"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals["cut"] = formatting.CUT.rstrip("\n")
    env.globals["call"] = lambda head, items, indent, suffix="": layout.lay(
        layout.group(head, items), indent, suffix
    )
    env.globals["parenthesized"] = layout.parenthesized
    env.globals["parameter"] = layout.parameter
    env.globals["alias"] = layout.alias
    env.globals["class_line"] = layout.class_line
    env.filters.update(
        py=py,
        doc=doc,
        inline=inline,
        toml=_toml,
        md=_md,
        fill=_fill,
        annotation=lambda ref: type_source(ref, "model"),
        field_annotation=_field_annotation,
        field_default=_field_default,
        field_line=_field_line,
        union_lines=_union_lines,
        rebuild_tuple=_rebuild_tuple,
        model_ref=lambda name: f"models.{name}",
        safe_arg=_safe_arg,
        kwarg=lambda arg: f"{arg.name}={arg.name}",
    )
    return env


@dataclass(frozen=True)
class Example:
    sync: str
    async_: str
    list_call: str
    any_call: str
    raw_call: str
    ctor_args: str
    key_arg: str = ""
    """``api_key="...", `` where the key has no environment variable to come from."""
    page_model: str = ""
    """The model of the example list call's whole body (``page.parsed``), if it is one."""

    def any_call_with(self, extra: str) -> str:
        head, _, tail = self.any_call.rpartition(")")
        sep = "" if head.endswith("(") else ", "
        return f"{head}{sep}{extra}){tail}"


def _placeholder(param: ir.Parameter) -> str:
    if param.type.kind in ("integer", "number"):
        return "1"
    return py(param.py_name.replace("_", "-"))


def _call(resource: ir.Resource, op: ir.Operation) -> str:
    args = [_placeholder(p) for p in op.params if p.location == "path"]
    args += [f"{p.py_name}={_placeholder(p)}" for p in op.params if p.location != "path" and p.required]
    if op.body is not None:
        args += [f"{f.py_name}={py('...')}" for f in op.body.fields if f.required]
    return f"{resource.py_name}.{op.py_name}({', '.join(args)})"


def example(api: ir.Api, auth: ir.Auth | None) -> Example:
    """The README's examples: the first list operation, else the first operation."""
    pairs = [(r, op) for r in api.resources for op in r.operations]
    resource, op = next(
        ((r, o) for r, o in pairs if not isinstance(o.pagination, ir.NoPagination)), pairs[0]
    )
    call = _call(resource, op)
    ctor = "" if api.base_url else 'base_url="https://api.example.com", '
    key = 'api_key="...", ' if auth and not auth.env_var else ""  # no variable to read it from
    args = (key + ctor).rstrip(", ")
    note = f"  # reads {auth.env_var}" if auth and auth.env_var else ""
    if isinstance(op.pagination, ir.NoPagination):
        sync_use = f"    item = client.{call}\n    print(item)"
        async_use = f"        item = await client.{call}\n        print(item)"
    else:
        sync_use = f"    for item in client.{call}:\n        print(item)"
        async_use = f"        async for item in client.{call}:\n            print(item)"
    sync = (
        f"from {api.package} import {api.client_name}\n\n"
        f"with {api.client_name}({args}) as client:{note}\n{sync_use}"
    )
    async_ = (
        f"import asyncio\n\nfrom {api.package} import {api.async_client_name}\n\n\n"
        f"async def main() -> None:\n"
        f"    async with {api.async_client_name}({args}) as client:\n{async_use}\n\n\n"
        "asyncio.run(main())"
    )
    return Example(
        sync=sync,
        async_=async_,
        list_call=call,
        any_call=call,
        raw_call=f"{resource.py_name}.with_raw_response.{op.py_name}{call[call.index('('):]}",
        ctor_args=ctor,
        key_arg=key,
        page_model=_page_model(op),
    )


def _page_model(op: ir.Operation) -> str:
    body = op.response.type
    if isinstance(op.pagination, ir.NoPagination) or body is None or body.kind != "ref":
        return ""
    return body.ref or ""


def media_example(api: ir.Api) -> str:
    """The README's example of uploads and downloads: the first multipart upload, the first
    upload of bytes and the first download, as the API has them ("" when it has none)."""
    pairs = [(r, op) for r in api.resources for op in r.operations]
    lines: list[str] = []

    def args(op: ir.Operation, file: str) -> list[str]:
        found = [_placeholder(p) for p in op.params if p.location == "path"]
        found += [f"{p.py_name}={_placeholder(p)}" for p in op.params if p.location != "path" and p.required]
        fields = op.body.fields if op.body is not None else ()
        found += [f"{f.py_name}={file if f.type.kind == 'binary' else py('...')}" for f in fields if f.required]
        return found

    multipart = next(((r, o) for r, o in pairs if o.body is not None and o.body.media == "multipart"), None)
    if multipart is not None:
        resource, op = multipart
        lines += ['with open("report.pdf", "rb") as file:  # or bytes, or ("report.pdf", data, "application/pdf")',
                  f"    client.{resource.py_name}.{op.py_name}({', '.join(args(op, 'file'))})"]
    upload = next(((r, o) for r, o in pairs if o.body is not None and o.body.media == "binary"), None)
    if upload is not None:
        resource, op = upload
        call = ", ".join([*args(op, "file"), "body=file"])
        lines += ['with open("recording.bin", "rb") as file:  # streamed from where the file stands',
                  f"    client.{resource.py_name}.{op.py_name}({call})"]
    download = next(((r, o) for r, o in pairs if o.response.type is not None and o.response.media == "binary"), None)
    if download is not None:
        resource, op = download
        call = f"{op.py_name}({', '.join(args(op, 'file'))})"
        lines += [f"data = client.{resource.py_name}.{call}  # bytes",
                  f"with client.{resource.py_name}.with_streaming_response.{call} as response:",
                  '    with open("download.bin", "wb") as out:',
                  "        for chunk in response.iter_bytes():",
                  "            out.write(chunk)"]
    return "\n".join(lines)


def request_only_closed(api: ir.Api) -> set[str]:
    """Closed object schemas that no response can contain: these refuse unknown fields."""
    from codegen.render.types import refs_of, schema_refs

    by_name = {schema.name: schema for schema in api.schemas}
    pending: set[str] = set()
    for op in api.operations():
        pending |= refs_of(op.response.type)
        for error in (*op.errors, *api.default_errors):
            pending |= refs_of(error.type)
    reached: set[str] = set()
    while pending:
        name = pending.pop()
        if name in reached or name not in by_name:
            continue
        reached.add(name)
        pending |= schema_refs(by_name[name])
    return {
        s.name for s in api.schemas if isinstance(s, ir.ObjectSchema) and s.closed and s.name not in reached
    }


def _isort(names: Iterable[str]) -> list[str]:
    """isort's order: CONSTANTS, then Classes, then functions."""
    return sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))


def _model_imports(api: ir.Api, schemas: list[ir.Schema]) -> str:
    annotations = " ".join(
        _field_annotation(f) for s in schemas if isinstance(s, ir.ObjectSchema) for f in s.fields
    ) + " ".join(type_source(s.type, "model") for s in schemas if isinstance(s, ir.AliasSchema))
    unions = [s for s in schemas if isinstance(s, ir.UnionSchema)]
    tagged = [u for u in unions if u.discriminator != "none"]
    typing = sorted(
        name
        for name, used in {
            "Annotated": bool(tagged),
            "Any": bool(re.search(r"\bAny\b", annotations)),
            "Literal": "Literal[" in annotations,
            "TypeAlias": bool(unions) or any(isinstance(s, ir.AliasSchema) for s in schemas),
            "Union": bool(unions),
        }.items()
        if used
    )
    pydantic = sorted(
        name
        for name, used in {
            "Field": any(
                f.wire_name != f.py_name
                for s in schemas
                if isinstance(s, ir.ObjectSchema)
                for f in s.fields
            ),
            "Tag": bool(tagged),
            "ConfigDict": bool(request_only_closed(api)),
        }.items()
        if used
    )
    runtime = _isort(
        name
        for name, used in {
            "UNKNOWN": bool(tagged),
            "ApiModel": any(isinstance(s, ir.ObjectSchema) for s in schemas),
            "OpenEnum": any(isinstance(s, ir.EnumSchema) and s.base == "string" for s in schemas),
            "OpenIntEnum": any(isinstance(s, ir.EnumSchema) and s.base == "integer" for s in schemas),
            "StrInt": "StrInt" in annotations,
            "UnknownVariant": bool(unions),
            "by_present_key": any(u.discriminator == "present_key" for u in unions),
            "by_property": any(u.discriminator == "property" for u in unions),
        }.items()
        if used
    )
    lines = []
    if "dt." in annotations:
        lines.append("import datetime as dt")
    if typing:
        lines.append(layout.from_import("typing", typing))
    if pydantic:
        lines.append("\nfrom pydantic import " + ", ".join(pydantic))
    if runtime:
        lines.append("\nfrom ._models import " + ", ".join(runtime))
    return "\n".join(lines).strip()


def _resource_imports(views: list[Any]) -> str:
    text = " ".join(
        [a.annotation for v in views for a in (*v.positional, *v.keywords)]
        + [v.result_type for v in views]
    )
    lines = []
    if "builtins." in text or any(v.paginated for v in views):
        lines.append("import builtins")
    if "dt." in text:
        lines.append("import datetime as dt")
    abc = [n for n in ("Mapping", "Sequence") if f"{n}[" in text]
    if abc:
        lines.append(layout.from_import("collections.abc", abc))
    if any(v.streams for v in views):
        lines.append("from contextlib import AbstractAsyncContextManager, AbstractContextManager")
    lines.append("from functools import cached_property")
    typing = [name for name in ("Any", "Literal") if re.search(rf"\b{name}\b", text)]
    if typing:
        lines.append(layout.from_import("typing", typing))
    lines.append("")
    content = any("_content." in v.request_lines for v in views)
    lines.append(f"from .. import {'_content, ' if content else ''}_request, models")
    lines.append("from .._base_client import AsyncAPIClient, RequestOptions, SyncAPIClient")
    if any("dump(" in v.request_lines for v in views):
        lines.append("from .._models import dump")
    styles = {pagination_class(v.op.pagination) for v in views if v.paginated}
    pagination = sorted(
        {name for name in styles if name is not None}
        | ({"AsyncPager", "SyncPage"} if any(v.paginated for v in views) else set())
    )
    if pagination:
        lines.append(layout.from_import(".._pagination", pagination))
    streamed = ["AsyncStreamedResponse", "StreamedResponse"] if any(v.streams for v in views) else []
    response = [*streamed, "async_to_raw_response_wrapper", "to_raw_response_wrapper"]
    lines.append(layout.from_import(".._response", response))
    files = [n for n in ("FileContent", "FileTypes") if re.search(rf"\b{n}\b", text)]
    names = ["NOT_GIVEN", "Body", *files, "Headers", "NotGiven", "Query", "Timeout"]
    lines.append(layout.from_import(".._types", names))
    return "\n".join(lines)


def auth_source(auth: ir.Auth) -> str:
    """The runtime auth strategy (``_auth.py``) for ``auth``, as source."""
    if auth.kind == "none":
        return "NoAuth()"
    if auth.kind == "basic":
        return "BasicAuth()"
    if auth.query_param is not None:
        return f"QueryAuth(param={py(auth.query_param)})"
    return f"HeaderAuth(header={py(auth.header)}, prefix={py(auth.prefix)})"


def auth_shown(auth: ir.Auth) -> str:
    """How the credential is sent, for docstrings and READMEs (reStructuredText literals)."""
    if auth.kind == "basic":
        return "HTTP Basic (``Authorization: Basic``), ``api_key`` as the user name"
    if auth.query_param is not None:
        return f"the query parameter ``{auth.query_param}=<api_key>``"
    return f"``{auth.header}: {auth.prefix}<api_key>``"


def success_source(success: ir.BodySuccess | None) -> str:
    if success is None:
        return "None"
    args = [f"path={py(success.path)}", f"value={py(success.value)}"]
    if success.code is not None:
        args.append(f"code={py(success.code)}")
    if success.message is not None:
        args.append(f"message={py(success.message)}")
    if success.statuses:
        args.append("statuses={" + ", ".join(f"{py(code)}: {status}" for code, status in success.statuses) + "}")
    return "BodySuccess(" + ", ".join(args) + ")"


def base_url_error(api: ir.Api) -> str:
    """``raise ValueError("no base URL: …" + BASE_URL_ENV)`` at 8 columns, in black's layout:
    one line if it fits, else the argument on a line of its own, else split at the ``+``."""
    message = py(f"no base URL: {api.title} has no default host; pass base_url=... or set ")
    one_line = f"        raise ValueError({message} + BASE_URL_ENV)"
    if len(one_line) <= layout.LINE_LENGTH:
        return one_line
    argument = f"            {message} + BASE_URL_ENV"
    if len(argument) <= layout.LINE_LENGTH:
        return f"        raise ValueError(\n{argument}\n        )"
    return f"        raise ValueError(\n            {message}\n            + BASE_URL_ENV\n        )"


def _context(api: ir.Api) -> dict[str, Any]:
    auth = api.auth if api.auth.kind != "none" else None
    schemas, forward = ordered_schemas(api)
    limits = api.rate_limit
    return {
        "api": api,
        "auth": auth,
        "auth_source": auth_source(api.auth),
        "auth_class": auth_source(api.auth).split("(", 1)[0],
        "auth_shown": auth_shown(api.auth) if auth else "",
        "success_source": success_source(api.success),
        "rate_limit_signals": tuple((sig.status, sig.header, sig.value) for sig in limits.signals),
        "schemas": schemas,
        "forward": forward,
        "error_models": error_models(api),
        "base_url_env": f"{api.vendor_id.upper()}_BASE_URL",
        "base_url_error": base_url_error(api),
        "resource_imports": "\n".join(
            layout.from_import(f".resources.{r.py_name}", [r.class_name, f"Async{r.class_name}"])
            for r in api.resources
        ),
        "log_env": f"{api.vendor_id.upper()}_LOG",
        "package_version": __version__,
        "distribution": api.package.replace("_", "-"),
        "generator_version": __version__,
        "sources": [f"{Path(s).parent.name}/{Path(s).name}" for s in api.sources],
        "example": example(api, auth),
        "imports": _model_imports(api, schemas),
        "forbid": request_only_closed(api),
        "media_example": media_example(api),
        "streaming": any(
            op.response.type is not None and op.response.media == "binary" for op in api.operations()
        ),
    }


def _output_name(api: ir.Api, template: str) -> str:
    name = template[: -len(".jinja")]
    if name.startswith("pkg/"):
        name = f"{api.package}/{name[len('pkg/'):]}"
    return name


def template_files() -> list[str]:
    return sorted(
        p.relative_to(PACKAGE_TEMPLATES).as_posix()
        for p in PACKAGE_TEMPLATES.rglob("*.jinja")
        if p.is_file()
    )


@cache
def static_text(template: str) -> str | None:
    """A template with no Jinja syntax (the runtime modules): its text, which is what
    rendering it gives (``keep_trailing_newline``; a test checks it), or ``None``. Such a
    template is the same bytes in every package and is never compiled by Jinja."""
    text = (PACKAGE_TEMPLATES / template).read_text(encoding="utf-8")
    if any(mark in text for mark in ("{{", "{%", "{#", "\r")):
        return None
    return text


def static_texts() -> set[str]:
    """The text of every template without Jinja syntax: the runtime modules, the generator's
    own code and the same in every package, whatever the spec says."""
    return {text for template in template_files() if (text := static_text(template)) is not None}


def render_package(api: ir.Api) -> dict[str, str]:
    """Every file of the package, formatted, by path relative to ``generated/<vendor>/``."""
    with formatting.Formatter(workers=0) as formatter:
        return formatter.format_files(render_files(api))


def render_files(api: ir.Api) -> dict[str, str]:
    """Every file of the package as the templates write it (Python not yet formatted)."""
    return dict(sorted(iter_files(api)))


def iter_files(api: ir.Api) -> Iterator[tuple[str, str]]:
    """The package's files one at a time, so that a caller can hand each on (to the
    formatter) before the next is rendered: a large package is never all in memory twice."""
    env = environment()
    context = _context(api)
    for template in template_files():
        if template.endswith(RESOURCE_TEMPLATE.split("/")[-1]):
            continue
        text = static_text(template)
        if text is None:
            text = env.get_template(f"package/{template}").render(context)
        yield _output_name(api, template), text
    resource_template = env.get_template(f"package/pkg/{RESOURCE_TEMPLATE}")
    for resource in api.resources:
        views = [operation_view(api, resource, op) for op in resource.operations]
        text = resource_template.render(
            {**context, "resource": resource, "views": views, "imports": _resource_imports(views)}
        )
        yield f"{api.package}/resources/{resource.py_name}.py", text
    yield f"{api.package}/resources/__init__.py", _resources_init(api, api.resources)


def _resources_init(api: ir.Api, resources: Iterable[ir.Resource]) -> str:
    names: list[str] = []
    lines = [f'"""The operations of the {inline(api.title)}, grouped by resource."""', ""]
    for resource in resources:
        lines.append(
            layout.from_import(
                f".{resource.py_name}", [f"Async{resource.class_name}", resource.class_name]
            )
        )
        names += [f"Async{resource.class_name}", resource.class_name]
    lines += ["", layout.assign("__all__", layout.group("", [py(n) for n in sorted(names)], "[]")), ""]
    return "\n".join(lines)
