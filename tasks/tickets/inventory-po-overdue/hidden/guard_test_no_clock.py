"""Guard: `today` is a required argument and the method never falls back to the system clock.
(Before the ticket there is no is_overdue to guard.)"""

from datetime import date

import pytest

from inventory.purchasing import PurchaseOrder, Supplier


def test_today_is_required():
    if not hasattr(PurchaseOrder, "is_overdue"):
        return
    order = PurchaseOrder("PO-0001", Supplier("ACME", "Acme Fasteners", lead_time_days=3), date(2024, 3, 4))
    order.add_line("ABC-0001", 10)
    with pytest.raises(TypeError):
        order.is_overdue()  # type: ignore[call-arg]
