from decimal import Decimal

import pytest

from inventory.products import Catalog, InvalidSKU, Product, normalize_sku


def test_normalize_sku_uppercases():
    assert normalize_sku("abc-0042") == "ABC-0042"


@pytest.mark.parametrize("raw", ["AB-0042", "ABCD-0042", "ABC-042", "ABC_0042", ""])
def test_normalize_sku_rejects_malformed(raw):
    with pytest.raises(InvalidSKU):
        normalize_sku(raw)


def test_product_normalizes_sku_and_validates_price():
    product = Product("xyz-0001", "Widget", Decimal("2.50"))
    assert product.sku == "XYZ-0001"
    with pytest.raises(ValueError):
        Product("XYZ-0002", "Gadget", Decimal("-1"))


def test_product_rejects_blank_name():
    with pytest.raises(ValueError):
        Product("XYZ-0003", "  ", Decimal("1"))


def test_catalog_lookup_and_membership():
    catalog = Catalog([Product("ABC-0001", "Bolt", Decimal("0.10"))])
    assert catalog.get("abc-0001").name == "Bolt"
    assert "ABC-0001" in catalog
    assert "ABC-0002" not in catalog
    assert "not a sku" not in catalog
    assert catalog.find("ABC-0002") is None
    with pytest.raises(KeyError):
        catalog.get("ABC-0002")


def test_catalog_by_category_and_iteration_sorted():
    catalog = Catalog(
        [
            Product("NUT-0002", "Hex nut", Decimal("0.05"), "fasteners"),
            Product("BLT-0001", "Bolt", Decimal("0.10"), "fasteners"),
            Product("GLU-0001", "Glue", Decimal("3.00"), "adhesives"),
        ]
    )
    assert [p.sku for p in catalog.by_category("fasteners")] == ["BLT-0001", "NUT-0002"]
    assert [p.sku for p in catalog] == ["BLT-0001", "GLU-0001", "NUT-0002"]
    assert len(catalog) == 3
