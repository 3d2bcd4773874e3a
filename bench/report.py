"""Targets (issue 25: ratios measured in the same run), verdicts, and the printed table.

Absolute milliseconds on a shared machine move by 2x from one VM to the next; ratios
taken in one run do not. Each target is a ratio; the absolute figures are printed beside
it as information.
"""

from __future__ import annotations

#: server time (p50) / its raw SQL (p50), at most
OVER_RAW_SQL = {
    "prisoner_list": 2.0,
    "search_cyrillic": 2.0,
    "search_latin": 2.0,
    "case_file": 3.0,
    "caseload": 3.0,
    "timeline_1000_notes": 3.0,
}
#: throughput / /healthz's throughput (same gunicorn, same run), at least
OVER_HEALTHZ = {"prisoner_list": 0.25, "case_file": 0.4}
OTHER = {
    "home_over_list": 1.0,  # the officer's home page, server time p50 / the list's, at most
    "ours_over_guardian_peer": 1.0,  # our API list / the stock guardian peer, below, every user
    "read_audit_throughput_cost": 0.10,  # 1 - list req/s / list req/s without the read audit
    "queries_max": 12,
    "sweep_s": 60,
    "csv_export_s": 5,
    "csv_export_mb": 200,
}
TARGETS = {"over_raw_sql_max": OVER_RAW_SQL, "over_healthz_min": OVER_HEALTHZ, **OTHER}

PAGE_ROWS = (
    "healthz", "login_page", "signed_in_empty", "officer_home", "prisoner_list", "prisoner_list_unfiltered",
    "prisoner_list_no_read_audit", "case_file", "search_cyrillic", "search_latin", "caseload",
    "timeline_1000_notes", "api_prisoner_list", "intake_completion",
)  # fmt: skip
LOAD_ROWS = (
    "healthz", "login_page", "signed_in_empty", "officer_home", "prisoner_list", "case_file",
    "api_prisoner_list", "peer_prisoner_list", "prisoner_list_no_read_audit",
)  # fmt: skip


def verdicts(r: dict) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for name, limit in OVER_RAW_SQL.items():
        out[f"{name} <= {limit}x raw SQL"] = r[name]["ratio_to_raw_sql"] <= limit
    out["officer home <= list (server p50)"] = r["officer_home"]["p50_ms"] <= r["prisoner_list"]["p50_ms"]
    out[f"list and case file <= {OTHER['queries_max']} queries"] = (
        max(r["prisoner_list"]["queries"], r["case_file"]["queries"]) <= OTHER["queries_max"]
    )
    if "guardian_peer" in r:
        out["our list faster than the guardian peer, every user"] = all(
            x["ours_over_peer"] < OTHER["ours_over_guardian_peer"] for x in r["guardian_peer"].values()
        )
    load = r.get("load", {})
    if "healthz" in load:
        for name, least in OVER_HEALTHZ.items():
            out[f"{name} throughput >= {least}x /healthz"] = load[name]["ratio_to_healthz"] >= least
        out["officer home throughput >= list's"] = (
            load["officer_home"]["requests_per_second"] >= load["prisoner_list"]["requests_per_second"]
        )
        out["read audit <= 10% of list throughput"] = (
            load["read_audit_throughput_cost"] <= OTHER["read_audit_throughput_cost"]
        )
    if "reminder_sweep" in r:
        out[f"reminder sweep < {OTHER['sweep_s']} s"] = r["reminder_sweep"]["seconds"] < OTHER["sweep_s"]
    csv = r.get("csv_export", {})
    if "seconds" in csv:
        out[f"csv export of every file < {OTHER['csv_export_s']} s"] = csv["seconds"] < OTHER["csv_export_s"]
        out[f"csv export peak RSS < {OTHER['csv_export_mb']} MB (own process)"] = (
            csv["max_rss_mb"] < OTHER["csv_export_mb"]
        )
    return out


