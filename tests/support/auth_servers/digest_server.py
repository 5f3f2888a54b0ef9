#!/usr/bin/python3
"""A Digest verifier written for Postern's tests from RFC 7616 (ours, not an independent library:
Debian has no Digest server library; lighttpd, which is independent, is run by
digest_lighttpd.py for MD5 and SHA-256 with qop=auth).

It checks everything a client sends: the response for MD5 / SHA-256 / SHA-512-256 and their
-sess variants, qop auth and auth-int (the body's hash), the uri against the request line, the
opaque echo, a strictly increasing nc per nonce, and userhash. Options:
  --user U --password P [--realm R] [--algorithms SHA-256,MD5] [--qop auth,auth-int | --qop none]
  [--userhash] [--stale-after N: a nonce that served N requests is answered stale=true]
200 "verified <algorithm> <qop>" when right; 401 with the challenges otherwise (the reason on
stderr and in the body).
With --proxy it is a proxy that wants Digest (RFC 7616 §3.8, RFC 7235 §3.2): requests must come
in absolute form, credentials in Proxy-Authorization, challenges go out as 407 with
Proxy-Authenticate, and a verified request is answered by the proxy itself ("verified ... for
<URL> [with N body bytes]"), which is all a client's proxy authentication needs. The digest's uri may then be the
absolute request-target or its path and query: RFC 7616 asks for the request-target, while
libcurl (like browsers before it) sends the path to proxies, and proxies (Squid) accept both.
The response is recomputed from whichever the client sent, so a wrong hash still fails.
"""

import argparse
import hashlib
import secrets
import threading

import server_common

HASHES = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}


def parse_auth_params(text):
    """'k=v, k2="q\\"v"' -> dict (names lower case); enough for a client's Authorization."""
    params, i = {}, 0
    while i < len(text):
        while i < len(text) and text[i] in " ,\t":
            i += 1
        eq = text.find("=", i)
        if eq < 0:
            break
        name = text[i:eq].strip().lower()
        i = eq + 1
        if i < len(text) and text[i] == '"':
            i += 1
            value = ""
            while i < len(text) and text[i] != '"':
                if text[i] == "\\":
                    i += 1
                value += text[i]
                i += 1
            i += 1
        else:
            end = text.find(",", i)
            end = len(text) if end < 0 else end
            value = text[i:end].strip()
            i = end
        params[name] = value
    return params


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.nonces = {}  # nonce -> {"nc": last nc, "uses": verified requests}
        self.opaque = secrets.token_hex(8)

    def new_nonce(self):
        nonce = secrets.token_urlsafe(24)
        with self.lock:
            self.nonces[nonce] = {"nc": 0, "uses": 0}
        return nonce


def h(algorithm, data):
    base = algorithm[:-5] if algorithm.endswith("-sess") else algorithm
    return hashlib.new(HASHES[base], data.encode("utf-8")).hexdigest()


def expected_response(p, args, method, body):
    algorithm = p.get("algorithm", "MD5")
    ha1 = h(algorithm, "%s:%s:%s" % (args.user, args.realm, args.password))
    if algorithm.endswith("-sess"):
        ha1 = h(algorithm, "%s:%s:%s" % (ha1, p["nonce"], p.get("cnonce", "")))
    a2 = "%s:%s" % (method, p["uri"])
    if p.get("qop") == "auth-int":
        a2 += ":" + hashlib.new(HASHES[algorithm.replace("-sess", "")], body).hexdigest()
    ha2 = h(algorithm, a2)
    if "qop" in p:
        return h(algorithm, ":".join([ha1, p["nonce"], p["nc"], p["cnonce"], p["qop"], ha2]))
    return h(algorithm, ":".join([ha1, p["nonce"], ha2]))


def uris_for(path, proxy):
    """The digest uris that name request-target `path` (see the module's note on proxies)."""
    if not proxy:
        return [path]
    after_scheme = path.split("://", 1)[-1]
    slash = after_scheme.find("/")
    return [path, after_scheme[slash:] if slash >= 0 else "/"]


