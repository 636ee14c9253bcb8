"""Minimal answers for xbmc.executeJSONRPC; tests replace fakekodi.jsonrpc_handler for anything richer."""
from __future__ import annotations


def default_handler(request: dict) -> dict:
    """Answer a JSON-RPC request dict the way Kodi would for the few methods a plugin commonly calls."""
    import fakekodi

    method = request.get('method', '')
    params = request.get('params') or {}
    if method == 'JSONRPC.Ping':
        return _result(request, 'pong')
    if method == 'JSONRPC.NotifyAll':
        fakekodi.monitor.notify(params.get('sender', ''), 'Other.' + params.get('message', ''), params.get('data'))
        return _result(request, 'OK')
    if method == 'Application.GetProperties':
        return _result(request, {'version': {'major': 20, 'minor': 1, 'revision': '', 'tag': 'stable'},
                                 'name': 'Kodi'})
    if method == 'Addons.GetAddonDetails':
        addon_id = params.get('addonid', '')
        if addon_id not in fakekodi.installed_addons and addon_id != fakekodi.addon_id():
            return _error(request, -32602, 'Invalid params.')
        enabled = fakekodi.installed_addons.get(addon_id, True)
        return _result(request, {'addon': {'addonid': addon_id, 'enabled': enabled, 'type': 'unknown'}})
    if method.startswith(('Files.', 'VideoLibrary.')):
        return _video(request, method, params, fakekodi.videodb())
    return _error(request, -32601, 'Method not found.')


_DETAILS = {'VideoLibrary.GetMovieDetails': ('movie', 'movieid', 'moviedetails'),
            'VideoLibrary.GetEpisodeDetails': ('episode', 'episodeid', 'episodedetails'),
            'VideoLibrary.GetTVShowDetails': ('tvshow', 'tvshowid', 'tvshowdetails')}


def _video(request, method, params, videodb) -> dict:
    """Files.SetFileDetails (play count of a file) and the library details methods, from the fake video db."""
    if method == 'Files.SetFileDetails':
        playcount = params.get('playcount')
        if params.get('media') != 'video' or not params.get('file') or not isinstance(playcount, int) \
                or params['file'].startswith('plugin://'):   # Kodi 20.1 finds no details of a plugin URL
            return _error(request, -32602, 'Invalid params.')
        videodb.set_playcount(params['file'], playcount)
        return _result(request, 'OK')
    if method in _DETAILS:
        kind, id_key, answer_key = _DETAILS[method]
        found = videodb.details(kind, params.get(id_key), params.get('properties') or [])
        if found is None:
            return _error(request, -32602, 'Invalid params.')
        return _result(request, {answer_key: found})
    return _error(request, -32601, 'Method not found.')


def _result(request: dict, result) -> dict:
    return {'id': request.get('id'), 'jsonrpc': '2.0', 'result': result}


def _error(request: dict, code: int, message: str) -> dict:
    return {'id': request.get('id'), 'jsonrpc': '2.0', 'error': {'code': code, 'message': message}}
