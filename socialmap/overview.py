"""The overview a large map opens on: one node per community, where its accounts are.

A page cannot draw 100,000 accounts and 800,000 links in two seconds, so
above :data:`OVERVIEW_ABOVE` accounts it first draws one node per community
instead, and the reader double-clicks a community to see its accounts. Each
community node sits at the centroid of its accounts' precomputed positions,
so its accounts appear around it, in place. Links between communities add
up the links (both ways) between their accounts.

Plain numpy over columns (community numbers, positions, link end indices):
no Python loop over accounts or links.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["OVERVIEW_ABOVE", "CommunityOverview", "community_overview", "community_links", "largest_accounts",
           "main_group"]

OVERVIEW_ABOVE = 20_000  # accounts: above this the page opens on the overview


@dataclass(frozen=True)
class CommunityOverview:
    """Per community that has accounts (in community order): where, how big, and the links between them.

    ``community`` holds the community numbers; the other per-community
    arrays follow it. ``links`` are (a, b, weight) arrays of community
    numbers with a < b. ``followers`` adds up the counts known; ``known``
    says of how many accounts (0: the reach is unknown, never 0 followers).
    """

    community: np.ndarray
    x: np.ndarray
    y: np.ndarray
    accounts: np.ndarray
    followers: np.ndarray
    links: tuple[np.ndarray, np.ndarray, np.ndarray]
    known: np.ndarray  # accounts with a follower count: where none has, the reach is unknown, not 0


def community_overview(
    community: np.ndarray, x: np.ndarray, y: np.ndarray, followers: np.ndarray,
    sources: np.ndarray, targets: np.ndarray, weights: np.ndarray, *, communities: int,
) -> CommunityOverview:
    """Centroids, sizes, reach and summed links of the communities of a laid-out map.

    Parameters
    ----------
    community : int array, the community number of each account (0 .. communities - 1)
    x, y : the accounts' positions
    followers : float array, NaN where unknown (adds nothing to the reach)
    sources, targets, weights : the links, as account indices and weights
    communities : how many community numbers there are (some may have no accounts)

    Examples
    --------
    >>> o = community_overview(np.array([0, 0, 1]), np.array([0., 2., 9.]), np.array([0., 0., 1.]),
    ...                        np.array([10., np.nan, 5.]), np.array([0, 1]), np.array([1, 2]),
    ...                        np.array([1., 2.]), communities=2)
    >>> o.x.tolist(), o.accounts.tolist(), o.followers.tolist(), [w.tolist() for w in o.links], o.known.tolist()
    ([1.0, 9.0], [2, 1], [10.0, 5.0], [[0], [1], [2.0]], [1, 1])
    """
    counts = np.bincount(community, minlength=communities)
    present = np.flatnonzero(counts)
    shared = np.maximum(counts, 1)
    cx = np.bincount(community, weights=x, minlength=communities) / shared
    cy = np.bincount(community, weights=y, minlength=communities) / shared
    reach = np.bincount(community, weights=np.nan_to_num(followers, nan=0.0), minlength=communities)
    known = np.bincount(community, weights=~np.isnan(followers), minlength=communities).astype(np.int64)
    return CommunityOverview(
        present, cx[present], cy[present], counts[present], reach[present],
        community_links(community, sources, targets, weights, communities=communities), known[present],
    )


def community_links(
    community: np.ndarray, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray, *, communities: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(a, b, weight) per pair of linked communities, a < b: links inside a community are left out,
    and links each way between two communities add up (one line drawn per pair)."""
    a, b = community[sources], community[targets]
    between = a != b
    low, high = np.minimum(a, b)[between], np.maximum(a, b)[between]
    pairs, inverse = np.unique(low.astype(np.int64) * communities + high, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=weights[between], minlength=len(pairs))
    return pairs // communities, pairs % communities, summed


def largest_accounts(community: np.ndarray, importance: np.ndarray, *, communities: int, per: int = 3
                     ) -> list[list[int]]:
    """Each community's ``per`` most important accounts (indices; ``importance``: smaller first, ties by index)."""
    order = np.lexsort((np.arange(len(community)), importance, community))
    ranked = community[order]
    starts = np.searchsorted(ranked, np.arange(communities))
    rank = np.arange(len(order)) - starts[ranked]
    top = order[rank < per]
    groups: list[list[int]] = [[] for _ in range(communities)]
    for number, index in zip(community[top].tolist(), top.tolist()):
        groups[number].append(index)
    return groups


def main_group(community: np.ndarray, group: np.ndarray, *, communities: int, groups: int) -> np.ndarray:
    """Per community, the colour group most of its accounts are in (ties: the first group)."""
    table = np.bincount(community.astype(np.int64) * groups + group, minlength=communities * groups)
    return table.reshape(communities, groups).argmax(axis=1)
