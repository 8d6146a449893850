"""Stock levels per SKU, reservations and reorder thresholds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


class InsufficientStock(Exception):
    """Raised when more units are requested than are available."""

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: requested {requested}, only {available} available")
        self.sku = sku
        self.requested = requested
        self.available = available


@dataclass
class StockLevel:
    """Stock of one SKU in one location.

    ``on_hand`` counts physical units; ``reserved`` counts units promised to
    orders that have not shipped yet. A ``reorder_point`` of 0 disables
    reordering for the SKU.
    """

    sku: str
    on_hand: int = 0
    reserved: int = 0
    reorder_point: int = 0
    reorder_qty: int = 0

    @property
    def available(self) -> int:
        """Units that can still be promised to new orders."""
        return self.on_hand - self.reserved

    def is_low(self) -> bool:
        """Return True when the SKU should be reordered."""
        return self.on_hand < self.reorder_point


class StockBook:
    """Stock levels of every SKU held in one location."""

    def __init__(self, levels: Iterable[StockLevel] = ()) -> None:
        self._levels: dict[str, StockLevel] = {}
        for level in levels:
            self._levels[level.sku] = level

    def level(self, sku: str) -> StockLevel:
        """Return the level for *sku*, creating an empty one if needed."""
        return self._levels.setdefault(sku, StockLevel(sku))

    def available(self, sku: str) -> int:
        """Return the units of *sku* that can still be reserved (0 if unknown)."""
        level = self._levels.get(sku)
        return level.available if level is not None else 0

    def set_policy(self, sku: str, reorder_point: int, reorder_qty: int) -> None:
        """Set the reorder point and reorder quantity of *sku*."""
        if reorder_point < 0 or reorder_qty < 0:
            raise ValueError("reorder point and quantity must not be negative")
        level = self.level(sku)
        level.reorder_point = reorder_point
        level.reorder_qty = reorder_qty

    def receive(self, sku: str, qty: int) -> None:
        """Add *qty* physical units of *sku* (e.g. a delivery arrived)."""
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        self.level(sku).on_hand += qty

    def reserve(self, sku: str, qty: int) -> None:
        """Promise *qty* units of *sku* to an order.

        Raises:
            InsufficientStock: if fewer than *qty* units are available.
        """
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        level = self.level(sku)
        if qty > level.available:
            raise InsufficientStock(sku, qty, level.available)
        level.reserved += qty

    def ship(self, sku: str, qty: int) -> None:
        """Ship *qty* previously reserved units of *sku*."""
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        level = self.level(sku)
        if qty > level.reserved:
            raise ValueError(f"{sku}: cannot ship {qty}, only {level.reserved} reserved")
        level.reserved -= qty
        level.on_hand -= qty

    def low_stock(self) -> list[StockLevel]:
        """Return the levels whose on-hand quantity is below their reorder point.

        The result is sorted by SKU.
        """
        return [level for level in self if level.is_low()]

    def reorder_suggestions(self) -> dict[str, int]:
        """Map each low SKU with a reorder quantity to the quantity to order."""
        return {level.sku: level.reorder_qty for level in self.low_stock() if level.reorder_qty > 0}

    def __contains__(self, sku: object) -> bool:
        return sku in self._levels

    def __iter__(self) -> Iterator[StockLevel]:
        return iter(sorted(self._levels.values(), key=lambda level: level.sku))
