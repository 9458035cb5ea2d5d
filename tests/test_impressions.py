"""Likely impressions (issue 20, item 2): OTV x a visibility factor, worked out by hand, with its factor and source."""

import pandas as pd
import pytest
from click.testing import CliRunner

from socialmap import build_map
from socialmap.cli import main
from socialmap.errors import SocialMapError
from socialmap.impressions import ANY, DEFAULT_VISIBILITY, Visibility, size_band, visibility_from
from socialmap.options import MapOptions

ACCOUNTS = pd.DataFrame({
    "id": ["@small", "@medium", "@large", "@tweets", "@unknown"],
    "platform": ["Facebook", "Facebook", "Facebook", "Twitter", "Twitter"],
    "followers": ["2000", "40000", "600000", "10000", ""],
    "posts_per_week": ["3", "", "7", "10", "5"],
})


def test_size_bands_and_the_default_factors():
    assert [size_band(f) for f in (0, 9_999, 10_000, 499_999, 500_000, None)] == [
        "small", "small", "medium", "medium", "large", ANY]
    assert DEFAULT_VISIBILITY.factor("Facebook", 2000) == 0.06
    assert DEFAULT_VISIBILITY.factor("TikTok", 499_999) == 0.06
    assert DEFAULT_VISIBILITY.factor("Facebook", 600_000) == 0.02


def test_factors_of_many_accounts_are_each_accounts_factor():
    """factors_of (worked out once per platform and band, for speed) gives what factor gives account by account."""
    visibility = Visibility((("Facebook", "small", 0.08), ("twitter", ANY, 0.03), (ANY, "large", 0.01)), "test")
    platforms = ["Facebook", " facebook ", "X", "Twitter/X", "TikTok", "", None, "Facebook", "X", "TikTok"]
    followers = [2000, 9_999, 600_000, None, 500_000, 10_000, 3, float("nan"), 0, None]
    expected = [visibility.factor(p, f) for p, f in zip(platforms, followers)]
    assert expected == [0.08, 0.08, 0.03, 0.03, 0.01, 0.06, 0.06, 0.06, 0.03, 0.06]
    assert visibility.factors_of(platforms, followers) == expected


def test_likely_impressions_by_hand():
    result = build_map(ACCOUNTS)
    # OTV: 2,000 x 3 = 6,000; 40,000 x 1 (no rate) = 40,000; 600,000 x 7 = 4,200,000; 10,000 x 10 = 100,000
    # likely: 6,000 x 6% = 360; 40,000 x 6% = 2,400; 4,200,000 x 2% = 84,000; 100,000 x 6% = 6,000
    figures = dict(zip(result.metrics["id"], result.metrics["likely_impressions"]))
    assert [figures[a] for a in ("@small", "@medium", "@large", "@tweets")] == [360, 2400, 84_000, 6000]
    assert pd.isna(figures["@unknown"])  # no follower count: unknown, not 0
    assert result.reach.weekly_otv == 4_346_000
    assert result.reach.likely_impressions == 92_760
    assert "Likely impressions a week (an estimate): 92,760 (opportunities to view x a visibility factor of 2% to 6%" \
        in result.reach.sentences()[2]


def test_one_factor_and_a_file_of_factors(tmp_path):
    one = build_map(ACCOUNTS, options=MapOptions(visibility=visibility_from("10%")))
    assert one.reach.likely_impressions == pytest.approx(434_600)
    assert "a visibility factor of 10%: one factor for every account, given with --visibility 10%" in \
        one.reach.sentences()[2]
    path = tmp_path / "visibility.csv"
    path.write_text("Platform,Size band,Factor\nX,*,0.5\nfacebook,large,1%\n", encoding="utf-8")  # X is Twitter
    factors = visibility_from(str(path), read=lambda name: open(name, "rb").read())
    mixed = build_map(ACCOUNTS, options=MapOptions(visibility=factors))
    # Facebook small and medium fall back to 6% (the file has no general row): 360 + 2,400; large 4,200,000 x 1%;
    # Twitter 100,000 x 50%
    assert mixed.reach.likely_impressions == pytest.approx(360 + 2400 + 42_000 + 50_000)
    assert "the factors in" in mixed.reach.sentences()[2] and "6% for accounts it does not cover" in \
        mixed.reach.sentences()[2]


