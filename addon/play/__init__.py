"""Everything between "play this title" and "it plays": streams, choice, preflight, resume, subtitles, reliability,
preload, Up Next.
"""
