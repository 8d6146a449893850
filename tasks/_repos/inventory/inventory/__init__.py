"""Inventory and order management: catalog, stock, orders, warehouses, reports."""

__version__ = "0.3.0"
