"""Which credential an OpenAPI document's client sends, and how: ``securitySchemes`` mapped to
the IR's :class:`ir.Auth`, with ``codegen.yaml``'s ``auth`` keys (``scheme``, ``prefix``,
``password_env``) for what the document cannot say.

| securityScheme | client |
| --- | --- |
| ``http`` ``bearer`` | ``Authorization: Bearer <key>`` |
| ``http`` ``basic`` | ``Authorization: Basic`` with the key as user name (and a password) |
| ``apiKey`` in a header | that header, with ``auth.prefix`` before the key (``Token ``) |
| ``apiKey`` in the query | that query parameter |
| ``oauth2``, ``openIdConnect`` | a bearer token the caller obtains (warning) |
"""

from __future__ import annotations

from typing import Any

from codegen import ir
from codegen.errors import Path
from codegen.normalize import common
from codegen.normalize.common import Context

_METHODS = ("get", "post", "put", "patch", "delete")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def auth(ctx: Context, cfg: Context, env: str) -> ir.Auth:
    """The security scheme the client sends: ``auth.scheme`` in the config, else the one
    the document requires: of the top-level ``security``, or of the operations' when the
    top level requires none (Basedash: ``security: []``, bearer per operation). When the
    document offers several that the client would send differently, the first is taken
    and a warning says how to choose another."""
    data: dict[str, Any] = ctx.doc.data
    schemes = (data.get("components") or {}).get("securitySchemes") or {}
    conf = cfg.doc.data.get("auth") or {}
    sources: list[tuple[Any, Path]] = [(data.get("security"), ("security",))]
    if not data.get("security"):
        sources = [
            (op.get("security"), ("paths", template, method, "security"))
            for template, item in (data.get("paths") or {}).items()
            for method, op in item.items()
            if method in _METHODS and isinstance(op, dict)
        ]
    used: dict[str, Path] = {}  # scheme name → where it is first required
    for requirements, path in sources:
        for index, requirement in enumerate(requirements or []):
            for key in requirement:
                used.setdefault(key, (*path, index, key))
    if "scheme" in conf:
        if conf["scheme"] not in schemes:
            known = ", ".join(map(repr, schemes)) or "none"
            cfg.error(("auth", "scheme"), f"no security scheme {conf['scheme']!r} "
                           f"in components.securitySchemes (it has {known})")
            return ir.Auth("none")
        used = {conf["scheme"]: ("components", "securitySchemes", conf["scheme"])}
    found: list[tuple[str, ir.Auth]] = []
    for key, path in used.items():
        scheme = schemes.get(key)
        if not isinstance(scheme, dict):
            ctx.error(path, f"security scheme {key!r} is not in components.securitySchemes")
            continue
        auth = _scheme(ctx, cfg, key, scheme, env, conf)
        if auth is not None and all(auth != other for _, other in found):
            found.append((key, auth))
    if not found:
        return ir.Auth("none")
    if len(found) > 1:
        names = ", ".join(repr(key) for key, _ in found)
        ctx.warn(("components", "securitySchemes"), f"the document accepts several security "
                      f"schemes ({names}); the client sends {found[0][0]!r} (choose another with "
                      "auth.scheme in codegen.yaml)")
    return found[0][1]

def _scheme(
    ctx: Context, cfg: Context, key: str, scheme: dict[str, Any], env: str, conf: dict[str, Any]
) -> ir.Auth | None:
    """One security scheme as the client sends it, or ``None`` (with a warning) when the
    client cannot."""
    where: Path = ("components", "securitySchemes", key)
    kind, text = scheme.get("type"), _text(scheme.get("description"))
    http = str(scheme.get("scheme")).lower() if kind == "http" else ""
    if "prefix" in conf and not (kind == "apiKey" and scheme.get("in") == "header"):
        cfg.error(("auth", "prefix"), f"a prefix is only for an apiKey sent in a header; "
                       f"{key!r} is {kind} {http}".rstrip())
    if "password_env" in conf and http != "basic":
        cfg.error(("auth", "password_env"), f"password_env is only for http basic; {key!r} is not")
    if http == "bearer":
        return ir.Auth("bearer", env_var=env, description=text)
    if http == "basic":
        password_env = conf.get("password_env")
        if password_env is not None and not common.ENV_NAME.match(password_env):
            cfg.error(("auth", "password_env"), f"{password_env!r} is not an environment variable name")
        return ir.Auth("basic", prefix="Basic ", env_var=env, description=text, password_env=password_env)
    if kind == "apiKey" and scheme.get("in") in ("header", "query"):
        name = str(scheme.get("name"))
        if scheme.get("in") == "query":
            return ir.Auth("api_key", header="", prefix="", env_var=env, description=text, query_param=name)
        if not common.HEADER_NAME.match(name):
            ctx.error((*where, "name"), f"{name!r} is not a valid HTTP header name")
        prefix = conf.get("prefix", "")
        if not prefix and name.lower() == "authorization":
            ctx.warn(where, f"security scheme {key!r} sends the key in Authorization with no "
                          "prefix; if the API expects one (such as 'Token '), set auth.prefix in codegen.yaml")
        return ir.Auth("api_key", header=name, prefix=prefix, env_var=env, description=text)
    if kind in ("oauth2", "openIdConnect"):
        ctx.warn(where, f"{kind} is read as a bearer token the caller obtains")
        return ir.Auth("bearer", env_var=env, description=text)
    ctx.warn(where, f"security scheme {key!r} is not supported")
    return None
