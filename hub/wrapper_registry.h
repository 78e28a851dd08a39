#pragma once

// The local wrappers (codex-a2a-agent, claude-a2a-agent) that hub processes started, so a hub
// started later can reach the runs a previous one left on them. One file per wrapper,
// <dir>/<pid>.json = {"backend", "agent_url", "token", "pid", "start_time"}, written 0600 in a
// 0700 directory: the token is the wrapper's bearer token and only the user may read it.
// start_time (the process's start in clock ticks since boot) tells a live wrapper from a
// recycled pid.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.h"
#include "hub/run_types.h"

namespace agenthub::hub {

struct WrapperEntry {
  Backend backend = Backend::kUnknown;
  std::string agent_url;
  std::string token;
  pid_t pid = 0;
  std::uint64_t start_time = 0;
};

class WrapperRegistry {
 public:
  explicit WrapperRegistry(std::filesystem::path dir) : dir_(std::move(dir)) {}

  [[nodiscard]] Status put(const WrapperEntry& entry) const;
  void remove(pid_t pid) const;
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  // The live wrapper serving `agent_url`. Entries whose process is gone are removed on the way.
  [[nodiscard]] std::optional<WrapperEntry> find_by_url(const std::string& agent_url) const;

 private:
  [[nodiscard]] std::filesystem::path entry_path(pid_t pid) const;

  std::filesystem::path dir_;
};

// When process `pid` started (clock ticks since boot, /proc/<pid>/stat), nullopt when there is
// no such process.
[[nodiscard]] std::optional<std::uint64_t> process_start_time(pid_t pid);

}  // namespace agenthub::hub
