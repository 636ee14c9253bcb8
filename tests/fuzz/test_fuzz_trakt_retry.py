"""The Trakt client's retries (urllib3's Retry on its session, addon/trakt/retry.py) against any run of answers a
server on 127.0.0.1 gives: any status, any Retry-After (seconds, huge, negative, fractional, an HTTP date, garbage,
missing). Whatever comes, the client waits at most the 60 s cap each time, sends at most 1 + 3 (429) + 2 (5xx)
requests, never repeats a write after a 5xx, never waits on a 429 its caller handles, and hands back the last answer.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addon.trakt import client as trakt_client
from addon.trakt import retry
from addon.trakt.client import TraktClient
from tests.fuzz.fuzzing import FUZZ, example

statuses = st.sampled_from([200, 201, 204, 400, 401, 404, 409, 429, 429, 429, 500, 502, 503, 504, 520])
retry_afters = st.one_of(st.none(), st.integers(min_value=0, max_value=120).map(str),
                         st.sampled_from(['99999999999999999999', '-5', '1.5', ' 3 ', 'soon', '',
                                          'Wed, 21 Oct 2015 07:28:00 GMT', 'Fri, 31 Dec 2099 23:59:59 GMT']))
answers = st.lists(st.tuples(statuses, retry_afters), min_size=1, max_size=8)


class ScriptedServer:
    """Answers each request with the next (status, Retry-After) of its script (the last one repeats)."""

    def __init__(self):
        self.script, self.seen = [], []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get('Content-Length') or 0)
                if length:
                    self.rfile.read(length)
                server.seen.append(self.command)
                status, retry_after = server.script[min(len(server.seen), len(server.script)) - 1]
                body = b'{}' if status != 204 else b''
                self.send_response(status)
                if retry_after is not None:
                    self.send_header('Retry-After', retry_after)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        self.url = 'http://127.0.0.1:%d' % self.httpd.server_address[1]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope='module')
def scripted():
    server = ScriptedServer()
    yield server
    server.stop()


@FUZZ
@given(script=answers, method=st.sampled_from(['GET', 'POST']), wait_on_rate_limit=st.booleans())
def test_any_run_of_answers_is_retried_within_the_rules(scripted, script, method, wait_on_rate_limit):
    with example('trakt retries'):
        scripted.script, scripted.seen = script, []
        slept = []
        client = TraktClient(api_url=scripted.url, client_id='fuzz-id', client_secret='fuzz-secret',
                             write_interval=0.0, sleep=slept.append)
        response = client.request(method, '/sync/history', body={} if method == 'POST' else None, auth=False,
                                  wait_on_rate_limit=wait_on_rate_limit)
        sent = len(scripted.seen)
        answered = [status for status, _ in script] + [script[-1][0]] * sent
        assert response.status_code == answered[sent - 1]
        assert all(0 <= seconds <= trakt_client.MAX_RETRY_AFTER for seconds in slept)
        assert len(slept) == sent - 1  # one wait before each repeat, none after the last answer
        rate_limited = answered[:sent - 1].count(429)
        server_errors = sum(1 for status in answered[:sent - 1] if status >= 500)
        assert rate_limited <= retry.RATE_LIMIT_RETRIES and server_errors <= retry.SERVER_ERROR_RETRIES
        assert rate_limited + server_errors == sent - 1
        if not wait_on_rate_limit:
            assert rate_limited == 0
        if method == 'POST':
            assert server_errors == 0
