"""Connection tools: set up from UUID + password or a pasted manifest URL, Test connection, Refresh manifest,
Clear cache. These run from settings buttons and the Tools menu (RunPlugin), so they may open dialogs."""
from __future__ import annotations

from addon import kodi
from addon.backend import aiostreams, rest_api, search
from addon.backend.messages import message_for
from addon.core import manifest_url, setup_checks
from addon.core.redact import register_secret
from addon.trakt import discover

PLAIN_HTTP_MESSAGE = 32302
OTHER_ADDON_MESSAGE = 32304

# ---- setup ---------------------------------------------------------------------------------------------------

def _current_host():
    try:
        return manifest_url.parse(kodi.get_string('base_url')).api_root
    except manifest_url.BadManifestUrl:
        return ''


def setup_from_uuid():
    """Ask for the instance address, UUID (or config alias) and raw password; build the manifest URL from
    /api/v1/user (Basic auth first, the older query form after the user agrees); validate it and save it. The
    password is never stored."""
    typed_host = kodi.keyboard(kodi.localize(30340), _current_host())
    if typed_host is None:
        return False
    try:
        host = manifest_url.host_of(typed_host)
    except manifest_url.BadManifestUrl:
        kodi.ok_dialog(kodi.localize(30320))
        return False
    if setup_checks.plain_http_to_remote(host):
        kodi.ok_dialog(kodi.localize(PLAIN_HTTP_MESSAGE))
        return False
    user = kodi.keyboard(kodi.localize(30341))
    if user is None:
        return False
    password = kodi.keyboard(kodi.localize(30342), hidden=True)
    if password is None:
        return False
    if setup_checks.looks_encrypted(password):
        kodi.ok_dialog(kodi.localize(30344))
        return False
    outcome = rest_api.fetch_user(host, user.strip(), password)
    if rest_api.needs_legacy_user_api(outcome):
        if not kodi.yes_no(kodi.localize(30343)):
            return False
        outcome = rest_api.fetch_user(host, user.strip(), password, legacy_query=True)
    del password
    if outcome.kind != aiostreams.OK:
        if outcome.status == 401 and any('raw password' in error for error in outcome.errors):
            kodi.ok_dialog(kodi.localize(30344))
        else:
            kodi.ok_dialog(kodi.localize(30346, message_for(outcome)))
        return False
    return save_manifest_url(outcome.data['manifest_url'])


def enter_manifest_url():
    """configure_aiostreams: paste or type the manifest URL (no clipboard snooping, no browser killing)."""
    typed = kodi.keyboard(kodi.localize(30361))
    if typed is None:
        return False
    return save_manifest_url(typed.strip())


def save_manifest_url(url):
    """Validate a manifest URL against the server and store it in base_url when it works: an AIOStreams
    manifest, over https unless the server is local, with a variant the server knows."""
    try:
        base = manifest_url.parse(url)
    except manifest_url.BadManifestUrl as bad:
        kodi.ok_dialog(kodi.localize(30012 if bad.reason == 'empty' else 30320))
        return False
    register_secret(url)
    if setup_checks.plain_http_to_remote(base.origin):
        kodi.ok_dialog(kodi.localize(30346, kodi.localize(PLAIN_HTTP_MESSAGE)))
        return False
    outcome = aiostreams.fetch_manifest(base, live=True)
    other = setup_checks.other_addon_name(outcome.data) if outcome.kind == aiostreams.OK else None
    ignored = ignored_variant(base, rest_api.fetch_status(base.api_root) if manifest_url.variant(base) else None)
    if other or ignored or outcome.kind != aiostreams.OK:
        reason = kodi.localize(OTHER_ADDON_MESSAGE, other) if other else \
            kodi.localize(30358, ignored) if ignored else message_for(outcome)
        kodi.ok_dialog(kodi.localize(30346, reason))
        return False
    kodi.set_setting('base_url', url)
    aiostreams.forget_manifest(base)
    kodi.notify(kodi.localize(30345, len(outcome.data.get('catalogs') or [])))
    return True


# ---- test connection -----------------------------------------------------------------------------------------

def ignored_variant(base, status):
    """The URL's variant selector when the server's status shows it is older than config variants (no
    settings.variants): such a server ignores ?v= and has no /v/ route, so it would serve the base config."""
    selector = manifest_url.variant(base)
    if not selector or status is None or status.kind != aiostreams.OK or not isinstance(status.data, dict):
        return None
    server_settings = status.data.get('settings')
    return selector if isinstance(server_settings, dict) and 'variants' not in server_settings else None


def check():
    """Really contact the server: (True, summary) or (False, message naming the failing step)."""
    base = aiostreams.current_base()
    if isinstance(base, aiostreams.Outcome):
        return False, _failure(30352, base)
    manifest = aiostreams.fetch_manifest(base, live=True)
    status = rest_api.fetch_status(base.api_root)
    ignored = ignored_variant(base, status)
    if ignored:
        return False, kodi.localize(30350, kodi.localize(30352), kodi.localize(30358, ignored))
    if manifest.kind != aiostreams.OK:
        return False, _failure(30352, manifest)
    if status.kind != aiostreams.OK:
        return False, _failure(30351, status)
    info = status.data if isinstance(status.data, dict) else {}
    searchable = [kodi.localize(label) for kind, label in (('movie', 30002), ('series', 30003))
                  if search.search_catalog(manifest.data, kind)]
    api_disabled = bool((info.get('settings') or {}).get('searchApiDisabled'))
    summary = kodi.localize(30347, info.get('version') or '?', len(manifest.data.get('catalogs') or []),
                            ', '.join(searchable) if searchable else kodi.localize(30349))
    if api_disabled:
        summary += '\n' + kodi.localize(30357)
    return True, summary


def _failure(step_label, outcome):
    return kodi.localize(30350, kodi.localize(step_label), message_for(outcome))


def test_connection():
    with kodi.progress(kodi.localize(30105), kodi.localize(30356)):
        ok, text = check()
    kodi.log('test connection: %s' % ('ok' if ok else 'failed'), 'info')
    kodi.ok_dialog(text, kodi.localize(30105))
    return ok


# ---- cache tools ---------------------------------------------------------------------------------------------

def refresh_manifest():
    """Fetch the manifest again now (the cached copy is replaced), and say how many catalogs it has."""
    aiostreams.forget_manifest()
    outcome = aiostreams.fetch_manifest(refresh=True)
    if outcome.kind != aiostreams.OK:
        kodi.notify(message_for(outcome), icon='error')
        return False
    kodi.notify(kodi.localize(30354, len(outcome.data.get('catalogs') or [])))
    return True


def clear_cache():
    aiostreams.clear_cache()
    discover.clear_cache()  # Trakt's discover lists and calendar
    kodi.notify(kodi.localize(30355))
    return True
