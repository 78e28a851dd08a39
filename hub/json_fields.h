#pragma once

// Small helpers for tolerant decoding of the hub's JSON files. The old TypeScript tool wrote
// some files with camelCase keys (runId, lastSeq, ...) where we write snake_case; readers look a
// value up under each accepted spelling in turn. Internal to hub/.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "core/json.h"

namespace agenthub::hub {

using KeyList = std::initializer_list<std::string_view>;

// The first member under one of `keys` that is present and not null, else nullptr.
[[nodiscard]] const Json* find_field(const Json& obj, KeyList keys);

// String value under one of `keys`; "" when absent or not a string.
[[nodiscard]] std::string string_field(const Json& obj, KeyList keys);

// Integer value under one of `keys` (a float with an integral value counts); `fallback` when
// absent or not a number.
[[nodiscard]] std::int64_t int_field(const Json& obj, KeyList keys, std::int64_t fallback = 0);

// The value under one of `keys`, or null.
[[nodiscard]] Json json_field(const Json& obj, KeyList keys);

// Members of `obj` whose key is not in `known` (for keeping unknown fields on a round trip).
[[nodiscard]] Json unknown_fields(const Json& obj, std::span<const std::string_view> known);

// Adds each member of `extra` to `out` unless `out` already has that key.
void merge_missing(Json& out, const Json& extra);

// "" encodes as null: optional strings in our files are null when absent.
[[nodiscard]] Json string_or_null(const std::string& s);

}  // namespace agenthub::hub
