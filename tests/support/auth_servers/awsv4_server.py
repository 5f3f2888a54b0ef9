#!/usr/bin/env python3
"""AWS Signature Version 4 verifier for round-trip tests: botocore (Debian's python3-botocore,
the AWS SDK for Python's signer, independent of Postern's) recomputes the signature of every
request from the headers it says it signed, with SigV4Auth, or S3SigV4Auth for service "s3"
(no path normalisation, the x-amz-content-sha256 header as payload hash), and for presigned URLs
(X-Amz-* query parameters) the same with the query as sent, UNSIGNED-PAYLOAD for S3.

The server also checks what botocore leaves to AWS: the credential scope (access key, date,
region, service), that X-Amz-Date is within 15 minutes, that x-amz-content-sha256 matches the
body (unless UNSIGNED-PAYLOAD), and the session token when one is configured.

Answers 200 "verified <service> <header|query>" or 403 with the reason and botocore's canonical
request in the body (what AWS does, minus the XML).

Usage: awsv4_server.py --access-key AK --secret-key SK [--region R] [--service S] [--token T]
"""

import argparse
import datetime
import hashlib
import hmac
import sys
from urllib.parse import parse_qsl

from botocore.auth import (S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth,
                           UNSIGNED_PAYLOAD)
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import server_common

SKEW = datetime.timedelta(minutes=15)


class Refused(Exception):
    pass


def parse_authorization(value):
    algorithm, _, rest = value.partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        raise Refused("not AWS4-HMAC-SHA256: %r" % algorithm)
    fields = dict(part.strip().split("=", 1) for part in rest.split(","))
    return fields["Credential"], fields["SignedHeaders"], fields["Signature"]


def check_scope(options, credential, amz_date):
    parts = credential.split("/")
    expected = [options.access_key, amz_date[:8], options.region, options.service, "aws4_request"]
    if parts != expected:
        raise Refused("credential scope %r, expected %r" % ("/".join(parts), "/".join(expected)))
    signed_at = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
    if abs(datetime.datetime.utcnow() - signed_at) > SKEW:
        raise Refused("X-Amz-Date %s is more than 15 minutes away" % amz_date)


def verify(options, method, url, headers, body):
    """Returns "header" or "query", or raises Refused."""
    path, _, query = url.partition("?")
    params = dict(parse_qsl(query, keep_blank_values=True))
    presigned = "X-Amz-Signature" in params
    s3 = options.service == "s3"
    if presigned:
        credential = params["X-Amz-Credential"]
        signed_names = params["X-Amz-SignedHeaders"]
        signature = params["X-Amz-Signature"]
        amz_date = params["X-Amz-Date"]
        token = params.get("X-Amz-Security-Token")
        # botocore signs the URL it is given: the one sent, without the signature itself.
        url = path + "?" + "&".join(p for p in query.split("&") if not p.startswith("X-Amz-Signature="))
        signer_class = S3SigV4QueryAuth if s3 else SigV4QueryAuth
    else:
        if "Authorization" not in headers:
            raise Refused("no Authorization header")
        credential, signed_names, signature = parse_authorization(headers["Authorization"])
        amz_date = headers.get("X-Amz-Date", "")
        token = headers.get("X-Amz-Security-Token")
        signer_class = S3SigV4Auth if s3 else SigV4Auth
    check_scope(options, credential, amz_date)
    names = signed_names.split(";")
    if "host" not in names:
        raise Refused("the host header is not signed")
    if options.token is not None:
        if token != options.token:
            raise Refused("session token missing or wrong")
        if not presigned and "x-amz-security-token" not in names:
            raise Refused("the session token is not signed")
    payload_header = headers.get("X-Amz-Content-Sha256")
    if payload_header and payload_header != UNSIGNED_PAYLOAD and \
            payload_header != hashlib.sha256(body).hexdigest():
        raise Refused("x-amz-content-sha256 does not match the body")

    request = AWSRequest(method=method, url=url, data=body)
    for name in names:
        values = headers.get_all(name) or []
        if not values:
            raise Refused("signed header %s is missing" % name)
        for value in values:
            request.headers.add_header(name, value)
    request.context["timestamp"] = amz_date
    signer = signer_class(Credentials(options.access_key, options.secret_key, options.token),
                          options.service, options.region)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if not hmac.compare_digest(expected, signature):
        raise Refused("signature mismatch; botocore's canonical request:\n" + canonical)
    return "query" if presigned else "header"


def make_handler(options):
    class Handler(server_common.Handler):
        def handle_any(self):
            body = self.read_body()
            try:
                where = verify(options, self.command,
                               "http://%s%s" % (self.headers.get("Host", ""), self.path),
                               self.headers, body)
            except (Refused, KeyError, ValueError) as why:
                self.answer(403, "refused: %s" % why)
                return
            self.answer(200, "verified %s %s" % (options.service, where))

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--service", default="execute-api")
    parser.add_argument("--token")
    options = parser.parse_args()
    server_common.serve(make_handler(options))


if __name__ == "__main__":
    sys.exit(main())