def table(report: dict) -> str:
    r = report["results"]
    lines = [
        f"Benchmark {report['when']} — {report['prisoners']:,} prisoners, {report['machine']}",
        "",
        "Server time (Django test client, this process; raw SQL = the page's SELECTs replayed on a cursor):",
        f"{'page':<29}{'p50 ms':>8}{'p95 ms':>8}{'queries':>8}{'raw SQL':>9}{'x raw':>7}{'target':>8}  verdict",
    ]
    for name in PAGE_ROWS:
        x = r.get(name)
        if not x:
            continue
        limit = OVER_RAW_SQL.get(name)
        verdict = "" if limit is None or "ratio_to_raw_sql" not in x else (
            "met" if x["ratio_to_raw_sql"] <= limit else "MISSED")  # fmt: skip
        lines.append(
            f"{name:<29}{x.get('p50_ms', ''):>8}{x.get('p95_ms', ''):>8}{x.get('queries', ''):>8}"
            f"{x.get('raw_sql_p50_ms', ''):>9}{x.get('ratio_to_raw_sql', ''):>7}"
            f"{f'<= {limit}' if limit else '':>8}  {verdict}"
        )
    lst = r["prisoner_list"]
    lines += [
        "",
        f"officer's home / list (server p50): {r['officer_home']['p50_ms'] / max(lst['p50_ms'], 0.01):.2f}x"
        f" (target <= 1)",
        f"filtered list / unfiltered list (p50): {lst['ratio_to_unfiltered']}x",
        f"read audit's share of the list's server time (p50): {lst['read_audit_share']:.1%}",
    ]
    if "read_audit_alternating" in r:
        a = r["read_audit_alternating"]
        lines.append(f"  alternating request by request ({a['runs']} pairs): {a['with_p50_ms']} ms with it, "
                     f"{a['without_p50_ms']} ms without: {a['share']:.1%}")  # fmt: skip
    peer = r.get("guardian_peer")
    if peer:
        lines += [
            "",
            "Our API list / the stock guardian peer (get_objects_for_user + ObjectPermissionsFilter), "
            "first page, server p50:",  # fmt: skip
            f"{'user':<22}{'files':>9}{'ours ms':>9}{'peer ms':>9}{'ours/peer':>11}  verdict",
        ]
        for label, x in peer.items():
            lines.append(f"{label:<22}{x['files']:>9,}{x['ours_p50_ms']:>9}{x['peer_p50_ms']:>9}"
                         f"{x['ours_over_peer']:>11}  {'met' if x['ours_over_peer'] < 1 else 'MISSED'}")  # fmt: skip
    load = r.get("load", {})
    if "healthz" in load:
        lines += ["", f"Throughput ({load['workers']} gunicorn workers, {load['tool']}, {load['seconds']} s a page in {load.get('rounds', 1)} turns, median):",
                  f"{'page':<29}{'req/s':>9}{'x healthz':>11}{'target':>9}  verdict"]  # fmt: skip
        for name in LOAD_ROWS:
            x = load.get(name)
            if not x:
                continue
            least = OVER_HEALTHZ.get(name)
            verdict = "" if least is None else ("met" if x["ratio_to_healthz"] >= least else "MISSED")
            lines.append(f"{name:<29}{x['requests_per_second']:>9}{x.get('ratio_to_healthz', ''):>11}"
                         f"{f'>= {least}' if least else '':>9}  {verdict}{'  errors ' + str(x['errors']) if x['errors'] else ''}")  # fmt: skip
        pairs = load.get("read_audit_pairs", {}).get("pairs", [])
        lines.append(
            f"read audit's cost in list throughput: {load['read_audit_throughput_cost']:.1%} (target <= 10%; "
            f"median of {len(pairs)} adjacent pairs with and without it, each "
            f"{', '.join(f'{c:.1%}' for c in pairs)})"
        )
    elif "status" in load:
        lines.append(f"load: {load['status']}")
    if "reminder_sweep" in r:
        s = r["reminder_sweep"]
        lines += ["", f"reminder sweep: {s['seconds']} s, {s['considered']:,} considered, "
                  f"{s['reminders_created']:,} reminders"]  # fmt: skip
    c = r.get("csv_export", {})
    if "seconds" in c:
        lines.append(
            f"csv export of every file ({c['process']}): {c['seconds']} s, {c['rows']:,} rows "
            f"({c['rows_per_second']:,}/s), {c['csv_mb']} MB, peak {c['peak_mb']} MB (tracemalloc), "
            f"RSS {c['rss_before_mb']} MB before streaming, max RSS {c['max_rss_mb']} MB"
        )
    lines.append("")
    lines += [f"target {k:<58} {'met' if v else 'MISSED'}" for k, v in report["targets_met"].items()]
    return "\n".join(lines)


