#!/usr/bin/env python3
"""NTLM (NTLMv2) verifier for round-trip tests, an IIS-like server: the NEGOTIATE -> CHALLENGE ->
AUTHENTICATE handshake per MS-NLMP / MS-NTHT, bound to the TCP connection (the challenge and the
authentication live on the connection's handler, so a client that opens a new connection for
AUTHENTICATE fails, as it would against Windows).

Debian has no NTLM server library for Python (python3-spnego is not packaged; impacket's server
side is SMB), so the messages are read and written here from MS-NLMP §2.2; the NTLMv2 check uses
python3-ntlm-auth's NTOWFv2 (an independent implementation of MS-NLMP §3.3.2) and verifies the
NTProofStr, the LMv2 response (unless zeroed), the user and domain. OpenSSL 3 keeps MD4 in its
legacy provider, so the server re-executes itself with openssl_legacy.cnf when hashlib lacks MD4.

Answers 200 "verified NTLMv2 DOMAIN\\user" (and 200 "connection authenticated" afterwards on the
same connection), or 401 "WWW-Authenticate: NTLM [challenge]".

With --proxy it is a proxy that wants NTLM, as corporate proxies do: requests in absolute form,
the messages in Proxy-Authorization, 407 with Proxy-Authenticate, and the proxy answers a
verified request itself ("verified NTLMv2 DOMAIN\\user for <URL> [with N body bytes]").

Usage: ntlm_server.py --user U --password P [--domain D] [--timestamp] [--proxy]
"""

import argparse
import base64
import hashlib
import hmac
import os
import struct
import sys
import time

SIGNATURE = b"NTLMSSP\0"
NEGOTIATE_UNICODE = 0x00000001
NEGOTIATE_NTLM = 0x00000200
NEGOTIATE_ALWAYS_SIGN = 0x00008000
TARGET_TYPE_DOMAIN = 0x00010000
NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000
NEGOTIATE_TARGET_INFO = 0x00800000
NEGOTIATE_128 = 0x20000000
NEGOTIATE_56 = 0x80000000


def md4_available():
    try:
        hashlib.new("md4", b"")
        return True
    except ValueError:
        return False


if not md4_available() and "POSTERN_NTLM_REEXEC" not in os.environ:
    here = os.path.dirname(os.path.abspath(__file__))
    os.environ["OPENSSL_CONF"] = os.path.join(here, "openssl_legacy.cnf")
    os.environ["POSTERN_NTLM_REEXEC"] = "1"
    os.execv(sys.executable, [sys.executable] + sys.argv)

from ntlm_auth import compute_hash  # noqa: E402 - after the MD4 check

import server_common  # noqa: E402


def av_pairs(domain, computer, timestamp):
    out = b""
    for av_id, value in ((2, domain), (1, computer)):
        data = value.encode("utf-16-le")
        out += struct.pack("<HH", av_id, len(data)) + data
    if timestamp:
        filetime = (int(time.time()) + 11644473600) * 10000000
        out += struct.pack("<HHQ", 7, 8, filetime)
    return out + struct.pack("<HH", 0, 0)


def challenge_message(server_challenge, domain, target_info):
    """MS-NLMP 2.2.1.2: header (48 bytes), then target name and target info."""
    name = domain.encode("utf-16-le")
    flags = (NEGOTIATE_UNICODE | NEGOTIATE_NTLM | NEGOTIATE_ALWAYS_SIGN | TARGET_TYPE_DOMAIN |
             NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_TARGET_INFO | NEGOTIATE_128 |
             NEGOTIATE_56)
    header_size = 48
    return (SIGNATURE + struct.pack("<I", 2) +
            struct.pack("<HHI", len(name), len(name), header_size) +
            struct.pack("<I", flags) + server_challenge + b"\0" * 8 +
            struct.pack("<HHI", len(target_info), len(target_info), header_size + len(name)) +
            name + target_info)


def field(message, offset):
    length, _, start = struct.unpack_from("<HHI", message, offset)
    if start + length > len(message):
        raise ValueError("field at %d points outside the message" % offset)
    return message[start:start + length]


def read_authenticate(message):
    if message[:8] != SIGNATURE or struct.unpack_from("<I", message, 8)[0] != 3:
        raise ValueError("not an AUTHENTICATE message")
    flags = struct.unpack_from("<I", message, 60)[0]
    text = (lambda b: b.decode("utf-16-le")) if flags & NEGOTIATE_UNICODE else \
        (lambda b: b.decode("latin-1"))
    return {"lm": field(message, 12), "nt": field(message, 20), "domain": text(field(message, 28)),
            "user": text(field(message, 36)), "workstation": text(field(message, 44)),
            "flags": flags}


