#pragma once
// Renderings of the CA and of trust-store status, as text or JSON.

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "base/app_paths.hpp"
#include "certs/certificate_authority.hpp"
#include "cli/report.hpp"
#include "wizard/setup/ca_trust.hpp"

namespace postern::cli {

/// The CA's public facts: files, subject, serial, label, fingerprints, validity.
nlohmann::json ca_json(const certs::CertificateAuthority& ca);

/// `postern ca show`: the facts plus the key's mode and where the ledger says it is installed.
int show_ca(std::ostream& out, const OutputOptions& output, const certs::CertificateAuthority& ca,
            const base::AppPaths& paths);

/// `postern ca status`: every store (present, tool, trusted per target) and the live TLS probe.
/// Exit code 1 when a present store does not trust the CA or the probe fails.
int show_status(std::ostream& out, const OutputOptions& output, setup::CaTrust& engine,
                const setup::CaPtr& ca, const std::vector<std::string>& stores);

}  // namespace postern::cli
