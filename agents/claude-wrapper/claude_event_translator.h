#pragma once

// Turns `claude -p --output-format stream-json --verbose` output into run events
// (run_event_wire.h).
//
// | claude line                                  | run event                                    |
// |----------------------------------------------|----------------------------------------------|
// | system init {session_id}                     | session: status_changed running + session_id |
// | system permission_denied                     | message_added {is_error, tool, tool_use_id}  |
// | assistant text                               | agent_message {text} + a text part           |
// | assistant thinking                           | reasoning {text}                             |
// | assistant tool_use                           | tool_started {tool, tool_use_id, arguments}; |
// |                                              | Bash: + command_started {command};           |
// |                                              | TodoWrite: + todo_updated {items}            |
// | assistant from the API error path            | message_added {is_error} (not an answer)     |
// | user tool_result                             | tool_finished {tool, tool_use_id, result,    |
// |                                              | is_error, raw_tool_use_result}; Bash: +      |
// |                                              | command_finished {stdout, stderr, exit_code};|
// |                                              | Write/Edit/MultiEdit/NotebookEdit: +         |
// |                                              | file_changed {file_path, changes}            |
// | user text ([Request interrupted ...])        | message_added {role: user}                   |
// | control_request can_use_tool                 | relay: a question (INPUT_REQUIRED); else the |
// |                                              | request is denied on stdin                   |
// | result                                       | usage, cost, final answer, structured output;|
// |                                              | the turn ended                               |
// | unknown line types                           | message_added {event} (passed on unread)     |
//
// Success is decided on result.is_error (API failures come with subtype "success"); an
// authentication failure (401, invalid or missing key, not logged in) is AUTH_REQUIRED.

#include <optional>
#include <string>
#include <unordered_map>

#include "agents/common/cli_backend.h"

namespace agenthub::agents {

class ClaudeEventTranslator final : public CliEventTranslator {
 public:
  // `relay`: permission requests become questions to the client. `structured`: an output
  // schema was given. `resumed_session`: the session this turn resumes (empty for a new one).
  ClaudeEventTranslator(bool relay, bool structured, std::string resumed_session)
      : relay_(relay), structured_(structured), resumed_session_(std::move(resumed_session)) {}

  [[nodiscard]] std::vector<CliOutput> on_line(const Json& line) override;
  [[nodiscard]] TurnOutcome finish(const ExitStatus& status, std::string_view stderr_tail) override;

 private:
  struct ToolCall {
    std::string name;
    Json input;
  };

  void on_system(const Json& line, std::vector<CliOutput>& out);
  void on_assistant(const Json& line, std::vector<CliOutput>& out);
  void on_user(const Json& line, std::vector<CliOutput>& out);
  void on_tool_result(const Json& block, const Json& line, std::vector<CliOutput>& out);
  void on_control_request(const Json& line, std::vector<CliOutput>& out);

  const bool relay_;
  const bool structured_;
  const std::string resumed_session_;
  std::string session_id_;
  std::unordered_map<std::string, ToolCall> tools_;  // by tool_use_id, until their result
  std::optional<Json> result_;
  std::string last_text_;
  std::string api_error_;       // the text of the last API error message
  std::string api_error_kind_;  // its `error` ("authentication_failed", ...)
};

// Whether claude's error text names a credentials problem.
[[nodiscard]] bool is_claude_auth_error(std::string_view message);

}  // namespace agenthub::agents
