#pragma once

// Shared pieces of the v1.0 and v0.3 codecs: reading typed members out of a JSON object with
// errors that name the field path ("message.parts[2]: ..."), and omitting absent values when
// writing. Private to a2a/; not part of the library's interface.

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace agenthub::a2a::codec {

// "parent.key", or "key" at the root.
[[nodiscard]] std::string field_path(std::string_view parent, std::string_view key);
// "parent[i]".
[[nodiscard]] std::string index_path(std::string_view parent, std::size_t index);
// kInvalidArgument "path: what".
[[nodiscard]] Error invalid(std::string_view path, std::string_view what);
// "contextId" -> "context_id": the proto field name ProtoJSON parsers also accept.
[[nodiscard]] std::string snake_case(std::string_view camel);

// How member names are spelled on the wire.
enum class Naming {
  kCamelCase,         // v0.3 JSON: camelCase only
  kCamelOrSnakeCase,  // v1.0 ProtoJSON: camelCase, or the original snake_case proto name
};

// Reads typed members of one JSON object. A member that is absent or null leaves the output
// untouched; a member of the wrong type is an error naming its path.
class ObjectReader {
 public:
  // Fails with kInvalidArgument when `value` is not an object.
  [[nodiscard]] static Result<ObjectReader> open(const Json& value, std::string path,
                                                 Naming naming);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string path_of(std::string_view key) const { return field_path(path_, key); }
  [[nodiscard]] Error error(std::string_view key, std::string_view what) const {
    return invalid(path_of(key), what);
  }

  // The member (camelCase key; also its snake_case spelling with kCamelOrSnakeCase), or null.
  [[nodiscard]] const Json* find(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }

  [[nodiscard]] Status string(std::string_view key, std::string& out) const;
  // Present and non-empty.
  [[nodiscard]] Status required_string(std::string_view key, std::string& out) const;
  [[nodiscard]] Status boolean(std::string_view key, bool& out) const;
  // JSON integers, or decimal strings (ProtoJSON allows both for int32).
  [[nodiscard]] Status integer(std::string_view key, std::optional<int>& out) const;
  [[nodiscard]] Status integer(std::string_view key, int& out) const;
  [[nodiscard]] Status strings(std::string_view key, std::vector<std::string>& out) const;
  // An object member (metadata, params); anything else but null is an error.
  [[nodiscard]] Status object(std::string_view key, Json& out) const;

  // An array whose elements `decode(element, element_path)` turns into Result<T>.
  template <typename T, typename Decode>
  [[nodiscard]] Status array(std::string_view key, std::vector<T>& out, Decode&& decode) const {
    const Json* member = find(key);
    if (member == nullptr) return {};
    const std::string path = path_of(key);
    if (!member->is_array()) return invalid(path, "must be an array");
    std::vector<T> items;
    items.reserve(member->size());
    for (std::size_t i = 0; i < member->size(); ++i) {
      auto item = decode((*member)[i], index_path(path, i));
      if (!item.ok()) return std::move(item).take_error();
      items.push_back(std::move(item).value());
    }
    out = std::move(items);
    return {};
  }

 private:
  ObjectReader(const Json* value, std::string path, Naming naming)
      : value_(value), path_(std::move(path)), naming_(naming) {}

  const Json* value_;
  std::string path_;
  Naming naming_;
};

// Runs a decode step and turns any exception escaping it into kInvalidArgument, so decoders
// never throw.
template <typename T, typename Fn>
[[nodiscard]] Result<T> guarded(std::string_view what, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return invalid(what, e.what());
  } catch (...) {
    return invalid(what, "unexpected decode failure");
  }
}

// Writers that leave absent values out.
void put_string(Json& obj, std::string_view key, const std::string& value);
void put_strings(Json& obj, std::string_view key, const std::vector<std::string>& values);
void put_json(Json& obj, std::string_view key, const Json& value);  // skipped when null

}  // namespace agenthub::a2a::codec
