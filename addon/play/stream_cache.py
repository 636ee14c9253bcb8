"""Parsed stream lists kept for a short time (15 minutes) in the DB: filled by the service's Next Up preload and
by every scrape, used by play and by the streams folder. Playback URLs never outlive the TTL.

Each list belongs to the manifest URL it was fetched with (its scope: config and variant), so a list fetched under
one variant is never offered under another (a "no 4K" variant never gets the 4K streams of the base config)."""
from __future__ import annotations

import json
import time

from addon.core import manifest_url
from addon.core.stream_model import Stream, StreamList
from addon.platform import settings, storage
from addon.play.stream_store import PreloadedStreams

TTL_SECONDS = 15 * 60


def current_scope() -> str:
    """The scope of the configured manifest URL ('' when none is usable: nothing is fetched then)."""
    try:
        return manifest_url.scope(manifest_url.parse(settings.base_url()))
    except manifest_url.BadManifestUrl:
        return ''


def _row(media_key):
    return PreloadedStreams.get_or_none(PreloadedStreams.scope == current_scope(),
                                        PreloadedStreams.media_key == media_key)


def store(media_key, stream_id, stream_list, now=None) -> None:
    """Keep a list with at least one playable stream (lists of only errors are never kept)."""
    if not stream_list.playable:
        return
    storage.open_db()
    payload = json.dumps({'playable': [stream.to_dict() for stream in stream_list.playable],
                          'p2p': stream_list.p2p, 'unsupported': stream_list.unsupported,
                          'notices': stream_list.notices or []}, separators=(',', ':'))
    values = {'stream_id': stream_id, 'fetched_at': time.time() if now is None else now, 'payload': payload}
    (PreloadedStreams.insert(scope=current_scope(), media_key=media_key, **values)
     .on_conflict(conflict_target=[PreloadedStreams.scope, PreloadedStreams.media_key], update=values).execute())


def fresh(media_key, stream_id, now=None) -> StreamList | None:
    """The kept list for this item when younger than the TTL and fetched for the same stream id and manifest URL."""
    storage.open_db()
    now = time.time() if now is None else now
    row = _row(media_key)
    if row is None or row.stream_id != stream_id or not 0 <= now - row.fetched_at < TTL_SECONDS:
        return None
    try:
        data = json.loads(row.payload)
    except ValueError:
        return None
    return StreamList(playable=[Stream.from_dict(item) for item in data.get('playable') or []],
                      p2p=int(data.get('p2p') or 0), unsupported=int(data.get('unsupported') or 0),
                      notices=[tuple(notice) for notice in data.get('notices') or []])


def age_seconds(media_key, now=None) -> float | None:
    """Age of the list kept for this item under the current manifest URL (None when there is none)."""
    storage.open_db()
    row = _row(media_key)
    if row is None:
        return None
    return (time.time() if now is None else now) - row.fetched_at


def purge_expired(now=None) -> int:
    storage.open_db()
    cutoff = (time.time() if now is None else now) - TTL_SECONDS
    return PreloadedStreams.delete().where(PreloadedStreams.fetched_at < cutoff).execute()


def forget(media_key) -> None:
    """Drop the item's lists under every manifest URL."""
    storage.open_db()
    PreloadedStreams.delete().where(PreloadedStreams.media_key == media_key).execute()
