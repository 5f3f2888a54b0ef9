// Test tool: writes a leaf certificate and key for one host name, minted by the CA in
// $POSTERN_HOME, so e2e scripts can serve real TLS with `openssl s_server` and check trust with
// real curl and certutil. Usage: mint_leaf <host> <cert-out> <key-out>
#include <fstream>
#include <iostream>

#include "base/app_paths.hpp"
#include "certs/cert_store.hpp"

int main(int argc, char** argv) {
  using namespace postern;
  if (argc != 4) {
    std::cerr << "usage: mint_leaf <host> <cert-out> <key-out>\n";
    return 2;
  }
  auto paths = base::current_app_paths();
  if (!paths) return std::cerr << paths.error().message << "\n", 1;
  auto ca = certs::CertificateAuthority::load(certs::CaFiles::in(paths.value().proxy_dir()),
                                              certs::KeyUse::required);
  if (!ca) return std::cerr << ca.error().message << "\n", 1;
  certs::CertStore store(ca.value());
  auto leaf = store.get(argv[1]);
  if (!leaf) return std::cerr << leaf.error().message << "\n", 1;
  std::ofstream(argv[2]) << leaf.value()->pem();
  std::ofstream(argv[3]) << leaf.value()->key_pem();
  return 0;
}
