"""The floor benchmark's printout: per-size figures, the relay, and the
closing table of every figure against its target."""

from __future__ import annotations

import os
import statistics
from collections.abc import Sequence
from typing import Any

CORE_RATIO_TARGET = 3.0
CORE_ABS_TARGET_S = 0.050
GUI_TARGET_S = 0.008
RSS_TARGET_MB = {100_000: 400, 200_000: 700}


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _med_p95(samples: list[float]) -> str:
    return f"median {_ms(statistics.median(samples))}, p95 {_ms(p95(samples))}"


def _ratio(r: dict[str, Any], *, cpu: bool = False) -> float:
    core, numpy = (r["core_cpu_s"], r["numpy_cpu_s"]) if cpu else (r["core_s"], r["numpy_s"])
    return statistics.median(c / max(n, 1e-9) for c, n in zip(core, numpy, strict=True))


def _size_lines(r: dict[str, Any]) -> list[str]:
    core, numpy = r["core_s"], r["numpy_s"]
    ratios = [c / n for c, n in zip(core, numpy, strict=True)]
    stall = r["stall"]
    lines = [
        f"== {r['tickets']:,} open tickets, {r['agents']:,} agents, {r['queues']} queues "
        f"(floor built in {r['build_s']:.1f} s; {r['open']:,} open as the cockpit counts them)",
        f"  cold load, merge + metrics (no HTTP)        {_ms(r['cold_core_s'])}"
        f"   (numpy group-by {_ms(r['cold_numpy_s'])})",
        f"  incremental, ~{r['changed']:,.0f} changed, core merge + all metrics  {_med_p95(core)}",
        f"    of which FloorState.apply {_med_p95(r['apply_s'])}, compute_view the rest",
        f"  same figures, bare numpy group-by           {_med_p95(numpy)}"
        f"   (+ writing the changed rows: {_med_p95(r['numpy_update_s'])})",
        f"  ratio core / numpy, per poll                median {statistics.median(ratios):.2f}x, "
        f"p95 {p95(ratios):.2f}x",
        f"  the same in CPU time of the thread          core {_med_p95(r['core_cpu_s'])}; "
        f"numpy {_med_p95(r['numpy_cpu_s'])}; ratio median {_ratio(r, cpu=True):.2f}x",
        f"  figures asserted equal on every poll: {', '.join(r['compared'])}"
        + (" (service level by the old definition)" if r["legacy_service_level"] else ""),
    ]
    if r["not_in_core"]:
        lines.append(
            "  computed by numpy, zeros in this core (not compared yet): "
            + ", ".join(r["not_in_core"])
        )
    lines += [
        f"  GUI apply, queue panel                      {_med_p95(r['gui_queue'])}",
        f"  GUI apply, at-risk panel                    {_med_p95(r['gui_at_risk'])}",
        f"  GUI apply, heatmap redraw                   {_med_p95(r['gui_heatmap'])}",
        f"  GUI apply, the three together               {_med_p95(r['gui_total'])}",
        f"    then their repaint (event loop)           {_med_p95(r.get('gui_repaint', [0.0]))}",
        f"  largest event-loop stall, {len(stall['poll_s'])} polls on the worker "
        f"{_ms(stall['largest_gap_s'] - stall['heartbeat_s'])} beyond the "
        f"{_ms(stall['heartbeat_s'])} heartbeat ({stall['views_delivered']} views delivered; "
        f"worker poll {_med_p95(stall['poll_s'])}; GIL switch interval "
        f"{1000 * stall.get('switch_interval_s', 0.005):g} ms, "
        f"{'the app' if stall.get('as_app') else 'automatic'} garbage collection)",
        f"    GUI-thread apply of each delivered view {_med_p95(stall['apply_s'])}; largest gaps: "
        + ", ".join(
            f"{_ms(g)} (GUI applying {_ms(a)}, worker polling {_ms(p)}, simulator {_ms(t)})"
            for g, a, p, t in stall["top_gaps"][:3]
        ),
        "    control, the heartbeat with no worker: largest gap "
        f"{_ms(stall['idle_largest_gap_s'])}; "
        f"garbage collections during the polls: {len(stall['gc_pauses_s'])}, longest "
        f"{_ms(max(stall['gc_pauses_s'], default=0.0))}",
        f"  peak RSS {r['rss_mb']:.0f} MB, everything in the process (the simulator holds "
        f"~{r['rss_sim_mb']:.0f} MB, the numpy baseline's columns {r['rss_columns_mb']:.0f} MB "
        f"plus its temporaries, the interpreter and imports {r['rss_base_mb']:.0f} MB; "
        f"the cold load added {r['rss_cold_mb']:.0f} MB; "
        f"peak before Qt: {r['rss_core_mb']:.0f} MB)",
    ]
    if "profile" in r:
        lines.append(
            "  cProfile of 5 incremental merges + metrics (core > 50 ms): cumulative, own time:"
        )
        lines += ["    " + line for line in r["profile"].splitlines() if line.strip()]
    return lines


