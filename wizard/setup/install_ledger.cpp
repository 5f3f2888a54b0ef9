#include "wizard/setup/install_ledger.hpp"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "base/files.hpp"

namespace postern::setup {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kFormat = "postern-install-ledger";

class LedgerCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.ledger"; }
  std::string message(int value) const override {
    switch (static_cast<ledger_errc>(value)) {
      case ledger_errc::corrupt:
        return "the install ledger is not valid";
      case ledger_errc::newer_version:
        return "the install ledger was written by a newer Postern";
      case ledger_errc::write_failed:
        return "the install ledger could not be written";
    }
    return "unknown ledger error";
  }
};

base::Error corrupt(const fs::path& source, const std::string& why) {
  return base::Error{
      make_error_code(ledger_errc::corrupt),
      source.string() + " is not a valid install ledger (" + why + "); nothing was changed",
      "move it aside (mv " + source.string() + " " + source.string() +
          ".broken) and run the command again; entries it listed must then be "
          "removed by hand"};
}

std::string text_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (!it->is_string()) throw std::invalid_argument(std::string("\"") + key + "\" is not a string");
  return it->get<std::string>();
}

LedgerEntry entry_from(const json& object) {
  if (!object.is_object()) throw std::invalid_argument("an entry is not an object");
  LedgerEntry entry{text_field(object, "kind"),       text_field(object, "store"),
                    text_field(object, "target"),     text_field(object, "label"),
                    text_field(object, "sha256"),     text_field(object, "pem"),
                    text_field(object, "recorded_at")};
  if (entry.kind.empty() || entry.store.empty() || entry.target.empty())
    throw std::invalid_argument("an entry lacks kind, store or target");
  if (auto details = object.find("details"); details != object.end() && !details->is_null()) {
    if (!details->is_object()) throw std::invalid_argument("\"details\" is not an object");
    for (const auto& [key, value] : details->items()) {
      if (!value.is_string()) throw std::invalid_argument("a detail is not a string");
      entry.details[key] = value.get<std::string>();
    }
  }
  return entry;
}

json to_json(const LedgerEntry& entry) {
  return {{"kind", entry.kind},
          {"store", entry.store},
          {"target", entry.target},
          {"label", entry.label},
          {"sha256", entry.sha256},
          {"pem", entry.pem},
          {"recorded_at", entry.recorded_at},
          {"details", entry.details}};
}

}  // namespace

std::error_code make_error_code(ledger_errc e) {
  static const LedgerCategory category;
  return {static_cast<int>(e), category};
}

bool LedgerEntry::same_write(const LedgerEntry& other) const {
  return kind == other.kind && store == other.store && target == other.target &&
         (sha256.empty() ? label == other.label : sha256 == other.sha256);
}

base::Result<InstallLedger> InstallLedger::load(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    InstallLedger empty;
    empty.file_ = file;
    return empty;
  }
  auto text = base::read_file(file, 8 * 1024 * 1024);
  if (!text) return text.error();
  return parse(text.value(), file);
}

base::Result<InstallLedger> InstallLedger::parse(std::string_view text, const fs::path& source) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return corrupt(source, "not JSON");
  // Check types before reading: json::value() throws when a key holds another type.
  auto format = document.is_object() ? document.find("format") : document.end();
  if (!document.is_object() || format == document.end() || !format->is_string() ||
      format->get<std::string>() != kFormat)
    return corrupt(source, "not a Postern ledger");
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer())
    return corrupt(source, "no version");
  if (version->get<long long>() > kVersion) {
    return base::Error{make_error_code(ledger_errc::newer_version),
                       source.string() + " was written by a newer Postern (format " +
                           std::to_string(version->get<long long>()) + ")",
                       "use the newer Postern to reset, or update this one"};
  }
  InstallLedger ledger;
  ledger.file_ = source;
  auto entries = document.find("entries");
  if (entries == document.end() || !entries->is_array()) return corrupt(source, "no entries list");
  try {
    for (const auto& item : *entries)
      ledger.entries_.push_back(entry_from(item));
  } catch (const std::exception& e) {
    return corrupt(source, e.what());
  }
  return ledger;
}

std::string InstallLedger::serialise() const {
  json list = json::array();
  for (const auto& entry : entries_)
    list.push_back(to_json(entry));
  json document = {{"format", kFormat}, {"version", kVersion}, {"entries", list}};
  return document.dump(2) + "\n";
}

base::Result<base::Ok> InstallLedger::save() const {
  // 0600: the ledger maps out what was installed where; nobody else needs to read it.
  auto written = base::write_file_atomically(file_, serialise(), base::FileMode::owner_only);
  if (!written) {
    auto error = written.error();
    error.message = "cannot save the install ledger: " + error.message;
    return error;
  }
  return base::Ok{};
}

void InstallLedger::record(LedgerEntry entry) {
  if (entry.recorded_at.empty()) entry.recorded_at = utc_timestamp();
  auto same = [&](const LedgerEntry& e) { return e.same_write(entry); };
  auto it = std::find_if(entries_.begin(), entries_.end(), same);
  if (it != entries_.end())
    *it = std::move(entry);
  else
    entries_.push_back(std::move(entry));
}

bool InstallLedger::forget(const LedgerEntry& entry) {
  auto before = entries_.size();
  std::erase_if(entries_, [&](const LedgerEntry& e) { return e.same_write(entry); });
  return entries_.size() != before;
}

std::vector<LedgerEntry> InstallLedger::entries_of(std::string_view kind,
                                                   std::string_view store) const {
  std::vector<LedgerEntry> found;
  for (const auto& entry : entries_)
    if (entry.kind == kind && (store.empty() || entry.store == store)) found.push_back(entry);
  return found;
}

std::string utc_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace postern::setup
