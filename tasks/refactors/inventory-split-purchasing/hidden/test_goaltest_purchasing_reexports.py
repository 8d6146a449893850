"""Goal test (imports the code): inventory.purchasing hands out the objects defined in the new
modules, not copies. Imports happen inside the test, so the untouched repo collects."""

import importlib


def test_purchasing_re_exports_the_moved_objects():
    purchasing = importlib.import_module("inventory.purchasing")
    homes = set()
    for name in ("Supplier", "PurchaseLine", "PurchaseOrder", "build_purchase_orders"):
        obj = getattr(purchasing, name)
        assert obj.__module__ != "inventory.purchasing", f"{name} is still defined there"
        assert getattr(importlib.import_module(obj.__module__), name) is obj
        homes.add(obj.__module__)
    assert len(homes) == 3
