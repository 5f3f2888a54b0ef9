#!/usr/bin/env python3
"""OAuth 1.0a verifier for round-trip tests: oauthlib's SignatureOnlyEndpoint (Debian's
python3-oauthlib, an implementation independent of Postern's) checks every request's signature
(HMAC-SHA1/256/512, RSA-SHA1/256/512, PLAINTEXT) wherever the oauth_* parameters are (header,
form body, query). oauthlib does not check oauth_body_hash, so this server does (the Request Body
Hash draft: base64 of the body's digest with the signature method's hash).

Answers 200 "verified <method> <where>[ body-hash]" or 401 with a WWW-Authenticate: OAuth
challenge and the reason in the body.

Usage: oauth1_server.py --consumer-key K (--consumer-secret S | --rsa-key private.pem)
       [--token T --token-secret TS] [--require-body-hash]
"""

import argparse
import base64
import hashlib
import sys

from cryptography.hazmat.primitives import serialization
from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint
from oauthlib.oauth1.rfc5849 import SIGNATURE_METHODS
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

import server_common

DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


class Validator(RequestValidator):
    """Accepts exactly one client (and optionally one access token); remembers used nonces."""

    def __init__(self, options):
        super().__init__()
        self.options = options
        self.seen = set()
        self.public_key = None
        if options.rsa_key:
            with open(options.rsa_key, "rb") as key_file:
                private = serialization.load_pem_private_key(key_file.read(), password=None)
            self.public_key = private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ).decode()

    # Loopback HTTP in tests; every method Postman offers; no length rules on the test values.
    enforce_ssl = False
    allowed_signature_methods = SIGNATURE_METHODS
    dummy_client = "dummy-client"
    dummy_access_token = "dummy-token"

    def check_client_key(self, client_key):
        return bool(client_key)

    def check_access_token(self, request_token):
        return bool(request_token)

    def check_nonce(self, nonce):
        return bool(nonce)

    def validate_client_key(self, client_key, request):
        return client_key == self.options.consumer_key

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        key = (client_key, timestamp, nonce)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def get_client_secret(self, client_key, request):
        return self.options.consumer_secret or ""

    def get_access_token_secret(self, client_key, token, request):
        return self.options.token_secret if token == self.options.token else "wrong"

    def get_rsa_key(self, client_key, request):
        return self.public_key


def where_the_parameters_are(headers, body, query):
    if headers.get("Authorization", "").startswith("OAuth "):
        return "header"
    if "oauth_signature=" in body:
        return "body"
    return "query" if "oauth_signature=" in query else "nowhere"


def oauth_parameters(headers, body, query):
    if headers.get("Authorization", "").startswith("OAuth "):
        return dict(oauth_utils.parse_authorization_header(headers["Authorization"]))
    source = body if "oauth_signature=" in body else query
    return dict(oauth_utils.parse_keqv_list(
        [pair for pair in source.split("&") if pair.startswith("oauth_")])) if source else {}


def make_handler(options):
    validator = Validator(options)
    endpoint = SignatureOnlyEndpoint(validator)

    class Handler(server_common.Handler):
        def handle_any(self):
            body = self.read_body().decode("utf-8", "replace")
            headers = {name: value for name, value in self.headers.items()}
            uri = "http://%s%s" % (headers.get("Host", "127.0.0.1"), self.path)
            query = self.path.partition("?")[2]
            valid, request = endpoint.validate_request(uri, self.command, body, headers)
            if not valid:
                self.refuse("signature not verified: %s" % (request.validator_log if request else "unparsable"))
                return
            oauth = {k: oauth_utils.unescape(v) if "%" in v else v
                     for k, v in oauth_parameters(headers, body, query).items()}
            method = oauth.get("oauth_signature_method", "")
            if "oauth_body_hash" in oauth or options.require_body_hash:
                digest = DIGESTS.get(method.partition("-")[2])
                expected = base64.b64encode(digest(body.encode()).digest()).decode() if digest else None
                if oauth.get("oauth_body_hash") != expected:
                    self.refuse("oauth_body_hash %r, expected %r" % (oauth.get("oauth_body_hash"), expected))
                    return
            note = " body-hash" if "oauth_body_hash" in oauth else ""
            self.answer(200, "verified %s %s%s" % (method, where_the_parameters_are(headers, body, query), note))

        def refuse(self, reason):
            self.answer(401, reason, [("WWW-Authenticate", 'OAuth realm="postern-test"')])

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consumer-key", required=True)
    parser.add_argument("--consumer-secret")
    parser.add_argument("--rsa-key")
    parser.add_argument("--token")
    parser.add_argument("--token-secret", default="")
    parser.add_argument("--require-body-hash", action="store_true")
    options = parser.parse_args()
    server_common.serve(make_handler(options))


if __name__ == "__main__":
    sys.exit(main())
