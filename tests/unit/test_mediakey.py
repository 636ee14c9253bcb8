from addon.core.mediakey import media_key, parse_media_key


def test_movie_and_episode_keys_round_trip():
    assert media_key('movie', 'tt0111161') == 'movie:tt0111161'
    key = media_key('series', 'tmdb:1396', '2', 3)
    assert key == 'episode:tmdb:1396:2:3'
    assert parse_media_key(key) == ('episode', 'tmdb:1396', 2, 3)
    assert parse_media_key('movie:tt0111161') == ('movie', 'tt0111161', None, None)
