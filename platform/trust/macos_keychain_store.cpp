// The macOS system trust store ("macos-keychain"): the System keychain plus admin trust settings,
// edited with the `security` tool (practice 1; mkcert truststore_darwin.go does the same).
// Compiled only on Apple platforms; the command lines and parsers live in keychain_commands.cpp.
#include <algorithm>
#include <system_error>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "platform/trust/keychain_commands.hpp"
#include "platform/trust/stores.hpp"

namespace postern::platform::trust {

namespace fs = std::filesystem;
namespace codes = base::codes;

namespace {

class MacosKeychainStore final : public TrustStore {
 public:
  MacosKeychainStore(CommandRunner& runner, PrivilegedRunner& privileged)
      : runner_(runner), privileged_(privileged) {}

  std::string_view name() const override { return "macos-keychain"; }

  Probe probe() const override {
    Probe probe;
    probe.tool = "security";
    probe.tool_found = runner_.find_tool("security").has_value();
    std::error_code ec;
    probe.present = fs::exists(fs::path(kSystemKeychain), ec);
    if (probe.present) probe.targets.emplace_back(kSystemKeychain);
    probe.detail = "System keychain " + std::string(kSystemKeychain);
    return probe;
  }

  base::Outcome check(const CaRef& ca, const std::string& target) const override {
    const std::string keychain = target.empty() ? std::string(kSystemKeychain) : target;
    if (!listed(ca, keychain)) {
      return finish(base::failed(std::string(name()), keychain, std::string(codes::ca_not_trusted),
                                 ca.label + " is not in " + keychain,
                                 "run `postern ca install --store macos-keychain`"),
                    "check");
    }
    ScratchDir scratch;
    const fs::path file = scratch.path() / "postern-ca.pem";
    base::write_file_atomically(file, ca.pem, base::FileMode::world_read);
    Command verify;
    verify.argv = verify_cert_argv(file.string());
    auto result = runner_.run(verify);
    if (verify_cert_succeeded(result)) {
      return finish(base::already(std::string(name()), keychain,
                                  ca.label + " is in " + keychain + " and trusted for SSL"),
                    "check");
    }
    auto outcome = base::failed(std::string(name()), keychain, std::string(codes::ca_not_trusted),
                                ca.label + " is in " + keychain + " but not trusted for SSL",
                                "run `postern ca install --store macos-keychain`");
    outcome.commands.push_back(result.record(verify));
    return finish(std::move(outcome), "check");
  }

  base::Outcome install(const CaRef& ca, const std::string& target) override {
    auto state = check(ca, target);
    if (state.status == base::Status::already) return finish(std::move(state), "install");
    const std::string keychain = target.empty() ? std::string(kSystemKeychain) : target;
    ScratchDir scratch;
    const fs::path file = scratch.path() / "postern-ca.pem";
    base::write_file_atomically(file, ca.pem, base::FileMode::world_read);
    Command add;
    add.argv = add_trusted_cert_argv(keychain, file.string());
    auto ran = privileged_.run(add, Elevation::required);
    if (!ran.ok()) {
      // The remedy names the staged file; keep it. Over SSH macOS refuses the trust change even
      // with sudo, because it wants an administrator to confirm it in a dialog.
      scratch.keep();
      if (keychain_needs_admin(ran.result.output)) {
        ran.failure.code = std::string(codes::privileges_required);
        ran.failure.remedy = privileged_.manual_line(add.argv) + " (in Terminal on the Mac itself)";
      }
      ran.failure.target = keychain;
      return finish(std::move(ran.failure), "install");
    }
    auto after = check(ca, target);
    if (after.status != base::Status::already) return finish(std::move(after), "install");
    return finish(base::done(std::string(name()), keychain,
                             "added " + ca.label + " to " + keychain + " as a trusted root"),
                  "install");
  }

  base::Outcome uninstall(const CaRef& ca, const std::string& target) override {
    const std::string keychain = target.empty() ? std::string(kSystemKeychain) : target;
    if (!listed(ca, keychain)) {
      return finish(
          base::already(std::string(name()), keychain, ca.label + " is not in " + keychain),
          "uninstall");
    }
    ScratchDir scratch;
    const fs::path file = scratch.path() / "postern-ca.pem";
    base::write_file_atomically(file, ca.pem, base::FileMode::world_read);
    // Trust settings first: they outlive the certificate otherwise. A missing setting is fine.
    Command untrust;
    untrust.argv = remove_trusted_cert_argv(file.string());
    privileged_.run(untrust, Elevation::required);
    Command remove;
    remove.argv = delete_certificate_argv(ca.sha1_hex, keychain);
    auto ran = privileged_.run(remove, Elevation::required);
    if (!ran.ok() && listed(ca, keychain)) {
      ran.failure.target = keychain;
      return finish(std::move(ran.failure), "uninstall");
    }
    return finish(
        base::done(std::string(name()), keychain, "removed " + ca.label + " from " + keychain),
        "uninstall");
  }

 private:
  bool listed(const CaRef& ca, const std::string& keychain) const {
    Command find;
    find.argv = find_certificates_argv(keychain);
    auto result = runner_.run(find);
    auto hashes = parse_sha1_hashes(result.output);
    return std::find(hashes.begin(), hashes.end(), ca.sha1_hex) != hashes.end();
  }

  base::Outcome finish(base::Outcome outcome, std::string_view step) const {
    outcome.step = std::string(step);
    outcome.store = std::string(name());
    return outcome;
  }

  CommandRunner& runner_;
  PrivilegedRunner& privileged_;
};

}  // namespace

std::unique_ptr<TrustStore> make_os_system_store(const base::Environment&, CommandRunner& runner,
                                                 PrivilegedRunner& privileged) {
  return std::make_unique<MacosKeychainStore>(runner, privileged);
}

}  // namespace postern::platform::trust
