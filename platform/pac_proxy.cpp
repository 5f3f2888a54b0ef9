#include "platform/pac_proxy.hpp"

#include <array>
#include <cctype>
#include <sstream>
#include <vector>

namespace postern::platform {

namespace {

// A PAC file served slowly must not make `postern proxy explain` or a request look hung.
constexpr std::chrono::seconds kPacTimeout{15};

// What libproxy's `proxy` tool prints for each URL: its proxies as URLs, space separated.
constexpr std::array<std::string_view, 7> kAnswerSchemes{
    "http://", "https://", "socks://", "socks4://", "socks4a://", "socks5://", "direct://"};

// libproxy's own lines with _PX_DEBUG=1 (src/lib/proxy.cpp, 0.4.x); they tell "the PAC file said
// DIRECT" apart from "there was no PAC file", which both print direct://.
constexpr std::string_view kReturned = "Pacrunner returned: ";
constexpr std::string_view kNoDownload = "Unable to download PAC!";
constexpr std::string_view kNoRunner = "Unable to find a required pacrunner!";

bool is_answer_line(std::string_view line) {
  if (line.empty() || line.front() == ' ' || line.front() == '\t') return false;
  std::istringstream words{std::string(line)};
  std::string word;
  bool any = false;
  while (words >> word) {
    bool known = false;
    for (auto scheme : kAnswerSchemes)
      known = known || word.rfind(scheme, 0) == 0;
    if (!known) return false;
    any = true;
  }
  return any;
}

// The proxies a PAC answer ("PROXY a:1; SOCKS5 b:2; DIRECT") names, as libproxy would print
// them: for when the tool died before its own (buffered) answer line reached us.
std::vector<std::string> proxies_from_pac_answer(std::string_view returned) {
  std::vector<std::string> proxies;
  std::istringstream directives{std::string(returned)};
  for (std::string directive; std::getline(directives, directive, ';');) {
    std::istringstream words(directive);
    std::string kind, where;
    words >> kind >> where;
    for (char& c : kind)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (kind == "DIRECT") proxies.emplace_back("direct://");
    if (where.empty()) continue;
    if (kind == "PROXY" || kind == "HTTP") proxies.push_back("http://" + where);
    if (kind == "HTTPS") proxies.push_back("https://" + where);
    if (kind == "SOCKS" || kind == "SOCKS4") proxies.push_back("socks4://" + where);
    if (kind == "SOCKS5") proxies.push_back("socks5://" + where);
  }
  return proxies;
}

}  // namespace

PacAnswer parse_libproxy_output(std::string_view output) {
  PacAnswer answer;
  std::istringstream lines{std::string(output)};
  std::string line;
  bool no_download = false;
  bool no_runner = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind(kReturned, 0) == 0) {
      answer.returned = line.substr(kReturned.size());
    } else if (line.rfind(kNoDownload, 0) == 0) {
      no_download = true;
    } else if (line.rfind(kNoRunner, 0) == 0) {
      no_runner = true;
    } else if (answer.proxies.empty() && is_answer_line(line)) {
      std::istringstream words(line);
      // libproxy's "socks://" is the PAC file's "SOCKS host:port", which browsers read as
      // SOCKS v4; libcurl wants the version spelled out.
      for (std::string word; words >> word;)
        answer.proxies.push_back(word.rfind("socks://", 0) == 0 ? "socks4://" + word.substr(8)
                                                                : word);
    }
  }
  if (no_runner)
    answer.problem =
        "libproxy has no JavaScript runner for PAC files (install libproxy1-plugin-webkit)";
  else if (no_download)
    answer.problem = "libproxy could not fetch the PAC file";
  else if (answer.returned.empty())
    answer.problem = "the PAC file did not answer (a JavaScript error, or no FindProxyForURL)";
  else if (answer.proxies.empty())
    answer.problem = "libproxy printed no proxies";
  answer.evaluated = answer.problem.empty();
  if (!answer.evaluated) answer.proxies.clear();
  return answer;
}

std::string pac_url_problem(std::string_view pac_url) {
  if (pac_url.rfind("http://", 0) == 0 && pac_url.size() > 7) return "";
  if (pac_url.rfind("file:///", 0) == 0) return "";
  if (pac_url.rfind("https://", 0) == 0)
    return "must be http:// or file://: libproxy 0.4 cannot fetch a PAC file over https";
  return "must be an http:// or file:/// URL";
}

PacAnswer evaluate_pac(CommandRunner& runner, const std::string& pac_url,
                       const std::string& target_url) {
  PacAnswer answer;
  if (auto problem = pac_url_problem(pac_url); !problem.empty()) {
    answer.problem = "the PAC URL " + problem;
    return answer;
  }
  const auto env_tool = runner.find_tool("env");
  const auto proxy_tool = runner.find_tool("proxy");
  if (!env_tool || !proxy_tool) {
    answer.problem =
        "libproxy's `proxy` tool is not installed (install libproxy-tools and "
        "libproxy1-plugin-webkit)";
    return answer;
  }
  // `env -i`: libproxy must see only this PAC URL, never the user's desktop or variables (its
  // GNOME and KDE modules would otherwise win over the environment).
  const std::string config = "pac+" + pac_url;
  Command command;
  command.argv = {env_tool->string(),      "-i",
                  "_PX_DEBUG=1",           "http_proxy=" + config,
                  "https_proxy=" + config, proxy_tool->string()};
  command.stdin_data = target_url + "\n";
  command.timeout = kPacTimeout;
  const CommandResult result = runner.run(command);
  if (result.timed_out || !result.started) {
    answer.problem = result.timed_out ? "libproxy took longer than 15 s (a slow PAC server?)"
                                      : "libproxy's `proxy` tool failed";
    return answer;
  }
  // libproxy 0.4's tool sometimes crashes as it exits (SIGSEGV in its JavaScript runner's
  // teardown, more often on a loaded machine), after the PAC file has answered: its debug line
  // (stderr, unbuffered) has the answer, and its own stdout line may be lost with the process.
  // The PAC file's answer counts; a failure without one is still a failure.
  PacAnswer parsed = parse_libproxy_output(result.output);
  if (result.exit_code == 0 || parsed.evaluated) return parsed;
  parsed.proxies = proxies_from_pac_answer(parsed.returned);
  if (parsed.proxies.empty()) {
    answer.problem = "libproxy's `proxy` tool failed";
    return answer;
  }
  parsed.evaluated = true;
  parsed.problem.clear();
  return parsed;
}

PacEvaluator pac_evaluator(CommandRunner& runner) {
  return [&runner](const std::string& pac_url, const std::string& target_url) {
    return evaluate_pac(runner, pac_url, target_url);
  };
}

}  // namespace postern::platform
