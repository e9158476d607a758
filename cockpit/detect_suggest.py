"""Which playbook a surge suggests: the one whose match (topics, keywords,
queues, channels) covers most of the surge's tickets; public-opinion surges
raise the public-opinion playbook."""

from __future__ import annotations

from collections.abc import Sequence

from cockpit.domain import Ticket
from cockpit.incidents.matching import TicketFilter
from cockpit.incidents.playbook import Playbook

PUBLIC_OPINION_KIND = "public_opinion"
# Fewer matching tickets than this share and nothing is suggested.
MIN_SHARE = 0.3


class PlaybookMatcher:
    """Scores playbooks against a surge's tickets (open ones: a filter's rule)."""

    def __init__(self, playbooks: Sequence[Playbook], *, min_share: float = MIN_SHARE) -> None:
        self._playbooks = tuple(playbooks)
        self._min_share = min_share
        self._filters = tuple(
            (
                p,
                TicketFilter(
                    topics=frozenset(p.match.topics),
                    keywords=tuple(p.match.keywords),
                    queues=frozenset(p.match.queues),
                    channels=frozenset(p.match.channels),
                ),
            )
            for p in self._playbooks
            if p.match.topics or p.match.keywords
        )

    def playbook_name(self, playbook_id: str, language: str) -> str | None:
        """The playbook's name in ``language``; None for an id it does not know."""
        for playbook in self._playbooks:
            if playbook.id == playbook_id:
                return playbook.names.get(language)
        return None

    def suggest(self, kind: str, tickets: Sequence[Ticket]) -> str | None:
        """The playbook id for a surge of ``kind`` made of ``tickets``."""
        if kind == PUBLIC_OPINION_KIND:
            for playbook in self._playbooks:
                if playbook.kind == PUBLIC_OPINION_KIND or playbook.id == PUBLIC_OPINION_KIND:
                    return playbook.id
        if not tickets:
            return None
        best: tuple[float, str] | None = None
        for playbook, flt in self._filters:
            share = sum(flt.matches(t) for t in tickets) / len(tickets)
            if share >= self._min_share and (best is None or share > best[0]):
                best = (share, playbook.id)
        return None if best is None else best[1]
