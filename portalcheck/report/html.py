"""The HTML conformance report: guide by guide, step by step, with each failure's evidence."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from portalcheck.report.results import (
    CHECK_AREAS,
    FAILED,
    FLAKY,
    GUIDE_STEPS,
    GUIDES,
    NOT_APPLICABLE,
    PASSED,
    WARNING,
    Results,
    ScenarioResult,
    combined,
)

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}th,td{border:1px solid #aaa;padding:.3rem .6rem;text-align:left;vertical-align:top}
.passed{color:#0b6b2e;font-weight:600}.failed{color:#a50f15;font-weight:700}.na{color:#555}.warning{color:#7a4a00;font-weight:700}
img{max-width:100%;border:1px solid #888}pre{white-space:pre-wrap;background:#f3f3f3;padding:.5rem}
a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
"""
LABEL = {PASSED: "passed", FAILED: "failed", NOT_APPLICABLE: "not applicable", WARNING: "warning",
         FLAKY: "flaky (failed, then passed)"}
CSS_CLASS = {PASSED: "passed", FAILED: "failed", NOT_APPLICABLE: "na", WARNING: "warning", FLAKY: "failed"}


def outcome(value: str) -> str:
    return f'<span class="{CSS_CLASS[value]}">{LABEL[value]}</span>'


