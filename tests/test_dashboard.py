"""The dashboard opens on the bundled article and filters by source (Streamlit AppTest)."""

from streamlit.testing.v1 import AppTest

from conftest import ROOT


def test_starts_with_the_bundled_figures_and_filters_by_source():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert len(table) == 18 and "United Nations" in table["source"].tolist()
    at.multiselect(key="source").select("United Nations").run()
    filtered = at.dataframe[0].value
    assert filtered["surface"].tolist() == ["More than 6700"]
    assert at.metric[0].value == "1"
