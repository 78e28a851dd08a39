#pragma once

// Finds a run's cwd from its run_id alone, across restarts: one small file per run,
// <dir>/<run_id>.json = {"run_id", "cwd"}.
//
// Why one file per run rather than an append-only JSONL: several hub processes (one MCP server
// per top-level agent) share the index. Creating a file atomically needs no cross-process
// locking and no compaction, a lookup is one open(), listing is one readdir(), and retention
// deletes a run's entry with one unlink. The cost, an inode per run, is small next to the run's
// own directory.
//
// Default location: $XDG_STATE_HOME/agenthub/run-index, else ~/.local/state/agenthub/run-index.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agenthub::hub {

class RunIndex {
 public:
  struct Entry {
    std::string run_id;
    std::filesystem::path cwd;
  };

  explicit RunIndex(std::filesystem::path dir);

  // From XDG_STATE_HOME / HOME; kFailedPrecondition when neither is set to an absolute path.
  [[nodiscard]] static Result<std::filesystem::path> default_dir();

  // Records (or replaces) run_id -> cwd durably.
  [[nodiscard]] Status put(std::string_view run_id, const std::filesystem::path& cwd) const;
  // kNotFound when the run is not indexed.
  [[nodiscard]] Result<std::filesystem::path> find(std::string_view run_id) const;
  [[nodiscard]] bool contains(std::string_view run_id) const;
  // Every entry (unreadable entries are skipped with a warning), sorted by run_id.
  [[nodiscard]] Result<std::vector<Entry>> list() const;
  // Distinct cwds of all entries, sorted.
  [[nodiscard]] Result<std::vector<std::filesystem::path>> cwds() const;
  [[nodiscard]] Status remove(std::string_view run_id) const;

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  [[nodiscard]] std::filesystem::path entry_path(std::string_view run_id) const;

  std::filesystem::path dir_;
};

}  // namespace agenthub::hub
