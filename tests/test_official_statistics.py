"""Official statistics as reference data: files written here in each format the offices publish,
imported through the series mapping, and each deciding an article figure."""

import csv
import io
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest
from conftest import ROOT

from extract import Document, figures
from extract.checks.crosscheck import check_figures
from extract.checks.official_statistics import (
    detect_format,
    import_official,
    load_mapping,
    observation_period,
    official_reference_rows,
)
from extract.checks.reference_data import REFERENCE_COLUMNS, parse_reference

ONS_CSV = "\n".join([
    '"Title","CPI ANNUAL RATE 00: ALL ITEMS 2015=100"', '"CDID","D7G7"', '"Source dataset ID","MM23"',
    '"PreUnit",""', '"Unit","%"', '"Release date","19-11-2025"', '"Next release","17 December 2025"',
    '"Important notes",""', '"2024","2.5"', '"2025 Q3","3.8"', '"2025 SEP","3.8"', '"2025 OCT","3.6"', ""])
ONS_UNEMPLOYMENT = "\n".join([
    '"Title","Unemployment rate (aged 16 and over, seasonally adjusted): %"', '"CDID","MGSX"',
    '"Source dataset ID","LMS"', '"Release date","11-11-2025"', '"2025 AUG","4.8"', '"2025 SEP","5.0"', ""])
WORLD_BANK_JSON = json.dumps([
    {"page": 1, "pages": 1, "per_page": 50, "total": 3, "sourceid": "2", "lastupdated": "2025-10-07"},
    [{"indicator": {"id": "FP.CPI.TOTL.ZG", "value": "Inflation, consumer prices (annual %)"},
      "country": {"id": "DE", "value": "Germany"}, "countryiso3code": "DEU", "date": "2024", "value": 2.26,
      "unit": "", "obs_status": "", "decimal": 1},
     {"indicator": {"id": "FP.CPI.TOTL.ZG", "value": "Inflation, consumer prices (annual %)"},
      "country": {"id": "DE", "value": "Germany"}, "countryiso3code": "DEU", "date": "2023", "value": 5.95,
      "unit": "", "obs_status": "", "decimal": 1},
     {"indicator": {"id": "FP.CPI.TOTL.ZG", "value": "Inflation, consumer prices (annual %)"},
      "country": {"id": "DE", "value": "Germany"}, "countryiso3code": "DEU", "date": "2022", "value": None,
      "unit": "", "obs_status": "", "decimal": 1}]])
SDMX_CSV = "\n".join([
    "DATAFLOW,LAST UPDATE,freq,unit,coicop,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG",
    "ESTAT:PRC_HICP_MANR(1.0),17/10/25 11:00:00,M,RCH_A,CP00,FR,2025-08,0.8,",
    "ESTAT:PRC_HICP_MANR(1.0),17/10/25 11:00:00,M,RCH_A,CP00,FR,2025-09,1.1,",
    "ESTAT:PRC_HICP_MANR(1.0),17/10/25 11:00:00,M,RCH_A,CP01,FR,2025-09,1.7,",
    "ESTAT:PRC_HICP_MANR(1.0),17/10/25 11:00:00,M,RCH_A,CP00,EA20,2025-09,2.2,",
    ""])


@pytest.fixture(scope="module")
def mappings():
    found, errors = load_mapping()
    assert errors == []
    return found


def test_each_format_is_recognised():
    assert [detect_format(t) for t in (ONS_CSV, WORLD_BANK_JSON, SDMX_CSV, "id,measure\n", "")] == \
        ["ons", "worldbank", "sdmx", "", ""]


@pytest.mark.parametrize("label, months, expected", [
    ("2025-10", 1, ("2025-10-01", "2025-10-31")), ("2025 OCT", 1, ("2025-10-01", "2025-10-31")),
    ("2025-M02", 1, ("2025-02-01", "2025-02-28")), ("2025-Q3", 1, ("2025-07-01", "2025-09-30")),
    ("2025 Q3", 1, ("2025-07-01", "2025-09-30")), ("2024", 1, ("2024-01-01", "2024-12-31")),
    ("2025-S1", 1, ("2025-01-01", "2025-06-30")), ("2025 SEP", 3, ("2025-07-01", "2025-09-30")),
    ("2025 FEB", 3, ("2024-12-01", "2025-02-28")), ("2025-13", 1, None), ("last year", 1, None),
])
def test_period_labels(label, months, expected):
    period = observation_period(label, months)
    assert (None if period is None else (period[0].isoformat(), period[1].isoformat())) == expected


def test_ons_rows_in_the_reference_format(mappings):
    rows, errors = official_reference_rows(ONS_CSV, "d7g7.csv", mappings)
    assert errors == []
    assert list(rows.columns) == REFERENCE_COLUMNS
    assert rows.iloc[-1].to_dict() == {
        "id": "ons-d7g7-2025-oct", "measure": "inflation", "entity": "consumer prices (CPI)", "value": "3.6",
        "low": "", "high": "", "unit": "%", "period_start": "2025-10-01", "period_end": "2025-10-31",
        "geography": "United Kingdom", "source": "Office for National Statistics",
        "url": "https://www.ons.gov.uk/economy/inflationandpriceindices/timeseries/d7g7/mm23",
        "published": "2025-11-19"}


