#include "bench/proc_stats.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

namespace agenthub::bench {
namespace {

std::string proc_path(pid_t pid, const char* file) {
  return "/proc/" + std::to_string(pid) + "/" + file;
}

// The fields of /proc/<pid>/stat after the command name (which may hold spaces): state first.
std::optional<std::vector<std::string>> stat_fields(pid_t pid) {
  std::ifstream in(proc_path(pid, "stat"));
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

}  // namespace

std::optional<long> proc_status_kib(pid_t pid, const std::string& field) {
  std::ifstream in(proc_path(pid, "status"));
  const std::string prefix = field + ":";
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(prefix)) continue;
    std::istringstream value(line.substr(prefix.size()));
    long kib = 0;
    if (value >> kib) return kib;
  }
  return std::nullopt;
}

std::optional<double> proc_cpu_seconds(pid_t pid) {
  auto fields = stat_fields(pid);
  // state is field 3 of stat(5); utime and stime are fields 14 and 15.
  if (!fields || fields->size() < 13) return std::nullopt;
  const double ticks = std::stod((*fields)[11]) + std::stod((*fields)[12]);
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::optional<pid_t> find_process_with_argument(const std::string& argument) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid == ::getpid()) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    bool match = false;
    for (std::string arg; std::getline(in, arg, '\0');) match = match || arg == argument;
    if (!match) continue;
    auto fields = stat_fields(pid);
    if (fields && !fields->empty() && (*fields)[0] != "Z") return pid;
  }
  return std::nullopt;
}

}  // namespace agenthub::bench