def test_bad_visibility_file_names_every_bad_row(tmp_path):
    path = tmp_path / "visibility.csv"
    path.write_text("platform,size band,factor\nTwitter,huge,0.1\nFacebook,small,lots\nInstagram,*,2\n", encoding="utf-8")
    with pytest.raises(SocialMapError) as raised:
        visibility_from(str(path), read=lambda name: open(name, "rb").read())
    assert [(issue.row, issue.column) for issue in raised.value.issues] == [
        (2, "size band"), (3, "factor"), (4, "factor")]
    with pytest.raises(ValueError, match="between 0 and 1"):
        Visibility(((ANY, ANY, 1.5),), "typed")


def test_the_page_the_reach_file_and_the_cli_call_it_an_estimate(tmp_path):
    reach, out = tmp_path / "reach.csv", tmp_path / "map.html"
    accounts = tmp_path / "accounts.csv"
    ACCOUNTS.to_csv(accounts, index=False)
    result = CliRunner().invoke(main, ["build", str(accounts), "-o", str(out), "--reach", str(reach),
                                       "--visibility", "5%"])
    assert result.exit_code == 0, result.output
    assert "  Likely impressions a week (an estimate): 217,300 (opportunities to view x a visibility factor of 5%" \
        in result.output
    table = pd.read_csv(reach, encoding="utf-8-sig")
    facebook = table[(table["by"] == "platform") & (table["group"] == "Facebook")].iloc[0]
    assert int(facebook["likely_impressions"]) == 212_300  # (6,000 + 40,000 + 4,200,000) x 5%
    page = out.read_text(encoding="utf-8")
    assert "Likely impressions a week (estimate)" in page and "217,300" in page
    assert "Likely impressions are an estimate: weekly opportunities to view x a visibility factor" in page
    assert "Potential reach here is a sum of followers: an upper bound on reach, not reach" in page
    bad = CliRunner().invoke(main, ["build", str(accounts), "-o", str(out), "--visibility", str(tmp_path / "none.csv")])
    assert bad.exit_code == 2 and "cannot read the visibility file" in bad.output


def _factors(tmp_path, text: str):
    path = tmp_path / "visibility.csv"
    path.write_text(text, encoding="utf-8")
    return str(path), visibility_from(str(path), read=lambda name: open(name, "rb").read())


def test_a_visibility_row_for_a_platform_no_account_has_is_one_warning(tmp_path):
    name, factors = _factors(tmp_path, "platform,size band,factor\nFacebook,*,5%\nTikTok,small,8%\n*,*,4%\n")
    result = build_map(ACCOUNTS, options=MapOptions(visibility=factors))
    said = [str(issue) for issue in result.issues if name in str(issue)]
    assert said == [f'{name} row 3, column platform: no account is on "TikTok", so this row\'s factor is not used '
                    "(the accounts' platforms: Facebook, Twitter/X)"]
    assert not any(issue.is_error for issue in result.issues)


def test_several_unused_platform_rows_are_grouped_and_strict_stops_on_them(tmp_path):
    name, factors = _factors(tmp_path, "Platform,Size band,Factor\nThreads,*,3%\nX,*,0.5\nBluesky,large,1%\n"
                                       "Threads,small,4%\n")  # X is Twitter: used
    result = build_map(ACCOUNTS, options=MapOptions(visibility=factors))
    said = [str(issue) for issue in result.issues if name in str(issue)]
    assert said == [f'{name} column Platform: rows 2 ("Threads"), 4 ("Bluesky") and 5 ("Threads") name platforms no '
                    "account is on, so their factors are not used (the accounts' platforms: Facebook, Twitter/X)"]
    with pytest.raises(SocialMapError, match="Bluesky"):
        build_map(ACCOUNTS, options=MapOptions(visibility=factors, strict=True))


def test_cli_prints_the_unused_platform_warning_once(tmp_path):
    accounts, out = tmp_path / "accounts.csv", tmp_path / "map.html"
    ACCOUNTS.to_csv(accounts, index=False)
    name, _ = _factors(tmp_path, "platform,size band,factor\nTikTok,*,8%\nLinkedIn,*,2%\nFacebook,*,5%\n")
    result = CliRunner().invoke(main, ["build", str(accounts), "-o", str(out), "--visibility", name])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("TikTok") == 1 and result.stderr.count("LinkedIn") == 1
    assert f'{name} column platform: rows 2 ("TikTok") and 3 ("LinkedIn") name platforms no account is on' \
        in result.stderr


def test_a_factor_for_every_account_or_a_used_platform_warns_of_nothing(tmp_path):
    _, factors = _factors(tmp_path, "platform,size band,factor\nfacebook,*,5%\nTwitter,large,1%\n,small,3%\n")
    for visibility in (factors, visibility_from("5%"), DEFAULT_VISIBILITY):
        assert not build_map(ACCOUNTS, options=MapOptions(visibility=visibility)).issues
