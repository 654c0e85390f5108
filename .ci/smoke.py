"""Import-and-smoke test for a Python the full suite does not run on (CI runs it on 3.13).

Every module of `extract` imports; the library reads one sentence exactly; the command line
extracts and cross-checks the bundled sample article, as the README's commands do.
"""

from __future__ import annotations

import csv
import importlib
import io
import math
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # figcheck is a checkout, not an installed package (as for `python -m extract`)

import extract  # noqa: E402 - needs the line above


def main() -> int:
    modules = [info.name for info in pkgutil.walk_packages(extract.__path__, "extract.")
               if not info.name.endswith(".__main__")]  # that one runs the command line
    for name in modules:
        importlib.import_module(name)

    table = extract.figures("More than 6700 Ukrainian civilians have been killed, according to the United Nations.")
    row = table.iloc[0]
    read = (len(table), row["surface"], row["value"], row["low"], row["qualifier"], row["entity"], row["source"])
    expected = (1, "More than 6700", 6700.0, 6700.0, "lower", "Ukrainian civilians", "United Nations")
    if read != expected or not math.isinf(row["high"]):
        print(f"smoke: the sentence read as {read}, high={row['high']}; expected {expected}, high=inf", file=sys.stderr)
        return 1

    articles = sorted((ROOT / "data" / "articles").glob("*.txt"))
    run = subprocess.run([sys.executable, "-m", "extract", "check", *map(str, articles)], cwd=ROOT,
                         capture_output=True, timeout=600)
    rows = list(csv.DictReader(io.StringIO(run.stdout.decode("utf-8"))))
    verdicts = {r["verdict"] for r in rows}
    if run.returncode != 0 or len(rows) < 10 or not verdicts <= {"consistent", "conflict", "unverified"} \
            or "consistent" not in verdicts:
        print(f"smoke: `python -m extract check` exited {run.returncode} with {len(rows)} rows, verdicts "
              f"{sorted(verdicts)}:\n{run.stderr.decode('utf-8', 'replace')}", file=sys.stderr)
        return 1
    print(f"smoke test passed on Python {sys.version.split()[0]}: {len(modules)} modules imported, "
          f"{len(rows)} figures checked in the sample ({', '.join(sorted(verdicts))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
