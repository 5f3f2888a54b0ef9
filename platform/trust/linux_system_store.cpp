#include "platform/trust/linux_system_store.hpp"

#include <cctype>
#include <set>
#include <system_error>
#include <vector>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "certs/certificate_info.hpp"
#include "platform/trust/stores.hpp"
#include "platform/trust/x509_trust.hpp"

namespace postern::platform::trust {

namespace fs = std::filesystem;
namespace codes = base::codes;

namespace {

// Where a distribution's refresh tools live; sbin is often missing from a user's PATH.
constexpr std::array<std::string_view, 6> kToolDirs{"usr/local/sbin", "usr/local/bin", "usr/sbin",
                                                    "usr/bin",        "sbin",          "bin"};

fs::path under(const fs::path& root, std::string_view absolute) {
  return (root / fs::path(absolute).relative_path()).lexically_normal();
}

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

bool tool_exists(const fs::path& root, std::string_view tool, const CommandRunner& runner) {
  for (auto dir : kToolDirs) {
    if (path_exists(under(root, dir) / tool)) return true;
  }
  return root == fs::path("/") && runner.find_tool(std::string(tool)).has_value();
}

std::vector<std::string> refresh_argv(const LinuxTrustLayout& layout) {
  std::vector<std::string> argv;
  for (auto word : layout.refresh) {
    if (!word.empty()) argv.emplace_back(word);
  }
  return argv;
}

std::string lower(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool holds_ca(const fs::path& file, const CaRef& ca) {
  auto text = base::read_file(file, 1024 * 1024);
  if (!text) return false;
  auto info = certs::describe_pem(text.value(), file.string());
  return info && info.value().sha256_hex == ca.sha256_hex;
}

// Our file by name, plus files older Postern versions may have written under other names
// (practice 2): any postern*.crt / postern*.pem in the folder that holds this very certificate.
std::vector<fs::path> files_to_remove(const fs::path& dir, const fs::path& ours, const CaRef& ca) {
  std::vector<fs::path> found;
  if (path_exists(ours)) found.push_back(ours);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& path = entry.path();
    const std::string name = lower(path.filename().string());
    const std::string ext = lower(path.extension().string());
    if (path == ours || name.rfind("postern", 0) != 0 || (ext != ".crt" && ext != ".pem")) continue;
    if (entry.is_regular_file(ec) && holds_ca(path, ca)) found.push_back(path);
  }
  return found;
}

}  // namespace

std::optional<LayoutMatch> find_linux_layout(const fs::path& root, const CommandRunner& runner) {
  std::optional<LayoutMatch> marker_only;
  for (const auto& layout : kLinuxTrustLayouts) {
    if (!path_exists(under(root, layout.marker))) continue;
    if (tool_exists(root, layout.refresh[0], runner)) return LayoutMatch{&layout, true};
    if (!marker_only) marker_only = LayoutMatch{&layout, false};
  }
  return marker_only;
}

std::string anchor_file_name(std::string_view label) {
  std::string name;
  for (char c : label) {
    const auto byte = static_cast<unsigned char>(c);
    name += std::isalnum(byte) ? static_cast<char>(std::tolower(byte)) : '-';
  }
  return name + ".crt";
}

struct LinuxSystemStore::Resolved {
  const LinuxTrustLayout* layout;
  bool tool_found;
  fs::path anchor_dir;  ///< with the root prefix
};

LinuxSystemStore::LinuxSystemStore(CommandRunner& runner, PrivilegedRunner& privileged,
                                   fs::path root)
    : runner_(runner), privileged_(privileged), root_(std::move(root)) {}

Probe LinuxSystemStore::probe() const {
  Probe probe;
  auto match = find_linux_layout(root_, runner_);
  if (!match) {
    probe.tool_found = false;
    probe.detail = "no known system trust layout (Debian, Fedora, Arch, openSUSE) found";
    return probe;
  }
  const auto& layout = *match->layout;
  probe.present = true;
  probe.tool = std::string(layout.refresh[0]);
  probe.tool_found = match->tool_found;
  if (!match->tool_found) probe.install_hint = std::string(layout.tool_hint);
  probe.targets.push_back(under(root_, layout.anchor_dir).string());
  probe.detail = std::string(layout.family) + ": anchors in " + probe.targets.front() +
                 ", rebuilt by `" + base::shell_line(refresh_argv(layout)) + "`";
  return probe;
}

std::optional<LinuxSystemStore::Resolved> LinuxSystemStore::resolve(const std::string& target,
                                                                    base::Outcome& failure,
                                                                    std::string_view step) const {
  auto match = find_linux_layout(root_, runner_);
  if (match && (target.empty() || target == under(root_, match->layout->anchor_dir).string())) {
    return Resolved{match->layout, match->tool_found, under(root_, match->layout->anchor_dir)};
  }
  failure = base::failed(
      std::string(name()), target, std::string(codes::store_not_present),
      match ? target + " is not this system's anchor folder (" +
                  under(root_, match->layout->anchor_dir).string() + ")"
            : "no known system trust layout (Debian, Fedora, Arch, openSUSE) was found",
      "add the Postern CA to this system's trust store by hand, as its documentation describes");
  failure.step = std::string(step);
  return std::nullopt;
}

bool LinuxSystemStore::bundle_trusts(const CaRef& ca, const LinuxTrustLayout& layout,
                                     std::string* reason) const {
  TrustAnchors anchors;
  // On the real system, ask exactly what an OpenSSL client asks; under a test root, read the
  // bundle the family's refresh writes.
  if (root_ != fs::path("/")) {
    anchors.default_paths = false;
    anchors.file = under(root_, layout.bundle);
    if (!path_exists(*anchors.file)) {
      if (reason) *reason = anchors.file->string() + " does not exist";
      return false;
    }
  }
  auto verdict = verify_root(ca.pem, anchors);
  if (reason) *reason = verdict.reason;
  return verdict.trusted;
}

base::Outcome LinuxSystemStore::refresh(const LinuxTrustLayout& layout) {
  Command command;
  command.argv = refresh_argv(layout);
  auto ran = privileged_.run(command, Elevation::required);
  if (ran.ok()) return base::done(std::string(name()), "", "rebuilt the system bundle");
  return ran.failure;
}

base::Outcome LinuxSystemStore::finish(base::Outcome outcome, std::string_view step) const {
  outcome.step = std::string(step);
  outcome.store = std::string(name());
  return outcome;
}

base::Outcome LinuxSystemStore::check(const CaRef& ca, const std::string& target) const {
  base::Outcome failure;
  auto resolved = resolve(target, failure, "check");
  if (!resolved) return failure;
  const fs::path file = resolved->anchor_dir / anchor_file_name(ca.label);
  auto content = base::read_file(file, 1024 * 1024);
  const bool file_ok = content && content.value() == ca.pem;
  std::string reason;
  const bool trusted = bundle_trusts(ca, *resolved->layout, &reason);
  const std::string refresh_line = privileged_.manual_line(refresh_argv(*resolved->layout));
  if (file_ok && trusted) {
    return finish(base::already(std::string(name()), file.string(),
                                file.string() + " is in place and OpenSSL trusts the CA"),
                  "check");
  }
  std::string cause = file_ok ? file.string() +
                                    " is in place but the system bundle was not "
                                    "rebuilt (OpenSSL: " +
                                    reason + ")"
                      : content ? file.string() + " holds a different certificate"
                                : file.string() + " does not exist";
  std::string remedy =
      file_ok ? "run `" + refresh_line + "`" : "run `postern ca install --store system`";
  return finish(base::failed(std::string(name()), file.string(), std::string(codes::ca_not_trusted),
                             std::move(cause), std::move(remedy)),
                "check");
}

base::Outcome LinuxSystemStore::install(const CaRef& ca, const std::string& target) {
  auto state = check(ca, target);
  if (state.status == base::Status::already || state.code == codes::store_not_present) {
    return finish(std::move(state), "install");
  }
  base::Outcome failure;
  auto resolved = resolve(target, failure, "install");
  if (!resolved) return failure;
  const auto& layout = *resolved->layout;
  const std::string refresh_line = privileged_.manual_line(refresh_argv(layout));
  if (!resolved->tool_found) {
    return finish(base::failed(std::string(name()), resolved->anchor_dir.string(),
                               std::string(codes::tool_missing),
                               std::string(layout.refresh[0]) + " is not installed",
                               std::string(layout.tool_hint) + ", then run `postern ca install "
                                                               "--store system`"),
                  "install");
  }
  const fs::path file = resolved->anchor_dir / anchor_file_name(ca.label);
  const bool file_ok = [&] {
    auto content = base::read_file(file, 1024 * 1024);
    return content && content.value() == ca.pem;
  }();
  if (!file_ok) {
    auto written = privileged_.write_file(file, ca.pem);
    if (!written.ok()) {
      if (written.code == codes::privileges_required) written.remedy += " && " + refresh_line;
      return finish(std::move(written), "install");
    }
  }
  auto refreshed = refresh(layout);
  if (!refreshed.ok()) {
    refreshed.target = file.string();
    return finish(std::move(refreshed), "install");
  }
  std::string reason;
  if (!bundle_trusts(ca, layout, &reason)) {
    return finish(
        base::failed(std::string(name()), file.string(), std::string(codes::ca_not_trusted),
                     "`" + refresh_line +
                         "` ran, yet OpenSSL still does not trust the "
                         "CA (" +
                         reason + ")",
                     "check that " + file.string() +
                         " is listed by `openssl storeutl` "
                         "and report this as a bug"),
        "install");
  }
  std::string cause =
      file_ok ? file.string() + " was in place; rebuilt the bundle with `" + refresh_line + "`"
              : "added " + file.string() + " and rebuilt the bundle with `" + refresh_line + "`";
  return finish(base::done(std::string(name()), file.string(), std::move(cause)), "install");
}

namespace {

// Debian's update-ca-certificates links <name>.pem and <hash>.N in /etc/ssl/certs to a local
// anchor, and leaves both dangling when the anchor is removed. These are exactly the dangling
// links that lead (directly, or through a removed .pem link) to files we removed.
std::vector<fs::path> dangling_links_to(const fs::path& dir, const std::vector<fs::path>& removed) {
  std::set<fs::path> gone;
  for (const auto& file : removed)
    gone.insert(file.lexically_normal());
  std::vector<fs::path> links;
  for (int pass = 0; pass < 2; ++pass) {  // pass 2 catches hash links to the .pem links of pass 1
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(dir, ec)) {
      if (!item.is_symlink(ec) || fs::exists(item.path(), ec)) continue;
      auto target = fs::read_symlink(item.path(), ec);
      if (ec) continue;
      if (target.is_relative()) target = dir / target;
      if (gone.count(target.lexically_normal()) &&
          gone.insert(item.path().lexically_normal()).second)
        links.push_back(item.path());
    }
  }
  return links;
}

}  // namespace

