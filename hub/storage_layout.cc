#include "hub/storage_layout.h"

#include <string>

namespace agenthub::hub {

namespace fsys = std::filesystem;

fsys::path storage_root(const fsys::path& cwd) { return cwd / kStorageDirName; }
fsys::path runs_dir(const fsys::path& cwd) { return storage_root(cwd) / "runs"; }
fsys::path run_dir(const fsys::path& cwd, std::string_view run_id) {
  return runs_dir(cwd) / run_id;
}
fsys::path sessions_dir(const fsys::path& cwd) { return storage_root(cwd) / "sessions"; }
fsys::path session_file(const fsys::path& cwd, std::string_view session_id) {
  return sessions_dir(cwd) / (std::string(session_id) + ".json");
}

Status validate_storage_id(std::string_view what, std::string_view id) {
  bool ok = !id.empty() && id.size() <= 128 && id.front() != '.';
  for (char c : id) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
    ok = ok && safe;
  }
  if (ok) return {};
  return Error{ErrorCode::kInvalidArgument,
               std::string(what) + " must be 1-128 characters of [A-Za-z0-9._-] not starting " +
                   "with '.': \"" + std::string(id.substr(0, 200)) + "\""};
}

}  // namespace agenthub::hub
