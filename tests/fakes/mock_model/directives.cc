#include "tests/fakes/mock_model/directives.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace agenthub::mock_model {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// `\n` and `\t` in directive arguments stand for newline and tab, so one prompt line can carry
// multi-line file content.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char next = s[i + 1];
      if (next == 'n' || next == 't' || next == '\\') {
        out += next == 'n' ? '\n' : next == 't' ? '\t' : '\\';
        ++i;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// Splits "head :: tail"; tail empty when the separator is absent.
std::pair<std::string_view, std::string_view> split_on(std::string_view s, std::string_view sep) {
  const auto pos = s.find(sep);
  if (pos == std::string_view::npos) return {trim(s), {}};
  return {trim(s.substr(0, pos)), trim(s.substr(pos + sep.size()))};
}

ToolStep named_tool_step(ToolStep::Kind kind, std::string_view rest) {
  ToolStep step;
  step.kind = kind;
  const auto [name, args] = split_on(rest, " ");
  step.tool = std::string(name);
  step.arguments = args.empty() ? "{}" : std::string(args);
  return step;
}

bool is_complete_json(std::string_view text) {
  return nlohmann::json::accept(text.begin(), text.end());
}

constexpr std::string_view kDefaultFileContent = "written by mock-model-server\n";

}  // namespace

Directives parse_directives(std::string_view prompt) {
  Directives out;
  std::size_t pos = 0;
  while (pos <= prompt.size()) {
    const auto eol = prompt.find('\n', pos);
    const auto line_end = eol == std::string_view::npos ? prompt.size() : eol;
    const std::string_view line = trim(prompt.substr(pos, line_end - pos));
    const std::size_t next = eol == std::string_view::npos ? prompt.size() + 1 : eol + 1;

    const auto colon = line.find(':');
    const std::string_view key = colon == std::string_view::npos ? "" : line.substr(0, colon);
    const std::string_view rest =
        colon == std::string_view::npos ? "" : trim(line.substr(colon + 1));

    if (key == "run" || key == "permission") {
      ToolStep step;
      step.kind = ToolStep::Kind::kRun;
      step.command = std::string(rest);
      out.steps.push_back(std::move(step));
    } else if (key == "write" || key == "edit") {
      ToolStep step;
      const auto [path, body] = split_on(rest, "::");
      step.path = std::string(path);
      const auto arrow = body.find("=>");
      if (key == "edit" && arrow != std::string_view::npos) {
        step.kind = ToolStep::Kind::kEdit;
        step.old_text = unescape(trim(body.substr(0, arrow)));
        step.content = unescape(trim(body.substr(arrow + 2)));
      } else {
        step.kind = ToolStep::Kind::kWrite;
        step.content = body.empty() ? std::string(kDefaultFileContent) : unescape(body);
        if (step.content.back() != '\n') step.content += '\n';
      }
      out.steps.push_back(std::move(step));
    } else if (key == "read") {
      ToolStep step;
      step.kind = ToolStep::Kind::kRead;
      step.path = std::string(rest);
      out.steps.push_back(std::move(step));
    } else if (key == "mcp") {
      out.steps.push_back(named_tool_step(ToolStep::Kind::kMcp, rest));
    } else if (key == "tool") {
      out.steps.push_back(named_tool_step(ToolStep::Kind::kTool, rest));
    } else if (key == "say") {
      out.say = unescape(rest);
    } else if (key == "think") {
      out.think = unescape(rest);
    } else if (key == "slow") {
      out.slow_seconds = std::strtod(std::string(rest).c_str(), nullptr);
      if (!(out.slow_seconds > 0)) out.slow_seconds = 0;
    } else if (key == "fail") {
      out.fail = std::string(rest);
    } else if (key == "json") {
      if (is_complete_json(rest) || next > prompt.size()) {
        out.json = std::string(rest);
      } else {
        // Multi-line JSON: the document runs to the end of the prompt.
        std::string text(rest);
        text += '\n';
        text += trim(prompt.substr(next));
        out.json = std::move(text);
        break;
      }
    }
    pos = next;
  }
  return out;
}

}  // namespace agenthub::mock_model
