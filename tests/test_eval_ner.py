"""The eval-ner scorer: CoNLL reading (NewsFANE and Wojood formats) and exact-span scores."""

from pathlib import Path

import pytest

from marsad.eval_ner import (
    Counts,
    evaluate,
    format_report,
    iob_spans,
    parse_conll,
    run_cli,
    score,
    to_token_spans,
)

NEWSFANE = """\
قال O
جيريمي B-PERS
هنت I-PERS
في O
لندن B-LOC
إن O
حركة B-ORG
النهضة I-ORG
فازت O

زار O
مطار B-FAC
قرطاج I-FAC
في O
تونس B-LOC
"""

WOJOOD = """\
سكرتير B-OCC
اللجنة I-OCC B-ORG
القومية I-OCC I-ORG
في I-OCC
نابلس I-OCC B-GPE
عام B-DATE
1948 I-DATE

مجلس B-ORG
الأمن I-ORG
ضد I-ORG
الأسد I-ORG B-PERS
"""


def test_iob_spans() -> None:
    assert iob_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]


def test_newsfane_format() -> None:
    sentences, kind = parse_conll(NEWSFANE)
    assert kind == "newsfane"
    assert [len(s.tokens) for s in sentences] == [9, 5]
    assert sentences[0].spans == {(1, 3, "PERS"), (4, 5, "LOC"), (6, 8, "ORG")}
    assert sentences[1].spans == {(1, 3, "FAC"), (4, 5, "LOC")}
    text = sentences[0].text
    start, end = sentences[0].offsets()[1]
    assert text[start:end] == "جيريمي"


def test_wojood_format_maps_types_and_keeps_outermost() -> None:
    sentences, kind = parse_conll(WOJOOD)
    assert kind == "wojood"
    # OCC and DATE are dropped, so the ORG and GPE (-> LOC) inside the OCC are gold spans
    assert sentences[0].spans == {(1, 3, "ORG"), (4, 5, "LOC")}
    # the PERS nested inside the ORG is not
    assert sentences[1].spans == {(0, 4, "ORG")}


def test_exact_spans_partial_is_false_positive_and_false_negative() -> None:
    gold = [{(1, 3, "PERS"), (4, 5, "LOC"), (6, 8, "ORG")}]
    predicted = [{(2, 3, "PERS"), (4, 5, "LOC"), (6, 8, "LOC"), (9, 10, "FAC")}]
    counts = score(gold, predicted)
    assert (counts["PERS"].tp, counts["PERS"].fp, counts["PERS"].fn) == (0, 1, 1)
    assert (counts["LOC"].tp, counts["LOC"].fp, counts["LOC"].fn) == (1, 1, 0)
    assert (counts["ORG"].tp, counts["ORG"].fp, counts["ORG"].fn) == (0, 0, 1)
    micro = counts["micro"]  # FAC is not scored by default
    assert (micro.tp, micro.fp, micro.fn) == (1, 2, 2)
    assert micro.precision == pytest.approx(100 / 3)
    assert micro.recall == pytest.approx(100 / 3)
    assert micro.f1 == pytest.approx(100 / 3)
    assert score(gold, predicted, types=["FAC"])["FAC"].fp == 1


def test_character_spans_map_to_the_tokens_they_touch() -> None:
    offsets = [(0, 3), (4, 10), (11, 14)]
    assert to_token_spans([(4, 14, "PERS"), (5, 8, "LOC"), (20, 22, "ORG")], offsets) == {
        (1, 3, "PERS"), (1, 2, "LOC")}


def test_evaluate_a_recogniser_and_the_report_line() -> None:
    sentences, _ = parse_conll(NEWSFANE)

    def recognise(text: str) -> list[tuple[int, int, str]]:
        spans = []
        for name, kind in (("جيريمي هنت", "PERS"), ("هنت", "PERS"), ("لندن", "LOC"), ("حركة النهضة", "ORG")):
            at = text.find(name)
            if at >= 0 and not (name == "هنت" and "جيريمي" in text):
                spans.append((at, at + len(name), kind))
        return spans

    counts = evaluate(sentences, recognise)
    assert counts["micro"].tp == 3 and counts["micro"].fp == 0 and counts["micro"].fn == 1  # تونس missed
    assert counts["LOC"].recall == 50.0
    line = format_report(counts).splitlines()[-1]
    assert line == "micro P 100.0 R 75.0 F1 85.7 (PERS 100.0, LOC 66.7, ORG 100.0)"
    assert Counts().f1 == 0.0


def test_consecutive_sentences_reach_the_recogniser_as_one_text_and_are_scored_each_alone() -> None:
    sentences, _ = parse_conll(NEWSFANE)
    texts = []

    def recognise(text: str) -> list[tuple[int, int, str]]:
        texts.append(text)
        # a name found in the first line, and one in the second (تونس, the second sentence's fifth token)
        return [(text.find("لندن"), text.find("لندن") + 4, "LOC"), (text.find("تونس"), text.find("تونس") + 4, "LOC")]

    counts = evaluate(sentences, recognise, context=2)
    assert texts == [sentences[0].text + "\n" + sentences[1].text]
    assert counts["LOC"].tp == 2 and counts["LOC"].fp == 0
    assert evaluate(sentences, recognise)["LOC"].tp == 2 and len(texts) == 3  # one sentence a text: two calls


def test_cli_with_the_project_recogniser(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text(NEWSFANE, encoding="utf-8")
    assert run_cli(str(path), recogniser="project") == 0
    out = capsys.readouterr().out
    assert "2 sentences (newsfane format), recogniser project" in out
    assert out.strip().splitlines()[-1].startswith("micro P ")


def test_cli_needs_a_file_or_speed() -> None:
    with pytest.raises(ValueError):
        run_cli(None)
