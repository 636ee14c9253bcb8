"""Lifecycle shared by the fake HTTP servers: a ThreadingHTTPServer on 127.0.0.1 that can go offline and come
back on the same port (a refused connection, as with no network)."""
from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer


class LocalServer:
    name = 'fake-server'

    def __init__(self):
        self._httpd = None
        self.port = 0

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
