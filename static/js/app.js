// Small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("select[data-autosubmit]")) {
    el.form.submit();
  }
});

// Tabs of the case file: htmx swaps the panel; keep the selected state in step.
document.addEventListener("click", function (event) {
  var tab = event.target.closest && event.target.closest('[role="tab"]');
  if (!tab) return;
  tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]').forEach(function (t) {
    t.setAttribute("aria-selected", t === tab ? "true" : "false");
  });
  var panel = document.getElementById("tab-panel");
  if (panel) panel.setAttribute("aria-labelledby", tab.id);
});

// Export buttons: take the list's current filters along (htmx may have changed them
// since the page was drawn; the address bar has the current ones).
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-export-base]");
  if (!link) return;
  var base = link.getAttribute("data-export-base"), search = window.location.search;
  link.href = base + (search ? (base.indexOf("?") >= 0 ? "&" + search.slice(1) : search) : "");
});

// Print buttons (no inline handler: the policy allows none).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
