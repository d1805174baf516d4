"""Pagination inferred for OpenAPI documents without a codegen.yaml (normalize/inference.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from codegen import ir
from codegen.normalize.openapi import read_openapi
from codegen.source import load, parse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def document(params: str, properties: str, headers: str = "") -> str:
    return textwrap.dedent("""\
        openapi: 3.1.0
        info: {title: Tiny, version: "1"}
        paths:
          /things:
            get:
              operationId: listThings
              parameters: PARAMS
              responses:
                "200":
                  description: ok
                  HEADERS
                  content:
                    application/json:
                      schema:
                        type: object
                        properties: PROPERTIES
        """).replace("PARAMS", params).replace("PROPERTIES", properties).replace("HEADERS", headers)


ITEMS = "items: {type: array, items: {type: object, properties: {id: {type: string}}}}"


def inferred(text: str) -> tuple[ir.Pagination, list[str]]:
    api, diagnostics = read_openapi(parse(text, "openapi.yaml"), None)
    return api.operations()[0].pagination, [str(d) for d in diagnostics if d.level == "note"]


def q(name: str, kind: str = "string") -> str:
    return f"{{name: {name}, in: query, schema: {{type: {kind}}}}}"


def test_a_drf_document_infers_page_numbers_ending_on_a_null_next() -> None:
    doc = load(EXAMPLES / "drf_list" / "openapi.yaml")
    api, diagnostics = read_openapi(doc, None)
    pagination = api.operations()[0].pagination
    assert isinstance(pagination, ir.PageNumberPagination)
    assert (pagination.param, pagination.size_param, pagination.next, pagination.total_items) == (
        "page", "page_size", ("next",), ("count",)
    )
    assert not pagination.stop_on_empty_page
    notes = [str(d).split(": ", 1)[1] for d in diagnostics if d.level == "note"]
    assert notes == [
        "note: paths./api/products/.get: inferred pagination "
        "{style: page_number, param: page, next: next, total_items: count, size_param: page_size, items: results} "
        "(declare operations['products_list'].pagination in codegen.yaml to override)"
    ]


def test_a_link_header_infers_next_url() -> None:
    headers = "headers: {Link: {schema: {type: string}}}"
    pagination, notes = inferred(document(f"[{q('page', 'integer')}, {q('per_page', 'integer')}]", f"{{{ITEMS}}}", headers))
    assert pagination == ir.NextUrlPagination(
        items=("items",), item_type=pagination.item_type, link_header="link"  # type: ignore[union-attr]
    )
    assert len(notes) == 1


def test_a_page_token_infers_page_token() -> None:
    props = f"{{{ITEMS}, next_page_token: {{type: string}}}}"
    pagination, _ = inferred(document(f"[{q('page_token')}]", props))
    assert isinstance(pagination, ir.PageTokenPagination)
    assert pagination.next_token == ("next_page_token",)


def test_starting_after_with_has_more_infers_a_cursor_from_the_last_item() -> None:
    props = f"{{{ITEMS}, has_more: {{type: boolean}}}}"
    pagination, _ = inferred(document(f"[{q('starting_after')}, {q('limit', 'integer')}]", props))
    assert isinstance(pagination, ir.CursorPagination)
    assert (pagination.next_cursor_from_item, pagination.has_more) == (("id",), ("has_more",))


def test_a_nested_next_cursor_infers_a_cursor() -> None:
    props = f"{{{ITEMS}, meta: {{type: object, properties: {{nextCursor: {{type: string}}, hasMore: {{type: boolean}}}}}}}}"
    pagination, _ = inferred(document(f"[{q('cursor')}]", props))
    assert isinstance(pagination, ir.CursorPagination)
    assert (pagination.next_cursor, pagination.has_more) == (("meta", "nextCursor"), ("meta", "hasMore"))


def test_two_patterns_at_once_infer_nothing_with_a_note() -> None:
    props = f"{{{ITEMS}, next_cursor: {{type: string}}, next: {{type: string}}}}"
    pagination, notes = inferred(document(f"[{q('cursor')}, {q('page', 'integer')}]", props))
    assert pagination == ir.NoPagination()
    assert len(notes) == 1 and "fits cursor and page_number" in notes[0]


def test_a_parameter_without_its_answer_infers_nothing() -> None:
    pagination, notes = inferred(document(f"[{q('cursor')}, {q('page', 'integer')}]", f"{{{ITEMS}}}"))
    assert pagination == ir.NoPagination()
    assert notes == []


def test_two_arrays_infer_nothing() -> None:
    props = f"{{{ITEMS}, other: {{type: array, items: {{type: string}}}}, next_page_token: {{type: string}}}}"
    pagination, _ = inferred(document(f"[{q('page_token')}]", props))
    assert pagination == ir.NoPagination()


def test_basedash_published_document_infers_what_its_config_declares() -> None:
    specs = Path(__file__).resolve().parents[2] / "specs" / "basedash"
    bare, diagnostics = read_openapi(load(specs / "openapi.yaml"), None)
    configured, _ = read_openapi(load(specs / "openapi.yaml"), load(specs / "codegen.yaml"))
    assert bare.operations()[0].pagination == configured.operations()[0].pagination
    assert sum(d.level == "note" for d in diagnostics) == 1


def test_petstore_documents_infer_no_pagination() -> None:
    fixtures = Path(__file__).resolve().parents[1] / "hardening" / "fixtures"
    for name in ("petstore-3.0.yaml", "petstore-3.1.yaml"):
        api, diagnostics = read_openapi(load(fixtures / name), None)
        assert all(isinstance(op.pagination, ir.NoPagination) for op in api.operations())
        assert not [d for d in diagnostics if d.level == "note"]
