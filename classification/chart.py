"""A small server-drawn SVG line chart (no script, no CDN): overall judgement and
domain scores over time. The same numbers are always given as a table too."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

PALETTE = ["#005ea5", "#b3261e", "#1e6b33", "#8a5300", "#6a1b9a", "#00695c", "#37474f"]
JUDGEMENT_SCORE = {"low": 0, "moderate": 1, "high": 2}


def line_chart(labels: list[str], series: list[tuple[str, list[float | None]]], width=640, height=220) -> str:
    if not labels:
        return ""
    left, right, top, bottom = 40, 12, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)

    def xy(i, v):
        return round(left + i * step, 1), round(top + plot_h - (v / 2) * plot_h, 1)

    parts = []
    for tick, name in ((0, "0"), (1, "1"), (2, "2")):
        _x, y = xy(0, tick)
        parts.append(
            format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d7de"/>', left, width - right, y, y)
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>', left - 6, y + 4, name
            )
        )
    for i, label in enumerate(labels):
        x, _y = xy(i, 0)
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>', x, height - 12, label
            )
        )
    legend = []
    for n, (name, values) in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        points = [xy(i, v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                format_html('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>', color, path)
            )
        parts.extend(
            format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", color)
            for x, y in points
        )
        legend.append((n % len(PALETTE), name))
    svg = format_html(
        '<svg viewBox="0 0 {} {}" width="100%" role="img" aria-hidden="true" class="chart">{}</svg>',
        width,
        height,
        mark_safe("".join(parts)),  # noqa: S308 - every part is built with format_html
    )
    items = format_html_join("", '<li><span class="swatch s{}"></span>{}</li>', legend)
    return format_html('{}<ul class="legend">{}</ul>', svg, items)
