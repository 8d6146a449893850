import io

from pipeline.writers import write_csv


def render(records, **kwargs):
    out = io.StringIO()
    count = write_csv(records, out, **kwargs)
    return count, out.getvalue()


def test_none_is_an_empty_cell():
    count, text = render([{"id": 1, "note": None, "qty": 3}])
    assert count == 1
    assert text == "id,note,qty\n1,,3\n"


def test_booleans_are_lower_case():
    _, text = render([{"sku": "a", "active": True}, {"sku": "b", "active": False}])
    assert text == "sku,active\na,true\nb,false\n"


def test_falsy_values_are_not_blanked():
    _, text = render([{"a": 0, "b": 0.0, "c": "", "d": False, "e": None}])
    assert text == "a,b,c,d,e\n0,0.0,,false,\n"


def test_missing_and_none_look_the_same():
    _, text = render([{"a": None}, {"b": 2}], columns=["a", "b"])
    assert text == "a,b\n,\n,2\n"


def test_other_values_unchanged():
    _, text = render([{"n": 12, "x": 1.5, "s": "x,y", "l": "true"}])
    assert text == 'n,x,s,l\n12,1.5,"x,y",true\n'


def test_header_columns_quoting_and_count_unchanged():
    # columns still default to the fields of the first record; quoting is as today
    count, text = render([{"b": None, "a": True}, {"a": 2, "c": "extra"}, {"c": 3}])
    assert count == 3
    assert text == "b,a\n,true\n,2\n,\n"
    count, text = render([{"a": 'say "hi"', "b": "two\nlines", "c": " pad ", "d": None}])
    assert count == 1
    assert text == 'a,b,c,d\n"say ""hi""","two\nlines", pad ,\n'
