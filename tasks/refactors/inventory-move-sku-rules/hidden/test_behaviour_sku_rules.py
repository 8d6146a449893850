"""Behaviour that must be the same before and after the move, through names public before
it (imported from inventory.products)."""

from decimal import Decimal

import pytest

from inventory.products import Catalog, InvalidSKU, Product, normalize_sku


@pytest.mark.parametrize(("raw", "want"), [
    ("ABC-0042", "ABC-0042"),
    ("abc-0042", "ABC-0042"),
    ("aBc-0042", "ABC-0042"),
    ("aß-0001", "ASS-0001"),       # upper-cased before it is matched
    ("abc-٠٠٤٢", "ABC-٠٠٤٢"),      # \d takes any Unicode digit
    ("ABC-0042\n", "ABC-0042\n"),  # `$` also matches before a final newline: kept as is
])
def test_normalize_sku_accepts(raw, want):
    assert normalize_sku(raw) == want


@pytest.mark.parametrize("raw", ["", "AB-0042", "ABCD-0042", "ABC-042", "ABC-00420",
                                 "ABC_0042", " ABC-0042", "ABC-0042 ", "ABC 0042", "123-ABCD"])
def test_normalize_sku_rejects(raw):
    with pytest.raises(InvalidSKU) as excinfo:
        normalize_sku(raw)
    assert str(excinfo.value) == f"invalid SKU: {raw!r}"


def test_invalid_sku_is_a_value_error():
    assert issubclass(InvalidSKU, ValueError)
    with pytest.raises(ValueError, match="invalid SKU: 'nope'"):
        normalize_sku(raw="nope")


def test_product_normalises_and_rejects_skus():
    assert Product("xyz-0001", "Widget", Decimal("1")).sku == "XYZ-0001"
    with pytest.raises(InvalidSKU, match="invalid SKU: 'xyz-1'"):
        Product("xyz-1", "Widget", Decimal("1"))


def test_catalog_uses_the_same_rules():
    catalog = Catalog([Product("abc-0001", "Bolt", Decimal("0.10"))])
    assert catalog.get("aBc-0001").name == "Bolt"
    assert "abc-0001" in catalog
    assert "ABC-0001 " not in catalog
    assert "bad" not in catalog
    assert 42 not in catalog
    with pytest.raises(InvalidSKU):
        catalog.get("bad")
    with pytest.raises(InvalidSKU):
        catalog.find("bad")  # find only swallows an unknown SKU, not a malformed one
    with pytest.raises(KeyError, match="unknown SKU: ABC-0002"):
        catalog.get("abc-0002")
    assert catalog.find("ABC-0002") is None