def write_html(results: Results, folder: Path, *, portal: str, profile: str) -> Path:
    totals = results.totals()
    verdict = "does not conform" if totals[FAILED] or totals[FLAKY] else "conforms"
    parts = [
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>portalcheck: {escape(portal)}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        f"<h1>Conformance report: {escape(portal)}</h1>",
        f"<p>Profile <code>{escape(profile)}</code>. The portal <strong>{verdict}</strong>: "
        f"{totals[PASSED]} scenarios passed, {totals[WARNING]} with a warning, {totals[FAILED]} failed, "
        f"{totals[FLAKY]} flaky, {totals[NOT_APPLICABLE]} not applicable.</p>",
    ]
    gaps = [r for r in results.scenarios.values() if r.setup_gap]
    if gaps:
        parts.append("<h2>Setup gaps: test data the scenarios needed and did not get</h2><ul>")
        parts += [f'<li><a href="#{_anchor(r)}">{escape(r.name)}</a>: {escape(r.setup_gap)}</li>' for r in gaps]
        parts.append("</ul>")
    for guide, steps in results.by_guide().items():
        parts.append(f"<h2 id=\"guide-{escape(guide)}\">{escape(GUIDES[guide])}: the city's guide, step by step</h2>")
        parts.append("<table><thead><tr><th scope=col>Guide step</th><th scope=col>What the guide says</th>"
                     "<th scope=col>Outcome</th><th scope=col>Scenarios</th></tr></thead><tbody>")
        for step in sorted(set(steps) | set(GUIDE_STEPS.get(guide, {}))):
            title = escape(GUIDE_STEPS.get(guide, {}).get(step, ""))
            scenarios = steps.get(step, [])
            if scenarios:
                verdict = outcome(combined(scenarios))
                listed = "<br>".join(f'<a href="#{_anchor(r)}">{escape(r.name)}</a>: {outcome(r.outcome)}'
                                     for r in scenarios)
            else:
                verdict, listed = '<span class="na">not run</span>', "no scenario of this run encodes it"
            parts.append(f"<tr><th scope=row>Step {step}</th><td>{title}</td><td>{verdict}</td>"
                         f"<td>{listed}</td></tr>")
        parts.append("</tbody></table>")
    for area, scenarios in results.by_check().items():
        parts.append(f"<h2 id=\"checks-{escape(area)}\">{escape(CHECK_AREAS[area])} checks</h2><table><thead><tr>"
                     "<th scope=col>Check</th><th scope=col>Requirement</th><th scope=col>Outcome</th></tr></thead><tbody>")
        for r in scenarios:
            requirement = ", ".join(sorted(t for t in r.tags if t.startswith(("asvs", "nist", "wcag", "nacha"))))
            parts.append(f'<tr><td><a href="#{_anchor(r)}">{escape(r.name)}</a></td>'
                         f"<td>{escape(requirement)}</td><td>{outcome(r.outcome)}</td></tr>")
        parts.append("</tbody></table>")
    pages = {(p.get("path"), p.get("state")): p for r in results.scenarios.values() for p in r.pages_checked}
    if pages:
        parts.append("<h2>Accessibility: every page state the journeys reached (WCAG 2.1 AA, axe-core)</h2>"
                     "<table><thead><tr><th scope=col>Page</th><th scope=col>State</th>"
                     "<th scope=col>Violations</th></tr></thead><tbody>")
        for (path, state), page in sorted(pages.items(), key=lambda kv: str(kv[0])):
            count = page.get("violations", 0)
            count = len(count) if isinstance(count, list) else count
            parts.append(f"<tr><td>{escape(str(path))}</td><td>{escape(str(state))}</td>"
                         f"<td>{outcome(PASSED) if not count else f'<span class=failed>{count}</span>'}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("<h2>Every scenario</h2>")
    for r in sorted(results.scenarios.values(), key=lambda r: (r.feature, r.name)):
        parts.append(_scenario(r, folder))
    parts.append("</main></body></html>")
    path = folder / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _scenario(r: ScenarioResult, folder: Path) -> str:
    html = [f'<section id="{_anchor(r)}"><h3>{escape(r.name)}: {outcome(r.outcome)}</h3>']
    if r.feature:
        html.append(f"<p>Feature: {escape(r.feature)}. Tags: {escape(' '.join(sorted(r.tags)))}</p>")
    for finding in r.warnings:
        html.append(f"<p><strong>Warning</strong> (not a failure: beyond what the requirement demands): "
                    f"{escape(finding)}</p>")
    if r.outcome in (FAILED, FLAKY):
        html.append(f"<p>Failed at: <strong>{escape(r.failed_step or 'setting up the scenario')}</strong></p>")
        first, _, rest = r.message.partition("\n")
        html.append(f"<p><strong>{escape(first)}</strong></p>")
        if rest.strip():
            html.append(f"<details><summary>Details</summary><pre>{escape(rest)}</pre></details>")
        for shot in r.screenshots():
            html.append(f'<p><img src="{_rel(shot, folder)}" alt="The page when {escape(r.name)} failed"></p>')
        for trace in r.traces():
            html.append(f'<p>Playwright trace: <a href="{_rel(trace, folder)}">{escape(Path(trace).name)}</a> '
                        "(open with <code>playwright show-trace</code>)</p>")
    elif r.outcome == NOT_APPLICABLE:
        html.append(f"<p>{escape(r.message)}</p>")
    for violation in r.accessibility:
        html.append(f"<p>Accessibility: {escape(str(violation.get('rule')))} "
                    f"(WCAG {escape(str(violation.get('wcag')))}, {escape(str(violation.get('impact')))}) on "
                    f"{escape(str(violation.get('url') or violation.get('page') or ''))}: "
                    f"<code>{escape(', '.join(map(str, violation.get('targets', []))))}</code>"
                    f"{' (waived)' if violation.get('waived') else ''}</p>")
        if violation.get("screenshot"):
            html.append(f'<p><img src="{_rel(violation["screenshot"], folder)}" alt="The offending element outlined"></p>')
    if r.evidence:
        html.append("<ol>")
        for step in r.evidence:
            html.append(f'<li>{escape(step["step"])}<br><img src="{_rel(step["screenshot"], folder)}" '
                        f'alt="{escape(step.get("description", step["step"]))}"></li>')
        html.append("</ol>")
    html.append("</section>")
    return "\n".join(html)


def _anchor(r: ScenarioResult) -> str:
    return "s-" + "".join(c if c.isalnum() else "-" for c in r.nodeid)


def _rel(path: str, folder: Path) -> str:
    return escape(os.path.relpath(path, folder).replace(os.sep, "/"))
