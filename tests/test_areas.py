"""The areas table: centroids and populations, with problems named by row (issue 6)."""

import pytest

from socialmap import SocialMapError
from socialmap.areas import read_areas
from tests.conftest import DATA, ROOT


def test_sample_areas_read_with_numbers():
    areas = read_areas(ROOT / "socialmap" / "sample" / "areas.csv")
    assert list(areas.columns) == ["area", "lat", "lon", "population"]
    derby = areas.set_index("area").loc["Derby"]
    assert 52.8 < derby["lat"] < 53.0 and -1.6 < derby["lon"] < -1.3 and derby["population"] > 100_000


def test_bad_cells_are_named_by_their_spreadsheet_row_under_a_title():
    with pytest.raises(SocialMapError) as caught:
        read_areas(DATA / "areas_with_title.csv")
    assert [str(issue) for issue in caught.value.issues] == [
        'areas_with_title.csv row 4, column lat: "95" is above the largest allowed value, 90',
        'areas_with_title.csv row 4, column population: "abc" is not a number',
    ]


def test_no_area_column(write_csv):
    with pytest.raises(SocialMapError, match='no area column \\(columns found: "town", "lat"\\)'):
        read_areas(write_csv("a.csv", "town,lat\nDerby,52.9\n"))