def test_world_bank_rows_take_the_country_and_skip_missing_values(mappings):
    rows, errors = official_reference_rows(WORLD_BANK_JSON, "wb.json", mappings)
    assert errors == []
    assert list(zip(rows["id"], rows["value"], rows["geography"], rows["period_start"], rows["published"],
                    strict=True)) == [
        ("worldbank-fp.cpi.totl.zg-de-2024", "2.26", "Germany", "2024-01-01", "2025-10-07"),
        ("worldbank-fp.cpi.totl.zg-de-2023", "5.95", "Germany", "2023-01-01", "2025-10-07")]


def test_sdmx_rows_follow_the_mappings_filter_and_name_the_place(mappings):
    rows, errors = official_reference_rows(SDMX_CSV, "hicp.csv", mappings)
    assert errors == []
    assert list(zip(rows["value"], rows["geography"], rows["period_end"], strict=True)) == [
        ("0.8", "France", "2025-08-31"), ("1.1", "France", "2025-09-30"), ("2.2", "Eurozone", "2025-09-30")]
    assert set(rows["source"]) == {"Eurostat"}


def test_unmapped_series_and_bad_values_are_reported_not_guessed(mappings):
    text = ONS_CSV.replace('"D7G7"', '"ZZZZ"')
    rows, errors = official_reference_rows(text, "other.csv", mappings)
    assert rows.empty
    assert [str(e) for e in errors] == [
        "other.csv:9: ons series 'ZZZZ' is not in the series mapping (add a row for it to a --mapping file)"]
    text = ONS_CSV.replace('"2025 OCT","3.6"', '"2025 OCT","three"').replace('"2024","2.5"', '"2024 XYZ","2.5"')
    rows, errors = official_reference_rows(text, "bad.csv", mappings)
    assert [str(e) for e in errors] == [
        "bad.csv:9: period '2024 XYZ' is not one figcheck reads (YYYY, YYYY-MM, YYYY-Qn, YYYY MON, YYYY-MM-DD)",
        "bad.csv:12: value 'three' is not a number"]
    assert list(rows["id"]) == ["ons-d7g7-2025-q3", "ons-d7g7-2025-sep"]
    assert [str(e) for e in official_reference_rows("[1, 2", "wb.json", mappings)[1]] == \
        ["wb.json: malformed JSON (Expecting ',' delimiter at line 1)"]
    assert [str(e) for e in import_official(b"\x00\x01binary", "x.bin", mappings)[1]] == \
        ["x.bin: binary file, not CSV or JSON text"]


def test_a_mapping_file_adds_series(tmp_path):
    mapping = tmp_path / "mine.csv"
    mapping.write_text("format,series,filter,measure,entity,unit,geography,scale,months,source,url\n"
                       "ons,ZZZZ,,house price,homes,GBP,United Kingdom,1,1,Office for National Statistics,\n"
                       "ons,BAD,,,homes,GBP,,1,1,ONS,\n", encoding="utf-8")
    found, errors = load_mapping([mapping])
    assert [str(e) for e in errors] == [f"{mapping}:3: measure is empty"]
    rows, errors = official_reference_rows(ONS_CSV.replace('"D7G7"', '"ZZZZ"'), "hpi.csv", found)
    assert errors == [] and set(rows["unit"]) == {"GBP"} and set(rows["url"]) == {""}


def _decide(article: Document, imported: pd.DataFrame) -> pd.Series:
    reference, problems = parse_reference(imported.to_csv(index=False), "imported.csv")
    assert problems == []
    return check_figures(figures([article]), reference).iloc[0]


def test_an_imported_ons_series_decides_a_uk_inflation_figure(mappings):
    rows, _ = import_official(ONS_CSV.encode(), "d7g7.csv", mappings)
    article = Document(doc_id="paper", date="2025-11-19",
                       text="Inflation in the UK dropped to 3.4% in October, the Office for National Statistics said.")
    row = _decide(article, rows)
    assert (row["verdict"], row["check"], row["evidence"]) == ("conflict", "reference", "ons-d7g7-2025-oct")
    assert row["verdict_reason"] == (
        "states 3.4% (Inflation in the UK), October 2025; Office for National Statistics reported 3.6% "
        "(inflation, consumer prices (CPI)), October 2025")


def test_an_imported_ons_rolling_series_decides_july_to_september(mappings):
    rows, _ = import_official(ONS_UNEMPLOYMENT.encode(), "mgsx.csv", mappings)
    article = Document(doc_id="paper", date="2025-11-11",
                       text="The UK unemployment rate was 5% between July and September, the ONS said.")
    row = _decide(article, rows)
    assert (row["verdict"], row["check"], row["evidence"]) == ("consistent", "reference", "ons-mgsx-2025-sep")


