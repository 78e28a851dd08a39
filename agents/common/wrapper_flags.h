#pragma once

// A small table-driven command-line parser for the wrapper executables: "--name value",
// "--name=value", switches without a value, repeatable flags (each occurrence calls apply).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agenthub::agents {

struct FlagSpec {
  std::string name;        // "--sandbox", "-c"
  std::string value_name;  // "MODE"; empty for a switch
  std::string help;        // one line (wrapped by the caller's usage text if long)
  // Receives the value ("" for a switch); an Error is reported as a usage error.
  std::function<Status(const std::string& value)> apply;
};

// kInvalidArgument for an unknown flag, a missing value, a value given to a switch, a
// positional argument, or what apply() refused (prefixed with the flag's name).
[[nodiscard]] Status parse_flags(const std::vector<std::string>& args,
                                 const std::vector<FlagSpec>& specs);

// "  --name VALUE   help" lines, aligned.
[[nodiscard]] std::string flags_help(const std::vector<FlagSpec>& specs);

// Strict decimal integer in [min, max]; kInvalidArgument otherwise.
[[nodiscard]] Result<long long> parse_integer(std::string_view text, long long min, long long max);

}  // namespace agenthub::agents
