from decimal import Decimal

import pytest

from inventory.orders import Discount, Order


def order_with_subtotal(amount: str) -> Order:
    order = Order("SO-9")
    order.add_line("ABC-0001", 1, Decimal(amount))
    return order


def test_discounts_accumulate_in_application_order():
    order = order_with_subtotal("100.00")
    first = Discount("SPRING", percent=Decimal("10"))
    second = Discount("LOYAL", amount_off=Decimal("5"))
    order.apply_discount(first)
    order.apply_discount(second)
    assert order.discounts == (first, second)
    assert order.discount is second


def test_no_discounts_by_default():
    order = order_with_subtotal("10.00")
    assert order.discounts == ()
    assert order.discount is None


def test_percentages_compound():
    order = order_with_subtotal("100.00")
    order.apply_discount(Discount("A", percent=Decimal("10")))
    order.apply_discount(Discount("B", percent=Decimal("10")))
    assert order.total() == Decimal("81.00")
    assert order.discount_total() == Decimal("19.00")


def test_each_percentage_step_is_rounded_to_the_cent():
    order = Order("SO-10")
    order.add_line("ABC-0001", 4, Decimal("0.25"))  # subtotal 1.00
    order.apply_discount(Discount("A", percent=Decimal("10")))  # 1.00 - 0.10 = 0.90
    order.apply_discount(Discount("B", percent=Decimal("5")))  # 0.90 - 0.05 (0.045) = 0.85
    assert order.total() == Decimal("0.85")


def test_fixed_amounts_come_after_all_percentages():
    order = order_with_subtotal("100.00")
    order.apply_discount(Discount("FIVER", amount_off=Decimal("10")))
    order.apply_discount(Discount("TEN", percent=Decimal("10")))
    assert order.total() == Decimal("80.00")


def test_eligibility_uses_pre_discount_subtotal():
    order = order_with_subtotal("100.00")
    order.apply_discount(Discount("HALF", percent=Decimal("50")))
    order.apply_discount(Discount("BIG", amount_off=Decimal("5"), min_subtotal=Decimal("80")))
    order.apply_discount(
        Discount("HUGE", percent=Decimal("20"), amount_off=Decimal("1"), min_subtotal=Decimal("150"))
    )
    assert order.total() == Decimal("45.00")
    assert order.discount_total() == Decimal("55.00")


def test_stacked_discounts_never_go_below_zero():
    order = order_with_subtotal("30.00")
    order.apply_discount(Discount("A", amount_off=Decimal("20")))
    order.apply_discount(Discount("B", percent=Decimal("25"), amount_off=Decimal("20")))
    assert order.discount_total() == Decimal("30.00")
    assert order.total() == Decimal("0.00")


def test_same_code_twice_is_rejected_and_order_unchanged():
    order = order_with_subtotal("100.00")
    order.apply_discount(Discount("TEN", percent=Decimal("10")))
    with pytest.raises(ValueError, match="discount 'TEN' already applied"):
        order.apply_discount(Discount("TEN", amount_off=Decimal("3")))
    assert [d.code for d in order.discounts] == ["TEN"]
    assert order.total() == Decimal("90.00")


def test_discount_is_the_most_recently_applied_of_several():
    order = order_with_subtotal("100.00")
    applied = [Discount(code, percent=Decimal("1")) for code in ("A", "B", "C")]
    for discount in applied:
        order.apply_discount(discount)
    assert order.discounts == tuple(applied)
    assert order.discount is applied[-1]


def test_subtotal_equal_to_min_subtotal_is_eligible():
    order = order_with_subtotal("100.00")
    order.apply_discount(Discount("TEN", percent=Decimal("10"), min_subtotal=Decimal("100.00")))
    order.apply_discount(Discount("FIVE", amount_off=Decimal("5"), min_subtotal=Decimal("100")))
    assert order.discount_total() == Decimal("15.00")
    assert order.total() == Decimal("85.00")


def test_single_discount_with_a_fraction_of_a_cent_is_rounded_as_today():
    # "With a single discount every result must be exactly what it is today": today the
    # reduction is rounded to the cent with ROUND_HALF_UP
    order = order_with_subtotal("10.00")
    half_cent = Discount("HALF-CENT", amount_off=Decimal("0.005"))
    order.apply_discount(half_cent)
    assert order.discounts == (half_cent,)
    assert order.discount_total() == Decimal("0.01")
    assert order.total() == Decimal("9.99")
