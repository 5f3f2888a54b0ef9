#include "platform/trust/nss_store.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "certs/certificate_info.hpp"
#include "platform/privileged.hpp"

namespace postern::platform::trust {

namespace fs = std::filesystem;
namespace codes = base::codes;

namespace {

// Homebrew installs certutil outside PATH (keg-only nss); mkcert #135 checks these first too.
constexpr std::array<std::string_view, 2> kHomebrewCertutil{"/opt/homebrew/opt/nss/bin/certutil",
                                                            "/usr/local/opt/nss/bin/certutil"};

// certutil gives up after this many deletions of one nickname; NSS allows several certificates
// under one nickname, but more than a handful means something else keeps adding them.
constexpr int kMaxDeletes = 16;

constexpr std::string_view kFirefoxRemedy =
    "start Firefox once with this profile, then run `postern ca install --store nss`";

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string lower(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

CommandResult run(CommandRunner& runner, std::vector<std::string> argv,
                  std::optional<std::string> input = std::nullopt) {
  Command command;
  command.argv = std::move(argv);
  command.stdin_data = std::move(input);
  command.timeout = std::chrono::seconds(60);
  return runner.run(command);
}

base::Outcome command_failed(const std::string& db, const std::vector<std::string>& argv,
                             const CommandResult& result) {
  Command command;
  command.argv = argv;
  const bool permissions = looks_like_permission_failure(result.output);
  auto dir = nss_target_dir(db).value_or(fs::path(db));
  base::Outcome outcome = base::failed(
      "nss", db,
      std::string(permissions ? codes::file_permissions_required : codes::command_failed),
      "`" + base::shell_line(argv) + "` failed" +
          (permissions ? ": the database is not writable by you" : ""),
      permissions
          ? "make it yours again: sudo chown -R \"$USER\" " + base::shell_line({dir.string()})
          : "read certutil's output below; if the browser is running, close it and retry");
  outcome.commands.push_back(result.record(command));
  return outcome;
}

bool pem_matches(std::string_view pem_text, const CaRef& ca) {
  for (const auto& block : split_pem_certificates(pem_text)) {
    auto info = certs::describe_pem(block, "certutil output");
    if (info && info.value().sha256_hex == ca.sha256_hex) return true;
  }
  return false;
}

base::Outcome verify_nickname(CommandRunner& runner, const Certutil& tool, const std::string& db,
                              const std::string& nickname) {
  // Usage L is "SSL CA": the question a TLS client built on NSS asks about an issuer.
  auto argv = tool.verify(db, nickname, 'L');
  auto result = run(runner, argv);
  if (result.succeeded()) {
    return base::already("nss", db, "certutil -V accepts " + nickname + " as an SSL CA");
  }
  auto outcome = command_failed(db, argv, result);
  outcome.code = std::string(codes::ca_not_trusted);
  outcome.cause = "NSS does not accept " + nickname + " as an SSL CA in " + db;
  outcome.remedy = "run `postern ca install --store nss`";
  return outcome;
}

// A Postern nickname from an older naming scheme. Serial-qualified labels ("Postern Proxy CA
// <hex>", CertificateAuthority::store_label) name one CA each, so another such label is another
// CA, never an old name of this one.
bool is_legacy_nickname(const std::string& nickname, const CaRef& ca) {
  constexpr std::string_view current = "Postern Proxy CA ";
  if (nickname == ca.label || lower(nickname).rfind("postern", 0) != 0) return false;
  if (nickname.rfind(current, 0) != 0 || nickname.size() == current.size()) return true;
  return !std::all_of(nickname.begin() + static_cast<std::ptrdiff_t>(current.size()),
                      nickname.end(),
                      [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

base::Outcome verify_in_nss(CommandRunner& runner, const Certutil& tool, const CaRef& ca,
                            const std::string& db) {
  return verify_nickname(runner, tool, db, ca.label);
}

NssStore::NssStore(base::Environment env, CommandRunner& runner, base::Os os)
    : env_(std::move(env)), runner_(runner), os_(os) {}

std::optional<Certutil> NssStore::certutil() const {
  if (runner_.find_tool("certutil")) return Certutil{"certutil"};
  for (auto path : kHomebrewCertutil) {
    if (path_exists(fs::path(path))) return Certutil{std::string(path)};
  }
  return std::nullopt;
}

std::string NssStore::install_hint() const {
  for (const auto& row : kCertutilHints) {
    if (runner_.find_tool(std::string(row.package_manager))) return std::string(row.hint);
  }
  return "install NSS's certutil (Debian/Ubuntu: libnss3-tools, Fedora: nss-tools, Arch: nss)";
}

bool NssStore::initialisable(const std::string& target) const {
  auto found = discover_nss_databases(env_, os_);
  return std::any_of(found.databases.begin(), found.databases.end(), [&](const NssDatabase& db) {
    return db.target() == target && db.initialisable;
  });
}

Probe NssStore::probe() const {
  Probe probe;
  probe.tool = "certutil";
  probe.tool_found = certutil().has_value();
  if (!probe.tool_found) probe.install_hint = install_hint();
  auto found = discover_nss_databases(env_, os_);
  for (const auto& db : found.databases) {
    probe.targets.push_back(db.target());
    if (!probe.detail.empty()) probe.detail += "; ";
    probe.detail += db.browser + " " + db.dir.string() + (db.initialised ? "" : " (to be created)");
  }
  probe.problems = std::move(found.problems);
  probe.present = !probe.targets.empty() || !probe.problems.empty();
  if (!probe.present) probe.detail = "no NSS databases (Chromium on Linux, Firefox) found";
  return probe;
}

base::Outcome NssStore::finish(base::Outcome outcome, std::string_view step) const {
  outcome.step = std::string(step);
  outcome.store = std::string(name());
  return outcome;
}

std::optional<NssEntry> NssStore::find_holder(const Certutil& tool, const CaRef& ca,
                                              const std::string& db,
                                              const std::vector<NssEntry>& entries,
                                              bool* label_taken) const {
  for (const auto& entry : entries) {
    if (entry.nickname != ca.label) continue;
    auto exported = run(runner_, tool.export_pem(db, entry.nickname));
    if (exported.succeeded() && pem_matches(exported.output, ca)) return entry;
    if (label_taken) *label_taken = true;
  }
  // Then older Postern names: NSS files a certificate it already has under its first nickname
  // and ignores a new one, so a CA added under an old name stays there (practice 2).
  for (const auto& entry : entries) {
    if (is_legacy_nickname(entry.nickname, ca) && holds_only(tool, db, entry.nickname, ca)) {
      return entry;
    }
  }
  return std::nullopt;
}

bool NssStore::holds_only(const Certutil& tool, const std::string& db, const std::string& nickname,
                          const CaRef& ca) const {
  // `certutil -L -n X -a` prints every certificate with X's subject, not just X's. Postern CAs
  // of one user@host share a subject, so only an unambiguous answer (one certificate, ours)
  // proves that an old name holds this CA; otherwise the entry is left alone.
  auto exported = run(runner_, tool.export_pem(db, nickname));
  if (!exported.succeeded()) return false;
  auto blocks = split_pem_certificates(exported.output);
  return blocks.size() == 1 && pem_matches(blocks.front(), ca);
}

base::Outcome NssStore::inspect(const Certutil& tool, const CaRef& ca, const std::string& db,
                                std::string* holder) const {
  auto list_argv = tool.list(db);
  auto listed = run(runner_, list_argv);
  if (!listed.succeeded()) return command_failed(db, list_argv, listed);
  bool label_taken = false;
  auto entry = find_holder(tool, ca, db, parse_certutil_list(listed.output), &label_taken);
  const std::string remedy = "run `postern ca install --store nss`";
  if (!entry) {
    return base::failed("nss", db, std::string(codes::ca_not_trusted),
                        label_taken
                            ? "a different certificate is stored as " + ca.label + " in " + db
                            : ca.label + " is not in " + db,
                        remedy);
  }
  if (holder) *holder = entry->nickname;
  const std::string as =
      entry->nickname == ca.label ? ca.label : "the older name " + entry->nickname;
  if (!trusted_for_tls(entry->trust)) {
    return base::failed("nss", db, std::string(codes::ca_not_trusted),
                        "the CA is in " + db + " as " + as + " with trust \"" + entry->trust +
                            "\", which does not trust it for TLS servers",
                        remedy);
  }
  auto verified = verify_nickname(runner_, tool, db, entry->nickname);
  if (verified.status == base::Status::already)
    verified.cause = "the CA is in " + db + " as " + as + "; " + verified.cause;
  return verified;
}

base::Outcome NssStore::check(const CaRef& ca, const std::string& target) const {
  auto dir = nss_target_dir(target);
  if (!dir) {
    return finish(base::failed("nss", target, std::string(codes::store_not_present),
                               target + " is not an NSS database (expected sql:<folder>)",
                               "pick a target that `postern ca status` lists"),
                  "check");
  }
  auto tool = certutil();
  if (!tool) {
    return finish(base::failed("nss", target, std::string(codes::tool_missing),
                               "certutil is not installed, so NSS databases cannot be read",
                               install_hint() + ", then run `postern ca install --store nss`"),
                  "check");
  }
  if (!path_exists(*dir / "cert9.db")) {
    const bool ours = initialisable(target);
    return finish(
        base::failed("nss", target,
                     std::string(ours ? codes::ca_not_trusted : codes::nss_db_not_initialised),
                     target + " has no certificate database (cert9.db) yet",
                     ours ? "run `postern ca install --store nss`" : std::string(kFirefoxRemedy)),
        "check");
  }
  return finish(inspect(*tool, ca, target, nullptr), "check");
}

base::Outcome NssStore::create_database(const Certutil& tool, const fs::path& dir) {
  const std::string db = "sql:" + dir.string();
  auto made = base::create_directories(dir, true);
  if (!made) {
    return base::failed("nss", db, std::string(codes::file_permissions_required),
                        made.error().message, made.error().remedy);
  }
  auto argv = tool.create_db(db);
  auto result = run(runner_, argv);
  if (!result.succeeded()) return command_failed(db, argv, result);
  return base::done("nss", db, "created " + dir.string());
}

base::Outcome NssStore::install(const CaRef& ca, const std::string& target) {
  auto state = check(ca, target);
  if (state.status == base::Status::already || state.code == codes::store_not_present ||
      state.code == codes::tool_missing || state.code == codes::nss_db_not_initialised) {
    return finish(std::move(state), "install");
  }
  const auto tool = *certutil();
  const fs::path dir = *nss_target_dir(target);
  const bool created = !path_exists(dir / "cert9.db");
  if (created) {
    auto made = create_database(tool, dir);
    if (!made.ok()) return finish(std::move(made), "install");
  }
  std::string holder;
  inspect(tool, ca, target, &holder);
  // Present with the wrong trust: fix the flags where it is; absent: add it under our label.
  auto argv = holder.empty() ? tool.add(target, ca.label) : tool.set_trust(target, holder);
  auto result =
      run(runner_, argv, holder.empty() ? std::optional<std::string>(ca.pem) : std::nullopt);
  if (!result.succeeded()) return finish(command_failed(target, argv, result), "install");
  auto after = inspect(tool, ca, target, nullptr);
  if (after.status != base::Status::already) {
    after.cause = "certutil added " + ca.label + ", yet the check still fails: " + after.cause;
    return finish(std::move(after), "install");
  }
  std::string cause =
      "added " + ca.label + " to " + target + " with trust " + std::string(kTlsCaTrust);
  // Recipe chromium-e2e §4: a browser sees imports into a database it has open at once, but keeps
  // using the database it opened at start-up if this one did not exist then.
  if (created)
    cause += " (created the database the way Chromium does; restart Chromium if it is running)";
  return finish(base::done("nss", target, std::move(cause)), "install");
}

base::Outcome NssStore::delete_nickname(const Certutil& tool, const std::string& db,
                                        const std::string& nickname, int* removed) {
  for (int attempt = 0; attempt < kMaxDeletes; ++attempt) {
    auto argv = tool.remove(db, nickname);
    auto result = run(runner_, argv);
    if (result.succeeded()) {
      ++*removed;
      continue;
    }
    if (certutil_not_found(result.output)) return base::done("nss", db, "");
    return command_failed(db, argv, result);
  }
  return base::failed(
      "nss", db, std::string(codes::command_failed),
      nickname + " is still in " + db + " after " + std::to_string(kMaxDeletes) + " deletions",
      "close every browser using " + db + " and run the uninstall again");
}

std::vector<std::string> NssStore::legacy_nicknames(const Certutil& tool, const CaRef& ca,
                                                    const std::string& db) const {
  std::vector<std::string> found;
  auto listed = run(runner_, tool.list(db));
  if (!listed.succeeded()) return found;
  for (const auto& entry : parse_certutil_list(listed.output)) {
    if (is_legacy_nickname(entry.nickname, ca) && holds_only(tool, db, entry.nickname, ca)) {
      found.push_back(entry.nickname);
    }
  }
  return found;
}

base::Outcome NssStore::uninstall(const CaRef& ca, const std::string& target) {
  auto dir = nss_target_dir(target);
  if (!dir || !path_exists(*dir / "cert9.db")) {
    return finish(base::already("nss", target, "no NSS database at " + target), "uninstall");
  }
  auto tool = certutil();
  if (!tool) {
    return finish(base::failed("nss", target, std::string(codes::tool_missing),
                               "certutil is not installed, so " + ca.label +
                                   " cannot be removed from " + target,
                               install_hint() + ", then run `postern ca uninstall --store nss`"),
                  "uninstall");
  }
  int removed = 0;
  std::vector<std::string> nicknames{ca.label};
  for (auto& legacy : legacy_nicknames(*tool, ca, target))
    nicknames.push_back(std::move(legacy));
  for (const auto& nickname : nicknames) {
    auto gone = delete_nickname(*tool, target, nickname, &removed);
    if (!gone.ok()) return finish(std::move(gone), "uninstall");
  }
  if (removed == 0) {
    return finish(base::already("nss", target, ca.label + " is not in " + target), "uninstall");
  }
  return finish(
      base::done("nss", target,
                 "removed " + std::to_string(removed) + " certificate(s) (" + nicknames.front() +
                     (nicknames.size() > 1 ? " and older Postern names" : "") + ") from " + target),
      "uninstall");
}

base::Outcome NssStore::remove_if_unused(const std::string& target) {
  const auto dir = nss_target_dir(target);
  const auto tool = certutil();
  if (!dir || !tool || !path_exists(*dir / "cert9.db"))
    return base::already("nss", target, "no database to remove");
  auto certs = run(runner_, tool->list(target));
  if (!certs.succeeded() || !parse_certutil_list(certs.output).empty())
    return base::already("nss", target, "kept: the database holds other certificates");
  // certutil -K exits 255 with "no keys found" for an empty key store; anything else means keys.
  auto keys = run(runner_, tool->list_keys(target));
  if (keys.succeeded() || keys.output.find("no keys found") == std::string::npos)
    return base::already("nss", target, "kept: the database holds private keys");
  for (const char* file : {"cert9.db", "key4.db", "pkcs11.txt"}) {
    std::error_code ec;
    fs::remove(*dir / file, ec);
    if (ec) {
      return base::failed("nss", target, std::string(codes::file_permissions_required),
                          "cannot remove " + (*dir / file).string() + ": " + ec.message(),
                          "rm " + (*dir / file).string());
    }
  }
  return base::done("nss", target, "removed the empty database Postern created");
}

}  // namespace postern::platform::trust
