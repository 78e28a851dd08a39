#include "hub/run_index.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <set>
#include <system_error>

#include "core/fs.h"
#include "core/json.h"
#include "hub/durable_dir.h"
#include "hub/json_fields.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {

namespace fsys = std::filesystem;

namespace {
constexpr std::size_t kMaxEntryBytes = 64 * 1024;
constexpr std::string_view kEntrySuffix = ".json";
}  // namespace

RunIndex::RunIndex(fsys::path dir) : dir_(std::move(dir)) {}

Result<fsys::path> RunIndex::default_dir() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && fsys::path(state).is_absolute()) {
    return fsys::path(state) / "agenthub" / "run-index";
  }
  const char* home = std::getenv("HOME");
  if (home != nullptr && fsys::path(home).is_absolute()) {
    return fsys::path(home) / ".local" / "state" / "agenthub" / "run-index";
  }
  return Error{ErrorCode::kFailedPrecondition,
               "cannot place the run index: neither XDG_STATE_HOME nor HOME is an absolute path"};
}

fsys::path RunIndex::entry_path(std::string_view run_id) const {
  return dir_ / (std::string(run_id) + std::string(kEntrySuffix));
}

Status RunIndex::put(std::string_view run_id, const fsys::path& cwd) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  AGENTHUB_RETURN_IF_ERROR(ensure_durable_dir(dir_));
  Json entry{{"run_id", run_id}, {"cwd", cwd.string()}};
  return write_file_atomic(entry_path(run_id), dump_json(entry) + "\n");
}

Result<fsys::path> RunIndex::find(std::string_view run_id) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  auto text = read_file(entry_path(run_id), kMaxEntryBytes);
  if (!text.ok()) {
    if (text.error().code == ErrorCode::kNotFound) {
      return Error{ErrorCode::kNotFound, "unknown run_id " + std::string(run_id)};
    }
    return text.error();
  }
  auto entry = parse_json(*text);
  std::string cwd = entry.ok() ? string_field(*entry, {"cwd"}) : std::string();
  if (cwd.empty()) {
    return Error{ErrorCode::kInternal, "run index entry for " + std::string(run_id) +
                                           " is damaged: " + entry_path(run_id).string()};
  }
  return fsys::path(cwd);
}

bool RunIndex::contains(std::string_view run_id) const {
  if (!validate_storage_id("run_id", run_id).ok()) return false;
  return ::access(entry_path(run_id).c_str(), F_OK) == 0;
}

Result<std::vector<RunIndex::Entry>> RunIndex::list() const {
  std::vector<Entry> out;
  std::error_code ec;
  if (!fsys::is_directory(dir_, ec)) return out;
  for (const auto& file : fsys::directory_iterator(dir_, ec)) {
    std::string name = file.path().filename().string();
    if (name.size() <= kEntrySuffix.size() || !name.ends_with(kEntrySuffix) || name[0] == '.') {
      continue;
    }
    std::string run_id = name.substr(0, name.size() - kEntrySuffix.size());
    auto cwd = find(run_id);
    if (!cwd.ok()) {
      spdlog::warn("run index: skipping {}: {}", name, cwd.error().to_string());
      continue;
    }
    out.push_back(Entry{std::move(run_id), std::move(*cwd)});
  }
  if (ec) return Error{ErrorCode::kIo, "list " + dir_.string() + ": " + ec.message()};
  std::sort(out.begin(), out.end(),
            [](const Entry& a, const Entry& b) { return a.run_id < b.run_id; });
  return out;
}

Result<std::vector<fsys::path>> RunIndex::cwds() const {
  auto entries = list();
  if (!entries.ok()) return entries.error();
  std::set<fsys::path> unique;
  for (const Entry& e : *entries) unique.insert(e.cwd);
  return std::vector<fsys::path>(unique.begin(), unique.end());
}

Status RunIndex::remove(std::string_view run_id) const {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", run_id));
  if (::unlink(entry_path(run_id).c_str()) != 0 && errno != ENOENT) {
    return errno_error("unlink", entry_path(run_id));
  }
  return {};
}

}  // namespace agenthub::hub
