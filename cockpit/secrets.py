"""Secrets (API tokens, webhook keys) come from the environment or the OS
keyring, never from the settings file, the database or logs."""

from __future__ import annotations

import logging
import os
import re

log = logging.getLogger(__name__)

KEYRING_SERVICE = "supervisor-cockpit"


def env_name(name: str) -> str:
    """``feed.token`` → ``COCKPIT_FEED_TOKEN``."""
    return "COCKPIT_" + re.sub(r"[^A-Za-z0-9]+", "_", name).upper()


def get_secret(name: str) -> str | None:
    """The secret called ``name``: the environment first (headless use), then
    the OS keyring. ``None`` when neither has it or the keyring is unusable."""
    value = os.environ.get(env_name(name))
    if value:
        return value
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            stored = keyring.get_password(KEYRING_SERVICE, name)
        except KeyringError as exc:
            log.info("keyring unavailable for %s: %s", name, type(exc).__name__)
            return None
    except Exception as exc:  # a broken keyring backend must not stop the cockpit
        log.info("keyring unavailable for %s: %s", name, type(exc).__name__)
        return None
    return stored or None


def set_secret(name: str, value: str) -> None:
    """Store in the OS keyring. Raises when no keyring is available: the UI
    then tells the user to use the environment variable instead."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, name, value)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every given secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
