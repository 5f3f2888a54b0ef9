#!/usr/bin/python3
"""A verifier for the schemes that need no signature (Basic, Bearer, API key, an OAuth 2.0
token) plus a tiny OAuth 2.0 token endpoint and cookie routes, for the `postern send` / `postern
run` end-to-end tests. Each path checks one thing and answers 200 "verified <what>" or 401:
  /basic            Authorization: Basic base64(--user:--password)
  /bearer           Authorization: Bearer --token
  /apikey/header    X-Api-Key: --token          /apikey/query   ?api_key=--token
  /token            POST, client_credentials, client id "cid" and secret "csecret" by Basic
                    header or in the body -> {"access_token": "at-<n>", "expires_in": 3600}
  /oauth2           Authorization: Bearer at-<n> (a token this server issued)
  /cookie/set       sets "sid=<--token>; Path=/; Max-Age=3600"
  /cookie/check     Cookie carries sid=<--token>
  /echo             200 with the method, path and body it received
Usage: plain_server.py --user U --password P --token T
"""

import argparse
import base64
import json
import urllib.parse

import server_common


class PlainHandler(server_common.Handler):
    args = None
    issued = set()

    def check(self, body):
        path, _, query = self.path.partition("?")
        auth = self.headers.get("Authorization", "")
        a = self.args
        if path == "/basic":
            expected = "Basic " + base64.b64encode(("%s:%s" % (a.user, a.password)).encode()).decode()
            return auth == expected, "basic"
        if path == "/bearer":
            return auth == "Bearer " + a.token, "bearer"
        if path == "/apikey/header":
            return self.headers.get("X-Api-Key") == a.token, "apikey header"
        if path == "/apikey/query":
            return urllib.parse.parse_qs(query).get("api_key") == [a.token], "apikey query"
        if path == "/oauth2":
            return auth.startswith("Bearer ") and auth[7:] in self.issued, "oauth2 token"
        if path == "/cookie/check":
            cookies = [c.strip() for c in self.headers.get("Cookie", "").split(";")]
            return "sid=" + a.token in cookies, "cookie"
        return None, path

    def token(self, body):
        form = urllib.parse.parse_qs(body.decode())
        client = (form.get("client_id", [""])[0], form.get("client_secret", [""])[0])
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            user, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            client = (urllib.parse.unquote_plus(user), urllib.parse.unquote_plus(secret))
        if form.get("grant_type") != ["client_credentials"] or client != ("cid", "csecret"):
            return self.answer(400, json.dumps({"error": "invalid_client"}))
        token = "at-%d" % (len(self.issued) + 1)
        self.issued.add(token)
        data = json.dumps({"access_token": token, "token_type": "bearer", "expires_in": 3600})
        self.answer(200, data, [("Cache-Control", "no-store")])

    def handle_any(self):
        body = self.read_body()
        path = self.path.partition("?")[0]
        if path == "/token":
            return self.token(body)
        if path == "/cookie/set":
            return self.answer(200, "set", [("Set-Cookie", "sid=%s; Path=/; Max-Age=3600" % self.args.token)])
        if path == "/echo":
            return self.answer(200, "%s %s %s" % (self.command, self.path, body.decode(errors="replace")))
        ok, what = self.check(body)
        if ok is None:
            return self.answer(404, "no such check: " + what)
        self.answer(200 if ok else 401, ("verified " if ok else "refused ") + what)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--token", required=True)
    PlainHandler.args = parser.parse_args()
    server_common.serve(PlainHandler)


if __name__ == "__main__":
    main()
