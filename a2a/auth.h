#pragma once

// Bearer-token authentication shared by our A2A servers and clients. Tokens are secrets:
// nothing here logs them, and comparisons take time independent of where they differ.

#include <string>
#include <string_view>

namespace agenthub::a2a {

// Equality whose running time depends only on the lengths, not on the contents, so a remote
// caller cannot learn a token byte by byte from response times.
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b);

// True when `authorization` (an Authorization header value) is "Bearer <expected_token>".
// The scheme is case-insensitive (RFC 7235); the token is compared in constant time. An
// empty expected token never matches.
[[nodiscard]] bool check_bearer(std::string_view authorization, std::string_view expected_token);

// "Bearer <token>", the Authorization header value a client sends.
[[nodiscard]] std::string bearer_header_value(std::string_view token);

// A fresh random token (64 hex characters, 256 bits from the kernel CSPRNG).
[[nodiscard]] std::string generate_bearer_token();

}  // namespace agenthub::a2a
