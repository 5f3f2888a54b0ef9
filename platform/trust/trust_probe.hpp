#pragma once
// The live trust probe: instead of trusting that a store edit worked, do what a browser does.
// A leaf minted by our CA is served by a real TLS server on 127.0.0.1, and a real OpenSSL client
// verifies it by name against the machine's default trust anchors. For NSS databases, certutil's
// own verification stands in for the browser.

#include <openssl/types.h>

#include <chrono>
#include <string>

#include "base/outcome.hpp"
#include "certs/cert_store.hpp"
#include "platform/command_runner.hpp"
#include "platform/trust/trust_store.hpp"
#include "platform/trust/x509_trust.hpp"

namespace postern::platform::trust {

/// How one TLS probe runs.
struct TlsProbeOptions {
  /// The name the leaf is minted for and the client asks for (SNI and host check). ".localhost"
  /// names never leave the machine (RFC 6761 §6.3).
  std::string host = "postern-trust-probe.localhost";
  TrustAnchors anchors;                     ///< the client's roots; defaults = this machine's
  std::chrono::milliseconds timeout{5000};  ///< the whole probe, connect to verdict
};

/// Mints a leaf for options.host with `store` and runs the handshake. already = a TLS client
/// with these anchors trusts our CA; failed CA_NOT_TRUSTED carries OpenSSL's verify error;
/// failed TRUST_PROBE_FAILED means the probe itself could not run.
base::Outcome probe_tls_trust(certs::CertStore& store, const TlsProbeOptions& options);

/// The same handshake with a leaf and key already at hand (borrowed for the call).
base::Outcome probe_tls_trust(X509* leaf, EVP_PKEY* key, const TlsProbeOptions& options);

/// `certutil -V -u L` for `ca` in one NSS database target ("sql:<dir>").
base::Outcome probe_nss_trust(CommandRunner& runner, const CaRef& ca, const std::string& target);

}  // namespace postern::platform::trust
