#!/usr/bin/python3
"""Debian's lighttpd (mod_auth, an implementation independent of Postern's) as a Digest server:
MD5 and SHA-256 challenges with qop=auth, the password in a "plain" backend file so lighttpd can
compute either hash. Same contract as the other servers here: prints the port, stops lighttpd and
exits when stdin closes or on SIGTERM. Exit 77 when lighttpd is not installed.

  digest_lighttpd.py --user U --password P [--realm R] [--algorithms SHA-256|MD5]
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

CONFIG = """server.document-root = "{root}/www"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{root}/error.log"
server.pid-file = "{root}/lighttpd.pid"
server.modules = ("mod_auth", "mod_authn_file")
auth.backend = "plain"
auth.backend.plain.userfile = "{root}/users"
auth.require = ("/" => ("method" => "digest", "realm" => "{realm}",
                        "require" => "valid-user", "algorithm" => "{algorithms}"))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(port, process):
    for _ in range(100):
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--realm", default="postern-lighttpd")
    parser.add_argument("--algorithms", default="SHA-256|MD5")
    args = parser.parse_args()
    binary = shutil.which("lighttpd") or "/usr/sbin/lighttpd"
    if not os.path.exists(binary):
        print("lighttpd is not installed", file=sys.stderr)
        sys.exit(77)
    root = tempfile.mkdtemp(prefix="postern-lighttpd-")
    os.mkdir(os.path.join(root, "www"))
    with open(os.path.join(root, "www", "index.html"), "w") as page:
        page.write("verified by lighttpd\n")
    with open(os.path.join(root, "users"), "w") as users:
        users.write("%s:%s\n" % (args.user, args.password))
    port = free_port()
    with open(os.path.join(root, "lighttpd.conf"), "w") as config:
        config.write(CONFIG.format(root=root, port=port, realm=args.realm,
                                   algorithms=args.algorithms))
    process = subprocess.Popen([binary, "-D", "-f", os.path.join(root, "lighttpd.conf")],
                               stdin=subprocess.DEVNULL, stdout=sys.stderr)

    def stop(*_):
        process.terminate()
        process.wait(timeout=5)
        shutil.rmtree(root, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    if not wait_listening(port, process):
        print("lighttpd did not start; see %s/error.log" % root, file=sys.stderr)
        stop()
    print(port, flush=True)
    while sys.stdin.buffer.read(4096):
        pass
    stop()


if __name__ == "__main__":
    main()
