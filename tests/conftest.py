import os
import shutil
import tempfile
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Reviews written by tests (and by the dashboard servers they start) never touch data/reviews.sqlite.
os.environ.setdefault("FIGCHECK_REVIEWS_DB", str(Path(tempfile.mkdtemp(prefix="figcheck-reviews-")) / "reviews.sqlite"))
# Nor does a log they cause (extract.workspace.run_log) go to data/workspace/.
os.environ.setdefault("FIGCHECK_WORKSPACE", tempfile.mkdtemp(prefix="figcheck-workspace-"))
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "articles" / "000_e6f7d8410eb97394.txt"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def require_browser() -> None:
    """Skip a browser test where no Chromium is installed, unless CI demands one."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("FIGCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail("FIGCHECK_REQUIRE_BROWSER=1 but /usr/bin/chromium is not installed")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")


def pytest_terminal_summary(terminalreporter) -> None:
    """After a run with property tests, say how many examples each ran (the soak mode's count)."""
    from fuzzing import EXAMPLES_PER_PROPERTY, EXAMPLES_RUN

    if not EXAMPLES_RUN:
        return
    terminalreporter.section(f"fuzzing: up to {EXAMPLES_PER_PROPERTY:,} examples per property")
    for name, count in sorted(EXAMPLES_RUN.items()):
        terminalreporter.write_line(f"{count:>8,}  {name}")
    terminalreporter.write_line(f"{sum(EXAMPLES_RUN.values()):>8,}  examples in all")
