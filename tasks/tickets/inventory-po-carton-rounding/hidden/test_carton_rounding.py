import inspect
from datetime import date

import pytest

from inventory.purchasing import PurchaseOrder, Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel

BOXED = Supplier("BOX", "Boxed Parts", pack_size=12)
LOOSE = Supplier("LOOSE", "Loose Parts")


@pytest.mark.parametrize(("qty", "rounded"), [(1, 12), (11, 12), (12, 12), (13, 24), (24, 24), (25, 36)])
def test_round_to_pack_rounds_up_to_whole_cartons(qty, rounded):
    assert BOXED.round_to_pack(qty) == rounded


def test_round_to_pack_with_single_unit_packs_is_identity():
    assert LOOSE.round_to_pack(1) == 1
    assert LOOSE.round_to_pack(7) == 7


@pytest.mark.parametrize("qty", [0, -5])
def test_round_to_pack_rejects_non_positive_quantities(qty):
    with pytest.raises(ValueError, match=f"quantity must be positive, got {qty}"):
        BOXED.round_to_pack(qty)


def test_build_purchase_orders_orders_whole_cartons():
    book = StockBook(
        [
            StockLevel("ABC-0001", on_hand=0, reorder_point=5, reorder_qty=20),
            StockLevel("ABC-0002", on_hand=0, reorder_point=5, reorder_qty=24),
            StockLevel("XYZ-0003", on_hand=0, reorder_point=5, reorder_qty=7),
            StockLevel("XYZ-0004", on_hand=9, reorder_point=5, reorder_qty=50),
        ]
    )
    suppliers = {"ABC-0001": BOXED, "ABC-0002": BOXED, "XYZ-0003": LOOSE, "XYZ-0004": BOXED}
    orders = build_purchase_orders(book, suppliers, date(2024, 3, 4))
    assert [(o.number, o.supplier.code) for o in orders] == [("PO-0001", "BOX"), ("PO-0002", "LOOSE")]
    assert [(line.sku, line.quantity) for line in orders[0].lines] == [("ABC-0001", 24), ("ABC-0002", 24)]
    assert [(line.sku, line.quantity) for line in orders[1].lines] == [("XYZ-0003", 7)]


def test_carton_count_counts_partial_cartons_as_one():
    order = PurchaseOrder("PO-0001", BOXED, date(2024, 3, 4))
    assert order.carton_count() == 0
    order.add_line("ABC-0001", 24)
    order.add_line("ABC-0002", 5)
    order.add_line("ABC-0003", 13)
    assert order.carton_count() == 2 + 1 + 2


def test_carton_count_with_single_unit_packs_is_the_unit_count():
    order = PurchaseOrder("PO-0002", LOOSE, date(2024, 3, 4))
    order.add_line("XYZ-0001", 3)
    order.add_line("XYZ-0002", 4)
    assert order.carton_count() == 7


def test_carton_count_of_built_orders():
    book = StockBook([StockLevel("ABC-0001", on_hand=0, reorder_point=5, reorder_qty=30)])
    (order,) = build_purchase_orders(book, {"ABC-0001": BOXED}, date(2024, 3, 4))
    assert (order.lines[0].quantity, order.carton_count()) == (36, 3)


def test_build_purchase_orders_keeps_signature_grouping_numbering_sorting_and_skipping():
    params = inspect.signature(build_purchase_orders).parameters
    assert list(params) == ["book", "suppliers", "ordered_on", "first_number"]
    assert params["first_number"].default == 1
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params.values())
    book = StockBook(
        [
            StockLevel("ZED-0009", on_hand=0, reorder_point=5, reorder_qty=20),
            StockLevel("ABC-0001", on_hand=1, reorder_point=5, reorder_qty=12),
            StockLevel("NUT-0003", on_hand=2, reorder_point=5, reorder_qty=5),
            StockLevel("ORF-0005", on_hand=0, reorder_point=5, reorder_qty=40),
        ]
    )
    acme = Supplier("ACME", "Acme Fasteners", pack_size=6)
    suppliers = {"ZED-0009": BOXED, "ABC-0001": BOXED, "NUT-0003": acme}
    orders = build_purchase_orders(book, suppliers, date(2024, 3, 4), 7)
    assert [(o.number, o.supplier.code, o.ordered_on) for o in orders] == [
        ("PO-0007", "ACME", date(2024, 3, 4)),
        ("PO-0008", "BOX", date(2024, 3, 4)),
    ]
    assert [[(line.sku, line.quantity, line.received) for line in o.lines] for o in orders] == [
        [("NUT-0003", 6, 0)],
        [("ABC-0001", 12, 0), ("ZED-0009", 24, 0)],
    ]
    assert build_purchase_orders(book, {}, date(2024, 3, 4)) == []