base::Outcome LinuxSystemStore::uninstall(const CaRef& ca, const std::string& target) {
  base::Outcome failure;
  auto resolved = resolve(target, failure, "uninstall");
  if (!resolved) return failure;
  const auto& layout = *resolved->layout;
  const fs::path ours = resolved->anchor_dir / anchor_file_name(ca.label);
  const auto files = files_to_remove(resolved->anchor_dir, ours, ca);
  if (files.empty() && !bundle_trusts(ca, layout, nullptr)) {
    return finish(
        base::already(std::string(name()), ours.string(),
                      "no Postern anchor file for this CA in " + resolved->anchor_dir.string()),
        "uninstall");
  }
  const std::string refresh_line = privileged_.manual_line(refresh_argv(layout));
  if (!resolved->tool_found) {
    return finish(base::failed(std::string(name()), ours.string(), std::string(codes::tool_missing),
                               std::string(layout.refresh[0]) + " is not installed",
                               std::string(layout.tool_hint)),
                  "uninstall");
  }
  std::string removed;
  for (const auto& file : files) {
    auto gone = privileged_.remove_file(file);
    if (!gone.ok()) {
      if (gone.code == codes::privileges_required) gone.remedy += " && " + refresh_line;
      return finish(std::move(gone), "uninstall");
    }
    removed += (removed.empty() ? "" : ", ") + file.string();
  }
  auto refreshed = refresh(layout);
  if (!refreshed.ok()) return finish(std::move(refreshed), "uninstall");
  const auto links_dir = under(root_, layout.bundle).parent_path();
  for (const auto& link : dangling_links_to(links_dir, files)) {
    auto gone = privileged_.remove_file(link);
    if (!gone.ok()) return finish(std::move(gone), "uninstall");
  }
  if (bundle_trusts(ca, layout, nullptr)) {
    return finish(
        base::failed(std::string(name()), ours.string(), std::string(codes::ca_still_trusted),
                     "the bundle still trusts the CA (SHA-256 " + ca.sha256_hex +
                         ") through a copy Postern did not write",
                     "find that copy under /usr/share/ca-certificates, " +
                         resolved->anchor_dir.string() + " or /etc, remove it, then run `" +
                         refresh_line + "`"),
        "uninstall");
  }
  std::string cause = removed.empty() ? "rebuilt a stale bundle with `" + refresh_line + "`"
                                      : "removed " + removed + " and rebuilt the bundle";
  return finish(base::done(std::string(name()), ours.string(), std::move(cause)), "uninstall");
}

}  // namespace postern::platform::trust

namespace postern::platform::trust {

std::unique_ptr<TrustStore> make_os_system_store(const base::Environment&, CommandRunner& runner,
                                                 PrivilegedRunner& privileged) {
  return std::make_unique<LinuxSystemStore>(runner, privileged);
}

}  // namespace postern::platform::trust
