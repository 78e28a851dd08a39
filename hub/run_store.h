#pragma once

// Run snapshots, results and sessions on disk (layout in storage_layout.h), plus the run index
// that finds a run by run_id alone. Every file is JSON written atomically (temp file, fsync,
// rename, fsync the directory), pretty-printed like the old tool's files. Records are encoded
// with their secrets redacted (run_record.h).
//
// Thread-safety: the store holds no mutable state; concurrent writes of the same file are
// atomic replacements (last writer wins), so each run's snapshots should come from one owner.

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "hub/run_index.h"
#include "hub/run_record.h"
#include "hub/session_record.h"

namespace agenthub::hub {

class RunStore {
 public:
  explicit RunStore(RunIndex index);

  // Writes runs/<run_id>/run.json under record.cwd, indexing the run on its first save.
  [[nodiscard]] Status save_run(const RunRecord& record) const;
  // kNotFound when there is no run.json.
  [[nodiscard]] Result<RunRecord> load_run(const std::filesystem::path& cwd,
                                           std::string_view run_id) const;
  // By run_id alone: the index, else a search of every cwd the index knows (runs made by the
  // old tool were never indexed); a run found that way is indexed. kNotFound otherwise.
  [[nodiscard]] Result<RunRecord> find_run(std::string_view run_id) const;
  // Every run under cwd, oldest first (by started_at, then run_id); unreadable ones are skipped
  // with a warning and unindexed ones are indexed. Empty when cwd has no runs.
  [[nodiscard]] Result<std::vector<RunRecord>> list_runs(const std::filesystem::path& cwd) const;
  // list_runs over every cwd the index knows (missing directories are skipped).
  [[nodiscard]] Result<std::vector<RunRecord>> list_all_runs() const;

  [[nodiscard]] Status save_result(const std::filesystem::path& cwd, std::string_view run_id,
                                   const RunResult& result) const;
  // nullopt when the run has no result.json (yet).
  [[nodiscard]] Result<std::optional<RunResult>> load_result(const std::filesystem::path& cwd,
                                                             std::string_view run_id) const;

  [[nodiscard]] Status save_session(const SessionRecord& session) const;
  // nullopt when there is no such session under cwd.
  [[nodiscard]] Result<std::optional<SessionRecord>> load_session(
      const std::filesystem::path& cwd, std::string_view session_id) const;

  [[nodiscard]] const RunIndex& index() const { return index_; }

 private:
  RunIndex index_;
};

}  // namespace agenthub::hub
