#pragma once
// Proxy auto-config (PAC) files, run by a real engine: libproxy (Debian's libproxy1v5 with its
// JavaScriptCore runner, libproxy1-plugin-webkit), never JavaScript of our own. libproxy 0.4 takes
// a PAC URL only from its configuration sources (the environment's "pac+URL" form), so it runs
// in a child process — the `proxy` tool of libproxy-tools — with a clean environment that holds
// only that URL. That also keeps a PAC file from the network, and the JavaScript engine, out of
// our own process. On Windows the engine is not wired yet: evaluate_pac says so.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/command_runner.hpp"

namespace postern::platform {

/// What a PAC file said for one URL.
struct PacAnswer {
  bool evaluated = false;            ///< the file was fetched and FindProxyForURL returned
  std::vector<std::string> proxies;  ///< in order: "http://host:port", "socks4://..", "direct://"
  std::string returned;              ///< FindProxyForURL's own answer ("PROXY a:1; DIRECT")
  std::string problem;               ///< why not evaluated; empty when evaluated
};

/// Asks the PAC file at `pac_url` which proxies `target_url` should use.
using PacEvaluator =
    std::function<PacAnswer(const std::string& pac_url, const std::string& target_url)>;

/// libproxy's PAC runner through `runner` (POSIX); an answer with `problem` on Windows, or when
/// the `proxy` tool or its JavaScript runner is missing.
PacAnswer evaluate_pac(CommandRunner& runner, const std::string& pac_url,
                       const std::string& target_url);

/// A PacEvaluator on evaluate_pac with `runner` (which must outlive it).
PacEvaluator pac_evaluator(CommandRunner& runner);

/// The URLs the `proxy` tool printed for one URL, plus libproxy's debug lines: the answer, or a
/// problem ("could not fetch the PAC file"). Pure, for tests and the fuzz target.
PacAnswer parse_libproxy_output(std::string_view output);

/// Checks a PAC URL typed by a user: http://, or file:// with an absolute path. libproxy 0.4
/// fetches nothing else. Empty when fine, else the problem.
std::string pac_url_problem(std::string_view pac_url);

}  // namespace postern::platform
