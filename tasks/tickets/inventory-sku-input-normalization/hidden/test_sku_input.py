from decimal import Decimal

import pytest

from inventory.products import Catalog, InvalidSKU, Product, normalize_sku


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  abc-0042", "ABC-0042"),
        ("ABC-0042\n", "ABC-0042"),
        ("\txyz-1234  \r\n", "XYZ-1234"),
    ],
)
def test_surrounding_whitespace_is_ignored(raw, expected):
    assert normalize_sku(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("abc0042", "ABC-0042"), ("XYZ1234", "XYZ-1234"), (" qrs0001\n", "QRS-0001")],
)
def test_compact_form_gets_hyphen(raw, expected):
    assert normalize_sku(raw) == expected


@pytest.mark.parametrize("raw", ["ABC 0042", "ABC -0042", "AB C-0042", "ABC-00 42", "ABC\t0042"])
def test_internal_whitespace_is_rejected(raw):
    with pytest.raises(InvalidSKU):
        normalize_sku(raw)


@pytest.mark.parametrize("raw", ["ABC00421", "AB0042", "ABCD0042", "ABC-", "   "])
def test_malformed_compact_or_blank_is_rejected(raw):
    with pytest.raises(InvalidSKU):
        normalize_sku(raw)


def test_error_message_quotes_original_input():
    with pytest.raises(InvalidSKU) as excinfo:
        normalize_sku(" ab-12 ")
    assert str(excinfo.value) == "invalid SKU: ' ab-12 '"


def test_product_and_catalog_accept_scanner_input():
    product = Product(" bol0007\n", "Bolt", Decimal("0.10"))
    assert product.sku == "BOL-0007"
    catalog = Catalog([product])
    assert catalog.get("bol0007 ").name == "Bolt"
    assert " BOL-0007" in catalog
