// Fuzzes the proxy CA loader and describe_pem with arbitrary file contents. The input is the
// certificate file; when it holds a 0 byte, the part after it is the key file, otherwise the key
// is a fixed valid P-256 key. load() must return an error for anything that is not a good CA,
// and never crash, hang or leak.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "certs/certificate_authority.hpp"
#include "certs/certificate_info.hpp"

namespace {

namespace fs = std::filesystem;
using postern::certs::CaFiles;
using postern::certs::CertificateAuthority;

// A private folder for the two files, and the fixed key, made once per process.
class Workspace {
 public:
  Workspace() {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("postern-ca-fuzz-" + std::to_string(random()));
    files_ = CaFiles::in(root_ / "proxy");
    // A real CA supplies a valid key; its files are then overwritten by every input.
    auto ca = CertificateAuthority::create(files_, {"fuzz", "localhost"});
    if (ca) {
      std::ifstream in(files_.key, std::ios::binary);
      key_pem_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  ~Workspace() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  [[nodiscard]] const CaFiles& files() const { return files_; }
  [[nodiscard]] const std::string& key_pem() const { return key_pem_; }

 private:
  fs::path root_;
  CaFiles files_;
  std::string key_pem_;
};

// Plain writes rather than base::write_file_atomically: its fsync would make each run take
// milliseconds. The mode is set explicitly so the key passes the 0600 check and gets parsed.
void write(const fs::path& path, std::string_view bytes, fs::perms mode) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::error_code ignored;
  fs::permissions(path, mode, ignored);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Workspace workspace;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)postern::certs::describe_pem(input, "fuzz input");

  std::string_view cert = input;
  std::string_view key = workspace.key_pem();
  if (const auto zero = input.find('\0'); zero != std::string_view::npos) {
    cert = input.substr(0, zero);
    key = input.substr(zero + 1);
  }
  write(workspace.files().cert, cert, static_cast<fs::perms>(0644));
  write(workspace.files().key, key, static_cast<fs::perms>(0600));
  (void)CertificateAuthority::load(workspace.files(), postern::certs::KeyUse::required);
  (void)CertificateAuthority::load(workspace.files(), postern::certs::KeyUse::not_needed);
  return 0;
}
