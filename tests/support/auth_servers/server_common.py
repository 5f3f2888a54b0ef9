"""What every loopback verifying server under tests/support/auth_servers shares.

A server listens on 127.0.0.1 on a port the system picks, prints that port on stdout (one line)
once it listens, and exits when its stdin closes or on SIGTERM, so a test that started it can
stop it by its PID (or just by closing the pipe) and a crashed test leaves nothing behind.
"""

import http.server
import os
import signal
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    """HTTP/1.1 with the body always read first (keep-alive stays in sync on a 401)."""

    protocol_version = "HTTP/1.1"

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, body, headers=()):
        data = body.encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        sys.stderr.write("%s: %s\n" % (os.path.basename(sys.argv[0]), format % args))


def proxied(path, body, proxy):
    """What a verifying server in proxy mode adds to its answer: the URL it was asked for, and
    the size of the body that came with the authenticated request (a client must send it whole
    once the handshake is done)."""
    if not proxy:
        return ""
    return " for " + path + (" with %d body bytes" % len(body) if body else "")


def serve(handler_class):
    """Listens, prints the port, serves until stdin closes or SIGTERM."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def watch_stdin():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
