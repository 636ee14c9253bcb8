"""Lifecycle shared by the fake HTTP servers: a ThreadingHTTPServer on 127.0.0.1 that can go offline and come
back on the same port (a refused connection, as with no network)."""
from __future__ import annotations

import re
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit


class LocalServer:
    name = 'fake-server'

    def __init__(self):
        self._httpd = None
        self.port = 0
        self._slow = []
        self._slow_lock = threading.Lock()

    def handler_class(self):
        """The BaseHTTPRequestHandler subclass bound to this server."""
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
