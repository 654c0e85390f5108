"""Reference data: the bundled published facts, and validation of reference files row by row."""

import pytest

from extract.checks.reference_data import (
    BUNDLED_REFERENCE,
    REFERENCE_COLUMNS,
    load_reference,
    load_reference_bytes,
    load_references,
)

HEADER = ",".join(REFERENCE_COLUMNS) + "\n"
GOOD = "good-1,killed,civilians,968,,,civilian,2024-12-01,2025-05-31,Ukraine,OHCHR,https://example.org/r,2025-06-30\n"


def test_bundled_reference_holds_the_issues_facts_each_with_a_source_and_url():
    table, errors = load_reference()
    assert errors == []
    facts = {row.id: (row.value, row.unit, row.measure, row.period_start, row.period_end) for row in table.itertuples()}
    assert facts["ohchr-2025-06-killed"] == (968.0, "civilian", "killed", "2024-12-01", "2025-05-31")
    assert facts["ohchr-2025-06-injured"][0] == 4807.0
    assert facts["ohchr-2025-06-casualties-rise"][:2] == (37.0, "%")
    assert facts["hrmmu-2025-h1-casualties"] == (6754.0, "civilian", "killed or injured", "2025-01-01", "2025-06-30")
    assert facts["hrmmu-2025-h1-casualties-rise"][0] == 54.0
    assert facts["hrmmu-2024-h1-casualties"][0] == 4381.0
    assert (facts["hrmmu-2025-06-killed"][0], facts["hrmmu-2025-06-injured"][0]) == (232.0, 1343.0)
    assert [facts[f"hrmmu-cumulative-2025-06-{k}"][0] for k in ("killed", "children-killed", "injured", "children-injured")] \
        == [13580.0, 716.0, 34115.0, 2173.0]
    assert facts["price-cap-2022-12-crude"] == (60.0, "USD/barrel", "price cap", "2022-12-05", "")
    assert facts["kse-2024-10-tanker-spending"][:2] == (1e10, "USD")
    assert facts["kse-2024-10-shadow-share"][:2] == (70.0, "%")
    assert facts["kse-2024-06-shadow-volume"][:2] == (4.1e6, "barrel/day")
    assert len(table) == 16
    assert table["source"].str.len().min() > 0 and table["url"].str.startswith("https://").all()


def test_units_normalise_like_the_engines():
    table, _ = load_reference()
    by_id = table.set_index("id")
    volume = by_id.loc["kse-2024-06-shadow-volume"]
    assert (volume["dimension"], volume["norm_unit"]) == ("volume", "L/s")
    assert volume["value"] * volume["norm_scale"] == pytest.approx(7544.5, abs=0.1)  # 4.1m oil barrels a day
    assert tuple(by_id.loc["price-cap-2022-12-crude", ["dimension", "norm_unit"]]) == ("currency", "USD/barrel")
    assert tuple(by_id.loc["ohchr-2025-06-killed", ["dimension", "norm_unit"]]) == ("count", "civilian")


def test_bad_rows_are_reported_with_file_and_line_and_good_rows_kept(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + GOOD
                    + "bad-value,killed,civilians,lots,,,civilian,,,,OHCHR,,\n"
                    + "bad-order,killed,civilians,10,20,30,civilian,,,,OHCHR,,\n"
                    + "bad-dates,killed,civilians,10,,,civilian,2025-06-01,2025-01-01,,OHCHR,,2025-13-01\n"
                    + "bad-unit,killed,civilians,10,,,km²,,,,OHCHR,ftp://x,\n"
                    + ",killed,civilians,10,,,civilian,,,,,,\n"
                    + "good-1,injured,civilians,4807,,,civilian,,,,OHCHR,,\n"
                    + "short,row\n"
                    + "good-2,price cap,crude oil,60,,,USD/barrel,2022-12-05,,,G7,,2022-12\n", encoding="utf-8")
    table, errors = load_reference(path)
    assert table["id"].tolist() == ["good-1", "good-2"]
    assert [str(e) for e in errors] == [
        f"{path}:3: value 'lots' is not a number",
        f"{path}:4: low 20, value 10 and high 30 are not in order",
        f"{path}:5: period_end 2025-01-01 is before period_start 2025-06-01; "
        f"published '2025-13-01' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{path}:6: unit 'km²' is not one figcheck reads (write it as the figures table does, e.g. 'civilian', "
        f"'%', 'USD', 'USD/barrel', 'barrel/day'); url 'ftp://x' is not an http(s) address",
        f"{path}:7: id is empty; source is empty",
        f"{path}:8: id 'good-1' already used on line 2",
        f"{path}:9: 2 cells, expected 13",
    ]
    assert (table.iloc[1]["period_end"], table.iloc[1]["published"]) == ("", "2022-12")


def test_whole_file_problems(tmp_path):
    missing = tmp_path / "missing.csv"
    table, errors = load_reference(missing)
    assert table.empty and [str(e) for e in errors] == [f"{missing}: no such file"]
    table, errors = load_reference_bytes(b"id,measure\nx,y\n", "upload.csv")
    assert [str(e) for e in errors] == ["upload.csv:1: missing columns entity, value, low, high, unit, period_start, "
                                        "period_end, geography, source, url, published"]
    table, errors = load_reference_bytes(b"id,\xff", "latin.csv")
    assert [str(e) for e in errors] == ["latin.csv: not UTF-8 text (invalid byte at offset 3)"]
    table, errors = load_reference_bytes(b"", "empty.csv")
    assert [str(e) for e in errors] == ["empty.csv: empty file, expected a header row"]


def test_several_files_combine_and_a_reused_id_is_reported(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + GOOD.replace("good-1", "ohchr-2025-06-killed") + GOOD, encoding="utf-8")
    table, errors = load_references([mine])
    assert len(table) == 17 and "good-1" in table["id"].tolist()
    assert [str(e) for e in errors] == [f"{mine}:2: id 'ohchr-2025-06-killed' already used at {BUNDLED_REFERENCE}:2"]
    only_mine, errors = load_references([mine], bundled=False)
    assert only_mine["id"].tolist() == ["ohchr-2025-06-killed", "good-1"] and errors == []


def test_a_stray_quote_loses_only_its_own_row(tmp_path):
    header = "id,measure,entity,value,low,high,unit,period_start,period_end,geography,source,url,published\n"
    rows = [f"r{i},killed,civilians,{100 + i},,,civilian,,,,UN,https://un.example/{i},2025-01-01\n" for i in range(1, 6)]
    rows[1] = 'r2,killed,"civilians,102,,,civilian,,,,UN,https://un.example/2,2025-01-01\n'
    path = tmp_path / "ref.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    frame, errors = load_reference(path)
    assert frame["id"].tolist() == ["r1", "r3", "r4", "r5"]
    assert [str(e) for e in errors] == [
        f"{path}:3: unbalanced quote: a quoted cell in this record never closes; the record is skipped"]