def verify(options, server_challenge, target_info, auth):
    """The NTLMv2 checks of MS-NLMP 3.3.2 as a server makes them; returns the reason or None."""
    if auth["user"].upper() != options.user.upper():
        return "unknown user %r" % auth["user"]
    if auth["domain"].upper() != options.domain.upper():
        return "wrong domain %r" % auth["domain"]
    nt = auth["nt"]
    if len(nt) < 16 + 28 + 4:
        return "not an NTLMv2 response (%d bytes)" % len(nt)
    key = compute_hash._ntowfv2(auth["user"], options.password, auth["domain"])
    proof, blob = nt[:16], nt[16:]
    if blob[:2] != b"\x01\x01":
        return "the client blob has the wrong version"
    if blob[28:-4] != target_info:
        return "the client blob does not carry this server's target info"
    if not hmac.compare_digest(hmac.new(key, server_challenge + blob, hashlib.md5).digest(), proof):
        return "NTProofStr does not verify (wrong password?)"
    lm = auth["lm"]
    if lm != b"\0" * 24:
        client_challenge = blob[16:24]
        expected = hmac.new(key, server_challenge + client_challenge, hashlib.md5).digest()
        if lm != expected + client_challenge:
            return "LMv2 response does not verify"
    elif not options.timestamp:
        return "a zero LM response is only for servers that send MsvAvTimestamp"
    return None


def make_handler(options):
    class Handler(server_common.Handler):
        # One handler object per connection: what it learns is the connection's.
        pending = None
        authenticated = False

        # (status when refused, challenge header, credentials header): origin or proxy.
        refused, challenge, credentials = (
            (407, "Proxy-Authenticate", "Proxy-Authorization") if options.proxy
            else (401, "WWW-Authenticate", "Authorization"))

        def handle_any(self):
            body = self.read_body()
            if options.proxy and not self.path.startswith("http://"):
                self.answer(400, "a proxy takes absolute URLs, not %r" % self.path)
                return
            if self.authenticated:
                self.answer(200, "connection authenticated")
                return
            header = self.headers.get(self.credentials, "")
            if not header.startswith("NTLM "):
                self.answer(self.refused, "NTLM required", [(self.challenge, "NTLM")])
                return
            try:
                message = base64.b64decode(header[5:])
                kind = struct.unpack_from("<I", message, 8)[0] if message[:8] == SIGNATURE else 0
                if kind == 1:
                    self.send_challenge()
                elif kind == 3:
                    self.check_authenticate(message, body)
                else:
                    self.answer(400, "not an NTLM message")
            except (ValueError, struct.error, UnicodeDecodeError) as why:
                self.answer(400, "bad NTLM message: %s" % why)

        def send_challenge(self):
            server_challenge = os.urandom(8)
            target_info = av_pairs(options.domain, "POSTERN-TEST", options.timestamp)
            self.pending = (server_challenge, target_info)
            blob = base64.b64encode(challenge_message(server_challenge, options.domain, target_info))
            self.answer(self.refused, "challenge", [(self.challenge, "NTLM " + blob.decode())])

        def check_authenticate(self, message, body):
            if self.pending is None:
                # AUTHENTICATE on a connection that never got a CHALLENGE: the client did not
                # keep the connection, which NTLM requires.
                self.answer(self.refused, "no challenge on this connection",
                            [(self.challenge, "NTLM")])
                return
            server_challenge, target_info = self.pending
            self.pending = None
            auth = read_authenticate(message)
            reason = verify(options, server_challenge, target_info, auth)
            if reason:
                self.answer(self.refused, "refused: " + reason, [(self.challenge, "NTLM")])
                return
            self.authenticated = True
            verified = "verified NTLMv2 %s\\%s" % (auth["domain"], auth["user"])
            self.answer(200, verified + server_common.proxied(self.path, body, options.proxy))

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--domain", default="")
    parser.add_argument("--timestamp", action="store_true",
                        help="send MsvAvTimestamp (the client then must zero its LM response)")
    parser.add_argument("--proxy", action="store_true", help="be a proxy that wants NTLM (407)")
    options = parser.parse_args()
    server_common.serve(make_handler(options))


if __name__ == "__main__":
    sys.exit(main())
