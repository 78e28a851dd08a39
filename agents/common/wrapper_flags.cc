#include "agents/common/wrapper_flags.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace agenthub::agents {

Status parse_flags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        name = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
      }
    }
    auto spec =
        std::find_if(specs.begin(), specs.end(), [&](const FlagSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      if (arg.empty() || arg.front() != '-') {
        return Error{ErrorCode::kInvalidArgument, "unexpected argument " + arg};
      }
      return Error{ErrorCode::kInvalidArgument, "unknown flag " + name};
    }
    std::string value;
    if (spec->value_name.empty()) {
      if (inline_value) {
        return Error{ErrorCode::kInvalidArgument, name + " takes no value"};
      }
    } else if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Error{ErrorCode::kInvalidArgument, name + " needs a value (" + spec->value_name + ")"};
    }
    if (auto applied = spec->apply(value); !applied.ok()) {
      return Error{ErrorCode::kInvalidArgument, name + ": " + applied.error().message};
    }
  }
  return {};
}

std::string flags_help(const std::vector<FlagSpec>& specs) {
  std::size_t width = 0;
  std::vector<std::string> heads;
  for (const FlagSpec& s : specs) {
    heads.push_back(s.value_name.empty() ? s.name : s.name + " " + s.value_name);
    width = std::max(width, heads.back().size());
  }
  std::string out;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    out += "  " + heads[i] + std::string(width - heads[i].size() + 2, ' ') + specs[i].help + "\n";
  }
  return out;
}

Result<long long> parse_integer(std::string_view text, long long min, long long max) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    return Error{ErrorCode::kInvalidArgument, "expected an integer in " + std::to_string(min) +
                                                  ".." + std::to_string(max) + ", got \"" +
                                                  std::string(text) + "\""};
  }
  return value;
}

}  // namespace agenthub::agents
