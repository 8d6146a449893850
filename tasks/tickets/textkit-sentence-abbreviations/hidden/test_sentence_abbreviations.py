from textkit.cli import main
from textkit.stats import compute_stats
from textkit.tokenize import sentences


def test_abbreviations_constant():
    from textkit.tokenize import ABBREVIATIONS

    assert ABBREVIATIONS == frozenset(
        {"dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "vs.", "e.g.", "i.e."}
    )


def test_title_does_not_end_sentence():
    assert sentences("Dr. Who arrived. Then he left!") == ["Dr. Who arrived.", "Then he left!"]


def test_case_insensitive_and_leading_bracket():
    text = "MRS. Hudson cooks (e.g. eggs) well. I said i.e. nothing. Fine?"
    assert sentences(text) == [
        "MRS. Hudson cooks (e.g. eggs) well.",
        "I said i.e. nothing.",
        "Fine?",
    ]


def test_sentence_text_is_an_exact_slice():
    assert sentences("  Ask Prof.\n  Plum now.\tOk. ") == ["Ask Prof.\n  Plum now.", "Ok."]


def test_other_words_still_end_sentences():
    assert sentences("I saw Dr. No. He said no. Yes!") == ["I saw Dr. No.", "He said no.", "Yes!"]
    assert sentences("Draw. Mr") == ["Draw.", "Mr"]
    assert sentences("") == []


def test_stats_counts_use_the_rule(tmp_path, capsys):
    assert compute_stats("St. Ives vs. Leeds. Go!").sentences == 2
    path = tmp_path / "in.txt"
    path.write_text("Mr. and Mrs. Smith. Hello.\n", encoding="utf-8")
    assert main(["stats", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "sentences: 2"
