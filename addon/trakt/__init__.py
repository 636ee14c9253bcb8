"""Trakt: device login, token-safe API client, delta sync into the local database, lists, Next Up and actions."""
