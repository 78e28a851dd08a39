#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agenthub::mock_model {

// Canned behaviour for prompts that carry no directives themselves, loaded from --script FILE:
//   {"rules": [{"match": "fix the bug", "directives": "run: make test\nsay: fixed"}]}
// The first rule whose `match` occurs in the prompt supplies the directive text used for it.
class Script {
 public:
  struct Rule {
    std::string match;
    std::string directives;
  };

  [[nodiscard]] static Result<Script> load(const std::string& path);
  [[nodiscard]] static Result<Script> parse(std::string_view text);

  [[nodiscard]] std::optional<std::string> directives_for(std::string_view prompt) const;

 private:
  std::vector<Rule> rules_;
};

}  // namespace agenthub::mock_model
