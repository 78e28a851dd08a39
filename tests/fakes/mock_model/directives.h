#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agenthub::mock_model {

// One tool call the mock asks the CLI to make, independent of the wire API.
struct ToolStep {
  enum class Kind { kUnknown, kRun, kWrite, kEdit, kRead, kMcp, kTool };
  Kind kind = Kind::kUnknown;
  std::string command;    // kRun: shell command
  std::string path;       // kWrite / kEdit / kRead: file path as written in the prompt
  std::string content;    // kWrite: new content; kEdit: replacement text
  std::string old_text;   // kEdit: text to replace
  std::string tool;       // kMcp / kTool: tool name (or suffix of it) to look up in `tools`
  std::string arguments;  // kMcp / kTool: JSON object text
};

// How the mock answers a request, read from the directive lines of the user's prompt.
// A directive is a line `keyword: rest` (keyword lower-case, at the start of the line); every
// other line is plain prompt text.
struct Directives {
  std::vector<ToolStep> steps;       // run:, write:, edit:, read:, mcp:, tool:, permission:
  std::optional<std::string> say;    // say: exact final text
  std::optional<std::string> json;   // json: final message is this JSON text
  std::optional<std::string> think;  // think: a reasoning / thinking block before the answer
  double slow_seconds = 0;           // slow: N (seconds, fractions allowed)
  std::string fail;                  // fail: auth | 500 | 429 | stream | overloaded
};

// Parses directives out of `prompt`. Unknown keywords are plain text. `json:` keeps the rest
// of the prompt from that line on when the first line alone is not a complete JSON document, so
// multi-line JSON works.
[[nodiscard]] Directives parse_directives(std::string_view prompt);

}  // namespace agenthub::mock_model
