"""The reported failure: a second order crashes instead of falling back to the backup warehouse."""

from decimal import Decimal

from inventory.orders import Order
from inventory.warehouse import Warehouse, allocate, total_available


def test_second_order_is_allocated_from_the_backup_warehouse():
    main, backup = Warehouse("MAIN", 0), Warehouse("BACKUP", 1)
    main.stock.receive("ABC-0001", 5)
    backup.stock.receive("ABC-0001", 10)
    first, second = Order("SO-1"), Order("SO-2")
    first.add_line("ABC-0001", 4, Decimal("2.00"))
    second.add_line("ABC-0001", 3, Decimal("2.00"))
    assert allocate(first, [main, backup]) == {"ABC-0001": [("MAIN", 4)]}
    assert allocate(second, [main, backup]) == {"ABC-0001": [("BACKUP", 3)]}
    assert total_available([main, backup], "ABC-0001") == 8
