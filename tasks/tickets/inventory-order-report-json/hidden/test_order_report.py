import json
from decimal import Decimal

from inventory.orders import Discount, Order
from inventory.products import Catalog, Product
from inventory import reports


def make_catalog() -> Catalog:
    return Catalog(
        [
            Product("ABC-0001", "Bolt", Decimal("12.5")),
            Product("NUT-0002", "Hex nut", Decimal("0.125")),
        ]
    )


def make_order() -> Order:
    order = Order("SO-42")
    order.add_line("ABC-0001", 2, Decimal("12.5"))
    order.add_line("NUT-0002", 4, Decimal("0.125"))
    order.add_line("ZZZ-0009", 1, Decimal("3"))
    return order


def test_document_shape_and_lines():
    doc = json.loads(reports.order_report_json(make_order(), make_catalog()))
    assert set(doc) == {"order_id", "lines", "discount_code", "subtotal", "discount", "total"}
    assert doc["order_id"] == "SO-42"
    assert doc["lines"] == [
        {"sku": "ABC-0001", "name": "Bolt", "quantity": 2, "unit_price": "12.50", "line_total": "25.00"},
        {"sku": "NUT-0002", "name": "Hex nut", "quantity": 4, "unit_price": "0.13", "line_total": "0.50"},
        {"sku": "ZZZ-0009", "name": None, "quantity": 1, "unit_price": "3.00", "line_total": "3.00"},
    ]


def test_totals_without_discount():
    doc = json.loads(reports.order_report_json(make_order(), make_catalog()))
    assert (doc["subtotal"], doc["discount"], doc["total"]) == ("28.50", "0.00", "28.50")
    assert doc["discount_code"] is None


def test_totals_with_discount():
    order = make_order()
    order.apply_discount(Discount("TENOFF", percent=Decimal("10")))
    doc = json.loads(reports.order_report_json(order, make_catalog()))
    assert doc["discount_code"] == "TENOFF"
    assert (doc["subtotal"], doc["discount"], doc["total"]) == ("28.50", "2.85", "25.65")


def test_discount_below_minimum_is_not_reported():
    order = make_order()
    order.apply_discount(Discount("BIG", amount_off=Decimal("5"), min_subtotal=Decimal("100")))
    doc = json.loads(reports.order_report_json(order, make_catalog()))
    assert doc["discount_code"] is None
    assert (doc["discount"], doc["total"]) == ("0.00", "28.50")


def test_empty_order():
    doc = json.loads(reports.order_report_json(Order("SO-0"), make_catalog()))
    assert doc == {
        "order_id": "SO-0",
        "lines": [],
        "discount_code": None,
        "subtotal": "0.00",
        "discount": "0.00",
        "total": "0.00",
    }


def test_formatted_like_stock_report():
    text = reports.order_report_json(make_order(), make_catalog())
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True)
