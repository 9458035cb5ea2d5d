"""Inline SVG line charts (issue 10, item 4): valid SVG, every text escaped, axes that read right."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from socialmap.channels import PALETTE
from socialmap.svgchart import Line, LineChart, axis_number, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</svg><script>alert("x")</script> & <b onmouseover=\'alert(1)\'>'


def _chart(*lines: Line, **changes) -> LineChart:
    fields = dict(key="reach-area", title="Potential reach by area", description="Followers per area.",
                  x=(1.0, 32.0, 60.0), x_labels=("Jan 2026", "Feb 2026", "Mar 2026"), lines=lines, unit="followers")
    fields.update(changes)
    return LineChart(**fields)


def _parse(chart: LineChart) -> ET.Element:
    return ET.fromstring(str(line_chart(chart)))


def _texts(root: ET.Element, tag: str) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(SVG + tag)]


def test_valid_svg_with_title_desc_and_one_point_per_value():
    root = _parse(_chart(Line("Derby", (1500, 1600, 1200), PALETTE[0]), Line("Belper", (None, 200, 300), PALETTE[1])))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "reach-area-title reach-area-desc"
    assert root.find(SVG + "title").text == "Potential reach by area"
    desc = root.find(SVG + "desc").text
    assert desc.startswith("Followers per area. Derby: 1,500 in Jan 2026, 1,200 in Mar 2026. "
                           "Belper: 200 in Feb 2026, 300 in Mar 2026.")
    points = [c for c in root.iter(SVG + "circle") if c.get("class") == "sm-point"]
    assert len(points) == 5  # Belper's unknown January has no point
    assert "Derby, Feb 2026: 1,600 followers" in _texts(root, "title")


def test_hostile_labels_stay_text():
    markup = str(line_chart(_chart(Line(HOSTILE, (1, 2, 3), PALETTE[0]), x_labels=("Jan", "<i>Feb</i>", "Mar"))))
    assert "<script" not in markup and "<b " not in markup and "<i>" not in markup
    root = ET.fromstring(markup)  # still one well-formed svg
    assert HOSTILE in _texts(root, "title")
    assert f"{HOSTILE}, <i>Feb</i>: 2 followers" in _texts(root, "title")
    assert not [element for element in root.iter() if element.tag in ("script", SVG + "script", "b", "i")]


def test_end_labels_are_shortened_but_the_full_name_is_kept():
    long_name = "North East Derbyshire and the Peak District villages"
    root = _parse(_chart(Line(long_name, (1, 2, 3), PALETTE[0])))
    end = next(g for g in root.iter(SVG + "g") if g.get("class") == "sm-end-label")
    assert end.find(SVG + "title").text == long_name
    assert end.find(SVG + "text").text == "North East Derbyshire a…"


def test_end_labels_do_not_overlap():
    lines = tuple(Line(f"Group {n}", (10 + n, 11 + n, 12 + n), PALETTE[n]) for n in range(8))
    root = _parse(_chart(*lines, height=300))
    heights = sorted(float(g.find(SVG + "text").get("y")) for g in root.iter(SVG + "g")
                     if g.get("class") == "sm-end-label")
    assert len(heights) == 8
    assert all(b - a >= 16.9 for a, b in zip(heights, heights[1:]))
    assert 0 < heights[0] and heights[-1] < 300


def test_y_axis_ticks_have_thousands_separators_and_start_at_zero():
    root = _parse(_chart(Line("Reach", (400_000, 900_000, 1_669_629), PALETTE[1])))
    axis = next(g for g in root.iter(SVG + "g") if g.get("class") == "sm-y-axis")
    assert [t.text for t in axis.iter(SVG + "text")] == ["0", "500,000", "1,000,000", "1,500,000", "2,000,000"]
    assert not [t for t in root.iter(SVG + "text") if t.get("class") == "sm-axis-note"]


def test_an_axis_that_does_not_start_at_zero_says_so():
    root = _parse(_chart(Line("Reach", (1_544_756, 1_600_000, 1_669_629), PALETTE[1])))
    axis = next(g for g in root.iter(SVG + "g") if g.get("class") == "sm-y-axis")
    ticks = [t.text for t in axis.iter(SVG + "text")]
    assert ticks == ["1,500,000", "1,550,000", "1,600,000", "1,650,000", "1,700,000"]
    note = [t.text for t in root.iter(SVG + "text") if t.get("class") == "sm-axis-note"]
    assert note == ["Axis starts at 1,500,000, not zero"]
    assert "The vertical axis starts at 1,500,000, not zero." in root.find(SVG + "desc").text


def test_x_axis_places_snapshots_by_date_and_labels_the_latest():
    root = _parse(_chart(Line("Reach", (1, 2, 3), PALETTE[1])))
    axis = next(g for g in root.iter(SVG + "g") if g.get("class") == "sm-x-axis")
    labels = {t.text: float(t.get("x")) for t in axis.iter(SVG + "text")}
    assert list(labels) == ["Jan 2026", "Feb 2026", "Mar 2026"]
    january, february, march = labels.values()
    assert (february - january) / (march - february) == pytest.approx(31 / 28, rel=0.01)  # uneven gaps stay uneven


def test_crowded_x_labels_are_thinned_keeping_the_latest():
    x = tuple(float(n) for n in range(24))
    labels = tuple(f"{n + 1} Month 2026" for n in range(24))
    root = _parse(_chart(Line("Reach", tuple(range(24)), PALETTE[1]), x=x, x_labels=labels))
    axis = next(g for g in root.iter(SVG + "g") if g.get("class") == "sm-x-axis")
    shown = [t.text for t in axis.iter(SVG + "text")]
    assert shown[-1] == "24 Month 2026"
    assert 2 <= len(shown) < 24
    ticks = [line for line in axis.iter(SVG + "line") if line.get("class") == "sm-axis"]
    assert len(ticks) == 25  # the base line and a tick at every snapshot


def test_dashed_line_and_value_end_labels():
    root = _parse(_chart(Line("Other areas (19)", (5, 6, 7), "#777777", dashed=True), end_label="value"))
    line = next(root.iter(SVG + "polyline"))
    assert line.get("stroke-dasharray") == "7 5" and line.get("stroke") == "#777777"
    end = next(g for g in root.iter(SVG + "g") if g.get("class") == "sm-end-label")
    assert end.find(SVG + "text").text == "7"


def test_one_snapshot_is_drawn_in_the_middle():
    root = _parse(_chart(Line("Reach", (7,), PALETTE[1]), x=(5.0,), x_labels=("Nov 2026",)))
    point = next(c for c in root.iter(SVG + "circle"))
    assert 0 < float(point.get("cx")) < 720
    assert "One snapshot only, Nov 2026." in root.find(SVG + "desc").text


@pytest.mark.parametrize(("changes", "message"), [
    ({"key": "Reach Area"}, "key must be lower-case"),
    ({"x": (2.0, 1.0, 3.0)}, "ascending"),
    ({"x_labels": ("Jan",)}, "as long as each other"),
    ({"end_label": "legend"}, "end_label"),
])
def test_bad_charts_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        _chart(Line("Reach", (1, 2, 3), PALETTE[1]), **changes)


def test_a_line_must_have_a_value_per_snapshot():
    with pytest.raises(ValueError, match="has 2 values for 3 x positions"):
        _chart(Line("Reach", (1, 2), PALETTE[1]))


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 4, (0, 1, 2, 3, 4)),
    (0, 1_669_629, (0, 500_000, 1_000_000, 1_500_000, 2_000_000)),
    (204, 223, (200, 205, 210, 215, 220, 225)),  # the sample's accounts, Aug to Nov
    (5, 5, (5, 6)),
    (0, 0, (0, 1)),
])
def test_nice_ticks(low, high, expected):
    assert nice_ticks(low, high) == expected


def test_axis_number():
    assert [axis_number(v) for v in (0, 1234, 1_669_629.0, 2.5, 0.25)] == ["0", "1,234", "1,669,629", "2.5", "0.25"]
