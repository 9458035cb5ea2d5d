"""Colour and size: one resolver each, tested on their own (issue 6)."""

import math

import pandas as pd
import pytest

from socialmap import MapOptions, SocialMapError, build_map
from socialmap.channels import OTHER_COLOUR, PALETTE, resolve_colour, resolve_size
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS


@pytest.fixture(scope="module")
def sample():
    return build_map(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)


def test_auto_colour_is_community_with_links_and_category_without(sample):
    assert resolve_colour(sample.graph, sample.partition).description.startswith("Colour: community")
    alone = build_map(SAMPLE_ACCOUNTS)
    assert resolve_colour(alone.graph, alone.partition).description == "Colour: category."


def test_colour_by_platform_most_common_first_with_counts(sample):
    channel = resolve_colour(sample.graph, sample.partition, "platform")
    counts = pd.Series([d["platform"] for _, d in sample.graph.nodes(data=True)]).value_counts()
    platforms = sorted(counts.items(), key=lambda item: (-item[1], item[0]))  # ties by name
    assert [(e["label"], e["count"]) for e in channel.legend] == platforms
    assert [e["color"] for e in channel.legend] == list(PALETTE[: len(platforms)])


def test_past_the_palette_values_share_one_grey():
    accounts = pd.DataFrame({"id": [f"a{i}" for i in range(12)], "area": [f"Ward {i}" for i in range(12)]})
    result = build_map(accounts)
    channel = resolve_colour(result.graph, result.partition, "area")
    assert len(channel.legend) == len(PALETTE) + 1
    assert channel.legend[-1] == {"label": "Other area (3)", "color": OTHER_COLOUR, "count": 3}


def test_colour_and_size_by_extra_columns():
    accounts = pd.DataFrame({"id": ["a", "b", "c"], "Team": ["Comms", "Comms", ""], "Budget": ["1,000", "", "50"]})
    result = build_map(accounts, options=MapOptions(colour_by="team", size_by="budget"))
    channel = resolve_colour(result.graph, result.partition, "Team")
    assert [(e["label"], e["count"]) for e in channel.legend] == [("Comms", 2), ("Not given", 1)]
    size = resolve_size(result.graph, result.metrics, "Budget")
    assert size.value == {"a": 1000.0, "b": 50.0, "c": 50.0}  # unknown draws as the smallest
    assert "Budget" in size.description


def test_followers_size_is_log_scaled(sample):
    size = resolve_size(sample.graph, sample.metrics, "followers")
    node = next(n for n, d in sample.graph.nodes(data=True) if d["followers"])
    assert math.isclose(size.value[node], math.log10(1 + sample.graph.nodes[node]["followers"]), abs_tol=1e-6)
    assert "log scale" in size.description


def test_unknown_column_names_the_choices(sample):
    with pytest.raises(SocialMapError, match="cannot colour by 'mood': choose one of community, area, platform, category"):
        build_map(SAMPLE_ACCOUNTS, options=MapOptions(colour_by="mood"))
    with pytest.raises(SocialMapError, match="cannot size by 'area': choose one of followers, weekly_otv"):
        build_map(SAMPLE_ACCOUNTS, options=MapOptions(size_by="area"))
