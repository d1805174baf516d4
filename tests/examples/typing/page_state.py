"""User code reading the example APIs' page state (``mypy --strict``, in
``test_example_packages.py``; never run): DRF's ``count``, Stripe's ``has_more``."""

from __future__ import annotations

from typing import assert_type

from drf_inventory_client import AsyncInventoryClient, InventoryClient
from drf_inventory_client import models as drf
from stripe_charges_client import AsyncStripeChargesClient, StripeChargesClient
from stripe_charges_client import models as stripe


def drf_count(client: InventoryClient) -> int:
    page = client.products.list(page_size=3)
    assert_type(page.parsed, drf.PaginatedProductList)
    assert_type(page.parsed.next, str | None)
    assert_type(page.parsed.results, list[drf.Product])
    return page.parsed.count


async def drf_counts(client: AsyncInventoryClient) -> list[int]:
    first = await client.products.list()
    assert_type(first.parsed.count, int)
    return [page.parsed.count async for page in client.products.list().iter_pages()]


def stripe_more(client: StripeChargesClient) -> bool:
    page = client.charges.list(limit=3)
    assert_type(page.parsed, stripe.ChargeList)
    assert_type(page.parsed.data, list[stripe.Charge])
    return page.parsed.has_more


async def stripe_more_async(client: AsyncStripeChargesClient) -> bool:
    page = await client.charges.list(limit=3)
    return (await page.next_page()).parsed.has_more if page.parsed.has_more else False