def test_an_imported_world_bank_series_decides_german_inflation(mappings):
    rows, _ = import_official(WORLD_BANK_JSON.encode(), "wb.json", mappings)
    article = Document(doc_id="paper", date="2025-02-01",
                       text="Consumer price inflation in Germany averaged 2.3% in 2024, the World Bank said.")
    row = _decide(article, rows)
    assert (row["verdict"], row["check"], row["evidence"]) == ("consistent", "reference",
                                                               "worldbank-fp.cpi.totl.zg-de-2024")


def test_an_imported_sdmx_series_decides_french_inflation_and_not_the_eurozone(mappings):
    rows, _ = import_official(SDMX_CSV.encode(), "hicp.csv", mappings)
    article = Document(doc_id="paper", date="2025-10-20",
                       text="Inflation in France rose to 1.5% in September, according to Eurostat.")
    checked = check_figures(figures([article]), parse_reference(rows.to_csv(index=False), "x")[0]).iloc[0]
    assert (checked["verdict"], checked["check"], checked["evidence"]) == \
        ("conflict", "reference", "sdmx-prc_hicp_manr-m-rch_a-cp00-fr-2025-09")


class _Handler(BaseHTTPRequestHandler):
    files = {"/d7g7.csv": (ONS_CSV.encode(), "text/csv"), "/wb.json": (WORLD_BANK_JSON.encode(), "application/json"),
             "/hicp.csv": (SDMX_CSV.encode(), "application/vnd.sdmx.data+csv")}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        body, content_type = self.files.get(self.path, (b"not here", "text/plain"))
        self.send_response(200 if self.path in self.files else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _cli(*args, env_private=True):
    env = {"PATH": "/usr/bin:/bin", "FIGCHECK_FETCH_PRIVATE": "1" if env_private else "0"}
    return subprocess.run([sys.executable, "-m", "extract", "reference", "import", *args], cwd=ROOT,
                          capture_output=True, timeout=120, env=env)


def test_the_cli_imports_each_format_from_a_local_server_with_its_url(server, tmp_path):
    for path, expected_rows in (("/d7g7.csv", 4), ("/wb.json", 2), ("/hicp.csv", 3)):
        out = tmp_path / f"{path.strip('/')}.reference.csv"
        result = _cli(server + path, "-o", str(out))
        assert result.returncode == 0, result.stderr
        rows = pd.read_csv(out, keep_default_na=False, dtype=str)
        assert list(rows.columns) == REFERENCE_COLUMNS and len(rows) == expected_rows
        assert set(rows["url"]) == {server + path}
        assert parse_reference(out.read_text(encoding="utf-8"), str(out))[1] == []


def test_the_cli_refuses_a_local_address_unless_allowed_and_reports_a_404(server):
    refused = _cli(server + "/d7g7.csv", env_private=False)
    assert refused.returncode == 1
    assert "private or local address" in refused.stderr.decode()
    missing = _cli(server + "/absent.csv")
    assert (missing.returncode, missing.stderr.decode().strip()) == \
        (1, f"figcheck: {server}/absent.csv: HTTP error 404 Not Found")


def test_the_cli_reads_a_file_and_a_mapping(tmp_path):
    published = tmp_path / "mgsx.csv"
    published.write_text(ONS_UNEMPLOYMENT, encoding="utf-8")
    result = _cli(str(published))
    assert result.returncode == 0, result.stderr
    rows = pd.read_csv(io.BytesIO(result.stdout), keep_default_na=False, dtype=str)
    assert list(rows["period_start"]) == ["2025-06-01", "2025-07-01"]
    assert list(rows["value"]) == ["4.8", "5"]
    absent = _cli(str(tmp_path / "absent.csv"))
    assert (absent.returncode, absent.stderr.decode().strip()) == \
        (1, f"figcheck: {tmp_path / 'absent.csv'}: no such file")


def test_hostile_files_are_reported_not_raised(mappings):
    deep = "[" * 100_000 + "]" * 100_000
    assert [str(e) for e in official_reference_rows(deep, "deep.json", mappings)[1]] == \
        ["deep.json: malformed JSON (nested too deeply)"]
    limit = csv.field_size_limit()
    huge_field = "DATAFLOW,TIME_PERIOD,OBS_VALUE\nX," + "9" * (limit + 1) + ",1\n"
    assert [str(e) for e in official_reference_rows(huge_field, "big.csv", mappings)[1]] == \
        [f"big.csv: malformed CSV (field larger than field limit ({limit}))"]
    formula = ONS_CSV.replace('"D7G7"', '"=HYPERLINK(1)"')
    rows, errors = official_reference_rows(formula, "f.csv", mappings)
    assert rows.empty and "'=HYPERLINK(1)' is not in the series mapping" in str(errors[0])


def test_the_cli_refuses_a_device_and_a_directory_without_hanging(tmp_path):
    device = _cli("/dev/zero")
    assert device.returncode == 1 and device.stderr.decode().startswith("figcheck: /dev/zero: ")
    folder = _cli(str(tmp_path))
    assert folder.returncode == 1 and folder.stderr.decode().startswith(f"figcheck: {tmp_path}: ")
