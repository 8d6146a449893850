"""Guard: build_purchase_orders keeps its signature (no new option to turn the carton rounding
off or on) and its grouping, numbering, sorting and skipping. The stock below only suggests
quantities that are whole cartons already, so the rounding the ticket adds plays no part."""

import inspect
from datetime import date

from inventory.purchasing import Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel


def test_signature_is_unchanged():
    params = inspect.signature(build_purchase_orders).parameters
    assert list(params) == ["book", "suppliers", "ordered_on", "first_number"]
    assert params["first_number"].default == 1
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params.values())


def test_grouping_numbering_and_skipping_unchanged():
    book = StockBook(
        [
            StockLevel("ZED-0009", on_hand=0, reorder_point=5, reorder_qty=24),
            StockLevel("ABC-0001", on_hand=1, reorder_point=5, reorder_qty=12),
            StockLevel("NUT-0003", on_hand=2, reorder_point=5, reorder_qty=6),
            StockLevel("ORF-0005", on_hand=0, reorder_point=5, reorder_qty=40),
        ]
    )
    boxed = Supplier("BOX", "Boxed Goods", pack_size=12)
    acme = Supplier("ACME", "Acme Fasteners", pack_size=6)
    suppliers = {"ZED-0009": boxed, "ABC-0001": boxed, "NUT-0003": acme}
    orders = build_purchase_orders(book, suppliers, date(2024, 3, 4))
    assert [(o.number, o.supplier.code, o.ordered_on) for o in orders] == [
        ("PO-0001", "ACME", date(2024, 3, 4)),
        ("PO-0002", "BOX", date(2024, 3, 4)),
    ]
    assert [[(line.sku, line.quantity, line.received) for line in o.lines] for o in orders] == [
        [("NUT-0003", 6, 0)],
        [("ABC-0001", 12, 0), ("ZED-0009", 24, 0)],
    ]
    assert build_purchase_orders(book, {}, date(2024, 3, 4), 5) == []
