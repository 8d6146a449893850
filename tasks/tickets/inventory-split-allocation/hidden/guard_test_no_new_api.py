"""Guard: no new public API beyond StockBook.release. allocate keeps its signature
allocate(order, warehouses): splitting is not made optional through a new parameter."""

import inspect

from inventory.warehouse import allocate


def test_allocate_signature_is_unchanged():
    params = inspect.signature(allocate).parameters
    assert list(params) == ["order", "warehouses"]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params.values())
    assert all(p.default is inspect.Parameter.empty for p in params.values())
