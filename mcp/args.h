#pragma once

// Shape checks for tool arguments. An ArgReader walks one JSON object, hands out typed values
// and collects one message per bad field ("cwd: must be an absolute path, got \"rel\""), so a
// caller sees every mistake in one answer. Null counts as absent: models often send null for
// optional fields.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace agenthub::mcp {

// Collected problems of one tool call, each prefixed with the field it concerns.
class ArgErrors {
 public:
  void add(std::string_view field, std::string_view problem);
  [[nodiscard]] bool empty() const { return messages_.empty(); }
  [[nodiscard]] const std::vector<std::string>& messages() const { return messages_; }
  // kInvalidArgument whose message joins every problem with "; ".
  [[nodiscard]] Error to_error() const;

 private:
  std::vector<std::string> messages_;
};

// A short rendering of a bad value for messages: "\"rel/dir\"", "1.5", "an object".
[[nodiscard]] std::string describe_value(const Json& value);

enum class Need { kOptional, kRequired };

class ArgReader {
 public:
  // `prefix` names the object in messages ("" for the top level, "input_message" for a member).
  ArgReader(const Json& object, std::string prefix, ArgErrors& errors);

  [[nodiscard]] std::string field(std::string_view key) const;
  [[nodiscard]] const Json* find(std::string_view key) const;

  [[nodiscard]] std::optional<std::string> string(std::string_view key, Need need);
  // Like string() but empty strings are reported ("must not be empty").
  [[nodiscard]] std::optional<std::string> nonempty_string(std::string_view key, Need need);
  [[nodiscard]] std::optional<std::string> enum_string(
      std::string_view key, std::initializer_list<std::string_view> values, Need need);
  // An absolute path (starts with '/', no NUL bytes).
  [[nodiscard]] std::optional<std::string> absolute_path(std::string_view key, Need need);
  // Integers in [min, max]; 3.0 counts as an integer (as in JSON Schema), 1.5 and "3" do not.
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                                    std::int64_t max, Need need);
  [[nodiscard]] std::optional<bool> boolean(std::string_view key, Need need);
  // Returns the member when it is an object.
  [[nodiscard]] const Json* object(std::string_view key, Need need);
  [[nodiscard]] const Json* array(std::string_view key, Need need);

  // Reports every member not in `known` (a misspelt optional field is otherwise silently lost).
  void reject_unknown(std::initializer_list<std::string_view> known);

  void fail(std::string_view key, std::string_view problem);

 private:
  // The member, or nullptr when absent/null (reported when required).
  const Json* member(std::string_view key, Need need, std::string_view expected);
  void wrong_type(std::string_view key, std::string_view expected, const Json& got);

  const Json& object_;
  std::string prefix_;
  ArgErrors& errors_;
};

}  // namespace agenthub::mcp
