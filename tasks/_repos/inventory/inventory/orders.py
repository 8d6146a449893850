"""Customer orders: line items, discounts and totals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineItem:
    """A quantity of one SKU at a fixed unit price."""

    sku: str
    quantity: int
    unit_price: Decimal

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"quantity must be positive, got {self.quantity}")
        if self.unit_price < 0:
            raise ValueError(f"unit price must not be negative, got {self.unit_price}")

    @property
    def total(self) -> Decimal:
        """Quantity times unit price, rounded to the cent."""
        return (self.unit_price * self.quantity).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Discount:
    """A discount code.

    ``percent`` takes a percentage off the subtotal (``Decimal("10")`` is
    10 %), ``amount_off`` a fixed amount. The discount only applies to
    orders whose subtotal is at least ``min_subtotal``.
    """

    code: str
    percent: Decimal = Decimal("0")
    amount_off: Decimal = Decimal("0")
    min_subtotal: Decimal = Decimal("0")

    def __post_init__(self) -> None:
        if not Decimal("0") <= self.percent <= Decimal("100"):
            raise ValueError(f"percent must be between 0 and 100, got {self.percent}")
        if self.amount_off < 0:
            raise ValueError(f"amount off must not be negative, got {self.amount_off}")


class Order:
    """An order made of line items, with at most one discount applied."""

    def __init__(self, order_id: str) -> None:
        self.order_id = order_id
        self._lines: dict[str, LineItem] = {}
        self._discount: Discount | None = None

    @property
    def lines(self) -> tuple[LineItem, ...]:
        """The line items, in the order they were first added."""
        return tuple(self._lines.values())

    @property
    def discount(self) -> Discount | None:
        """The applied discount, if any."""
        return self._discount

    def add_line(self, sku: str, quantity: int, unit_price: Decimal) -> LineItem:
        """Add *quantity* units of *sku*; repeated SKUs are merged into one line.

        Raises:
            ValueError: if *sku* is already on the order at a different price.
        """
        existing = self._lines.get(sku)
        if existing is None:
            line = LineItem(sku, quantity, unit_price)
        elif existing.unit_price != unit_price:
            raise ValueError(f"{sku} is already on the order at {existing.unit_price}")
        else:
            line = LineItem(sku, existing.quantity + quantity, unit_price)
        self._lines[sku] = line
        return line

    def remove_line(self, sku: str) -> None:
        """Remove the line for *sku*; raises KeyError if there is none."""
        del self._lines[sku]

    def apply_discount(self, discount: Discount) -> None:
        """Apply *discount* to the order, replacing any previous discount."""
        self._discount = discount

    def subtotal(self) -> Decimal:
        """Sum of the line totals, before discounts."""
        total = sum((line.total for line in self._lines.values()), ZERO)
        return total.quantize(CENT, rounding=ROUND_HALF_UP)

    def discount_total(self) -> Decimal:
        """The amount taken off the subtotal by the applied discount.

        Never more than the subtotal; zero when the order does not reach the
        discount's ``min_subtotal``.
        """
        subtotal = self.subtotal()
        discount = self._discount
        if discount is None or subtotal < discount.min_subtotal:
            return ZERO
        off = (subtotal * discount.percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        off += discount.amount_off
        return min(off, subtotal).quantize(CENT, rounding=ROUND_HALF_UP)

    def total(self) -> Decimal:
        """Subtotal minus discounts."""
        return self.subtotal() - self.discount_total()
