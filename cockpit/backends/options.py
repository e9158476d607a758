"""Per-backend options for the vendor adapters (django-helpdesk, Zammad, Zendesk).

These live in the settings file under ``backend_options``. They hold names,
ids and limits only: tokens and passwords never go here, they come from
:func:`cockpit.secrets.get_secret` (``COCKPIT_HELPDESK_TOKEN``,
``COCKPIT_ZAMMAD_TOKEN``, ``COCKPIT_ZENDESK_TOKEN`` or the OS keyring).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cockpit.domain import Priority


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NameMaps(_Model):
    """Display names for ids the backend's API does not name (or names badly)."""

    # Backend queue/group id (as text) → name shown in the cockpit.
    queue_names: dict[str, str] = Field(default_factory=dict)
    # Backend user id (as text) → agent name.
    agent_names: dict[str, str] = Field(default_factory=dict)


class HelpdeskOptions(NameMaps):
    """django-helpdesk: its API lists neither queues nor users, so names come from here."""

    # One page must hold every open ticket: each request costs the server
    # O(all tickets), so walking small pages multiplies the cost.
    page_size: int = Field(default=10_000, ge=100, le=1_000_000)
    # Client-side ceiling; None: none (the poll interval already paces it).
    requests_per_minute: float | None = Field(default=None, gt=0)
    verify_tls: bool = True


class ZammadOptions(NameMaps):
    # The trigger that sends the automatic reply; None: auto-reply not offered.
    auto_reply_trigger_id: int | None = Field(default=None, ge=1)
    # Zammad caps search pages at 200 per page.
    per_page: int = Field(default=100, ge=1, le=200)
    # Pages read per poll at most; the rest follows on the next poll.
    max_pages_per_poll: int = Field(default=20, ge=1, le=1000)
    # Re-read changes this far back on every poll: the search index lags the database.
    overlap_s: float = Field(default=120.0, ge=0, le=3600)
    # Priority id (as text) → cockpit priority, for instances with custom priorities.
    priority_map: dict[str, Priority] = Field(default_factory=dict)
    requests_per_minute: float | None = Field(default=None, gt=0)
    verify_tls: bool = True


class ZendeskOptions(NameMaps):
    # The agent's e-mail for ``{email}/token`` auth (the API token is a secret).
    email: str | None = None
    # The plan's limit: Team 200, Growth/Professional 400, Enterprise 700.
    requests_per_minute: float = Field(default=200.0, gt=0, le=10_000)
    # Incremental exports have their own limit: 10/min (30 with High Volume).
    incremental_per_minute: float = Field(default=10.0, gt=0, le=1000)
    # The trigger that sends the automatic reply; None: auto-reply not offered.
    auto_reply_trigger_id: int | None = Field(default=None, ge=1)
    # Queue (group id as text) → id of a view counting its open tickets, for
    # ``live_counts()`` through one ``views/count_many`` call.
    count_views: dict[str, int] = Field(default_factory=dict)
    # Finished tickets are loaded this far back on a full load (arrivals, resolutions).
    history_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    verify_tls: bool = True

    @field_validator("email")
    @classmethod
    def _looks_like_email(cls, value: str | None) -> str | None:
        if value is not None and "@" not in value:
            raise ValueError("expected the agent's e-mail address")
        return value


class PriorityBands(_Model):
    """Where RT's 0–99 priority number turns into the cockpit's four grades."""

    urgent: int = Field(default=90, ge=0, le=100)
    high: int = Field(default=60, ge=0, le=100)
    medium: int = Field(default=30, ge=0, le=100)


class RtOptions(NameMaps):
    """Request Tracker 5 (REST2)."""

    priority_bands: PriorityBands = PriorityBands()
    # RT queue name → cockpit queue id (e.g. to share the handbook's per-queue
    # targets); unnamed queues keep RT's name as their id.
    queue_ids: dict[str, str] = Field(default_factory=dict)
    # Re-read changes this far back on every poll: RT stamps LastUpdated to the second.
    overlap_s: float = Field(default=2.0, ge=0, le=3600)
    per_page: int = Field(default=100, ge=1, le=100)
    # Finished tickets loaded on a full load (arrivals, resolutions).
    history_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    requests_per_minute: float | None = Field(default=None, gt=0)
    verify_tls: bool = True


class BackendOptions(_Model):
    """All vendor options; the settings field ``backend_options`` holds one of these."""

    helpdesk: HelpdeskOptions = HelpdeskOptions()
    zammad: ZammadOptions = ZammadOptions()
    zendesk: ZendeskOptions = ZendeskOptions()
    rt: RtOptions = RtOptions()
