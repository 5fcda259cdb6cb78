"""Links are input from anyone: a rejected value is cut to a readable length, shown as text (never a link) with
its direction controls visible, and a link past the limits is ignored whole with a friendly message."""

from __future__ import annotations

from ikd_core.views import links
from ikd_core.views.plain import shown, visible_controls

from apptest_helpers import open_page


def warnings_of(at) -> str:
    return " ".join(w.value for w in at.warning)


def test_a_rejected_long_value_is_cut_with_its_length_said():
    at = open_page("pages/wilayah.py", region="x" * 20_000)
    text = warnings_of(at)
    assert "Tautan ini berisi nilai yang tidak dikenal" in text
    assert "x" * 59 + "… (20.000 karakter)" in text and "x" * 61 not in text


def test_a_right_to_left_override_in_a_link_is_shown_not_obeyed():
    at = open_page("pages/bandingkan.py", metric="\u202etcejer")
    text = warnings_of(at)
    assert "⟨U+202E⟩tcejer" in text and "\u202e" not in text


def test_a_bare_url_in_a_rejected_value_cannot_become_a_link():
    at = open_page("pages/wilayah.py", region="http://evil.example/x")
    text = warnings_of(at)
    assert "http\u2060://evil.example/x" in text  # a word joiner breaks Markdown's automatic link


def test_a_link_with_too_many_values_is_ignored_whole_with_a_friendly_message():
    at = open_page("pages/bandingkan.py", regions=[f"r{i}" for i in range(links.MAX_LINK_VALUES + 1)])
    assert "Tautan ini terlalu panjang" in warnings_of(at)
    assert "Tautan ini berisi nilai" not in warnings_of(at)  # not a list of 501 rejected values


def test_a_link_too_long_in_characters_is_ignored_whole_and_the_page_opens_as_usual():
    at = open_page("pages/bandingkan.py", q="y" * (links.MAX_LINK_CHARS + 1))
    assert "Tautan ini terlalu panjang (32.00" in warnings_of(at)
    assert at.get("plotly_chart")  # the default view


def test_shown_and_visible_controls_by_hand():
    assert visible_controls("a\u2066b\u200fc") == "a⟨U+2066⟩b⟨U+200F⟩c"
    assert shown("abc", "en") == "abc"
    assert shown("a" * 100, "en", limit=10) == "a" * 9 + "… (100 characters)"
