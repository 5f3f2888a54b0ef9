#include "certs/certificate_info.hpp"
#include "platform/trust/trust_store.hpp"

namespace postern::platform::trust {

base::Result<CaRef> make_ca_ref(std::string label, std::string pem, std::string_view source) {
  auto info = certs::describe_pem(pem, source);
  if (!info) return info.error();
  return CaRef{std::move(label), std::move(pem), std::move(info.value().der),
               std::move(info.value().sha256_hex), std::move(info.value().sha1_hex)};
}

}  // namespace postern::platform::trust
