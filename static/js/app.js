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
// Forms sent back with errors: move the focus to the error summary (GOV.UK pattern), so
// a screen reader announces it and the keyboard starts from the links to the fields.
function focusErrorSummary(root) {
  var summary = (root || document).querySelector("[data-error-summary]");
  if (summary) summary.focus();
}
document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail && event.detail.target) focusErrorSummary(event.detail.target.parentNode || document);
});
// A link of the summary focuses its field (the browser only scrolls to it).
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) return;
  var field = document.getElementById(link.getAttribute("href").slice(1));
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: "center" });
  field.focus();
});

// The header menu: in one row when it fits, else behind a "Menu" button (any width,
// any language: it is measured, not guessed from a breakpoint).
(function () {
  function setup() {
    var bar = document.querySelector(".topbar");
    var button = bar && bar.querySelector(".menu-toggle");
    var nav = bar && bar.querySelector("#main-nav");
    if (!button || !nav) return;
    function wrapping() {
      var items = nav.querySelectorAll("li");
      var brand = bar.querySelector(".brand"), end = bar.querySelector(".topbar-end");
      var top = brand ? brand.getBoundingClientRect().top : 0;
      return items.length > 0 && (
        Math.abs(items[items.length - 1].getBoundingClientRect().top - items[0].getBoundingClientRect().top) > 4 ||
        Math.abs(nav.getBoundingClientRect().top - top) > 24 ||
        (end && Math.abs(end.getBoundingClientRect().top - top) > 24)
      );
    }
    function fit() {
      // One row as it is; else one row a little tighter; else behind the button.
      bar.classList.remove("menu-collapsed", "menu-compact");
      if (wrapping()) bar.classList.add("menu-compact");
      var wraps = wrapping();
      bar.classList.toggle("menu-collapsed", wraps);
      button.hidden = !wraps;
      if (!wraps) button.setAttribute("aria-expanded", "false");
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    var timer;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(fit, 100); });
    fit();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

// Intake autosave: htmx posts the step as one types (debounced); say plainly when a
// save did not reach the server, so nobody believes a draft is kept that is not.
(function () {
  function status(form, key) {
    var el = document.getElementById("save-status");
    if (el && form && form.dataset[key]) {
      el.textContent = form.dataset[key];
      el.classList.toggle("error", key === "unsaved");
    }
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    if (form && event.detail.elt === form) status(form, "saving");
  });
  ["htmx:responseError", "htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
      if (form && event.detail.elt === form) status(form, "unsaved");
    });
  });
})();
