"""Layout: finite, deterministic, no accounts on top of each other, communities apart (issue 4)."""

import math

import numpy as np
import pytest

from socialmap.community import detect_communities
from socialmap.graph import build_graph
from socialmap.layout import NODE_SPACING, community_layout
from socialmap.pipeline import load_tables
from tests.conftest import SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS
from tests.networks import NETWORKS, as_tables


def _laid_out(accounts, relationships=None, seed=42):
    tables = load_tables(accounts, relationships)
    G = build_graph(tables.accounts, tables.relationships)
    partition = detect_communities(G, seed=seed)
    return G, partition, community_layout(G, partition, seed=seed)


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_every_account_gets_a_finite_position_of_its_own(name):
    G, _, positions = _laid_out(*as_tables(NETWORKS[name]()))
    assert set(positions) == set(G)
    points = np.array(list(positions.values()))
    assert np.isfinite(points).all()
    gaps = np.sqrt(((points[:, None] - points[None]) ** 2).sum(axis=2)) + np.eye(len(points)) * 1e9
    assert gaps.min() > 1.0


def test_same_seed_same_positions():
    assert _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)[2] == _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)[2]


def test_communities_are_visibly_apart():
    """Each community's accounts sit closer to their own centre than to any other community's."""
    G, partition, positions = _laid_out(SAMPLE_ACCOUNTS, SAMPLE_RELATIONSHIPS)
    groups = [np.array([positions[n] for n in members]) for members in partition.groups()]
    centres = np.array([group.mean(axis=0) for group in groups])
    for number, group in enumerate(groups):
        distances = np.sqrt(((group[:, None, :] - centres[None]) ** 2).sum(axis=2))
        assert (distances.argmin(axis=1) == number).mean() >= 0.95


def test_accounts_without_relationships_are_spread_not_stacked():
    G, _, positions = _laid_out(SAMPLE_ACCOUNTS)
    points = np.array(list(positions.values()))
    gaps = np.sqrt(((points[:, None] - points[None]) ** 2).sum(axis=2)) + np.eye(len(points)) * 1e9
    assert gaps.min() >= NODE_SPACING / 2
    assert math.isclose(points.mean(axis=0)[0], 0, abs_tol=NODE_SPACING * 5)
