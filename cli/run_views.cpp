#include "cli/run_views.hpp"

#include <ostream>
#include <set>

#include "cli/human_units.hpp"
#include "cli/text_table.hpp"

namespace postern::cli {
namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts)
    out += (out.empty() ? "" : separator) + part;
  return out;
}

std::set<std::string> distinct(const std::vector<std::string>& list) {
  return {list.begin(), list.end()};
}

}  // namespace

void print_execution(std::ostream& out, const runner::Execution& execution) {
  out << "→ " << printable(joined(execution.path, " / ")) << "\n";
  out << "  " << execution.method << " " << printable(execution.url);
  if (execution.failed()) {
    out << "\n  ✗ " << printable(execution.error) << "\n";
  } else {
    out << " [" << execution.status
        << (execution.reason.empty() ? "" : " " + printable(execution.reason)) << ", "
        << human_size(execution.response_bytes) << ", " << execution.elapsed_ms << " ms]\n";
  }
  for (const auto& feature : distinct(execution.unsupported)) {
    out << "  ! not run: " << feature << " (Postern does not run scripts)\n";
  }
  if (!execution.unresolved.empty()) {
    out << "  ! unresolved variables: "
        << printable(joined({execution.unresolved.begin(), execution.unresolved.end()}, ", "))
        << "\n";
  }
}

void print_run_summary(std::ostream& out, const runner::RunSummary& summary) {
  std::size_t scripts = 0;
  std::size_t unresolved = 0;
  std::size_t bytes = 0;
  long long response_ms = 0;
  for (const auto& execution : summary.executions) {
    scripts += execution.unsupported.empty() ? 0 : 1;
    unresolved += execution.unresolved.empty() ? 0 : 1;
    bytes += execution.response_bytes;
    response_ms += execution.elapsed_ms;
  }
  TextTable table({"", "executed", "failed"});
  table.align_right(1);
  table.align_right(2);
  table.add_row(
      {"requests", std::to_string(summary.executions.size()), std::to_string(summary.failed())});
  table.add_row({"requests with scripts not run", std::to_string(scripts), "-"});
  table.add_row({"requests with unresolved variables", std::to_string(unresolved), "-"});
  out << "\n";
  table.print(out);
  if (!summary.unsupported.empty()) {
    out << "collection scripts not run: " << joined(summary.unsupported, ", ") << "\n";
  }
  out << "total run duration: " << human_duration(summary.elapsed_ms)
      << "; data received: " << human_size(bytes) << "; average response time: "
      << (summary.executions.empty()
              ? 0
              : response_ms / static_cast<long long>(summary.executions.size()))
      << " ms\n";
}

nlohmann::json run_json(const runner::RunSummary& summary) {
  nlohmann::json executions = nlohmann::json::array();
  for (const auto& e : summary.executions) {
    nlohmann::json entry{
        {"item", {{"name", e.path.empty() ? "" : e.path.back()}, {"path", e.path}}},
        {"request", {{"method", e.method}, {"url", e.url}, {"auth", e.auth_type}}},
        {"unsupported", e.unsupported},
        {"unresolved", e.unresolved}};
    if (e.failed()) {
      entry["error"] = e.error;
    } else {
      entry["response"] = {{"code", e.status},
                           {"status", e.reason},
                           {"responseTime", e.elapsed_ms},
                           {"responseSize", e.response_bytes}};
    }
    executions.push_back(std::move(entry));
  }
  return {{"collection", {{"name", summary.collection}}},
          {"run",
           {{"stats",
             {{"requests", {{"total", summary.executions.size()}, {"failed", summary.failed()}}}}},
            {"executions", executions},
            {"unsupported", summary.unsupported},
            {"elapsed_ms", summary.elapsed_ms}}}};
}

}  // namespace postern::cli
