"""axe-core in the browser tests: every page a test loads is checked, and a serious or
critical violation fails the test (forms in their error state included: a form sent back
with errors is a page load too). axe is vendored (``vendor/axe.min.js``) and evaluated
through the DevTools protocol, so the page's CSP (nonce-only scripts) stays as served."""

from __future__ import annotations

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SERIOUS = ("serious", "critical")

RUN = """async () => {
  const result = await window.axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def audit(page) -> list[dict]:
    """The serious and critical violations of the page as it is now."""
    if not page.url.startswith("http"):
        return []
    try:
        page.wait_for_load_state("load")
        if not page.evaluate("() => !!window.axe"):
            page.evaluate(f"() => {{ {AXE}\n}}")
        found = page.evaluate(RUN)
    except Exception as exc:  # a page navigating away mid-run is checked at its next load
        if any(
            text in str(exc) for text in ("Execution context was destroyed", "navigat", "has been closed")
        ):
            return []
        raise
    return [{**v, "url": page.url} for v in found]


def watch(page) -> list[dict]:
    """Run axe at every load of ``page``; returns the list the violations are added to."""
    violations: list[dict] = []

    def on_load(_page=None):
        violations.extend(audit(page))

    page.on("load", on_load)
    return violations


def report(violations: list[dict]) -> str:
    return "\n".join(f"{v['url']}: {v['id']} ({v['impact']}) {v['help']} at {v['nodes']}" for v in violations)
