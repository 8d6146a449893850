"""Goal test (imports the code): the old import path is a re-export of the moved function,
not a second copy of it. Imports happen inside the test, so the untouched repo collects."""

import importlib


def test_slug_re_exports_the_function_of_the_new_module():
    unicode_module = importlib.import_module("textkit.unicode")
    slug = importlib.import_module("textkit.slug")
    case = importlib.import_module("textkit.case")
    assert slug.strip_accents is unicode_module.strip_accents
    assert case.strip_accents is unicode_module.strip_accents
    assert unicode_module.strip_accents.__module__ == "textkit.unicode"
