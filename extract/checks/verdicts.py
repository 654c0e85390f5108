"""One verdict per figure, from its matches and its article's arithmetic, with a reason to read.

The rules, in order (README, "Cross-checking"):

1. Reference rows outrank everything: if a figure matches any, it is *consistent* when its
   interval overlaps at least one of them, else a *conflict*.
2. Otherwise an arithmetic conflict inside its own article makes it a *conflict*.
3. Otherwise other articles' figures that match it decide: a *conflict* if any disagrees,
   *consistent* if all agree.
4. Otherwise an arithmetic check it passed makes it *consistent*.
5. Nothing to compare with: *unverified* (the reason names the closest related evidence, so
   the reviewer sees "6,754 killed or injured" beside "more than 6,700 killed").

`verdict` keeps these three values (the dashboard's filter and the review store use them);
`check` says which check decided it (reference, corpus — another article — or arithmetic), and
`verdict_label` says in a few words what was found, so that a figure that merely adds up inside
its own article reads "adds up" or "within its total", never as if it had been verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the constants below are read by rooms that never cross-check
    from extract.checks.arithmetic import ArithmeticFinding
    from extract.checks.matching import CorpusTally, Match

VERDICTS = ("consistent", "conflict", "unverified")
CHECKS = ("reference", "corpus", "arithmetic")
VERDICT_COLUMNS = ["verdict", "verdict_reason", "evidence", "check", "verdict_label"]
EVIDENCE_SEPARATOR = "; "
# What an arithmetic finding says, by its rule and verdict: a pass is what it is, not "consistent".
ARITHMETIC_LABELS = {
    ("sum", "consistent"): "adds up", ("sum", "conflict"): "does not add up",
    ("part-whole", "consistent"): "within its total", ("part-whole", "conflict"): "larger than its total",
    ("change", "consistent"): "change adds up", ("change", "conflict"): "change does not add up",
    ("share", "conflict"): "share outside 0–100%",
}
VERDICT_LABELS = {
    ("consistent", "reference"): "matches reference", ("conflict", "reference"): "contradicts reference",
    ("consistent", "corpus"): "agrees with other articles", ("conflict", "corpus"): "contradicts another article",
    ("unverified", ""): "not checked",
}


@dataclass(frozen=True)
class Verdict:
    verdict: str  # consistent / conflict / unverified
    reason: str
    evidence: tuple[str, ...]  # reference ids or figure_ids
    check: str  # reference / corpus / arithmetic / '' when unverified
    label: str = ""  # "matches reference", "adds up", "within its total", ... (VERDICT_LABELS, ARITHMETIC_LABELS)


def _labelled(verdict: str, reason: str, evidence: tuple[str, ...], check: str) -> Verdict:
    return Verdict(verdict, reason, evidence, check, VERDICT_LABELS.get((verdict, check), ""))


def _from_finding(finding: ArithmeticFinding) -> Verdict:
    label = ARITHMETIC_LABELS.get((finding.rule, finding.verdict), finding.verdict)
    return Verdict(finding.verdict, finding.reason, finding.evidence, "arithmetic", label)


def evidence_sentence(match: Match) -> str:
    """'UN Human Rights Office (OHCHR) reported 968 civilians killed, 1 Dec 2024 – 31 May 2025'."""
    verb = "reported" if match.kind == "reference" else "states"
    return f"{match.other_source} {verb} {match.other}"


def _closest(matches: list[Match]) -> Match:
    """The evidence nearest the claim's interval (the same in every match), for a conflict's reason."""
    def gap(m: Match) -> float:
        if m.other_low > m.claim_high:
            return m.other_low - m.claim_high
        if m.claim_low > m.other_high:
            return m.claim_low - m.other_high
        return 0.0
    return min(matches, key=gap)


def _caveat(verdict: Verdict, reference: list[Match]) -> Verdict:
    """Adds the nearest reference row that differs only in what it measures, so the reviewer sees it."""
    near = [m for m in reference
            if not m.is_match and len(m.differences) == 1 and m.differences[0].startswith("measures differ")]
    if not near:
        return verdict
    note = f"; but compare: {evidence_sentence(near[0])} ({near[0].differences[0]})"
    return Verdict(verdict.verdict, verdict.reason + note, verdict.evidence, verdict.check, verdict.label)


def decide(claim: str, reference: list[Match], corpus: list[Match], findings: list[ArithmeticFinding],
           tally: CorpusTally | None = None) -> Verdict:
    """The verdict of one figure. `claim` is how the figure reads ("986 civilians killed, ...");
    `tally` counts every matching figure of other articles where `corpus` lists only some."""
    verdict = _decide(claim, reference, corpus, findings, tally)
    return verdict if verdict.check in ("reference", "") else _caveat(verdict, reference)


def _decide(claim: str, reference: list[Match], corpus: list[Match], findings: list[ArithmeticFinding],
            tally: CorpusTally | None) -> Verdict:
    ref_matches = [m for m in reference if m.is_match]
    corpus_matches = [m for m in corpus if m.is_match]
    matching = tally.matching if tally else len(corpus_matches)
    disagreeing = tally.disagreeing if tally else len([m for m in corpus_matches if not m.agrees])
    if ref_matches:
        agreeing = [m for m in ref_matches if m.agrees]
        if agreeing:
            reason = f"states {claim}; {evidence_sentence(agreeing[0])}"
            dissent = [m for m in corpus_matches if not m.agrees]
            if dissent:
                reason += f" (the reference outranks {disagreeing} other article{'s' if disagreeing > 1 else ''} " \
                          f"that disagree{'s' if disagreeing == 1 else ''}: {evidence_sentence(dissent[0])})"
            return _labelled("consistent", reason, tuple(m.other_id for m in agreeing), "reference")
        nearest = _closest(ref_matches)
        return _labelled("conflict", f"states {claim}; {evidence_sentence(nearest)}",
                         tuple(m.other_id for m in ref_matches), "reference")
    conflicts = [f for f in findings if f.verdict == "conflict"]
    if conflicts:
        return _from_finding(conflicts[0])
    if corpus_matches:
        dissent = [m for m in corpus_matches if not m.agrees]
        if dissent:
            nearest = _closest(dissent)
            more = f" ({disagreeing} figures of other articles disagree)" if disagreeing > 1 else ""
            return _labelled("conflict", f"states {claim}; {evidence_sentence(nearest)}{more}",
                             tuple(m.other_id for m in dissent), "corpus")
        return _labelled("consistent",
                         f"states {claim}; {evidence_sentence(corpus_matches[0])}"
                         + (f" (and {matching - 1} more agree)" if matching > 1 else ""),
                         tuple(m.other_id for m in corpus_matches), "corpus")
    passed = [f for f in findings if f.verdict == "consistent"]
    if passed:
        return _from_finding(passed[0])
    related = reference + corpus
    if related:
        best = related[0]
        return Verdict("unverified",
                       f"states {claim}; nothing published or reported elsewhere measures the same; related: "
                       f"{evidence_sentence(best)} ({'; '.join(best.differences)})", (), "", "nothing matches")
    return _labelled("unverified", f"states {claim}; nothing to compare with", (), "")
