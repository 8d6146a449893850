"""Warehouses and allocation of orders to warehouse stock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from inventory.orders import Order
from inventory.stock import StockBook

# sku -> [(warehouse code, quantity), ...]
Allocation = dict[str, list[tuple[str, int]]]


class AllocationError(Exception):
    """Raised when an order cannot be served from the given warehouses."""


@dataclass
class Warehouse:
    """A stocking location. Lower ``priority`` values are used first."""

    code: str
    priority: int = 0
    stock: StockBook = field(default_factory=StockBook)

    def can_cover(self, sku: str, qty: int) -> bool:
        """Return True if this warehouse alone has *qty* units of *sku* available."""
        return self.stock.available(sku) >= qty


def by_priority(warehouses: Sequence[Warehouse]) -> list[Warehouse]:
    """Return *warehouses* sorted by priority, then by code."""
    return sorted(warehouses, key=lambda w: (w.priority, w.code))


def total_available(warehouses: Sequence[Warehouse], sku: str) -> int:
    """Units of *sku* available across all *warehouses*."""
    return sum(w.stock.available(sku) for w in warehouses)


def allocate(order: Order, warehouses: Sequence[Warehouse]) -> Allocation:
    """Reserve stock for every line of *order* and return where it comes from.

    Each line is served entirely from the highest-priority warehouse that can
    cover it.

    Raises:
        AllocationError: if a line cannot be served.
    """
    allocation: Allocation = {}
    ordered = by_priority(warehouses)
    for line in order.lines:
        for warehouse in ordered:
            if warehouse.can_cover(line.sku, line.quantity):
                warehouse.stock.reserve(line.sku, line.quantity)
                allocation[line.sku] = [(warehouse.code, line.quantity)]
                break
        else:
            raise AllocationError(f"cannot allocate {line.quantity} x {line.sku}")
    return allocation
