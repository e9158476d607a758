"""``manage.py seed_lab SPEC.json``: seed exact, known tickets for the live tests.

Tickets and follow-ups are written with ``bulk_create`` (no mails, no
webhooks), then ``created``/``modified`` are set with an UPDATE, because the
model stamps "now" on save. The "Ticket Opened" follow-up is dated at
``created``, as on every real create path. Prints what it made as JSON:
``{"seeded_at", "queues": {slug: id}, "users": {username: id}, "tickets": [id, ...]}``.

Spec::

    {"token": "<40 hex>", "staff": "cockpit", "agents": ["agent01"],
     "queues": [{"slug": "billing", "title": "Billing"}],
     "tickets": [{"queue": "billing", "title": "...", "priority": 1, "status": 1,
                  "on_hold": false, "age_minutes": 30, "due_in_minutes": -10,
                  "assigned_to": "agent01", "responded_after_minutes": 5,
                  "email": false}]}
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from helpdesk.models import FollowUp, Queue, Ticket
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Seed queues, staff users, a token and exact tickets from a JSON spec."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("spec", type=Path)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        spec = json.loads(options["spec"].read_text(encoding="utf-8"))
        now = timezone.now()
        users = self._users(spec)
        queues = {
            q["slug"]: Queue.objects.get_or_create(
                slug=q["slug"], defaults={"title": q["title"], "allow_public_submission": True}
            )[0]
            for q in spec["queues"]
        }
        tickets = self._tickets(spec["tickets"], queues, users, now)
        out = {
            "seeded_at": now.isoformat(),
            "queues": {slug: q.id for slug, q in queues.items()},
            "users": {name: u.id for name, u in users.items()},
            "tickets": [t.id for t in tickets],
        }
        self.stdout.write(json.dumps(out))

    def _users(self, spec: dict[str, Any]) -> dict[str, Any]:
        user_model = get_user_model()
        users: dict[str, Any] = {}
        for name in [spec["staff"], *spec.get("agents", [])]:
            user, _ = user_model.objects.get_or_create(
                username=name, defaults={"is_staff": True, "email": f"{name}@lab.invalid"}
            )
            users[name] = user
        Token.objects.filter(user=users[spec["staff"]]).delete()
        Token.objects.create(user=users[spec["staff"]], key=spec["token"])
        return users

    def _tickets(
        self,
        specs: list[dict[str, Any]],
        queues: dict[str, Queue],
        users: dict[str, Any],
        now: Any,
    ) -> list[Ticket]:
        rows = [
            Ticket(
                title=s["title"],
                queue=queues[s["queue"]],
                submitter_email=f"customer{i}@lab.invalid",
                status=s["status"],
                on_hold=s.get("on_hold", False),
                priority=s["priority"],
                description=s["title"],
                assigned_to=users.get(s.get("assigned_to") or ""),
                due_date=_minutes(now, s.get("due_in_minutes")),
            )
            for i, s in enumerate(specs)
        ]
        tickets = Ticket.objects.bulk_create(rows)
        follow_ups = []
        for ticket, s in zip(tickets, specs, strict=True):
            created = now - timedelta(minutes=s["age_minutes"])
            Ticket.objects.filter(pk=ticket.pk).update(created=created, modified=created)
            follow_ups.extend(_follow_ups(ticket, s, created, users))
        FollowUp.objects.bulk_create(follow_ups)
        return tickets


def _follow_ups(
    ticket: Ticket, s: dict[str, Any], created: Any, users: dict[str, Any]
) -> list[FollowUp]:
    """The "Ticket Opened" follow-up at ``created`` and, if asked, a staff reply."""
    opened = FollowUp(
        ticket=ticket,
        date=created,
        title="Ticket Opened",
        comment=s["title"],
        public=True,
        message_id=f"<seed-{ticket.pk}@lab.invalid>" if s.get("email") else None,
    )
    if s.get("responded_after_minutes") is None:
        return [opened]
    reply = FollowUp(
        ticket=ticket,
        date=created + timedelta(minutes=s["responded_after_minutes"]),
        comment="We are on it.",
        public=True,
        user=users[s.get("assigned_to") or "agent01"],
    )
    return [opened, reply]


def _minutes(now: Any, minutes: float | None) -> Any:
    return None if minutes is None else now + timedelta(minutes=minutes)
