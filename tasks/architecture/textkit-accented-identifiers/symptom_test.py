"""The reported failure: accented labels are cut into pieces by the case converters."""

from textkit.case import split_words, to_camel, to_constant, to_snake


def test_accented_labels_become_clean_identifiers():
    assert split_words("Durée totale") == ["Duree", "totale"]
    assert to_snake("Durée totale") == "duree_totale"
    assert to_camel("Prénom client") == "prenomClient"
    assert to_constant("Délai max") == "DELAI_MAX"
