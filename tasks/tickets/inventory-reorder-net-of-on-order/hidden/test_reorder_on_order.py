import inspect
from datetime import date

from inventory import purchasing
from inventory.purchasing import PurchaseOrder, Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel

ACME = Supplier("ACME", "Acme Fasteners")
DAY = date(2024, 3, 4)


def purchase_order(number: str, **lines: int) -> PurchaseOrder:
    order = PurchaseOrder(number, ACME, DAY)
    for sku, qty in lines.items():
        order.add_line(sku.replace("_", "-"), qty)
    return order


def low_book() -> StockBook:
    return StockBook(
        [
            StockLevel("AAA-0001", on_hand=2, reorder_point=5, reorder_qty=20),
            StockLevel("BBB-0002", on_hand=1, reorder_point=5, reorder_qty=30),
            StockLevel("CCC-0003", on_hand=0, reorder_point=5, reorder_qty=10),
            StockLevel("DDD-0004", on_hand=0, reorder_point=5, reorder_qty=0),
        ]
    )


def test_units_on_order_sums_outstanding_units_per_sku():
    first = purchase_order("PO-0001", AAA_0001=10, BBB_0002=4)
    second = purchase_order("PO-0002", AAA_0001=5, CCC_0003=1)
    first.receive(StockBook(), "AAA-0001", 6)
    assert purchasing.units_on_order([first, second]) == {
        "AAA-0001": 9, "BBB-0002": 4, "CCC-0003": 1}


def test_units_on_order_ignores_received_and_over_delivered_lines():
    done = purchase_order("PO-0001", AAA_0001=3, BBB_0002=2)
    done.receive(StockBook(), "AAA-0001", 3)
    done.receive(StockBook(), "BBB-0002", 5)  # over-delivered: outstanding is -3
    other = purchase_order("PO-0002", BBB_0002=4)
    assert purchasing.units_on_order([done, other]) == {"BBB-0002": 4}
    assert purchasing.units_on_order([]) == {}


def test_reorder_suggestions_without_on_order_is_unchanged():
    expected = {"AAA-0001": 20, "BBB-0002": 30, "CCC-0003": 10}
    assert low_book().reorder_suggestions() == expected
    assert low_book().reorder_suggestions(None) == expected
    assert low_book().reorder_suggestions({}) == expected


def test_reorder_suggestions_skip_skus_whose_incoming_units_reach_the_reorder_point():
    suggestions = low_book().reorder_suggestions({"AAA-0001": 3, "BBB-0002": 2, "DDD-0004": 1})
    # AAA: 2 + 3 = 5 reaches the reorder point; BBB: 1 + 2 = 3 is still below it
    assert suggestions == {"BBB-0002": 30, "CCC-0003": 10}


def test_reorder_suggestions_ignore_unknown_skus_in_on_order():
    assert low_book().reorder_suggestions({"ZZZ-9999": 100}) == {
        "AAA-0001": 20,
        "BBB-0002": 30,
        "CCC-0003": 10,
    }


def test_build_purchase_orders_nets_open_orders():
    open_orders = [purchase_order("PO-0001", AAA_0001=3), purchase_order("PO-0002", CCC_0003=1)]
    suppliers = {"AAA-0001": ACME, "BBB-0002": ACME, "CCC-0003": ACME}
    (order,) = build_purchase_orders(low_book(), suppliers, DAY, first_number=3, open_orders=open_orders)
    assert order.number == "PO-0003"
    assert [(line.sku, line.quantity) for line in order.lines] == [("BBB-0002", 30), ("CCC-0003", 10)]


def test_build_purchase_orders_ignores_over_delivered_lines_of_open_orders():
    over = purchase_order("PO-0001", AAA_0001=4)
    over.receive(StockBook(), "AAA-0001", 6)  # outstanding -2 must not cancel the 3 below
    pending = purchase_order("PO-0002", AAA_0001=3)
    orders = build_purchase_orders(
        low_book(), {"AAA-0001": ACME}, DAY, open_orders=[over, pending]
    )
    assert orders == []


def test_build_purchase_orders_without_open_orders_is_unchanged():
    (order,) = build_purchase_orders(low_book(), {"AAA-0001": ACME}, DAY)
    assert [(line.sku, line.quantity) for line in order.lines] == [("AAA-0001", 20)]


def test_build_purchase_orders_other_parameters_grouping_and_numbering_unchanged():
    params = list(inspect.signature(build_purchase_orders).parameters.values())
    assert [p.name for p in params] == ["book", "suppliers", "ordered_on", "first_number", "open_orders"]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params[:4])
    assert params[3].default == 1
    bolts = Supplier("BOLTS", "Bolts Ltd")
    suppliers = {"AAA-0001": bolts, "BBB-0002": ACME, "CCC-0003": bolts}
    open_orders = [purchase_order("PO-0001", CCC_0003=1)]  # 0 + 1 is still below the reorder point
    orders = build_purchase_orders(low_book(), suppliers, DAY, 7, open_orders=open_orders)
    assert [(o.number, o.supplier.code, o.ordered_on) for o in orders] == [
        ("PO-0007", "ACME", DAY),
        ("PO-0008", "BOLTS", DAY),
    ]
    assert [[(line.sku, line.quantity) for line in o.lines] for o in orders] == [
        [("BBB-0002", 30)],
        [("AAA-0001", 20), ("CCC-0003", 10)],
    ]
    default_numbers = build_purchase_orders(low_book(), suppliers, DAY, open_orders=open_orders)
    assert [o.number for o in default_numbers] == ["PO-0001", "PO-0002"]
