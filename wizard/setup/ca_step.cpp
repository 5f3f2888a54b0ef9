#include "wizard/setup/ca_step.hpp"

#include <filesystem>

namespace postern::setup {

namespace {

int severity(base::Status status) {
  switch (status) {
    case base::Status::already:
      return 0;
    case base::Status::skipped:
      return 1;
    case base::Status::done:
      return 2;
    case base::Status::failed:
      return 3;
  }
  return 3;
}

std::string joined(const std::vector<std::string>& names) {
  if (names.empty()) return "every store found";
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

base::Outcome summarise(std::string store, std::string target,
                        const std::vector<base::Outcome>& parts) {
  base::Outcome summary = base::already(std::move(store), std::move(target), "");
  for (const auto& part : parts) {
    if (severity(part.status) > severity(summary.status)) summary.status = part.status;
    if (part.status == base::Status::failed && summary.code.empty()) {
      summary.code = part.code;
      summary.remedy = part.remedy;
    }
    if (!part.cause.empty())
      summary.cause += (summary.cause.empty() ? "" : "; ") + part.store + ": " + part.cause;
    summary.commands.insert(summary.commands.end(), part.commands.begin(), part.commands.end());
  }
  return summary;
}

CaStep::CaStep(CaTrust& engine, std::vector<std::string> stores)
    : engine_(engine), stores_(std::move(stores)) {}

std::string CaStep::title() const {
  return "create the proxy CA and trust it in " + joined(stores_);
}

base::Outcome CaStep::check() const {
  const auto files = certs::CaFiles::in(engine_.paths().proxy_dir());
  std::error_code ec;
  if (!std::filesystem::exists(files.cert, ec))
    return base::skipped("ca", files.cert.string(),
                         "would create the CA and trust it in " + joined(stores_));
  auto ca = certs::CertificateAuthority::load(files, certs::KeyUse::not_needed);
  if (!ca)
    return base::failed("ca", files.cert.string(), "CA_INVALID", ca.error().message,
                        ca.error().remedy);
  std::vector<base::Outcome> checks;
  for (const auto& status : engine_.status(ca.value(), stores_))
    if (status.probe.present)
      checks.insert(checks.end(), status.checks.begin(), status.checks.end());
  auto summary = summarise("ca", files.cert.string(), checks);
  // In a check, "not trusted yet" is work to do, not a failure.
  if (summary.status == base::Status::failed && summary.code == "CA_NOT_TRUSTED")
    summary.status = base::Status::skipped;
  return summary;
}

base::Outcome CaStep::apply() {
  auto ensured = engine_.ensure_ca(certs::KeyUse::not_needed);
  if (!ensured) {
    return base::failed("ca", engine_.paths().proxy_dir().string(), "CA_INVALID",
                        ensured.error().message, ensured.error().remedy);
  }
  auto outcomes = ensured.value().outcomes;
  auto installed = engine_.install(ensured.value().ca, stores_);
  outcomes.insert(outcomes.end(), installed.begin(), installed.end());
  auto summary = summarise("ca", ensured.value().ca->files().cert.string(), outcomes);
  if (ensured.value().created && summary.status == base::Status::already)
    summary.status = base::Status::done;
  return summary;
}

base::Outcome CaStep::revert() {
  auto current = certs::CertificateAuthority::load(certs::CaFiles::in(engine_.paths().proxy_dir()),
                                                   certs::KeyUse::not_needed);
  return summarise("ca", engine_.paths().proxy_dir().string(),
                   engine_.uninstall(current ? current.value() : nullptr, stores_));
}

}  // namespace postern::setup
