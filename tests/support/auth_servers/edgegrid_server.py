#!/usr/bin/python3
"""EdgeGrid verifier for Postern's tests: Akamai's own signer (Debian's python3-edgegrid,
akamai.edgegrid.EdgeGridAuth) recomputes the signature of each request as received and the
server compares it with the one sent, after checking the tokens and the timestamp's format.

  edgegrid_server.py --client-token C --client-secret S --access-token A
      [--headers-to-sign X-A,X-B] [--max-body N] [--host H: the host the client signs, when it
      signs a baseURL's instead of 127.0.0.1:port]
Same contract as the other servers here: prints its port, exits when stdin closes or on SIGTERM.
"""

import argparse
import hmac
import re

import requests
from akamai.edgegrid import EdgeGridAuth

import server_common

HEADER = re.compile(r"^EG1-HMAC-SHA256 client_token=([^;]*);access_token=([^;]*);"
                    r"timestamp=(\d{8}T\d\d:\d\d:\d\d\+0000);nonce=([^;]+);signature=(\S+)$")


class EdgeGridHandler(server_common.Handler):
    args = None

    def verify(self, body):
        match = HEADER.match(self.headers.get("Authorization", ""))
        if not match:
            return "no EG1-HMAC-SHA256 Authorization"
        client_token, access_token, timestamp, nonce, signature = match.groups()
        if (client_token, access_token) != (self.args.client_token, self.args.access_token):
            return "unknown tokens"
        auth = EdgeGridAuth(client_token=client_token, client_secret=self.args.client_secret,
                            access_token=access_token, headers_to_sign=self.args.headers_to_sign,
                            max_body=self.args.max_body)
        host = self.args.host or self.headers["Host"]
        request = requests.Request(self.command, "http://%s%s" % (host, self.path),
                                   data=body or None,
                                   headers={k: v for k, v in self.headers.items() if k != "Host"})
        prepared = request.prepare()
        prepared.headers["Host"] = host
        # Akamai's library writes the whole header for this request, timestamp and nonce.
        expected = auth.make_auth_header(prepared, timestamp, nonce)
        if not hmac.compare_digest(expected, self.headers["Authorization"]):
            return "wrong signature (%s)" % signature
        return None

    def handle_any(self):
        body = self.read_body()
        reason = self.verify(body)
        if reason:
            self.log_message("refused: %s", reason)
            return self.answer(401, reason)
        self.answer(200, "verified by akamai.edgegrid")

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-token", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--access-token", required=True)
    parser.add_argument("--headers-to-sign", default="")
    parser.add_argument("--max-body", type=int, default=131072)
    parser.add_argument("--host", default="")
    args = parser.parse_args()
    args.headers_to_sign = [h for h in args.headers_to_sign.split(",") if h]
    EdgeGridHandler.args = args
    server_common.serve(EdgeGridHandler)


if __name__ == "__main__":
    main()
