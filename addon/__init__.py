"""plugin.video.aiostreams: AIOStreams client for Kodi with Trakt and PunchPlay.tv."""
