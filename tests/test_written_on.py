"""The day an article was written: its URL's edition or its own `اليوم الجمعة`, a few days before the
date a crawler gave it (SaudiNewsNet's date_extracted), never after nor far."""

from datetime import date

import pytest

from marsad.extract.written_on import text_anchor_day, url_date, written_on


@pytest.mark.parametrize("url, day", [
    ("http://www.okaz.com.sa/new/Issues/20150730/Con20150730786414.htm", date(2015, 7, 30)),
    ("http://www.aleqt.com/2015/07/20/article_974922.html", date(2015, 7, 20)),
    ("https://example.com/news/2019-04-07-tripoli", date(2019, 4, 7)),
    ("http://aawsat.com/home/article/409016/مقتل-50-شخصًا", None),
    ("http://www.example.com/2015/13/40/x", None),
    (None, None),
])
def test_a_date_in_the_url(url, day):
    assert url_date(url) == day


def test_the_texts_today_and_yesterday_say_which_day_it_was_written():
    # a Saturday crawl of a Friday story: "seven soldiers were killed today, Friday"
    given = date(2015, 8, 1)
    assert text_anchor_day("سبعة جنود ليبيين قتلوا اليوم الجمعة عندما اقتحم متشددون نقطة تفتيش", given) == date(2015, 7, 31)
    assert text_anchor_day("وشنت مقاتلات التحالف غارات مساء أمس الخميس على مواقع الحوثيين", given) == date(2015, 7, 31)
    assert text_anchor_day("وقال المرصد اليوم السبت إن الاشتباكات تواصلت", given) == given
    # anchors that disagree, or none: nothing is said
    assert text_anchor_day("قال أمس الخميس ... وأضاف اليوم السبت", given) is None
    assert text_anchor_day("وقتل ثلاثة جنود في هجوم على حاجز", given) is None


def test_the_url_wins_and_only_a_few_days_before_the_given_date_count():
    text = "قتلوا اليوم الجمعة"
    assert written_on(date(2015, 7, 31), "http://www.okaz.com.sa/new/Issues/20150730/C.htm", text) == \
        (date(2015, 7, 30), "url")
    assert written_on(date(2015, 8, 1), "http://x.com/a/", text) == (date(2015, 7, 31), "text")
    # an archive path years before, or a date after the given one, is not the edition
    assert written_on(date(2015, 8, 1), "http://x.com/2011/02/17/story", "نص") == (date(2015, 8, 1), "given")
    assert written_on(date(2015, 8, 1), "http://x.com/2015/08/03/story", "نص") == (date(2015, 8, 1), "given")
    assert written_on(None, "http://x.com/2015/08/03/story", "نص") == (None, "given")


def test_yesterday_in_an_article_crawled_a_day_late_is_the_day_before_it_was_written():
    from marsad.pipeline import analyse
    from marsad.records import Article

    text = "قتل سبعة جنود ليبيين اليوم الجمعة عندما اقتحم متشددون نقطة تفتيش قرب مدينة أجدابيا."
    analysis = analyse(Article("t", "title", text, published=date(2015, 8, 1), url="http://www.3alyoum.com/news/a/"))
    assert {e.date for e in analysis.events} == {date(2015, 7, 31)}
    assert analysis.article.published == date(2015, 8, 1)  # the article keeps the date it was given
