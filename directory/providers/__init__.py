"""Providers keep their listings true (issue 5): rights, moderation, quick updates, checks.

An app-less package of the ``directory`` app; its rows live in ``directory.models.providers``.
docs/providers.md is the map.
"""
