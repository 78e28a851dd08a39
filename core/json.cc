#include "core/json.h"

#include "core/utf8.h"

namespace agenthub {
namespace {

// True when arrays/objects nest deeper than `limit` (brackets inside strings do not count).
bool nests_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string dump_json_pretty(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace);
}

Result<Json> parse_json(std::string_view text) {
  if (nests_deeper_than(text, kMaxJsonDepth)) {
    return Error{ErrorCode::kParseError, "invalid JSON: arrays and objects nest deeper than " +
                                             std::to_string(kMaxJsonDepth) + " levels"};
  }
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // Not only parse_error: a number too large for a double ("1e999") is out_of_range. The
    // message quotes the bytes last read, which may end inside a multi-byte character.
    return Error{ErrorCode::kParseError, "invalid JSON: " + sanitize_utf8(e.what())};
  }
}

const Json* json_find(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string json_string(const Json& obj, std::string_view key, std::string_view fallback) {
  const Json* v = json_find(obj, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string(fallback);
}

bool json_bool(const Json& obj, std::string_view key, bool fallback) {
  const Json* v = json_find(obj, key);
  return v != nullptr && v->is_boolean() ? v->get<bool>() : fallback;
}

}  // namespace agenthub
