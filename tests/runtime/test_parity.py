"""The sync and async clients of every vendor offer the same operations, with the same
signatures and docstrings."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

from ._support import TOKEN, VENDOR_IDS, VENDORS, Vendor, operations

vendors = pytest.mark.parametrize("vendor", VENDORS, ids=VENDOR_IDS)


def clients(vendor: Vendor) -> tuple[Any, Any]:
    base_url = "https://api.example.com"
    return (
        vendor.sync_client(api_key=TOKEN, base_url=base_url),
        vendor.async_client(api_key=TOKEN, base_url=base_url),
    )


def resources(client: Any) -> dict[str, Any]:
    names = inspect.get_annotations(type(client))
    return {name: getattr(client, name) for name in names}


def async_twin(annotation: str) -> str:
    """The return annotation an async operation has where the sync one has ``annotation``."""
    return re.sub(r"^SyncPage\[", "AsyncPager[", annotation)


@vendors
def test_both_clients_have_the_same_resources(vendor: Vendor) -> None:
    sync, async_ = clients(vendor)

    assert list(resources(sync)) == list(resources(async_))
    assert resources(sync)


@vendors
def test_every_operation_exists_on_both_clients_with_one_signature_and_docstring(
    vendor: Vendor,
) -> None:
    sync, async_ = clients(vendor)
    for name, resource in resources(sync).items():
        twin = resources(async_)[name]
        assert list(operations(resource)) == list(operations(twin))
        for op in operations(resource):
            sync_op, async_op = getattr(resource, op), getattr(twin, op)
            sync_sig, async_sig = inspect.signature(sync_op), inspect.signature(async_op)
            assert sync_sig.parameters == async_sig.parameters, f"{name}.{op}"
            assert async_twin(str(sync_sig.return_annotation)) == async_sig.return_annotation, (
                f"{name}.{op}"
            )
            assert sync_op.__doc__ == async_op.__doc__, f"{name}.{op}"
            assert sync_op.__doc__, f"{name}.{op} has no docstring"


@vendors
def test_async_operations_are_awaitable_and_lists_are_async_iterable(vendor: Vendor) -> None:
    sync, async_ = clients(vendor)
    for name, resource in resources(async_).items():
        for op in operations(resource):
            method = getattr(resource, op)
            returns = str(inspect.signature(method).return_annotation)
            if returns.startswith("AsyncPager["):
                assert not inspect.iscoroutinefunction(method), f"{name}.{op}"
            else:
                assert inspect.iscoroutinefunction(method), f"{name}.{op}"
            sync_method = getattr(getattr(sync, name), op)
            assert not inspect.iscoroutinefunction(sync_method)


@vendors
def test_raw_response_variants_mirror_every_operation(vendor: Vendor) -> None:
    for client in clients(vendor):
        for resource in resources(client).values():
            raw = resource.with_raw_response
            for op in operations(resource):
                wrapped = getattr(raw, op)
                assert (
                    inspect.signature(wrapped).parameters
                    == inspect.signature(getattr(resource, op)).parameters
                )
                assert wrapped.__doc__ == getattr(resource, op).__doc__


@vendors
def test_the_client_constructors_differ_only_in_the_http_client_type(vendor: Vendor) -> None:
    sync = inspect.signature(vendor.sync_client.__init__).parameters
    async_ = inspect.signature(vendor.async_client.__init__).parameters

    assert list(sync) == list(async_)
    for name in sync:
        if name == "http_client":
            assert sync[name].annotation == "httpx.Client | None"
            assert async_[name].annotation == "httpx.AsyncClient | None"
        else:
            assert sync[name] == async_[name], name


@vendors
def test_every_call_accepts_the_per_call_options(vendor: Vendor) -> None:
    sync, _ = clients(vendor)
    for resource in resources(sync).values():
        for op in operations(resource):
            parameters = inspect.signature(getattr(resource, op)).parameters
            for option in ("extra_headers", "extra_query", "timeout", "max_retries"):
                assert parameters[option].kind is inspect.Parameter.KEYWORD_ONLY
