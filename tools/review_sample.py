"""Record the scripted outage drill of the tests into a database, so that
``python main.py review 1 --pdf review.pdf --db URL`` has something real to
show (the README's picture comes from it).

    .venv/bin/python tools/review_sample.py /tmp/drill.db
    .venv/bin/python main.py --language zh_CN review 1 --db sqlite:////tmp/drill.db \
        --timezone Asia/Shanghai --pdf review.pdf
    pdftoppm -png -r 80 -f 1 -l 1 review.pdf docs/img/review-page
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.review_drill import END_AT, recorded_drill  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path, help="SQLite file to create (replaced)")
    args = parser.parse_args(argv)
    args.database.unlink(missing_ok=True)
    with recorded_drill(f"sqlite:///{args.database}") as drill:
        at = drill.at(END_AT)
        reviews = drill.stores.reviews
        reviews.write(
            drill.incident_id,
            at=at,
            who="sup-wang",
            owner="王主管 (Wang, floor supervisor)",
            summary=(
                "00:32 起支付网关超时，支付、登录和闪退类咨询激增约 8 倍。"
                "00:40 宣布故障，智能客服和故障话术随即上线；01:10 网关回滚后解除。"
            ),
            causes=(
                "支付网关证书过期，自动续期任务未告警。\n"
                "夜间值班表中技术联系人过期，确认影响范围晚了 20 分钟。"
            ),
        )
        for title, owner, due in (
            ("证书到期前 14 天告警并纳入巡检", "运维 · 张工", date(2026, 11, 25)),
            ("更新夜间技术值班联系人并每周核对", "客服主管 · 王", date(2026, 11, 18)),
            ("故障话术增加预计恢复时间变量的默认值", "质检 · 李", None),
        ):
            reviews.add_action_item(drill.incident_id, title=title, owner=owner, due=due, at=at)
        print(f"incident {drill.incident_id} recorded in {args.database}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
