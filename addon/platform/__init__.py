"""Machinery shared by every feature: database, HTTP, settings, tokens, routing, listing, outbox, play state. Knows no
feature.
"""
