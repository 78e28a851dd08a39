#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace agenthub {

[[nodiscard]] bool is_valid_utf8(std::string_view s);
// Copies s, replacing each invalid byte sequence with U+FFFD.
[[nodiscard]] std::string sanitize_utf8(std::string_view s);
// Number of code points (invalid bytes count one each).
[[nodiscard]] std::size_t utf8_length(std::string_view s);
// Byte length of the longest prefix holding at most max_chars code points.
[[nodiscard]] std::size_t utf8_prefix_bytes(std::string_view s, std::size_t max_chars);
// Largest n <= max_bytes such that s[0, n) does not end inside a multi-byte character.
[[nodiscard]] std::size_t utf8_safe_cut(std::string_view s, std::size_t max_bytes);

}  // namespace agenthub
