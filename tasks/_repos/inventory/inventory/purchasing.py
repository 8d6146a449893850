"""Suppliers and purchase orders raised from reorder suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from inventory.stock import StockBook


@dataclass(frozen=True)
class Supplier:
    """A vendor we buy stock from.

    ``lead_time_days``: delivery lead time (see ``PurchaseOrder.expected_on``);
    ``pack_size``: number of units in one carton.
    """

    code: str
    name: str
    lead_time_days: int = 7
    pack_size: int = 1

    def __post_init__(self) -> None:
        if self.lead_time_days < 0:
            raise ValueError(f"lead time must not be negative, got {self.lead_time_days}")
        if self.pack_size <= 0:
            raise ValueError(f"pack size must be positive, got {self.pack_size}")


@dataclass
class PurchaseLine:
    """Units of one SKU ordered from a supplier, and how many have arrived."""

    sku: str
    quantity: int
    received: int = 0

    @property
    def outstanding(self) -> int:
        """Units still expected from the supplier."""
        return self.quantity - self.received


class PurchaseOrder:
    """An order placed with one supplier on a given date."""

    def __init__(self, number: str, supplier: Supplier, ordered_on: date) -> None:
        self.number = number
        self.supplier = supplier
        self.ordered_on = ordered_on
        self._lines: dict[str, PurchaseLine] = {}

    @property
    def lines(self) -> tuple[PurchaseLine, ...]:
        """The lines, in the order they were first added."""
        return tuple(self._lines.values())

    @property
    def expected_on(self) -> date:
        """The date the delivery is due: the order date plus the lead time."""
        # Lead times are calendar days for now. Suppliers do not deliver on
        # public holidays either; a holiday calendar is planned (INV-215).
        return self.ordered_on + timedelta(days=self.supplier.lead_time_days)

    def add_line(self, sku: str, quantity: int) -> PurchaseLine:
        """Order *quantity* more units of *sku*; repeated SKUs share one line."""
        if quantity <= 0:
            raise ValueError(f"quantity must be positive, got {quantity}")
        line = self._lines.get(sku)
        if line is None:
            line = self._lines[sku] = PurchaseLine(sku, quantity)
        else:
            line.quantity += quantity
        return line

    def receive(self, book: StockBook, sku: str, qty: int) -> None:
        """Book a delivery of *qty* units of *sku* into *book*.

        Raises:
            KeyError: if *sku* is not on this purchase order.
        """
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        line = self._lines.get(sku)
        if line is None:
            raise KeyError(f"{sku} is not on purchase order {self.number}")
        # TODO(INV-211): a delivery larger than the outstanding quantity is
        # booked as is, which leaves the line with a negative outstanding count.
        book.receive(sku, qty)
        line.received += qty

    def is_complete(self) -> bool:
        """Return True once every line has been received in full."""
        return all(line.outstanding <= 0 for line in self._lines.values())


def build_purchase_orders(
    book: StockBook,
    suppliers: Mapping[str, Supplier],
    ordered_on: date,
    first_number: int = 1,
) -> list[PurchaseOrder]:
    """Raise one purchase order per supplier for the book's reorder suggestions.

    *suppliers* maps a SKU to the supplier it is bought from; suggested SKUs
    without a supplier are skipped. Orders are sorted by supplier code and
    numbered ``PO-0001``, ``PO-0002``, ... from *first_number*; their lines
    are in SKU order.
    """
    grouped: dict[str, list[tuple[str, int]]] = {}
    by_code: dict[str, Supplier] = {}
    for sku, qty in sorted(book.reorder_suggestions().items()):
        supplier = suppliers.get(sku)
        if supplier is None:
            continue
        by_code[supplier.code] = supplier
        grouped.setdefault(supplier.code, []).append((sku, qty))
    orders: list[PurchaseOrder] = []
    for number, code in enumerate(sorted(grouped), start=first_number):
        order = PurchaseOrder(f"PO-{number:04d}", by_code[code], ordered_on)
        for sku, qty in grouped[code]:
            order.add_line(sku, qty)
        orders.append(order)
    return orders
