"""Tiny video-only test clips made with ffmpeg, and HTTP Range serving for the fake servers.

Kodi refuses media servers that ignore Range ("Requested range was not delivered") and stalls on audio tracks
without a sound device, so clips are video-only H.264 mp4 served with 206 / Content-Range / Accept-Ranges.
Clips are generated once per machine into a cache folder (a few seconds of ffmpeg on first use).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading

CACHE_DIR = os.environ.get('AIOSTREAMS_FAKE_MEDIA') or os.path.join(tempfile.gettempdir(), 'aiostreams-fake-media')
# name -> (ffmpeg lavfi source, seconds)
CLIPS = {
    'clip': ('testsrc=size=320x240:rate=10', 60),
    'short': ('testsrc2=size=320x240:rate=10', 12),
    'failure': ('color=c=darkred:size=320x240:rate=10', 5),
}
_lock = threading.Lock()
_RANGE = re.compile(r'bytes=(\d*)-(\d*)$')


def clip_path(name='clip') -> str:
    """Path of a generated clip (generated on first call; ffmpeg required)."""
    source, seconds = CLIPS.get(name, CLIPS['clip'])
    path = os.path.join(CACHE_DIR, '%s-%d-gop1s.mp4' % (name, seconds))
    with _lock:
        if not os.path.exists(path):
            _generate(source, seconds, path)
    return path


def _generate(source, seconds, path):
    if not shutil.which('ffmpeg'):
        raise RuntimeError('ffmpeg is required to generate test media (apt-get install ffmpeg)')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + '.part.mp4'
    subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', source,
                    '-t', str(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
                    '-g', '10',  # a keyframe every second (10 fps): Kodi then seeks / resumes to the exact second
                    '-movflags', '+faststart', partial], check=True, timeout=120)
    os.replace(partial, path)


def parse_range(header, size):
    """(start, end) inclusive for a single 'bytes=a-b' range, None without a header, 'invalid' if unsatisfiable."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match or (not match.group(1) and not match.group(2)):
        return 'invalid'
    if match.group(1):
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else size - 1
    else:  # suffix range: the last N bytes
        start = max(0, size - int(match.group(2)))
        end = size - 1
    if start >= size or end < start:
        return 'invalid'
    return start, min(end, size - 1)


def send_file(handler, path, content_type='video/mp4'):
    """Answer GET/HEAD for a file with Range support on a BaseHTTPRequestHandler."""
    size = os.path.getsize(path)
    wanted = parse_range(handler.headers.get('Range'), size)
    if wanted == 'invalid':
        handler.send_response(416)
        handler.send_header('Content-Range', 'bytes */%d' % size)
        handler.send_header('Content-Length', '0')
        handler.end_headers()
        return
    start, end = wanted if wanted else (0, size - 1)
    handler.send_response(206 if wanted else 200)
    handler.send_header('Content-Type', content_type)
    handler.send_header('Accept-Ranges', 'bytes')
    handler.send_header('Content-Length', str(end - start + 1))
    if wanted:
        handler.send_header('Content-Range', 'bytes %d-%d/%d' % (start, end, size))
    handler.end_headers()
    if handler.command == 'HEAD':
        return
    with open(path, 'rb') as source:
        source.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = source.read(min(65536, remaining))
            if not chunk:
                break
            try:
                handler.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return  # players close connections mid-body all the time
            remaining -= len(chunk)
