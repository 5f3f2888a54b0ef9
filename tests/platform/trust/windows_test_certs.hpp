#pragma once
// A fixed test CA and a server certificate it signed, for the Windows ROOT store tests under Wine
// (the exe has no OpenSSL to mint them, recipe windows-wine §6). Made once with `openssl ca`:
// RSA-2048, SHA-256, valid 2024-01-01 to 2124-01-01 (backdated, so a slow clock does not matter);
// the CA has basicConstraints CA:TRUE and keyUsage keyCertSign, the leaf is CN=localhost with
// serverAuth and DNS:localhost. The private keys were thrown away: these only ever get trusted.

namespace postern::testing {

/// The CA certificate ("CN=Postern Wine Test CA, O=Postern tests", serial 01).
inline constexpr const char* kWineTestCaPem = R"(
-----BEGIN CERTIFICATE-----
MIIDLTCCAhWgAwIBAgIBATANBgkqhkiG9w0BAQsFADA3MR0wGwYDVQQDDBRQb3N0
ZXJuIFdpbmUgVGVzdCBDQTEWMBQGA1UECgwNUG9zdGVybiB0ZXN0czAgFw0yNDAx
MDEwMDAwMDBaGA8yMTI0MDEwMTAwMDAwMFowNzEdMBsGA1UEAwwUUG9zdGVybiBX
aW5lIFRlc3QgQ0ExFjAUBgNVBAoMDVBvc3Rlcm4gdGVzdHMwggEiMA0GCSqGSIb3
DQEBAQUAA4IBDwAwggEKAoIBAQDW0PSZOrKpLRwtioNYauo4ZqX++WPWvvqcEAFe
nNIzLazG4SSfXdZWurThkJMrUp+ix2Q33zbB8EFncDLzyvPy4+8U4ni4wcscDVuD
vPDooXIjEV/5Xpd2ouV5mOMkT3vWdqlyDNDShhIt6gRfMyd8rWHpMYGT42CDBKIE
+dhCYtLJB1qOg8v3MSUbx5m4SE/VsSIsHnCibmO5Oqa/4TnCb+xQ7QZbEIv98eRe
F1SOo5rrNEpC0d9SFGJ8Wtl19AvLSuGuZHuPcOOt2Ou6wSyP8mlpaSjTtBHaToWl
EjVaZopJymhoC3p0Z8vWnpZlGyGF5GS8R9rDFX/DW9G5c3ChAgMBAAGjQjBAMA8G
A1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBRkDBtUkrY+
qCVytacxe/O9S6LU/DANBgkqhkiG9w0BAQsFAAOCAQEALoLy1mPgA6Nr59WILXEC
V7PdZF8Rck1QdhMOrrbTSAK0++8e+j4JpizKP+k7CRGwu8wUY3UzRIrWprzPPqXW
DWmIBWRwJSP8C1ZtdwD3q34AlJShFpLFJKCsrlwls6OUB13m/VS4P0y8x4LP+fan
6PDlM5bTnXcnp6ijrR/NTGieO8Ak4vq3Hp2BFS5/OsdLFxu7T6paoUYsRkpkcpUI
R6nXyr+Q62HxoZKCD/Z1hJ/UV+dG4nKrZPv9tX8+qnm566FzqKkO/F5a595xe8Zu
3OA1+arC75+6fY4x+KCd0llQtKYDCeK3LSOtkwXqRmEJIMfYmqYnawrBSFW/s4Ww
aQ==
-----END CERTIFICATE-----
)";

/// The CA's SHA-1 fingerprint, from `openssl x509 -noout -fingerprint -sha1`.
inline constexpr const char* kWineTestCaSha1 = "9A906D91C2FC6F91F291298F20FA07862BA73DCF";

/// A server certificate for "localhost" signed by the CA.
inline constexpr const char* kWineTestLeafPem = R"(
-----BEGIN CERTIFICATE-----
MIIDVTCCAj2gAwIBAgIBAjANBgkqhkiG9w0BAQsFADA3MR0wGwYDVQQDDBRQb3N0
ZXJuIFdpbmUgVGVzdCBDQTEWMBQGA1UECgwNUG9zdGVybiB0ZXN0czAgFw0yNDAx
MDEwMDAwMDBaGA8yMTI0MDEwMTAwMDAwMFowFDESMBAGA1UEAwwJbG9jYWxob3N0
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAy59zQjlw7QhSrDeQZolp
Ua6Wbh+lLnlyFHESiEV2rW3r29FkprqEagI6296kRJ+Cpud9sQLd7wrtmCw2+fem
h/yhwguRZKTYYFB9WhkigNHnHudh1DU0ALumd9frt2jxvgVAwlt9UGKIHmJPdSBx
vpsKnL1bhUaLiUfG/ZVdPzxkwe/GdnlP6amPnpHyFUa3yrmkrrB64RqiJTV4WwSa
IHE4Uc3N4qZlG4aIwi+ZNURvttiZ1HlLWHN4kDWKF7VDhW+2rrGPOWRmoUjmY1Oy
szQDh8fANWTpXP/mLRZM6H2YsmQ+YmzdJ9Bp1jOO/SzRgyJssjbGt9kRRfbVREta
tQIDAQABo4GMMIGJMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgWgMBMGA1Ud
JQQMMAoGCCsGAQUFBwMBMBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAfBgNVHSMEGDAW
gBRkDBtUkrY+qCVytacxe/O9S6LU/DAdBgNVHQ4EFgQUtK3pI638POjFlBa8SbRc
qIeaqHEwDQYJKoZIhvcNAQELBQADggEBABtx0+KN5xSENH6i8gx7fUFaAA1XofAL
0ERyQ8cFwfemcpq1+IulZ2peCsSV9Pr2WFYSI4ffUq5vkjwx7QbOz+a1kHbZncQt
rPAr8DQQIyFqKw0Btc2G0m5j7tnH+1mqwQ1RGh9pOavYQin3VqUlYXh5u1ouqYpF
GA8DmNJr4eyWvYwJ3BdZRlKj68d9cBChYTglBxBoP9RrDNjrg334mA9bhI1qcdeX
GwTAI+1xTgVLjqc77MSr+1XyUL8bF5daD7KFSTO+xZrxAjLQaIR02Bbz6WugJ2HJ
bW5HQeDEvbtG2MyngrE3aud6dcNdN/G0RZOHkx92B5fmF+1E1KWxsqA=
-----END CERTIFICATE-----
)";

}  // namespace postern::testing
