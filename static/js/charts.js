// Bar charts for the report pages, drawn as SVG from the numbers the page carries in
// <script type="application/json"> blocks (json_script). No library, no inline script.
// The charts are decoration for sighted readers: each sits beside a table with the
// same numbers, and is aria-hidden.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function bars(rows, capacity) {
    var rowH = 22, labelW = 170, width = 420, barW = width - labelW - 60;
    var max = Math.max.apply(null, rows.map(function (r) { return Math.max(r.value, capacity ? (r.max || 0) : 0); }).concat([1]));
    var svg = el("svg", { viewBox: "0 0 " + width + " " + (rows.length * rowH + 4), role: "presentation", focusable: "false" });
    rows.forEach(function (r, i) {
      var y = i * rowH + 2;
      var label = r.label.length > 22 ? r.label.slice(0, 21) + "…" : r.label;
      svg.appendChild(el("text", { x: labelW - 6, y: y + 15, "text-anchor": "end", class: "chart-label" }, label));
      if (capacity && r.max) {
        svg.appendChild(el("rect", { x: labelW, y: y + 3, width: barW * r.max / max, height: rowH - 6, class: "chart-capacity" }));
      }
      var over = capacity && r.max && r.value > r.max;
      svg.appendChild(el("rect", { x: labelW, y: y + 3, width: barW * r.value / max, height: rowH - 6, class: over ? "chart-bar over" : "chart-bar" }));
      svg.appendChild(el("text", { x: labelW + barW * r.value / max + 4, y: y + 15, class: "chart-value" }, String(r.value) + (capacity && r.max ? " / " + r.max : "")));
    });
    return svg;
  }

  function columns(rows) {
    var width = 460, height = 160, pad = 18;
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([1]));
    var step = (width - pad) / Math.max(rows.length, 1);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + (height + 30), role: "presentation", focusable: "false" });
    rows.forEach(function (r, i) {
      var h = (height - pad) * r.value / max, x = pad + i * step;
      svg.appendChild(el("rect", { x: x + 2, y: height - h, width: Math.max(step - 4, 2), height: h, class: "chart-bar" }));
      if (r.value) svg.appendChild(el("text", { x: x + step / 2, y: height - h - 3, "text-anchor": "middle", class: "chart-value" }, String(r.value)));
      svg.appendChild(el("text", { x: x + step / 2, y: height + 14, "text-anchor": "middle", class: "chart-label small" }, r.label.slice(5)));
    });
    svg.appendChild(el("line", { x1: pad, x2: width, y1: height, y2: height, class: "chart-axis" }));
    return svg;
  }

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var source = document.getElementById(box.getAttribute("data-chart"));
      if (!source) return;
      var rows = JSON.parse(source.textContent);
      if (!rows.length) return;
      var kind = box.getAttribute("data-kind");
      box.replaceChildren(kind === "columns" ? columns(rows) : bars(rows, kind === "capacity"));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
