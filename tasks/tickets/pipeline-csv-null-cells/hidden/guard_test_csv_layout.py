"""Guard: besides the rendering of None and booleans, write_csv writes what it wrote before:
`columns` still defaults to the fields of the first record (fields that only later records
have are not written), the quoting is the csv module's default, and the return value is the
number of records."""

import io

from pipeline.writers import write_csv


def test_columns_default_to_the_first_record():
    out = io.StringIO()
    count = write_csv([{"b": "x", "a": 1}, {"a": 2, "c": "extra"}, {"c": 3}], out)
    assert count == 3
    assert out.getvalue() == "b,a\nx,1\n,2\n,\n"


def test_quoting_unchanged():
    out = io.StringIO()
    assert write_csv([{"a": 'say "hi"', "b": "two\nlines", "c": " pad "}], out) == 1
    assert out.getvalue() == 'a,b,c\n"say ""hi""","two\nlines", pad \n'
