#include "hub/durable_dir.h"

#include <system_error>

#include "core/fs.h"

namespace agenthub::hub {

Status ensure_durable_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (dir.empty() || std::filesystem::is_directory(dir, ec)) return {};
  std::filesystem::path parent = dir.parent_path();
  if (!parent.empty() && parent != dir) AGENTHUB_RETURN_IF_ERROR(ensure_durable_dir(parent));
  AGENTHUB_RETURN_IF_ERROR(ensure_dir(dir));
  return fsync_dir(parent.empty() ? std::filesystem::path(".") : parent);
}

}  // namespace agenthub::hub
