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


# Ticket: "The compact form without the hyphen, three letters immediately followed by four
# digits, is accepted" -- no other hyphen is dropped or moved: "anything else that is not a SKU
# after stripping" must raise `InvalidSKU`, and "The error message is unchanged and quotes the
# original, unstripped input".
@pytest.mark.parametrize(
    "raw",
    [
        "A-BC0042",
        "AB-C0042",
        "ABC0-042",
        "ABC00-42",
        "ABC--0042",
        "-ABC0042",
        "ABC0042-",
        "-ABC-0042",
        "ABC-0042-",
        " A-B-C-0-0-4-2 ",
        "abc-00-42",
    ],
)
def test_misplaced_or_extra_hyphens_are_rejected(raw):
    with pytest.raises(InvalidSKU) as excinfo:
        normalize_sku(raw)
    assert str(excinfo.value) == f"invalid SKU: {raw!r}"


# Ticket: only surrounding whitespace is removed and the compact form is "three letters
# immediately followed by four digits"; other separators are "anything else that is not a SKU
# after stripping" and raise `InvalidSKU`.
@pytest.mark.parametrize("raw", ["ABC_0042", "ABC.0042", "ABC/0042", "abc:0042", "ABC\u20130042", "ABC\u00a00042"])
def test_other_separators_are_not_hyphens(raw):
    with pytest.raises(InvalidSKU) as excinfo:
        normalize_sku(raw)
    assert str(excinfo.value) == f"invalid SKU: {raw!r}"


# Ticket: "Leading and trailing whitespace (spaces, tabs, newlines, as removed by `str.strip()`)
# is ignored" -- str.strip() also removes e.g. vertical tab, form feed and Unicode spaces.
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x0babc-0042\x0c", "ABC-0042"),
        ("\u00a0ABC-0042\u00a0", "ABC-0042"),
        ("\u3000xyz1234\u2003", "XYZ-1234"),
        ("\u2028QRS-0001\x85", "QRS-0001"),
    ],
)
def test_all_surrounding_whitespace_that_str_strip_removes(raw, expected):
    assert raw.strip() != raw
    assert normalize_sku(raw) == expected
