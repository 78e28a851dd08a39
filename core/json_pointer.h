#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace agenthub {

// RFC 6901 JSON Pointer. "" is the whole document; otherwise every token is preceded by '/',
// with "~0" for '~' and "~1" for '/'. Any other '~' escape is an error.
[[nodiscard]] Result<std::vector<std::string>> parse_json_pointer(std::string_view pointer);
[[nodiscard]] std::string escape_json_pointer_token(std::string_view token);
[[nodiscard]] std::string join_json_pointer(const std::vector<std::string>& tokens);

// The value the pointer names, or nullptr when it names nothing. Array indices must be
// decimal without leading zeros; "-" never resolves.
[[nodiscard]] const Json* resolve_json_pointer(const Json& doc,
                                               const std::vector<std::string>& tokens);
[[nodiscard]] Json* resolve_json_pointer(Json& doc, const std::vector<std::string>& tokens);

// Parse + resolve; kInvalidArgument for a malformed pointer, kNotFound when nothing is there.
[[nodiscard]] Result<const Json*> find_json_pointer(const Json& doc, std::string_view pointer);

}  // namespace agenthub
