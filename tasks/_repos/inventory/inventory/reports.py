"""CSV and JSON reports on stock and allocations."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal

from inventory.products import Catalog
from inventory.stock import StockBook
from inventory.warehouse import Allocation

CENT = Decimal("0.01")

STOCK_COLUMNS = ("sku", "name", "on_hand", "reserved", "available", "reorder_point", "value")


def format_money(value: Decimal) -> str:
    """Format *value* with exactly two decimals, e.g. ``"12.50"``."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def stock_rows(book: StockBook, catalog: Catalog) -> list[dict[str, str | int]]:
    """One row per stock level, sorted by SKU.

    ``value`` is on-hand units times the catalog unit price; SKUs missing from
    the catalog get an empty name and a value of ``"0.00"``.
    """
    rows: list[dict[str, str | int]] = []
    for level in book:
        product = catalog.find(level.sku)
        price = product.unit_price if product is not None else Decimal("0")
        rows.append(
            {
                "sku": level.sku,
                "name": product.name if product is not None else "",
                "on_hand": level.on_hand,
                "reserved": level.reserved,
                "available": level.available,
                "reorder_point": level.reorder_point,
                "value": format_money(price * level.on_hand),
            }
        )
    return rows


def stock_report_csv(book: StockBook, catalog: Catalog) -> str:
    """The stock report as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=STOCK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(stock_rows(book, catalog))
    return buffer.getvalue()


def stock_report_json(book: StockBook, catalog: Catalog) -> str:
    """The stock report as a JSON document ``{"items": [...]}``.

    The stdlib encoder cannot serialise Decimal, so money is emitted as
    strings formatted by :func:`format_money`.
    """
    return json.dumps({"items": stock_rows(book, catalog)}, indent=2, sort_keys=True)


def allocation_csv(allocation: Allocation) -> str:
    """CSV text with one ``sku,warehouse,quantity`` row per allocated share."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["sku", "warehouse", "quantity"])
    for sku in sorted(allocation):
        for warehouse_code, qty in allocation[sku]:
            writer.writerow([sku, warehouse_code, qty])
    return buffer.getvalue()
