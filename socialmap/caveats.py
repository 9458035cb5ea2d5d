"""What the reach figures are and are not, in the measurement standards' words: one place for every page.

The #SMMStandards and AMEC's Barcelona Principles 3.0 keep "reach" for unique
people and "impressions" for times shown. Potential reach (a sum of
followers) and opportunities to view (followers x posts a week) are neither,
so the map, change and trend pages, their posters and slides, the app and the
commands all say so in these words, imported, never retyped.
"""

from __future__ import annotations

__all__ = ["UPPER_BOUND", "POSSIBLE_IMPRESSIONS", "REACH_CAVEAT", "OUTCOME_CAVEAT"]

UPPER_BOUND = "an upper bound on reach, not reach"
POSSIBLE_IMPRESSIONS = "possible impressions, not people"
REACH_CAVEAT = (
    "Reach counts unique people; impressions count times a post is shown. Potential reach here is a sum of "
    f"followers: {UPPER_BOUND}, because audiences overlap. Opportunities to view "
    f"(followers x posts a week) count {POSSIBLE_IMPRESSIONS}."
)
OUTCOME_CAVEAT = "Reach and opportunities to view are outputs, not outcomes: they say who could see a post, not who did."