def check(p, state, method, path, body):
    """None when the Authorization is right, else why not; plus whether only the nonce is old."""
    args = state.args
    algorithm = p.get("algorithm", "MD5")
    if algorithm not in args.algorithms:
        return "algorithm %s not offered" % algorithm, False
    name = h(algorithm, "%s:%s" % (args.user, args.realm)) if args.userhash else args.user
    if p.get("username") != name or (p.get("userhash") == "true") != args.userhash:
        return "wrong username/userhash", False
    if p.get("realm") != args.realm or p.get("uri") not in uris_for(path, args.proxy):
        return "wrong realm or uri %r (request line %r)" % (p.get("uri"), path), False
    if p.get("opaque") != state.opaque:
        return "opaque not echoed", False
    if args.qop and p.get("qop") not in args.qop:
        return "qop %r not offered" % p.get("qop"), False
    if p.get("response") != expected_response(p, args, method, body):
        return "wrong response", False
    with state.lock:
        record = state.nonces.get(p.get("nonce"))
        if record is None:
            return "unknown nonce", True
        nc = int(p.get("nc", "0"), 16)
        if args.qop and nc <= record["nc"]:
            return "nc %d not above %d (replay)" % (nc, record["nc"]), False
        if args.stale_after and record["uses"] >= args.stale_after:
            return "nonce used %d times: stale" % record["uses"], True
        record["nc"] = nc
        record["uses"] += 1
    return None, False


class DigestHandler(server_common.Handler):
    state = None

    def names(self):
        """(status when refused, challenge header, credentials header) for origin or proxy."""
        if self.state.args.proxy:
            return 407, "Proxy-Authenticate", "Proxy-Authorization"
        return 401, "WWW-Authenticate", "Authorization"

    def challenge_headers(self, stale):
        headers = []
        for algorithm in self.state.args.algorithms:
            parts = ['realm="%s"' % self.state.args.realm, 'nonce="%s"' % self.state.new_nonce()]
            if self.state.args.qop:
                parts.append('qop="%s"' % ", ".join(self.state.args.qop))
            parts += ["algorithm=%s" % algorithm, 'opaque="%s"' % self.state.opaque]
            if stale:
                parts.append("stale=true")
            if self.state.args.userhash:
                parts.append("userhash=true")
            headers.append((self.names()[1], "Digest " + ", ".join(parts)))
        return headers

    def handle_any(self):
        body = self.read_body()
        refused, _, credentials = self.names()
        if self.state.args.proxy and not self.path.startswith("http://"):
            return self.answer(400, "a proxy takes absolute URLs, not %r" % self.path)
        auth = self.headers.get(credentials, "")
        if not auth.startswith("Digest "):
            return self.answer(refused, "no credentials", self.challenge_headers(False))
        p = parse_auth_params(auth[len("Digest "):])
        try:
            reason, stale = check(p, self.state, self.command, self.path, body)
        except (KeyError, ValueError) as error:
            reason, stale = "malformed: %r" % error, False
        if reason:
            self.log_message("refused: %s", reason)
            return self.answer(refused, reason, self.challenge_headers(stale))
        verified = "verified %s %s" % (p.get("algorithm", "MD5"), p.get("qop", "none"))
        self.answer(200, verified + server_common.proxied(self.path, body, self.state.args.proxy))

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--realm", default="postern-test@127.0.0.1")
    parser.add_argument("--algorithms", default="SHA-256,MD5")
    parser.add_argument("--qop", default="auth,auth-int")
    parser.add_argument("--userhash", action="store_true")
    parser.add_argument("--stale-after", type=int, default=0)
    parser.add_argument("--proxy", action="store_true")
    args = parser.parse_args()
    args.algorithms = args.algorithms.split(",")
    args.qop = [] if args.qop == "none" else args.qop.split(",")
    DigestHandler.state = State(args)
    server_common.serve(DigestHandler)


if __name__ == "__main__":
    main()
