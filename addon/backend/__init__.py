"""The client of the user's AIOStreams server and what is built directly on it: catalogs, series, search, messages,
trailers.
"""
