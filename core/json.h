#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace agenthub {

using Json = nlohmann::json;

// Compact serialization that never throws: invalid UTF-8 in strings becomes U+FFFD.
[[nodiscard]] std::string dump_json(const Json& value);
// Indented variant for humans (demo output, README examples).
[[nodiscard]] std::string dump_json_pretty(const Json& value);

// Documents whose arrays/objects nest deeper than this are refused by parse_json: copying,
// comparing or printing a Json recurses once per level, so a hostile document a few hundred
// kilobytes deep would overflow the stack of whoever touches it next.
inline constexpr std::size_t kMaxJsonDepth = 512;

// Parses one JSON document; the error says where it broke. Never throws.
[[nodiscard]] Result<Json> parse_json(std::string_view text);

// Small typed accessors for decoding: absent or wrong-typed fields give a default.
[[nodiscard]] std::string json_string(const Json& obj, std::string_view key,
                                      std::string_view fallback = {});
[[nodiscard]] bool json_bool(const Json& obj, std::string_view key, bool fallback = false);
// Returns the member when present and not null, else nullptr.
[[nodiscard]] const Json* json_find(const Json& obj, std::string_view key);

}  // namespace agenthub
