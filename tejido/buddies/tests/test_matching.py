"""The buddy matching on plain data, and its reasons in words in both languages."""

from django.utils import translation

from tejido.buddies.matching import Candidate, score, suggest
from tejido.buddies.reasons import explain


def person(pid, languages=("es",), area=None, topics=(), times=()):
    return Candidate(pid, frozenset(languages), area, frozenset(topics), frozenset(times))


def test_no_shared_language_is_no_suggestion():
    assert score(person(1, ["es"]), person(2, ["en"])) is None


def test_one_is_never_suggested_to_oneself():
    assert score(person(1), person(1)) is None


def test_area_topics_and_times_add_up_with_their_reasons():
    me = person(1, ["es", "en"], area=7, topics=["family", "work"], times=["weekends"])
    other = person(2, ["es"], area=7, topics=["family"], times=["weekends"])
    found = score(me, other)
    assert found is not None
    assert found.score == 30 + 20 + 8 + 5
    assert found.reasons == ("language:es", "same_area", "topic:family", "time:weekends")


def test_topics_and_times_count_up_to_a_bound():
    topics, times = (
        ["family", "work", "faith", "migration"],
        ["weekends", "weekday_evenings", "weekday_mornings"],
    )
    found = score(person(1, topics=topics, times=times), person(2, topics=topics, times=times))
    assert found is not None
    assert found.score == 30 + 3 * 8 + 2 * 5


def test_suggest_orders_by_score_then_id_and_keeps_apart():
    me = person(1, area=3, topics=["family"])
    others = [person(5), person(4, area=3), person(2), person(3, area=3, topics=["family"])]
    assert [s.person for s in suggest(me, others)] == [3, 4, 2, 5]
    assert [s.person for s in suggest(me, others, apart=frozenset({3, 2}), limit=1)] == [4]


def test_reasons_in_words_in_both_languages():
    codes = ("language:es", "same_area", "topic:family", "topic:work", "time:weekends", "odd")
    with translation.override("en"):
        assert explain(codes) == (
            "speaks Spanish, same area, both talk about family, work, "
            "free at the same times: weekends"
        )
    with translation.override("es"):
        said = explain(codes)
    assert "Español" in said or "español" in said
