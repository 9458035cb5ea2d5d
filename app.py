"""socialmap in the browser: upload a spreadsheet, look at the map, download it.

Thin by design: widgets -> MapOptions -> one pipeline call -> the same page
the CLI writes. All analysis lives in the socialmap package.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from socialmap import InputFile, MapOptions, SocialMapError, build_map
from socialmap.export import table_csv

SAMPLE = Path(__file__).parent / "mapdata"
SAMPLE_TITLE = "Derby and Derbyshire social media map (invented sample)"

st.set_page_config(page_title="socialmap", layout="wide")


@st.cache_data(show_spinner="Building the map…", max_entries=8)
def cached_map(accounts: InputFile, relationships: InputFile | None, options: MapOptions):
    """The pipeline, cached on file contents and options; errors come back as rows."""
    try:
        result = build_map(accounts, relationships, options=options)
    except SocialMapError as error:
        return None, [issue.as_row() for issue in error.issues]
    return result, [issue.as_row() for issue in result.issues]


def uploaded(widget) -> InputFile | None:
    return InputFile(widget.name, widget.getvalue()) if widget is not None else None


with st.sidebar:
    st.header("Your data")
    accounts_upload = st.file_uploader("Accounts (CSV or Excel)", type=["csv", "txt", "tsv", "xlsx"], key="accounts")
    relationships_upload = st.file_uploader(
        "Relationships (optional)", type=["csv", "txt", "tsv", "xlsx"], key="relationships"
    )
    using_sample = accounts_upload is None
    title = st.text_input("Title", value=SAMPLE_TITLE if using_sample else "Social media map", key="title")
    seed = st.number_input("Seed (same seed, same map)", min_value=0, value=42, step=1, key="seed")
    strict = st.checkbox("Stop on warnings", value=False, key="strict")

if using_sample:
    accounts = InputFile("accounts.csv", (SAMPLE / "accounts.csv").read_bytes())
    relationships = InputFile("relationships.csv", (SAMPLE / "relationships.csv").read_bytes())
    st.info("Showing the invented Derby and Derbyshire sample. Upload your own spreadsheet in the sidebar.")
else:
    accounts, relationships = uploaded(accounts_upload), uploaded(relationships_upload)

result, problems = cached_map(accounts, relationships, MapOptions(title=title, seed=int(seed), strict=strict))

if result is None:
    st.error(f"{len(problems)} problem(s) in the files: no map was made. Fix them and upload again.")
    st.dataframe(problems, use_container_width=True, hide_index=True)
    st.stop()

reach = result.reach
columns = st.columns(4)
columns[0].metric("Accounts", f"{reach.accounts:,}")
columns[1].metric("Platforms", f"{reach.platforms:,}")
columns[2].metric("Potential reach (followers)", f"{reach.potential_reach:,.0f}")
columns[3].metric("Weekly opportunities to view", f"{reach.weekly_otv:,.0f}")
st.iframe(result.html, height=720)
if problems:
    with st.expander(f"{len(problems)} warning(s) while loading"):
        st.dataframe(problems, use_container_width=True, hide_index=True)

downloads = st.columns(2)
downloads[0].download_button("Download the map (HTML)", result.html, file_name="map.html", mime="text/html", key="get_html")
downloads[1].download_button(
    "Download figures (CSV)", table_csv(result.metrics), file_name="metrics.csv", mime="text/csv", key="get_metrics"
)
