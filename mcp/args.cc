#include "mcp/args.h"

#include <cmath>
#include <limits>

#include "core/utf8.h"

namespace agenthub::mcp {
namespace {

constexpr std::size_t kMaxEchoedChars = 60;

std::string join(std::initializer_list<std::string_view> values, std::string_view sep) {
  std::string out;
  for (auto v : values) {
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

std::string range_text(std::int64_t min, std::int64_t max) {
  if (max == std::numeric_limits<std::int64_t>::max()) {
    return "an integer >= " + std::to_string(min);
  }
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace

void ArgErrors::add(std::string_view field, std::string_view problem) {
  std::string msg(field);
  if (!msg.empty()) msg += ": ";
  msg += problem;
  messages_.push_back(std::move(msg));
}

Error ArgErrors::to_error() const {
  std::string joined;
  for (const auto& m : messages_) {
    if (!joined.empty()) joined += "; ";
    joined += m;
  }
  return {ErrorCode::kInvalidArgument, std::move(joined)};
}

std::string describe_value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (utf8_length(s) <= kMaxEchoedChars) return dump_json(value);
      return dump_json(Json(s.substr(0, utf8_prefix_bytes(s, kMaxEchoedChars)) + "...")) +
             " (a string)";
    }
    default:
      return dump_json(value);
  }
}

ArgReader::ArgReader(const Json& object, std::string prefix, ArgErrors& errors)
    : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

std::string ArgReader::field(std::string_view key) const {
  if (prefix_.empty()) return std::string(key);
  if (!key.empty() && key.front() == '[') return prefix_ + std::string(key);
  return prefix_ + "." + std::string(key);
}

const Json* ArgReader::find(std::string_view key) const { return json_find(object_, key); }

void ArgReader::fail(std::string_view key, std::string_view problem) {
  errors_.add(key.empty() ? prefix_ : field(key), problem);
}

void ArgReader::wrong_type(std::string_view key, std::string_view expected, const Json& got) {
  fail(key, "must be " + std::string(expected) + ", got " + describe_value(got));
}

const Json* ArgReader::member(std::string_view key, Need need, std::string_view expected) {
  const Json* v = find(key);
  if (v == nullptr && need == Need::kRequired) {
    fail(key, "required, " + std::string(expected));
  }
  return v;
}

std::optional<std::string> ArgReader::string(std::string_view key, Need need) {
  const Json* v = member(key, need, "a string");
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(key, "a string", *v);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> ArgReader::nonempty_string(std::string_view key, Need need) {
  const Json* v = member(key, need, "a non-empty string");
  if (v == nullptr) return std::nullopt;
  if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
    wrong_type(key, "a non-empty string", *v);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> ArgReader::enum_string(std::string_view key,
                                                  std::initializer_list<std::string_view> values,
                                                  Need need) {
  std::string expected = "one of " + join(values, ", ");
  const Json* v = member(key, need, expected);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    for (auto allowed : values) {
      if (s == allowed) return s;
    }
  }
  wrong_type(key, expected, *v);
  return std::nullopt;
}

std::optional<std::string> ArgReader::absolute_path(std::string_view key, Need need) {
  constexpr std::string_view kExpected = "an absolute path (starting with '/')";
  const Json* v = member(key, need, std::string(kExpected));
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(key, kExpected, *v);
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.empty() || s.front() != '/' || s.find('\0') != std::string::npos) {
    wrong_type(key, kExpected, *v);
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> ArgReader::integer(std::string_view key, std::int64_t min,
                                               std::int64_t max, Need need) {
  std::string expected = range_text(min, max);
  const Json* v = member(key, need, expected);
  if (v == nullptr) return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_number_unsigned()) {
    auto u = v->get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      n = static_cast<std::int64_t>(u);
    }
  } else if (v->is_number_integer()) {
    n = v->get<std::int64_t>();
  } else if (v->is_number_float()) {
    double d = v->get<double>();
    // 2^63 is exactly representable; anything at or above it does not fit.
    if (std::isfinite(d) && std::trunc(d) == d && d >= -9223372036854775808.0 &&
        d < 9223372036854775808.0) {
      n = static_cast<std::int64_t>(d);
    }
  }
  if (!n || *n < min || *n > max) {
    wrong_type(key, expected, *v);
    return std::nullopt;
  }
  return n;
}

std::optional<bool> ArgReader::boolean(std::string_view key, Need need) {
  const Json* v = member(key, need, "true or false");
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    wrong_type(key, "true or false", *v);
    return std::nullopt;
  }
  return v->get<bool>();
}

const Json* ArgReader::object(std::string_view key, Need need) {
  const Json* v = member(key, need, "an object");
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    wrong_type(key, "an object", *v);
    return nullptr;
  }
  return v;
}

const Json* ArgReader::array(std::string_view key, Need need) {
  const Json* v = member(key, need, "an array");
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    wrong_type(key, "an array", *v);
    return nullptr;
  }
  return v;
}

void ArgReader::reject_unknown(std::initializer_list<std::string_view> known) {
  if (!object_.is_object()) return;
  for (const auto& [name, value] : object_.items()) {
    bool ok = false;
    for (auto k : known) ok = ok || name == k;
    if (!ok) {
      fail(name, "unknown field (expected one of: " + join(known, ", ") + ")");
    }
  }
}

}  // namespace agenthub::mcp
