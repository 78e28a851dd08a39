#pragma once

// A pull-style stream of bytes: fills `buf` with at least one byte and returns how many, or 0
// at end of stream, or an Error. Blocking is allowed. Used by JsonlReader so it can read a
// pipe, a file or a supervised process's stdout alike.

#include <cstddef>
#include <functional>
#include <span>
#include <string>

#include "core/result.h"

namespace agenthub::agents {

using ByteSource = std::function<Result<std::size_t>(std::span<char> buf)>;

// Reads a file descriptor it does not own (EINTR retried; a non-blocking fd is polled).
[[nodiscard]] ByteSource fd_source(int fd);

// Serves `data` in pieces of at most `chunk` bytes (tests, replaying a buffer).
[[nodiscard]] ByteSource string_source(std::string data, std::size_t chunk = 64 * 1024);

}  // namespace agenthub::agents
