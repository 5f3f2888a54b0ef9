#pragma once
// The OAuth 2.0 token store: tokens Postern got, by name, in one JSON file in the data folder
// (`<data>/oauth2-tokens.json`, 0600, replaced atomically). It keeps what is needed to use and
// refresh a token (access and refresh token, type, expiry, scope, grant, token URL, client id)
// and never the client secret or a password. A file that cannot be read is an error and is
// never overwritten: the user decides what to do with it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/result.hpp"

namespace postern::requester {

struct StoredToken {
  std::string name;
  std::string access_token;   ///< a secret
  std::string refresh_token;  ///< a secret; empty when the server gave none
  std::string token_type;     ///< "Bearer", ...
  std::string scope;
  std::string id_token;
  std::string grant_type;  ///< Postman's name: client_credentials, ...
  std::string token_url;   ///< where it was issued (and is refreshed, unless refresh_url)
  std::string refresh_url;
  std::string client_id;
  std::int64_t created_at = 0;    ///< unix seconds
  std::int64_t expires_at = 0;    ///< unix seconds; 0: the server gave no expiry
  std::int64_t last_used_at = 0;  ///< unix seconds; 0: never used

  /// True when it has an expiry that falls before `now + margin`.
  bool expired(std::int64_t now, std::int64_t margin = 0) const {
    return expires_at != 0 && expires_at <= now + margin;
  }
};

class TokenStore {
 public:
  explicit TokenStore(std::filesystem::path file) : file_(std::move(file)) {}

  /// `<data>/oauth2-tokens.json`.
  static std::filesystem::path default_file(const base::AppPaths& paths);

  const std::filesystem::path& file() const { return file_; }

  /// Every token, in the order saved; empty when the file does not exist yet.
  base::Result<std::vector<StoredToken>> list() const;
  /// The token named `name`, or nothing.
  base::Result<std::optional<StoredToken>> find(std::string_view name) const;
  /// Adds `token`, replacing one of the same name.
  base::Status_or_error save(const StoredToken& token);
  /// Removes the token named `name`; false when there was none.
  base::Result<bool> remove(std::string_view name);
  /// Sets last_used_at of `name` to `now` (the list shows which token runs use).
  base::Status_or_error mark_used(std::string_view name, std::int64_t now);

  /// The file's text for `tokens`, and the tokens of a file's text (errors name `source`).
  static std::string serialise(const std::vector<StoredToken>& tokens);
  static base::Result<std::vector<StoredToken>> parse(std::string_view text,
                                                      const std::string& source);

 private:
  base::Status_or_error write(const std::vector<StoredToken>& tokens);

  std::filesystem::path file_;
};

}  // namespace postern::requester
