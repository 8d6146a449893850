"""Goal test (imports the code): inventory.products re-exports the objects of the new
module, not copies. Imports happen inside the test, so the untouched repo collects."""

import importlib


def test_products_re_exports_the_objects_of_inventory_sku():
    sku = importlib.import_module("inventory.sku")
    products = importlib.import_module("inventory.products")
    assert products.normalize_sku is sku.normalize_sku
    assert products.InvalidSKU is sku.InvalidSKU
    assert getattr(products, "SKU_PATTERN", sku.SKU_PATTERN) is sku.SKU_PATTERN
    assert sku.normalize_sku.__module__ == "inventory.sku"
    assert sku.InvalidSKU.__module__ == "inventory.sku"
