#include "runtime/export/collection_export.hpp"

#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>

#include "runtime/control/api_time.hpp"
#include "runtime/export/collection_item.hpp"

namespace postern::exports {

namespace {

using nlohmann::json;

// A level of folders, in the order their first item arrived. A folder holds either items or, when
// there is a level below it, folders.
class FolderList {
 public:
  /// The items of folder `name` (created at the end when new).
  json& items(const std::string& name) { return at(name).items; }
  /// The folders inside folder `name` (created at the end when new).
  FolderList& below(const std::string& name) {
    auto& folder = at(name);
    if (!folder.below) folder.below = std::make_unique<FolderList>();
    return *folder.below;
  }
  /// The folders as collection items.
  json to_json() const {
    json list = json::array();
    for (const auto& folder : folders_)
      list.push_back(
          {{"name", folder.name}, {"item", folder.below ? folder.below->to_json() : folder.items}});
    return list;
  }

 private:
  struct Folder {
    std::string name;
    json items = json::array();
    std::unique_ptr<FolderList> below;
  };
  Folder& at(const std::string& name) {
    const auto [found, added] = index_.try_emplace(name, folders_.size());
    if (added) folders_.push_back(Folder{name, json::array(), nullptr});
    return folders_[found->second];
  }
  std::vector<Folder> folders_;
  std::unordered_map<std::string, std::size_t> index_;
};

std::string host_folder(const store::Exchange& exchange) {
  std::string host =
      exchange.host.find(':') != std::string::npos ? "[" + exchange.host + "]" : exchange.host;
  const bool default_port = (exchange.scheme == "http" && exchange.port == 80) ||
                            (exchange.scheme == "https" && exchange.port == 443);
  if (exchange.port != 0 && !default_port) host += ":" + std::to_string(exchange.port);
  return host.empty() ? "(no host)" : host;
}

// Inside a host folder the host goes without saying; in a flat list the URL names it.
std::string item_name(const store::Exchange& exchange, bool in_host_folder) {
  if (!in_host_folder) return exchange.method + " " + exchange.url;
  return exchange.method + " " + exchange.path +
         (exchange.query.empty() ? "" : "?" + exchange.query);
}

json grouped_items(const std::vector<store::Exchange>& exchanges, const GroupBy& group_by) {
  if (!group_by.domain && !group_by.endpoint) {
    json items = json::array();
    for (const auto& exchange : exchanges)
      items.push_back(collection_item(exchange, item_name(exchange, false)));
    return items;
  }
  FolderList top;
  for (const auto& exchange : exchanges) {
    auto item = collection_item(exchange, item_name(exchange, group_by.domain));
    FolderList* level = &top;
    if (group_by.domain && group_by.endpoint) level = &top.below(host_folder(exchange));
    const auto& name = group_by.endpoint ? exchange.path : host_folder(exchange);
    level->items(name).push_back(std::move(item));
  }
  return top.to_json();
}

}  // namespace

std::string random_uuid_v4() {
  std::random_device random;
  unsigned char bytes[16];
  for (auto& byte : bytes)
    byte = static_cast<unsigned char>(random());
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10xx
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

json collection_document(const store::Session& session,
                         const std::vector<store::Exchange>& exchanges, const GroupBy& group_by) {
  const std::string name =
      session.name.empty() ? "Postern session " + std::to_string(session.id) : session.name;
  json info = {
      {"_postman_id", random_uuid_v4()},
      {"name", name},
      {"description", "Captured by Postern (" + std::string(store::to_string(session.source)) +
                          " session " + std::to_string(session.id) + ", started " +
                          control::format_api_time(session.started_at) + ", " +
                          std::to_string(exchanges.size()) + " requests, grouped by " +
                          to_string(group_by) + ")."},
      {"schema", std::string(kCollectionSchema)}};
  return {{"info", std::move(info)}, {"item", grouped_items(exchanges, group_by)}};
}

}  // namespace postern::exports
