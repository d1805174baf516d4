"""Method and resource names like a hand-written SDK's: ``client.emails.list``,
``client.contacts.create``; unique and stable; untagged operations grouped by path."""

from __future__ import annotations

import pytest

from codegen.normalize.methods import MethodClaim, method_names, resource_from_path


def _names(resource: str, *claims: tuple[str, str, str | None]) -> dict[object, str]:
    names, _ = method_names(resource, [MethodClaim((m, t), m, t, op_id) for m, t, op_id in claims])
    return names


@pytest.mark.parametrize(
    ("resource", "method", "template", "operation_id", "expected"),
    [
        ("emails", "GET", "/emails", "emails_list", "list"),  # Resend's style
        ("emails", "GET", "/emails", "listEmails", "list"),
        ("emails", "GET", "/emails/{id}", "getEmail", "get"),  # the singular too
        ("chat", "POST", "/chat/completions", "createChatCompletion", "create_completion"),  # OpenAI
        ("receiving_emails", "GET", "/emails/receiving", "emails_list_receiving", "list"),
        ("basic", "POST", "/crm/objects/2026-03/contacts", "post-/crm/objects/2026-03/contacts_create", "create"),  # HubSpot
        ("account_links", "POST", "/v1/account_links", "PostAccountLinks", "create"),  # Stripe
        ("accounts", "POST", "/v1/accounts/{account}", "PostAccountsAccount", "update"),
        ("pets", "GET", "/pets", "pets", "pets"),  # nothing would be left: kept whole
        ("pet_visits", "GET", "/pets/{id}/visits", "listVisits", "list_visits"),  # not every word is there
        ("things", "GET", "/things", "import", "import_"),  # a keyword
    ],
)
def test_the_operation_id_without_the_resource_name(
    resource: str, method: str, template: str, operation_id: str, expected: str
) -> None:
    assert _names(resource, (method, template, operation_id)) == {(method, template): expected}


@pytest.mark.parametrize(
    ("method", "template", "expected"),
    [
        ("GET", "/v1/pets", "list"),
        ("GET", "/v1/pets/{pet_id}", "get"),
        ("POST", "/v1/pets", "create"),
        ("PATCH", "/v1/pets/{pet_id}", "update"),
        ("DELETE", "/v1/pets/{pet_id}", "delete"),
        ("POST", "/v1/pets/{pet_id}/adopt", "adopt"),
        ("GET", "/v1/pets/{pet_id}/visits", "list_visits"),
    ],
)
def test_without_an_operation_id_the_method_and_path(method: str, template: str, expected: str) -> None:
    assert _names("pets", (method, template, None)) == {(method, template): expected}


def test_names_that_collide_keep_the_short_name_for_one_and_the_full_name_for_the_other() -> None:
    names = _names(
        "things",
        ("GET", "/things", "listThings"),
        ("GET", "/things/archived", "things_list"),
        ("PUT", "/things/{id}", None),
        ("PATCH", "/things/{id}", None),
    )
    assert names == {
        ("GET", "/things"): "list",
        ("GET", "/things/archived"): "things_list",
        ("PATCH", "/things/{id}"): "update",
        ("PUT", "/things/{id}"): "put_things",
    }


def test_a_new_operation_renames_only_what_it_collides_with() -> None:
    before = _names("things", ("GET", "/things", "listThings"), ("POST", "/things", "createThing"))
    after = _names(
        "things",
        ("GET", "/things", "listThings"),
        ("POST", "/things", "createThing"),
        ("DELETE", "/things/{id}", "deleteThing"),
    )
    assert before.items() <= after.items()


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("/v1/chat/completions", "chat"),
        ("/api/v2/runs/{id}", "runs"),
        ("/2010-04-01/Accounts/{AccountSid}/Calls.json", "accounts"),
        ("/{org}/members", "members"),
        ("/", None),
    ],
)
def test_untagged_operations_are_grouped_by_the_first_meaningful_path_segment(template: str, expected: str | None) -> None:
    assert resource_from_path(template) == expected
