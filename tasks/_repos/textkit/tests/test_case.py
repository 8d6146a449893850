from textkit.case import split_words, to_camel, to_constant, to_kebab, to_pascal, to_snake


def test_split_words_on_separators_and_capitals():
    assert split_words("parse_user-nameV2") == ["parse", "user", "name", "V2"]
    assert split_words("  Crème brûlée ") == ["Creme", "brulee"]
    assert split_words("__") == []


def test_snake_kebab_and_constant():
    assert to_snake("Parse user name") == "parse_user_name"
    assert to_kebab("parseUserName") == "parse-user-name"
    assert to_constant("max-retries") == "MAX_RETRIES"


def test_pascal_and_camel():
    assert to_pascal("parse_user") == "ParseUser"
    assert to_camel("Parse user") == "parseUser"
    assert to_camel("") == ""
