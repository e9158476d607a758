"""Incident mode: playbooks, the incident engine, broadcasts and bulk replies.

Everything here is headless: the UI and the command line call the engine's
small op functions (on the database executor) and render what they return.
"""
