"""Cell parsers: follower counts, numbers, links, ids, directions (issues 4, 8)."""

import math

import pytest

from socialmap.inputs.values import id_key, parse_count, parse_number, parse_two_way, parse_url, shown, split_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234), ("1,234", 1234), ("1.2K", 1200), ("1.2k", 1200), ("3.4m", 3_400_000),
        ("3.4M", 3_400_000), ("12k+", 12_000), (" 12 K ", 12_000), ("1,234,567", 1_234_567),
        ("0", 0), ("999+", 999), ("2b", 2_000_000_000), ("12 345", 12_345), (".5k", 500),
        ("1.2E+03", 1200), ("4e6", 4_000_000),
    ],
)
def test_follower_formats_people_type(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("~5000", 5000), ("approx 300", 300), ("approx. 1.2k", 1200), ("c. 2,000", 2000), ("about 1,200", 1200),
     ("over 900", 900), ("5,000 followers", 5000), ("12k+ likes", 12_000), ("est. 3k", 3000), ("\u2248 40k", 40_000)],
)
def test_a_count_jotted_down_roughly_is_read_as_written(text, expected):
    """Comms teams write estimates as they say them: a map is not refused for "approx 300"."""
    assert parse_count(text) == expected


@pytest.mark.parametrize("blank", ["", "  ", "n/a", "N/A", "-", "unknown", "?", "null", "None"])
def test_blank_followers_are_unknown_not_zero(blank):
    assert math.isnan(parse_count(blank))


@pytest.mark.parametrize("text", ["lots", "12kk", "1,23", "k", "1.2.3", "about lots", "~", "approximately"])
def test_unreadable_followers_name_the_value(text):
    with pytest.raises(ValueError, match=f'"{text}" is not a number'):
        parse_count(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("inf", '"inf" is not a number (leave the cell blank when the value is unknown)'),
        ("NaN", '"NaN" is not a number (leave the cell blank when the value is unknown)'),
        ("-Infinity", '"-Infinity" is not a number (leave the cell blank when the value is unknown)'),
        ("1e400", '"1e400" is more than 10,000,000,000 followers, more than any account has'),
        ("20b", '"20b" is more than 10,000,000,000 followers, more than any account has'),
    ],
)
def test_infinite_impossible_and_nan_followers_are_refused(text, message):
    with pytest.raises(ValueError) as caught:
        parse_count(text)
    assert str(caught.value) == message


def test_numbers_must_be_finite():
    with pytest.raises(ValueError, match='"1e400" is too large a number'):
        parse_number("1e400")
    with pytest.raises(ValueError, match='"nan" is not a number'):
        parse_number("nan")
    assert parse_number("-2.5e1") == -25


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
        ("https://café.example.fr/menu", "https://café.example.fr/menu"),
        ("http://192.168.0.10/intranet", "http://192.168.0.10/intranet"),
        ("", None),
    ],
)
def test_web_links_are_kept(text, expected):
    assert parse_url(text) == expected


@pytest.mark.parametrize(
    "text",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
     "mailto:a@example.org", "vbscript:x", "https://", "java\nscript:alert(1)", "http://localhost/x",
     # issue 16: no real host
     "https://<script>alert(1)</script>", "<script>x</script>.example.org", "https://exa_mple.org",
     "https://a..b.org", "https://-derby.gov.uk", "https://derby.gov.uk-/x"],
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


def test_ids_match_however_accents_were_typed():
    assert id_key("Cafe\u0301") == id_key("Café")  # e + combining accent (macOS) and é (Windows)


@pytest.mark.parametrize(("text", "two_way"), [
    ("", False), ("Directed", False), ("one-way", False), ("Undirected", True), ("mutual", True), ("Both", True),
])
def test_directions(text, two_way):
    assert parse_two_way(text) is two_way


def test_unknown_direction_says_what_to_write():
    with pytest.raises(ValueError) as caught:
        parse_two_way("sideways")
    assert str(caught.value) == '"sideways" is not a direction (write "directed", "undirected" or "mutual")'


def test_split_ids_on_semicolons_commas_and_new_lines():
    assert split_ids(" @a; @b ,c\nd;; ", ";,") == ["@a", "@b", "c", "d"]
    assert split_ids("A|B", "|") == ["A", "B"]


def test_values_in_messages_are_short_and_show_control_characters():
    assert shown("lots") == '"lots"'
    assert shown("a\x1b[2Jb") == '"a\\x1b[2Jb"'
    assert shown("x" * 100) == '"' + "x" * 59 + '…"'


def test_malformed_web_address_is_refused_not_crashed():
    with pytest.raises(ValueError, match="is not a web link"):
        parse_url("http://[::1")
