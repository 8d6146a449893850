"""Guard: build_purchase_orders gets one new last parameter and nothing else changes about its
other parameters: book, suppliers, ordered_on and first_number can still be passed by
position, first_number still defaults to 1, and grouping, numbering and ordering are as
today."""

import inspect
from datetime import date

from inventory.purchasing import Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel

DAY = date(2024, 3, 4)


def book() -> StockBook:
    return StockBook(
        [
            StockLevel("ZED-0009", on_hand=0, reorder_point=5, reorder_qty=7),
            StockLevel("ABC-0001", on_hand=1, reorder_point=5, reorder_qty=20),
            StockLevel("NUT-0003", on_hand=2, reorder_point=5, reorder_qty=10),
        ]
    )


def test_existing_parameters_are_unchanged():
    params = list(inspect.signature(build_purchase_orders).parameters.values())
    assert [p.name for p in params[:4]] == ["book", "suppliers", "ordered_on", "first_number"]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params[:4])
    assert params[3].default == 1
    bolts = Supplier("BOLTS", "Bolts Ltd")
    acme = Supplier("ACME", "Acme Fasteners")
    suppliers = {"ZED-0009": bolts, "ABC-0001": bolts, "NUT-0003": acme}
    orders = build_purchase_orders(book(), suppliers, DAY, 7)
    assert [(o.number, o.supplier.code) for o in orders] == [("PO-0007", "ACME"), ("PO-0008", "BOLTS")]
    assert [[(line.sku, line.quantity) for line in o.lines] for o in orders] == [
        [("NUT-0003", 10)],
        [("ABC-0001", 20), ("ZED-0009", 7)],
    ]
    assert [o.number for o in build_purchase_orders(book(), suppliers, DAY)] == ["PO-0001", "PO-0002"]
