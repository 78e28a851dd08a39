#pragma once

#include <filesystem>

#include "core/result.h"

namespace agenthub::hub {

// Creates `dir` and its missing parents (0700), fsyncing each parent that gained an entry, so
// that files later written inside survive a crash together with their directories.
[[nodiscard]] Status ensure_durable_dir(const std::filesystem::path& dir);

}  // namespace agenthub::hub
