"""Check the numpy baseline against a cockpit core, and that the check can fail.

Polls a small floor, asserts the core's figures equal the baseline's on
every poll (all the figures the core computes), then changes one figure of
the core's view and expects the comparison to catch it.

    .venv/bin/python bench/check_baseline.py [--tickets 10000] [--polls 5] [--core DIR]

``--core DIR``: a checkout whose ``cockpit/`` to test (e.g. another branch's
tree from ``git archive``); by default this repository's.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import timedelta
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--polls", type=int, default=5)
    parser.add_argument("--core", type=Path, help="a checkout whose cockpit/ to test")
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[1]
    core = here if args.core is None else args.core.resolve()
    if not (core / "cockpit" / "metrics.py").is_file():
        raise SystemExit(f"{core}: no cockpit/metrics.py there")
    sys.path[:0] = [str(core), str(here)]
    import cockpit
    from bench import numpy_figures as nf
    from bench.floor_200k import Floor

    print(f"core: {Path(cockpit.__file__).parent}")
    floor = Floor(args.tickets, max(10, args.tickets // 50), 60, timedelta(seconds=5))
    for _ in range(args.polls + 1):
        comparison = floor.poll()["comparison"]
    print(f"equal on {args.polls + 1} polls: {', '.join(comparison.compared)}")
    if comparison.not_in_core:
        print(f"zeros in this core (not compared): {', '.join(comparison.not_in_core)}")
    view = floor.view
    assert view is not None
    first = view.queues[0]
    bad = dataclasses.replace(
        view, queues=(dataclasses.replace(first, waiting=first.waiting + 1), *view.queues[1:])
    )
    parts = nf.figures(floor.columns, floor.targets, view.generated_at.timestamp())
    try:
        nf.compare(bad, floor.columns, parts)
    except AssertionError as exc:
        print(f"a changed figure is caught: {exc}")
        return
    raise SystemExit("the comparison missed a changed figure")


if __name__ == "__main__":
    main()
