#include "hub/wrapper_registry.h"

#include <unistd.h>

#include <sstream>

#include "core/fs.h"
#include "core/json.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

}  // namespace

std::optional<std::uint64_t> process_start_time(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  auto stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!stat.ok()) return std::nullopt;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted
  // after the last ')'. starttime is field 22, the 20th after it (state is field 3).
  const std::size_t close = stat->rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat->substr(close + 1));
  std::string field;
  for (int i = 0; i < 19 && fields >> field; ++i) {
  }
  std::uint64_t start = 0;
  if (!(fields >> start)) return std::nullopt;
  return start;
}

fsys::path WrapperRegistry::entry_path(pid_t pid) const {
  return dir_ / (std::to_string(pid) + ".json");
}

Status WrapperRegistry::put(const WrapperEntry& entry) const {
  AGENTHUB_RETURN_IF_ERROR(ensure_dir(dir_));
  const Json json = {{"backend", backend_name(entry.backend)},
                     {"agent_url", entry.agent_url},
                     {"token", entry.token},
                     {"pid", entry.pid},
                     {"start_time", entry.start_time}};
  return write_file_atomic(entry_path(entry.pid), dump_json(json));
}

void WrapperRegistry::remove(pid_t pid) const { ::unlink(entry_path(pid).c_str()); }

std::optional<WrapperEntry> WrapperRegistry::find_by_url(const std::string& agent_url) const {
  std::error_code ec;
  for (fsys::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".json") continue;
    auto text = read_file(it->path());
    if (!text.ok()) continue;
    auto json = parse_json(*text);
    if (!json.ok() || !json->is_object()) continue;
    WrapperEntry entry;
    entry.backend = parse_backend(json_string(*json, "backend"));
    entry.agent_url = json_string(*json, "agent_url");
    entry.token = json_string(*json, "token");
    entry.pid = json->value("pid", 0);
    entry.start_time = json->value("start_time", std::uint64_t{0});
    if (entry.agent_url != agent_url) continue;
    if (process_start_time(entry.pid) != entry.start_time) {
      ::unlink(it->path().c_str());  // its wrapper is gone
      continue;
    }
    return entry;
  }
  return std::nullopt;
}

}  // namespace agenthub::hub
