"""Cell parsers: follower counts, numbers, links, ids (issue 4, input contract)."""

import math

import pytest

from socialmap.values import id_key, parse_count, parse_number, parse_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234), ("1,234", 1234), ("1.2K", 1200), ("1.2k", 1200), ("3.4m", 3_400_000),
        ("3.4M", 3_400_000), ("12k+", 12_000), (" 12 K ", 12_000), ("1,234,567", 1_234_567),
        ("0", 0), ("999+", 999), ("2b", 2_000_000_000), ("12 345", 12_345), (".5k", 500),
    ],
)
def test_follower_formats_people_type(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("blank", ["", "  ", "n/a", "N/A", "-", "unknown", "?"])
def test_blank_followers_are_unknown_not_zero(blank):
    assert math.isnan(parse_count(blank))


@pytest.mark.parametrize("text", ["lots", "12kk", "1,23", "k", "1.2.3", "about 5"])
def test_unreadable_followers_name_the_value(text):
    with pytest.raises(ValueError, match=f'"{text}" is not a number'):
        parse_count(text)


def test_negative_followers_are_refused():
    with pytest.raises(ValueError, match="cannot be below zero"):
        parse_count("-5")


def test_number_bounds_are_inclusive_and_named():
    assert parse_number("90", minimum=-90, maximum=90) == 90
    assert parse_number("-1.5") == -1.5
    assert parse_number("1,200") == 1200
    with pytest.raises(ValueError, match="above the largest allowed value, 90"):
        parse_number("90.5", maximum=90)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://Example.org/A", "HTTPS://Example.org/A"),
        ("www.example.org", "https://www.example.org"),
        ("example.org/page?x=1", "https://example.org/page?x=1"),
        ("//example.org/z", "https://example.org/z"),
        ("www.example.org:8080/x", "https://www.example.org:8080/x"),
        ("", None),
    ],
)
def test_web_links_are_kept(text, expected):
    assert parse_url(text) == expected


@pytest.mark.parametrize(
    "text",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
     "mailto:a@example.org", "vbscript:x", "https://", "java\nscript:alert(1)", "http://localhost/x"],
)
def test_anything_but_web_links_is_refused(text):
    with pytest.raises(ValueError):
        parse_url(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [("@DerbyCC", "derbycc"), ("derbycc", "derbycc"), (" @DERBYcc ", "derbycc"), ("Straße", "strasse")],
)
def test_ids_match_ignoring_case_and_leading_at(text, key):
    assert id_key(text) == key