def markdown(report: dict) -> str:
    """The README's table of the latest run: each ratio target, its figure and verdict, with
    the absolute figures beside it (``python -m bench.report bench/results/latest.json``)."""
    r = report["results"]
    load = r.get("load", {})
    rows = ["| target (issue #25) | ratio | met | absolute figures, same run |", "|---|---:|---|---|"]

    def yes(ok: bool) -> str:
        return "met" if ok else "**missed**"

    for name, limit in OVER_RAW_SQL.items():
        x = r[name]
        rows.append(
            f"| {name.replace('_', ' ')}: server / raw SQL ≤ {limit} | {x['ratio_to_raw_sql']} | "
            f"{yes(x['ratio_to_raw_sql'] <= limit)} | p50 {x['p50_ms']} ms (p95 {x['p95_ms']}), raw SQL "
            f"{x['raw_sql_p50_ms']} ms, {x['queries']} queries, Python CPU {x['python_cpu_p50_ms']} ms |"
        )
    for name, least in OVER_HEALTHZ.items():
        if name in load:
            x = load[name]
            rows.append(
                f"| {name.replace('_', ' ')} throughput / /healthz ≥ {least} | {x['ratio_to_healthz']} | "
                f"{yes(x['ratio_to_healthz'] >= least)} | {x['requests_per_second']} req/s (turns {x['turns']}); "
                f"/healthz {load['healthz']['requests_per_second']} (turns {load['healthz']['turns']}) |"
            )
    home, lst = r["officer_home"], r["prisoner_list"]
    rows.append(
        f"| officer's home / list, server p50 ≤ 1 | {home['p50_ms'] / max(lst['p50_ms'], 0.01):.2f} | "
        f"{yes(home['p50_ms'] <= lst['p50_ms'])} | home {home['p50_ms']} ms, {home['queries']} queries, raw SQL "
        f"{home['raw_sql_p50_ms']} ms; list {lst['p50_ms']} ms |"
    )
    if "officer_home" in load:
        h, li = load["officer_home"]["requests_per_second"], load["prisoner_list"]["requests_per_second"]
        rows.append(f"| officer's home throughput / list's ≥ 1 | {h / max(li, 0.01):.2f} | {yes(h >= li)} | "
                    f"{h} and {li} req/s |")  # fmt: skip
    peer = r.get("guardian_peer", {})
    if peer:
        worst = max(peer.items(), key=lambda kv: kv[1]["ours_over_peer"])
        rows.append(
            f"| our API list / stock guardian peer < 1, every user ({len(peer)}) | worst {worst[1]['ours_over_peer']} "
            f"({worst[0]}) | {yes(all(x['ours_over_peer'] < 1 for x in peer.values()))} | "
            + "; ".join(f"{k} {x['ours_p50_ms']}/{x['peer_p50_ms']} ms" for k, x in peer.items())
            + " |"
        )
    if "read_audit_throughput_cost" in load:
        cost = load["read_audit_throughput_cost"]
        rows.append(
            f"| read audit's cost in list throughput ≤ 10% | {cost:.1%} | {yes(cost <= 0.10)} | median of "
            f"adjacent pairs with and without it ({', '.join(f'{c:.1%}' for c in load.get('read_audit_pairs', {}).get('pairs', []))}); "
            f"list {load['prisoner_list']['requests_per_second']} req/s, without the audit "
            f"{load['prisoner_list_no_read_audit']['requests_per_second']} in the turns; in-process share of "
            f"server time {lst['read_audit_share']:.1%} |"
        )
    calib = ", ".join(
        f"{n} {r[n]['p50_ms']} ms" + (f" / {load[n]['requests_per_second']} req/s" if n in load else "")
        for n in ("healthz", "login_page", "signed_in_empty")
    )
    rows.append(f"| calibration (no target) | | | {calib} |")
    return "\n".join(rows)


if __name__ == "__main__":
    import json
    import sys

    with open(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json") as f:
        print(markdown(json.load(f)))
