// The Windows system trust store ("windows-root"): the ROOT certificate store through CryptoAPI
// (practice 1; mkcert truststore_windows.go does the same through crypt32.dll). Compiled only on
// Windows. The current user's ROOT store needs no elevation but Windows asks the user to confirm
// the import in a dialog; the machine's store needs an elevated process and asks nothing.
// windows.h first, in its own block so include sorting keeps it there: wincrypt.h needs its types.
#include <windows.h>

#include <wincrypt.h>

#include <string>
#include <vector>

#include "base/codes.hpp"
#include "base/utf16_windows.hpp"
#include "platform/trust/stores.hpp"

namespace postern::platform::trust {

namespace codes = base::codes;

namespace {

using base::widen;

constexpr const char* kUserRoot = "CurrentUser\\ROOT";
constexpr const char* kMachineRoot = "LocalMachine\\ROOT";
constexpr DWORD kEncoding = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;

std::string error_text(DWORD error) {
  char* buffer = nullptr;
  ::FormatMessageA(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, error, 0, reinterpret_cast<char*>(&buffer), 0, nullptr);
  std::string text = buffer ? buffer : "error " + std::to_string(error);
  if (buffer) ::LocalFree(buffer);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

std::vector<BYTE> hex_bytes(const std::string& hex) {
  std::vector<BYTE> bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<BYTE>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// Which part of a ROOT store to open, and what for.
enum class View {
  // The system store as TLS clients see it, read-only: the location's own store plus those it
  // takes in (CurrentUser's ROOT also shows LocalMachine's). Reading needs no write access: a
  // standard user may read LocalMachine\ROOT, and so may a user whose own ROOT key denies
  // writing (recipe windows-wine §2d).
  trusted,
  // The system store, writable: an added certificate goes to the location's own store.
  add,
  // Only the location's own registry store. Removing through the system store also deleted
  // LocalMachine's copy when asked to remove the CurrentUser one (seen under Wine; on Windows
  // a standard user would be refused instead, not verified).
  own,
};

// An open ROOT store, closed on scope exit.
class RootStore {
 public:
  RootStore(const std::string& target, View view) {
    DWORD flags =
        target == kMachineRoot ? CERT_SYSTEM_STORE_LOCAL_MACHINE : CERT_SYSTEM_STORE_CURRENT_USER;
    if (view == View::trusted) flags |= CERT_STORE_READONLY_FLAG;
    const auto provider =
        view == View::own ? CERT_STORE_PROV_SYSTEM_REGISTRY_W : CERT_STORE_PROV_SYSTEM_W;
    handle_ = ::CertOpenStore(provider, 0, 0, flags, L"ROOT");
  }
  ~RootStore() {
    if (handle_) ::CertCloseStore(handle_, 0);
  }
  RootStore(const RootStore&) = delete;
  RootStore& operator=(const RootStore&) = delete;

  HCERTSTORE get() const { return handle_; }

  // Writes pending changes to the registry now. Registry-backed stores may keep an add or a
  // delete in memory until the last reference to the store is closed, and Wine lost a delete
  // that way (recipe windows-wine §3.3). Committing after each change is harmless on Windows.
  bool commit() const { return ::CertControlStore(handle_, 0, CERT_STORE_CTRL_COMMIT, nullptr); }

  // The first certificate with this SHA-1, or nullptr; the caller frees or deletes it.
  PCCERT_CONTEXT find(const std::string& sha1_hex) const {
    auto bytes = hex_bytes(sha1_hex);
    CRYPT_HASH_BLOB blob{static_cast<DWORD>(bytes.size()), bytes.data()};
    return ::CertFindCertificateInStore(handle_, kEncoding, 0, CERT_FIND_SHA1_HASH, &blob, nullptr);
  }

 private:
  HCERTSTORE handle_ = nullptr;
};

class WindowsRootStore final : public TrustStore {
 public:
  explicit WindowsRootStore(bool elevated) : elevated_(elevated) {}

  std::string_view name() const override { return "windows-root"; }

  Probe probe() const override {
    Probe probe;
    probe.present = true;
    probe.tool = "CryptoAPI";
    probe.targets.emplace_back(elevated_ ? kMachineRoot : kUserRoot);
    probe.detail = std::string("the ") + probe.targets.front() + " certificate store";
    return probe;
  }

  base::Outcome check(const CaRef& ca, const std::string& target) const override {
    const std::string where = resolve(target);
    RootStore store(where, View::trusted);
    if (!store.get()) return failure(where, "open", "check");
    PCCERT_CONTEXT found = store.find(ca.sha1_hex);
    if (!found) {
      return finish(base::failed(std::string(name()), where, std::string(codes::ca_not_trusted),
                                 ca.label + " is not in " + where,
                                 "run `postern ca install --store windows-root`"),
                    "check");
    }
    ::CertFreeCertificateContext(found);
    return finish(base::already(std::string(name()), where, ca.label + " is in " + where), "check");
  }

  base::Outcome install(const CaRef& ca, const std::string& target) override {
    auto state = check(ca, target);
    if (state.status == base::Status::already) return finish(std::move(state), "install");
    const std::string where = resolve(target);
    RootStore store(where, View::add);
    if (!store.get()) return failure(where, "open", "install");
    PCCERT_CONTEXT added = nullptr;
    const auto* der = reinterpret_cast<const BYTE*>(ca.der.data());
    if (!::CertAddEncodedCertificateToStore(store.get(), kEncoding, der,
                                            static_cast<DWORD>(ca.der.size()),
                                            CERT_STORE_ADD_REPLACE_EXISTING, &added)) {
      // ERROR_CANCELLED here means the user said no in Windows' confirmation dialog.
      return failure(where, "add the CA to", "install");
    }
    // The friendly name is what certmgr.msc shows; the serial-qualified label tells CAs apart.
    std::wstring label = widen(ca.label);
    CRYPT_DATA_BLOB name_blob{static_cast<DWORD>((label.size() + 1) * sizeof(wchar_t)),
                              reinterpret_cast<BYTE*>(label.data())};
    ::CertSetCertificateContextProperty(added, CERT_FRIENDLY_NAME_PROP_ID, 0, &name_blob);
    ::CertFreeCertificateContext(added);
    if (!store.commit()) return failure(where, "save the CA in", "install");
    return finish(base::done(std::string(name()), where, "added " + ca.label + " to " + where),
                  "install");
  }

  base::Outcome uninstall(const CaRef& ca, const std::string& target) override {
    const std::string where = resolve(target);
    int removed = 0;
    {
      RootStore store(where, View::own);
      if (!store.get()) return failure(where, "open", "uninstall");
      // A store may hold the same certificate more than once; CertDeleteCertificateFromStore
      // frees the context it is given, so each round searches afresh.
      while (PCCERT_CONTEXT found = store.find(ca.sha1_hex)) {
        if (!::CertDeleteCertificateFromStore(found))
          return failure(where, "remove the CA from", "uninstall");
        ++removed;
      }
      if (removed > 0 && !store.commit())
        return failure(where, "save the removal from", "uninstall");
    }
    if (check(ca, where).status == base::Status::already) return still_trusted(ca, where);
    if (removed == 0) {
      return finish(base::already(std::string(name()), where, ca.label + " is not in " + where),
                    "uninstall");
    }
    return finish(base::done(std::string(name()), where, "removed " + ca.label + " from " + where),
                  "uninstall");
  }

 private:
  // The CA is gone from `where` itself but a store it takes in still has it: LocalMachine\ROOT
  // for the user's store, a group policy or enterprise store for the machine's.
  base::Outcome still_trusted(const CaRef& ca, const std::string& where) const {
    const bool user = where == kUserRoot;
    return finish(
        base::failed(std::string(name()), where, std::string(codes::ca_still_trusted),
                     ca.label + " is not in " + where + " itself, but " + where +
                         " still trusts it through " +
                         (user ? std::string(kMachineRoot) : "a group policy or enterprise store"),
                     user ? "run `postern ca uninstall --store windows-root` from an elevated "
                            "prompt (Run as administrator) to remove it from " +
                                std::string(kMachineRoot)
                          : "remove it with certlm.msc, or ask the administrator of the policy"),
        "uninstall");
  }

  std::string resolve(const std::string& target) const {
    if (!target.empty()) return target;
    return elevated_ ? kMachineRoot : kUserRoot;
  }

  base::Outcome failure(const std::string& where, const std::string& action,
                        std::string_view step) const {
    const DWORD error = ::GetLastError();  // read first: later calls may overwrite it
    const bool denied = error == ERROR_ACCESS_DENIED;
    return finish(
        base::failed(std::string(name()), where,
                     std::string(denied ? codes::privileges_required : codes::command_failed),
                     "cannot " + action + " " + where + ": " + error_text(error),
                     denied ? "run `postern ca install --store windows-root` from an "
                              "elevated prompt (Run as administrator)"
                            : "try again; if it keeps failing, open certmgr.msc and "
                              "import the CA by hand"),
        step);
  }

  base::Outcome finish(base::Outcome outcome, std::string_view step) const {
    outcome.step = std::string(step);
    outcome.store = std::string(name());
    return outcome;
  }

  bool elevated_;
};

}  // namespace

std::unique_ptr<TrustStore> make_os_system_store(const base::Environment&, CommandRunner&,
                                                 PrivilegedRunner& privileged) {
  return std::make_unique<WindowsRootStore>(privileged.context().is_root);
}

}  // namespace postern::platform::trust
