"""A header parameter with a ``default`` and nothing else: Intercom's published document gives
every operation an ``Intercom-Version`` header whose schema defaults to ``'2.11'``, the version
it describes. OpenAPI's ``default`` is the value the server assumes when the header is left
out; the client sends it unless told otherwise, so that it gets the API version its models were
generated from even where the server's own default differs (Intercom's is the version set in
the app). Checked on the wire, sync and async."""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.examples.test_examples import client, header
from tests.runtime._support import close, resolve

pytestmark = pytest.mark.anyio

ADMIN = {"type": "admin", "id": "991267390", "name": "Ciaran1 Lee", "email": "admin1@email.com",
         "job_title": "", "away_mode_enabled": False, "away_mode_reassign": False,
         "has_inbox_seat": True, "team_ids": []}


async def identify(intercom: ModuleType, httpserver: HTTPServer, flavour: str, **kwargs: Any) -> Any:
    httpserver.expect_request("/me").respond_with_json(ADMIN)
    api = client(intercom, httpserver, flavour)
    admin = await resolve(api.admins.identify(**kwargs))
    await close(api)
    return admin


async def test_the_documented_default_is_sent_when_the_caller_gives_none(
    httpserver: HTTPServer, flavour: str, intercom: ModuleType
) -> None:
    admin = await identify(intercom, httpserver, flavour)

    assert admin.id == "991267390"
    assert header(httpserver, "Intercom-Version") == ["2.11"]


async def test_a_value_given_replaces_the_default(
    httpserver: HTTPServer, flavour: str, intercom: ModuleType
) -> None:
    await identify(intercom, httpserver, flavour, intercom_version=intercom.models.IntercomVersion("2.10"))
    await identify(intercom, httpserver, flavour, intercom_version="Preview")
    await identify(intercom, httpserver, flavour, extra_headers={"Intercom-Version": "2.9"})

    assert header(httpserver, "Intercom-Version") == ["2.10", "Preview", "2.9"]


async def test_none_leaves_the_header_out_for_the_server_to_choose(
    httpserver: HTTPServer, flavour: str, intercom: ModuleType
) -> None:
    await identify(intercom, httpserver, flavour, intercom_version=None)

    assert header(httpserver, "Intercom-Version") == [None]


def test_the_signature_shows_the_default_and_the_docstring_says_it_is_sent(intercom: ModuleType) -> None:
    for cls in (intercom.IntercomClient, intercom.AsyncIntercomClient):
        method = cls(api_key="k", base_url="https://api.intercom.io").admins.identify
        assert inspect.signature(method).parameters["intercom_version"].default == "2.11"
        assert "Sent as ``'2.11'`` (the API's default) unless given" in (method.__doc__ or "")
