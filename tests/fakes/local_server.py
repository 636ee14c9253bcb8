"""Lifecycle shared by the fake HTTP servers: a ThreadingHTTPServer on 127.0.0.1 that can go offline and come
back on the same port (a refused connection, as with no network); and the test controls of the fake Trakt and
PunchPlay: the request log, injected failures, slow answers and the device codes of their logins."""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class LocalServer:
    name = 'fake-server'

    def __init__(self):
        self._httpd = None
        self.port = 0
        self._slow = []
        self._slow_lock = threading.Lock()
        self.lock = threading.RLock()
        self.requests = []   # what the server answered, oldest first (each server's Request tuples)
        self.devices = {}    # device code -> state dict of a device-code login
        self._failures = []

    def handler_class(self):
        """The BaseHTTPRequestHandler subclass bound to this server (json_handler for a JSON API)."""
        raise NotImplementedError

    def start(self):
        self._httpd = ThreadingHTTPServer(('127.0.0.1', self.port), self.handler_class())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name=self.name, daemon=True).start()
        return self

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def slow(self, path_pattern, seconds, times=1):
        """The next `times` requests whose path matches are handled normally but answered only after `seconds`
        (a client that times out never sees an answer the server has acted on). The handler asks answer_delay."""
        with self._slow_lock:
            self._slow.append({'pattern': re.compile(path_pattern), 'seconds': seconds, 'times': times})

    def answer_delay(self, path) -> float:
        with self._slow_lock:
            for entry in self._slow:
                if entry['times'] > 0 and entry['pattern'].search(urlsplit(path).path):
                    entry['times'] -= 1
                    return entry['seconds']
        return 0.0

    def fail(self, path_pattern, status, times=1, headers=None, body=None, method=None):
        """The next `times` requests (of `method`, any when None) whose path matches the regex get `status`, with
        `headers` and `body`, instead of an answer (e.g. 503, or 429 with headers={'Retry-After': '2'})."""
        with self.lock:
            self._failures.append({'pattern': re.compile(path_pattern), 'status': status, 'times': times,
                                   'headers': headers or {}, 'body': body, 'method': method})

    def injected_failure(self, method, path):
        """(status, body, headers) of the failure `fail` set for this request, or None."""
        with self.lock:
            for failure in self._failures:
                if failure['times'] > 0 and failure['pattern'].search(path) and failure['method'] in (None, method):
                    failure['times'] -= 1
                    return failure['status'], failure['body'], dict(failure['headers'])
        return None

    def count(self, path_prefix='', method=None) -> int:
        with self.lock:
            return sum(1 for request in self.requests
                       if request.path.startswith(path_prefix) and (method is None or request.method == method))

    def clear_log(self):
        with self.lock:
            del self.requests[:]

    def approve(self, user_code=None):
        self._device(user_code)['state'] = 'approved'

    def deny(self, user_code=None):
        self._device(user_code)['state'] = 'denied'

    def expire(self, user_code=None):
        self._device(user_code)['expires_at'] = 0.0

    def _device(self, user_code):
        """The device login of `user_code` (the first one when None)."""
        with self.lock:
            for device in self.devices.values():
                if user_code is None or device['user_code'] == user_code:
                    return device
        raise KeyError(user_code)

    @property
    def url(self) -> str:
        return 'http://127.0.0.1:%d' % self.port

    @property
    def online(self) -> bool:
        return self._httpd is not None

    def set_offline(self, offline):
        """Offline: the port refuses connections. Back online: the same port again."""
        if offline:
            self.stop()
        elif self._httpd is None:
            self.start()


class CaseInsensitive(dict):
    """Request headers: keys stored in lower case, get() in any case."""

    def __init__(self, items):
        super().__init__((key.lower(), value) for key, value in items.items())

    def get(self, key, default=None):
        return super().get(key.lower(), default)


def json_handler(server):
    """A handler passing every request to server.handle(method, path, headers, raw body), which returns (status,
    answer, extra headers); the answer goes out as JSON (None: no body), after server.answer_delay(path)."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.0'

        def _serve(self):
            length = int(self.headers.get('Content-Length') or 0)
            raw_body = self.rfile.read(length) if length else b''
            status, answer, extra = server.handle(self.command, self.path, CaseInsensitive(self.headers), raw_body)
            delay = server.answer_delay(self.path)
            if delay:
                time.sleep(delay)
            payload = b'' if answer is None else json.dumps(answer).encode('utf-8')
            try:
                self.send_response(status)
                if payload:
                    self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(payload)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                if payload and self.command != 'HEAD':
                    self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting for a slow answer
                pass

        do_GET = do_POST = do_DELETE = do_PUT = _serve

        def log_message(self, *args):
            pass

    return Handler
