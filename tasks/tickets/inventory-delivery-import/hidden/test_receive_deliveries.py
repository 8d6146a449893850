from datetime import date

import pytest

from inventory.purchasing import PurchaseOrder, Supplier
from inventory.stock import StockBook, StockLevel

ACME = Supplier("ACME", "Acme Fasteners")


def receiving():
    from inventory import receiving

    return receiving


def setup() -> tuple[list[PurchaseOrder], StockBook]:
    first = PurchaseOrder("PO-0001", ACME, date(2024, 3, 4))
    first.add_line("ABC-0001", 10)
    first.add_line("XYZ-0002", 5)
    second = PurchaseOrder("PO-0002", ACME, date(2024, 3, 5))
    second.add_line("ABC-0001", 4)
    book = StockBook([StockLevel("ABC-0001", on_hand=1), StockLevel("XYZ-0002", on_hand=0)])
    return [first, second], book


def snapshot(orders: list[PurchaseOrder], book: StockBook):
    return (
        [(o.number, [(line.sku, line.quantity, line.received) for line in o.lines]) for o in orders],
        [(level.sku, level.on_hand, level.reserved) for level in book],
    )


def test_rows_are_booked_into_the_book_and_the_orders():
    orders, book = setup()
    text = "po_number,sku,quantity\nPO-0001,ABC-0001,6\nPO-0002, abc-0001 ,4\nPO-0001,XYZ-0002,2\nPO-0001,ABC-0001,3\n"
    received = receiving().receive_deliveries(text, orders, book)
    assert received == {"ABC-0001": 13, "XYZ-0002": 2}
    assert book.level("ABC-0001").on_hand == 1 + 13
    assert book.level("XYZ-0002").on_hand == 2
    assert [(line.sku, line.received) for line in orders[0].lines] == [("ABC-0001", 9), ("XYZ-0002", 2)]
    assert orders[1].lines[0].received == 4
    assert orders[1].is_complete()


def test_columns_in_any_order_and_extra_columns_ignored():
    orders, book = setup()
    text = "sku,note,quantity,po_number\nxyz-0002,dented box,5,PO-0001\n"
    assert receiving().receive_deliveries(text, orders, book) == {"XYZ-0002": 5}
    assert book.level("XYZ-0002").on_hand == 5


def test_header_only_books_nothing():
    orders, book = setup()
    before = snapshot(orders, book)
    assert receiving().receive_deliveries("po_number,sku,quantity\n", orders, book) == {}
    assert snapshot(orders, book) == before


def test_missing_column():
    orders, book = setup()
    with pytest.raises(receiving().DeliveryError, match=r"^missing column: quantity$"):
        receiving().receive_deliveries("po_number,sku,qty\nPO-0001,ABC-0001,1\n", orders, book)
    with pytest.raises(receiving().DeliveryError, match=r"^missing column: po_number$"):
        receiving().receive_deliveries("order,sku\nPO-0001,ABC-0001\n", orders, book)


def test_delivery_error_is_a_value_error():
    assert issubclass(receiving().DeliveryError, ValueError)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("PO-0009,ABC-0001,1", "line 3: unknown purchase order 'PO-0009'"),
        ("PO-0001,AB-12,1", "line 3: invalid SKU 'AB-12'"),
        ("PO-0002,XYZ-0002,1", "line 3: XYZ-0002 is not on PO-0002"),
        ("PO-0001,ABC-0001,0", "line 3: invalid quantity '0'"),
        ("PO-0001,ABC-0001,-3", "line 3: invalid quantity '-3'"),
        ("PO-0001,ABC-0001,1.5", "line 3: invalid quantity '1.5'"),
        ("PO-0001,ABC-0001,ten", "line 3: invalid quantity 'ten'"),
        ("PO-0001,ABC-0001,", "line 3: invalid quantity ''"),
    ],
)
def test_invalid_row_raises_and_books_nothing(row, message):
    orders, book = setup()
    before = snapshot(orders, book)
    text = f"po_number,sku,quantity\nPO-0001,ABC-0001,6\n{row}\nPO-0002,ABC-0001,4\n"
    with pytest.raises(receiving().DeliveryError) as excinfo:
        receiving().receive_deliveries(text, orders, book)
    assert str(excinfo.value) == message
    assert snapshot(orders, book) == before


def test_first_invalid_row_is_reported():
    orders, book = setup()
    text = "po_number,sku,quantity\nPO-0001,ABC-0001,2\nPO-0001,ABC-0001,x\nPO-0007,ABC-0001,1\n"
    with pytest.raises(receiving().DeliveryError, match=r"^line 3: invalid quantity 'x'$"):
        receiving().receive_deliveries(text, orders, book)


def test_over_delivery_is_accepted_as_today():
    # "deliveries above the outstanding quantity are accepted as they are today": booked in full
    # through order.receive, leaving a negative outstanding count.
    orders, book = setup()
    text = "po_number,sku,quantity\nPO-0001,ABC-0001,8\nPO-0001,ABC-0001,4\nPO-0001,XYZ-0002,7\n"
    assert receiving().receive_deliveries(text, orders, book) == {"ABC-0001": 12, "XYZ-0002": 7}
    assert [(line.sku, line.received, line.outstanding) for line in orders[0].lines] == [
        ("ABC-0001", 12, -2),
        ("XYZ-0002", 7, -2),
    ]
    assert book.level("ABC-0001").on_hand == 1 + 12
    assert book.level("XYZ-0002").on_hand == 7
