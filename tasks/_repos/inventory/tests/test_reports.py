import json
from decimal import Decimal

from inventory.products import Catalog, Product
from inventory.reports import allocation_csv, format_money, stock_report_csv, stock_report_json
from inventory.stock import StockBook, StockLevel


def fixtures() -> tuple[StockBook, Catalog]:
    book = StockBook(
        [
            StockLevel("XYZ-0002", on_hand=3, reserved=1, reorder_point=2),
            StockLevel("ABC-0001", on_hand=4),
        ]
    )
    catalog = Catalog([Product("ABC-0001", "Bolt", Decimal("0.125"))])
    return book, catalog


def test_format_money():
    assert format_money(Decimal("12.5")) == "12.50"
    assert format_money(Decimal("0.125")) == "0.13"


def test_stock_report_csv():
    book, catalog = fixtures()
    assert stock_report_csv(book, catalog).splitlines() == [
        "sku,name,on_hand,reserved,available,reorder_point,value",
        "ABC-0001,Bolt,4,0,4,0,0.50",
        "XYZ-0002,,3,1,2,2,0.00",
    ]


def test_stock_report_json():
    book, catalog = fixtures()
    items = json.loads(stock_report_json(book, catalog))["items"]
    assert [item["sku"] for item in items] == ["ABC-0001", "XYZ-0002"]
    assert items[0]["value"] == "0.50"
    assert items[1]["available"] == 2


def test_allocation_csv():
    text = allocation_csv({"XYZ-0002": [("MAIN", 2)], "ABC-0001": [("A", 1), ("B", 2)]})
    assert text.splitlines() == [
        "sku,warehouse,quantity",
        "ABC-0001,A,1",
        "ABC-0001,B,2",
        "XYZ-0002,MAIN,2",
    ]
