"""Inventory and order management: catalog, stock, orders, warehouses, purchasing, reports."""

__version__ = "0.3.0"
