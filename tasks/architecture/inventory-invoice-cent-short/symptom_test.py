"""The reported failure: an order's total is a cent short of the ERP's invoice."""

from decimal import Decimal

from inventory.orders import Discount, Order


def test_order_total_matches_the_invoice():
    order = Order("SO-1042")
    order.add_line("ABC-0001", 3, Decimal("0.335"))
    order.add_line("XYZ-0002", 2, Decimal("1.125"))
    order.apply_discount(Discount("TENOFF", percent=Decimal("10")))
    assert order.subtotal() == Decimal("3.26")
    assert order.discount_total() == Decimal("0.33")
    assert order.total() == Decimal("2.93")
