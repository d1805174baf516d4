"""OpenAPI securitySchemes → the client's auth strategy (codegen/normalize/security.py)."""

from __future__ import annotations

import textwrap

import pytest

from codegen import ir
from codegen.errors import SpecError
from codegen.normalize.openapi import read_openapi
from codegen.source import parse


def document(schemes: str, security: str = "[{main: []}]") -> str:
    return textwrap.dedent(f"""\
        openapi: 3.0.3
        info: {{title: Tiny, version: "1"}}
        security: {security}
        paths:
          /things:
            get:
              operationId: listThings
              responses:
                "200": {{description: ok}}
        components:
          securitySchemes:
        """) + textwrap.indent(textwrap.dedent(schemes), "    ")


def read(text: str, config: str | None = None) -> tuple[ir.Auth, list[str]]:
    cfg = parse(textwrap.dedent(config), "codegen.yaml") if config else None
    api, warnings = read_openapi(parse(text, "openapi.yaml"), cfg)
    return api.auth, [str(w) for w in warnings]


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ("main: {type: http, scheme: bearer}", ir.Auth("bearer", env_var="TINY_API_KEY")),
        ("main: {type: http, scheme: Basic}", ir.Auth("basic", prefix="Basic ", env_var="TINY_API_KEY")),
        ("main: {type: apiKey, in: header, name: X-Api-Key}",
         ir.Auth("api_key", header="X-Api-Key", prefix="", env_var="TINY_API_KEY")),
        ("main: {type: apiKey, in: query, name: key}",
         ir.Auth("api_key", header="", prefix="", env_var="TINY_API_KEY", query_param="key")),
    ],
)
def test_each_security_scheme_maps_without_configuration(scheme: str, expected: ir.Auth) -> None:
    auth, warnings = read(document(scheme))
    assert auth == expected
    assert warnings == []


def test_an_authorization_api_key_takes_its_prefix_from_the_config() -> None:
    text = document("main: {type: apiKey, in: header, name: Authorization}")
    auth, warnings = read(text, 'format: codegen-openapi-config/1\nauth: {prefix: "Token "}\n')
    assert (auth.header, auth.prefix) == ("Authorization", "Token ")
    assert warnings == []


def test_an_authorization_api_key_without_a_prefix_is_a_warning() -> None:
    _, warnings = read(document("main: {type: apiKey, in: header, name: Authorization}"))
    assert len(warnings) == 1 and "set auth.prefix in codegen.yaml" in warnings[0]


def test_several_different_schemes_take_the_first_with_a_warning() -> None:
    schemes = "main: {type: http, scheme: bearer}\nother: {type: apiKey, in: query, name: key}"
    auth, warnings = read(document(schemes, "[{main: []}, {other: []}]"))
    assert auth.kind == "bearer"
    assert len(warnings) == 1 and "several security schemes ('main', 'other')" in warnings[0]
    chosen, _ = read(document(schemes, "[{main: []}, {other: []}]"),
                     "format: codegen-openapi-config/1\nauth: {scheme: other}\n")
    assert chosen.query_param == "key"


def test_an_unknown_configured_scheme_is_an_error() -> None:
    with pytest.raises(SpecError, match="no security scheme 'nope'"):
        read(document("main: {type: http, scheme: bearer}"), "format: codegen-openapi-config/1\nauth: {scheme: nope}\n")


def test_a_prefix_for_a_bearer_scheme_is_an_error() -> None:
    with pytest.raises(SpecError, match="a prefix is only for an apiKey sent in a header"):
        read(document("main: {type: http, scheme: bearer}"), 'format: codegen-openapi-config/1\nauth: {prefix: "Token "}\n')
