"""The next episode continues the show's last release (issue 17): the remembered release of the show, the stream
that matches it put first (auto-play takes it, the picker marks it "same as last episode"), and a word when the
remembered release is gone and the closest one plays instead."""
from __future__ import annotations

from addon import kodi
from addon.core import binge_match
from addon.core.stream_model import SERVICE_NAMES
from addon.play import binge_memory, stream_display


def remembered_for(request) -> dict | None:
    """The release the show's last episode played from, for an episode request; None otherwise."""
    if not request.is_episode or not request.ident:
        return None
    return binge_memory.recall(binge_memory.show_key(request.content_type, request.ident))


def auto_choice(ranked, remembered) -> tuple:
    """(the auto-play order with the matching stream first, the matched stream or None). Tells the user when a
    remembered bingeGroup is gone and another stream continues."""
    ordered, match, level = binge_match.put_first(ranked, remembered)
    if remembered and binge_match.telling_group(remembered.get('binge_group')) and level != binge_match.SAME_GROUP:
        closest = ordered[0] if ordered else None
        if closest is not None:
            kodi.notify(kodi.localize(32501, stream_display.plain(release_words(closest))), time_ms=5000)
    return ordered, match


def release_words(stream) -> str:
    """'1080p Torrentio RD' - what the notification names."""
    parts = [stream.resolution, stream_display.title_text(stream), stream.release_group,
             SERVICE_NAMES.get(stream.service or '', stream.service)]
    return ' '.join(part for part in parts if part)


def marker() -> str:
    return kodi.localize(32500)