def _relay_lines(relay: dict[str, Any]) -> list[str]:
    cold = relay["cold"]
    lines = [
        f"== relay in front of {relay['tickets']:,} open tickets, {relay['agents']:,} agents "
        f"(~{relay['changes']:,} changes per round; CPU is the relay process's)",
        f"  one desk's cold load      relay CPU {_ms(cold['cpu_s'])}, "
        f"{cold['bytes'] / 1e6:.1f} MB, {cold['wall_s']:.1f} s",
    ]
    for d in relay["desks"]:
        lines.append(
            f"  {d['desks']:>2} desk(s): per desk poll relay CPU {_ms(d['cpu_per_poll_s'])}, "
            f"{d['bytes_per_poll'] / 1e3:.0f} kB, "
            f"desk poll wall median {_ms(d['poll_wall_median_s'])}"
        )
    return lines


def _row(name: str, target: str, figure: str, ok: bool | None) -> str:
    mark = "n/a" if ok is None else ("ok" if ok else "MISS")
    return f"  {name:<50} {target:>12} {figure:>14}  {mark}"


def _table(
    results: list[dict[str, Any]], relay: dict[str, Any] | None, desks: list[dict[str, Any]]
) -> list[str]:
    rows = [f"  {'figure':<50} {'target':>12} {'measured':>14}  ok?"]
    for r in results:
        n = f"{r['tickets'] // 1000}k"
        core = statistics.median(r["core_s"])
        ratio = _ratio(r)
        rss_target = RSS_TARGET_MB.get(r["tickets"])
        gui = statistics.median(r["gui_total"])
        stall = r["stall"]["largest_gap_s"] - r["stall"]["heartbeat_s"]
        own = r["rss_mb"] - r["rss_sim_mb"] - r["rss_columns_mb"]
        gc_pause = max(r["stall"]["gc_pauses_s"], default=0.0)
        rows += [
            _row(f"{n}: incremental core / numpy (median)", "<= 3.0x", f"{ratio:.2f}x",
                 ratio <= CORE_RATIO_TARGET),
            _row(f"{n}: incremental merge + metrics (median)",
                 "<= 50 ms" if r["tickets"] >= 200_000 else "-", _ms(core),
                 core <= CORE_ABS_TARGET_S if r["tickets"] >= 200_000 else None),
            _row(f"{n}: same ratio in CPU time (median)", "<= 3.0x", f"{_ratio(r, cpu=True):.2f}x",
                 _ratio(r, cpu=True) <= CORE_RATIO_TARGET),
            _row(f"{n}: incremental merge + metrics (p95)", "-", _ms(p95(r["core_s"])), None),
            _row(f"{n}: incremental merge + metrics, CPU (median)",
                 "<= 50 ms" if r["tickets"] >= 200_000 else "-",
                 _ms(statistics.median(r["core_cpu_s"])),
                 statistics.median(r["core_cpu_s"]) <= CORE_ABS_TARGET_S
                 if r["tickets"] >= 200_000 else None),
            _row(f"{n}: cold load merge + metrics", "-", _ms(r["cold_core_s"]), None),
            _row(f"{n}: peak RSS", f"<= {rss_target} MB" if rss_target else "-",
                 f"{r['rss_mb']:.0f} MB",
                 None if rss_target is None else r["rss_mb"] <= rss_target),
            _row(f"{n}: peak RSS less simulator + columns (estimate)",
                 f"<= {rss_target} MB" if rss_target else "-", f"{own:.0f} MB",
                 None if rss_target is None else own <= rss_target),
            _row(f"{n}: GUI apply, 3 panels (median)", "<= 8 ms", _ms(gui), gui <= GUI_TARGET_S),
            _row(f"{n}: largest event-loop stall, {len(r['stall']['poll_s'])} polls", "-",
                 _ms(stall), None),
            _row(f"{n}: the same, heartbeat alone (control)", "-",
                 _ms(r["stall"]["idle_largest_gap_s"] - r["stall"]["heartbeat_s"]), None),
            _row(f"{n}: longest garbage collection in those polls", "-", _ms(gc_pause), None),
        ]  # fmt: skip
    for d in desks:
        n, target = f"{d['tickets'] // 1000}k", RSS_TARGET_MB.get(d["tickets"])
        rows += [
            _row(f"{n}: a desk's peak RSS (window, floor elsewhere)",
                 f"<= {target} MB" if target else "-", f"{d['rss_mb']:.0f} MB",
                 None if target is None else d["rss_mb"] <= target),
            _row(f"{n}: a desk's full load to its first view", "-",
                 f"{d['first_view_s']:.1f} s", None),
        ]  # fmt: skip
    if relay is not None:
        for d in relay["desks"]:
            rows.append(
                _row(f"relay: CPU / bytes per desk poll, {d['desks']} desk(s)", "-",
                     f"{_ms(d['cpu_per_poll_s'])} {d['bytes_per_poll'] / 1e3:.0f}kB", None)
            )  # fmt: skip
    return rows


def print_report(
    results: list[dict[str, Any]],
    relay: dict[str, Any] | None,
    *,
    desks: Sequence[dict[str, Any]] = (),
    elapsed_s: float,
) -> None:
    load = os.getloadavg()
    print(f"(2 cores shared; load average {load[0]:.1f} at the end; run took {elapsed_s:.0f} s)")
    for r in results:
        print("\n".join(_size_lines(r)))
    if desks:
        from bench.desk_rss import print_report as print_desks

        print_desks(desks)
    if relay is not None:
        print("\n".join(_relay_lines(relay)))
    print("== figures against targets")
    print("\n".join(_table(results, relay, list(desks))))
