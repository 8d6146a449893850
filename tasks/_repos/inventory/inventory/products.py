"""Products, SKUs and the product catalog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

SKU_PATTERN = re.compile(r"^[A-Z]{3}-\d{4}$")


class InvalidSKU(ValueError):
    """Raised when a string is not a valid SKU."""


def normalize_sku(raw: str) -> str:
    """Return the canonical form of the SKU *raw*.

    A canonical SKU is three upper-case letters, a hyphen and four digits,
    e.g. ``"ABC-0042"``. Lower-case letters are accepted and upper-cased.

    Raises:
        InvalidSKU: if *raw* cannot be read as a SKU.
    """
    sku = raw.upper()
    if not SKU_PATTERN.match(sku):
        raise InvalidSKU(f"invalid SKU: {raw!r}")
    return sku


@dataclass(frozen=True)
class Product:
    """A sellable product identified by its SKU."""

    sku: str
    name: str
    unit_price: Decimal
    category: str = "general"

    def __post_init__(self) -> None:
        object.__setattr__(self, "sku", normalize_sku(self.sku))
        if not self.name.strip():
            raise ValueError("product name must not be empty")
        if self.unit_price < 0:
            raise ValueError(f"unit price must not be negative, got {self.unit_price}")


class Catalog:
    """An in-memory collection of products keyed by SKU."""

    def __init__(self, products: list[Product] | None = None) -> None:
        self._products: dict[str, Product] = {}
        for product in products or []:
            self.add(product)

    def add(self, product: Product) -> None:
        """Register *product* in the catalog."""
        # FIXME: adding a second product with an existing SKU silently
        # replaces the first one; it should probably raise instead (INV-131).
        self._products[product.sku] = product

    def get(self, sku: str) -> Product:
        """Return the product for *sku* (any accepted spelling).

        Raises:
            KeyError: if no product has that SKU.
        """
        key = normalize_sku(sku)
        try:
            return self._products[key]
        except KeyError:
            raise KeyError(f"unknown SKU: {key}") from None

    def find(self, sku: str) -> Product | None:
        """Return the product for *sku*, or None if it is not in the catalog."""
        try:
            return self.get(sku)
        except KeyError:
            return None

    def by_category(self, category: str) -> list[Product]:
        """Return the products in *category*, sorted by SKU."""
        return sorted(
            (p for p in self._products.values() if p.category == category),
            key=lambda p: p.sku,
        )

    def __contains__(self, sku: object) -> bool:
        if not isinstance(sku, str):
            return False
        try:
            return normalize_sku(sku) in self._products
        except InvalidSKU:
            return False

    def __iter__(self) -> Iterator[Product]:
        return iter(sorted(self._products.values(), key=lambda p: p.sku))

    def __len__(self) -> int:
        return len(self._products)
