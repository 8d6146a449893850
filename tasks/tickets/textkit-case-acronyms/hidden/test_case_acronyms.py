from textkit.case import split_words, to_camel, to_constant, to_kebab, to_pascal, to_snake


def test_acronym_run_is_one_word():
    assert split_words("HTTP") == ["HTTP"]
    assert split_words("userID") == ["user", "ID"]
    assert split_words("readCSV file") == ["read", "CSV", "file"]


def test_last_capital_of_acronym_starts_next_word():
    assert split_words("HTTPServer") == ["HTTP", "Server"]
    assert split_words("XMLHttpRequest") == ["XML", "Http", "Request"]
    assert split_words("getAValue") == ["get", "A", "Value"]


def test_digits_follow_acronym():
    assert split_words("parseHTTP2Response") == ["parse", "HTTP2", "Response"]


def test_existing_splits_unchanged():
    assert split_words("parse_user-nameV2") == ["parse", "user", "name", "V2"]
    assert split_words("Version2beta") == ["Version2beta"]
    assert split_words("Crème brûlée") == ["Creme", "brulee"]
    assert split_words("--") == []


def test_converters_use_the_new_split():
    assert to_snake("HTTPServer") == "http_server"
    assert to_kebab("userID") == "user-id"
    assert to_constant("parseHTTPResponse") == "PARSE_HTTP_RESPONSE"
    assert to_pascal("XMLHttpRequest") == "XmlHttpRequest"
    assert to_camel("XMLHttpRequest") == "xmlHttpRequest"
