#include "hub/run_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <system_error>

#include "core/fs.h"
#include "core/json.h"
#include "hub/durable_dir.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {

namespace fsys = std::filesystem;

namespace {

constexpr std::size_t kMaxRecordBytes = 32 * 1024 * 1024;

Status write_json(const fsys::path& path, const Json& value) {
  AGENTHUB_RETURN_IF_ERROR(ensure_durable_dir(path.parent_path()));
  return write_file_atomic(path, dump_json_pretty(value) + "\n");
}

// The parsed file, or nullopt when it does not exist.
Result<std::optional<Json>> read_json(const fsys::path& path) {
  auto text = read_file(path, kMaxRecordBytes);
  if (!text.ok()) {
    if (text.error().code == ErrorCode::kNotFound) return std::optional<Json>();
    return text.error();
  }
  auto json = parse_json(*text);
  if (!json.ok()) return Error{ErrorCode::kInternal, path.string() + ": " + json.error().message};
  return std::optional<Json>(std::move(*json));
}

}  // namespace

RunStore::RunStore(RunIndex index) : index_(std::move(index)) {}

Status RunStore::save_run(const RunRecord& record) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", record.run_id));
  if (record.cwd.empty() || !fsys::path(record.cwd).is_absolute()) {
    return Error{ErrorCode::kInvalidArgument, "run cwd must be an absolute path"};
  }
  AGENTHUB_RETURN_IF_ERROR(
      write_json(run_dir(record.cwd, record.run_id) / kRunFileName, encode(record)));
  if (!index_.contains(record.run_id))
    AGENTHUB_RETURN_IF_ERROR(index_.put(record.run_id, record.cwd));
  return {};
}

Result<RunRecord> RunStore::load_run(const fsys::path& cwd, std::string_view run_id) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  fsys::path path = run_dir(cwd, run_id) / kRunFileName;
  auto json = read_json(path);
  if (!json.ok()) return json.error();
  if (!*json) {
    return Error{ErrorCode::kNotFound, "no run " + std::string(run_id) + " under " + cwd.string()};
  }
  auto record = decode_run_record(**json);
  if (!record.ok())
    return Error{ErrorCode::kInternal, path.string() + ": " + record.error().message};
  if (record->cwd.empty()) record->cwd = cwd.string();
  return record;
}

Result<RunRecord> RunStore::find_run(std::string_view run_id) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  auto cwd = index_.find(run_id);
  if (cwd.ok()) {
    auto record = load_run(*cwd, run_id);
    if (record.ok() || record.error().code != ErrorCode::kNotFound) return record;
  } else if (cwd.error().code != ErrorCode::kNotFound) {
    return cwd.error();
  }
  auto cwds = index_.cwds();
  if (!cwds.ok()) return cwds.error();
  for (const fsys::path& candidate : *cwds) {
    auto record = load_run(candidate, run_id);
    if (!record.ok()) continue;
    AGENTHUB_RETURN_IF_ERROR(index_.put(run_id, candidate));
    return record;
  }
  return Error{ErrorCode::kNotFound, "unknown run_id " + std::string(run_id)};
}

Result<std::vector<RunRecord>> RunStore::list_runs(const fsys::path& cwd) const {
  std::vector<RunRecord> out;
  fsys::path dir = runs_dir(cwd);
  std::error_code ec;
  if (!fsys::is_directory(dir, ec)) return out;
  for (const auto& entry : fsys::directory_iterator(dir, ec)) {
    std::string run_id = entry.path().filename().string();
    if (!validate_storage_id("run_id", run_id).ok()) continue;
    auto record = load_run(cwd, run_id);
    if (!record.ok()) {
      if (record.error().code != ErrorCode::kNotFound) {
        spdlog::warn("list_runs: skipping {}: {}", run_id, record.error().to_string());
      }
      continue;
    }
    if (!index_.contains(run_id)) {
      Status indexed = index_.put(run_id, cwd);
      if (!indexed.ok()) spdlog::warn("run index: {}", indexed.error().to_string());
    }
    out.push_back(std::move(*record));
  }
  if (ec) return Error{ErrorCode::kIo, "list " + dir.string() + ": " + ec.message()};
  std::sort(out.begin(), out.end(), [](const RunRecord& a, const RunRecord& b) {
    return a.started_at != b.started_at ? a.started_at < b.started_at : a.run_id < b.run_id;
  });
  return out;
}

Result<std::vector<RunRecord>> RunStore::list_all_runs() const {
  auto cwds = index_.cwds();
  if (!cwds.ok()) return cwds.error();
  std::vector<RunRecord> out;
  for (const fsys::path& cwd : *cwds) {
    auto runs = list_runs(cwd);
    if (!runs.ok()) {
      spdlog::warn("list_runs: skipping {}: {}", cwd.string(), runs.error().to_string());
      continue;
    }
    for (RunRecord& r : *runs) out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const RunRecord& a, const RunRecord& b) {
    return a.started_at != b.started_at ? a.started_at < b.started_at : a.run_id < b.run_id;
  });
  return out;
}

Status RunStore::save_result(const fsys::path& cwd, std::string_view run_id,
                             const RunResult& result) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  return write_json(run_dir(cwd, run_id) / kResultFileName, encode(result));
}

Result<std::optional<RunResult>> RunStore::load_result(const fsys::path& cwd,
                                                       std::string_view run_id) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  auto json = read_json(run_dir(cwd, run_id) / kResultFileName);
  if (!json.ok()) return json.error();
  // The old tool wrote `null` for runs that ended without a result.
  if (!*json || !(*json)->is_object()) return std::optional<RunResult>();
  return std::optional<RunResult>(decode_run_result(**json));
}

Status RunStore::save_session(const SessionRecord& session) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("session_id", session.session_id));
  if (session.cwd.empty() || !fsys::path(session.cwd).is_absolute()) {
    return Error{ErrorCode::kInvalidArgument, "session cwd must be an absolute path"};
  }
  return write_json(session_file(session.cwd, session.session_id), encode(session));
}

Result<std::optional<SessionRecord>> RunStore::load_session(const fsys::path& cwd,
                                                            std::string_view session_id) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("session_id", session_id));
  fsys::path path = session_file(cwd, session_id);
  auto json = read_json(path);
  if (!json.ok()) return json.error();
  if (!*json) return std::optional<SessionRecord>();
  auto session = decode_session_record(**json);
  if (!session.ok()) {
    return Error{ErrorCode::kInternal, path.string() + ": " + session.error().message};
  }
  if (session->cwd.empty()) session->cwd = cwd.string();
  return std::optional<SessionRecord>(std::move(*session));
}

}  // namespace agenthub::hub
