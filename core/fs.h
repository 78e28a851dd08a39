#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/unique_fd.h"

namespace agenthub {

// Creates the directory and its missing parents with `mode` (private by default).
[[nodiscard]] Status ensure_dir(const std::filesystem::path& dir, mode_t mode = 0700);

// Replaces `path` with `data` so that a reader or a crash sees the old or the new content,
// never a mix: temp file in the same directory, fsync, rename, fsync the directory.
[[nodiscard]] Status write_file_atomic(const std::filesystem::path& path, std::string_view data,
                                       mode_t mode = 0600);

// Whole file, refusing files larger than max_bytes.
[[nodiscard]] Result<std::string> read_file(
    const std::filesystem::path& path,
    std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

// Writes every byte, retrying short writes and EINTR.
[[nodiscard]] Status write_all(int fd, std::string_view data);

[[nodiscard]] Status fsync_dir(const std::filesystem::path& dir);

// Resolves `relative` under `root` (following symlinks) and refuses a result outside root.
[[nodiscard]] Result<std::filesystem::path> resolve_within(const std::filesystem::path& root,
                                                           std::string_view relative);

// errno as a readable Error ("open /x: No such file or directory").
[[nodiscard]] Error errno_error(std::string_view what, const std::filesystem::path& path);

}  // namespace agenthub
