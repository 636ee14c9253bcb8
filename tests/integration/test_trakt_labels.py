"""Labels of the Trakt lists (issue 15 points 7, 8): one episode format everywhere, no progress counts in titles,
Next Up paged like a catalog (widgets get no "Next page")."""
from __future__ import annotations

import re

from addon.views import trakt as trakt_views
from tests.integration.trakt_env import synced, trakt  # noqa: F401  (pytest fixtures)

P = 'plugin://plugin.video.aiostreams'
EPISODE = re.compile(r'^.+ S\d{2}E\d{2} - \S.*$')


def run(kodi, path, handle=5):
    return kodi.run_plugin(P + path, handle=handle)


def plain(label):
    return re.sub(r'\[/?COLOR[^\]]*\]', '', label)


def test_every_episode_row_reads_show_code_and_title(synced, kodi):
    for handle, path in enumerate(('/trakt/history', '/trakt/next_up', '/trakt/continue'), 30):
        listing = run(kodi, path, handle=handle)
        episodes = [plain(item.label) for item in listing.items
                    if item.listitem.getVideoInfoTag().getMediaType() == 'episode']
        assert episodes, path
        assert [label for label in episodes if not EPISODE.match(label)] == [], path


def test_show_rows_keep_their_progress_out_of_the_title(synced, kodi):
    listing = run(kodi, '/trakt/watchlist?media_type=shows', handle=40)
    assert listing.items
    for item in listing.items:
        assert not re.search(r'\(\d+/\d+\)', item.label), item.label
        assert item.listitem.getVideoInfoTag().getTitle() == plain(item.label)
        if item.listitem.getVideoInfoTag().getPlayCount():   # watched: Kodi's overlay, the skin's own colours
            assert item.label == plain(item.label), item.label
    assert any(item.listitem.getVideoInfoTag().getPlayCount() for item in listing.items)


def test_next_up_is_paged_and_a_widget_gets_one_page_without_next_page(synced, kodi, monkeypatch):
    monkeypatch.setattr(trakt_views, 'NEXT_UP_PAGE', 2)
    everything = len(synced.account.expected_next_up())
    assert everything > 4
    first = run(kodi, '/trakt/next_up', handle=50)
    assert first.labels[-1] == 'Next page' and len(first.items) == 3 and first.items[-1].is_folder
    second = run(kodi, first.urls[-1][len(P):], handle=51)
    assert second.labels[-1] == 'Next page' and second.labels[:2] != first.labels[:2]
    last_page = (everything + 1) // 2
    last = run(kodi, '/trakt/next_up?page=%d' % last_page, handle=52)
    assert 'Next page' not in last.labels and len(last.items) == everything - 2 * (last_page - 1)
    widget = run(kodi, '/trakt/next_up?widget=true', handle=53)
    assert len(widget.items) == 2 and 'Next page' not in widget.labels
