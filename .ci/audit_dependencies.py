"""Known vulnerabilities in the installed (locked) dependencies, with pip-audit; never a silent pass.

pip-audit asks PyPI's JSON API about each package. Where that API cannot be reached (a machine that
reaches only a package mirror) it marks every package "could not be audited" and still says
"No known vulnerabilities found" with exit status 0. This script reads its JSON report instead:

  exit 0  every package audited, none with a known vulnerability
  exit 1  a known vulnerability (each listed), or pip-audit itself failed
  exit 3  NOT AUDITED: some or all packages could not be audited (listed, with the reason)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

NOT_AUDITED = 3


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        report_path = Path(scratch) / "audit.json"
        run = subprocess.run([sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json",
                              "--output", str(report_path)], capture_output=True, text=True)
        if not report_path.exists():
            print(f"dependency audit FAILED: pip-audit exited {run.returncode} without a report\n{run.stderr}",
                  file=sys.stderr)
            return 1
        report = json.loads(report_path.read_text(encoding="utf-8"))
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version"
            print(f"VULNERABLE: {dependency['name']} {dependency.get('version', '')}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        print(f"dependency audit FAILED: {len(vulnerable)} package(s) with known vulnerabilities", file=sys.stderr)
        return 1
    if unaudited:
        banner = "!" * 78
        print(banner, file=sys.stderr)
        print(f"NOT AUDITED: {len(unaudited)} of {len(dependencies)} installed packages could not be audited; "
              "nothing is known about their vulnerabilities.", file=sys.stderr)
        print(f"  first reason: {unaudited[0]['skip_reason']}", file=sys.stderr)
        print("  (pip-audit needs PyPI's JSON API, https://pypi.org/pypi/NAME/json, or another vulnerability "
              "service: see `pip-audit --help`, --vulnerability-service)", file=sys.stderr)
        print(banner, file=sys.stderr)
        return NOT_AUDITED
    print(f"dependency audit passed: {len(dependencies)} packages audited, no known vulnerabilities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
