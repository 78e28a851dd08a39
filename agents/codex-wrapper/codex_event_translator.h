#pragma once

// Turns `codex exec --experimental-json` output into run events (run_event_wire.h).
//
// | codex line                                   | run event                                   |
// |----------------------------------------------|---------------------------------------------|
// | thread.started {thread_id}                   | session: status_changed running + thread_id |
// | item.* command_execution                     | command_started / _updated / _finished      |
// | item.completed file_change                   | file_changed {changes, file_path if one}    |
// | item.started / completed mcp_tool_call       | tool_started / tool_finished (+ server)     |
// | item.started / completed web_search          | tool_started / tool_finished, web_search   |
// | item.completed reasoning                     | reasoning {text}                            |
// | item.* todo_list                             | todo_updated {items}                        |
// | item.completed agent_message                 | agent_message {text} + a text part          |
// | item.* error, top-level error                | message_added {is_error} (not fatal)        |
// | other item types                             | message_added {item} (nothing is dropped)   |
// | turn.completed {usage}                       | the result's usage; the turn ended          |
// | turn.failed {error}                          | the turn ended; FAILED / AUTH_REQUIRED      |
// | any other line but turn.started              | message_added {event} (passed on unread)    |
//
// A file_change is reported once, when it completed (its item.started repeats the same paths).
// A turn that never printed turn.completed / turn.failed failed with the exit status, the
// last error line and the stderr tail. A 401, a rejected or missing API key is AUTH_REQUIRED.

#include <optional>
#include <string>

#include "agents/common/cli_backend.h"

namespace agenthub::agents {

class CodexEventTranslator final : public CliEventTranslator {
 public:
  // `structured`: an output schema was given, so the final message should be JSON.
  // `resumed_thread`: the thread this turn resumes (empty for a new one).
  CodexEventTranslator(bool structured, std::string resumed_thread)
      : structured_(structured), resumed_thread_(std::move(resumed_thread)) {}

  [[nodiscard]] std::vector<CliOutput> on_line(const Json& line) override;
  [[nodiscard]] TurnOutcome finish(const ExitStatus& status, std::string_view stderr_tail) override;

 private:
  void on_item(std::string_view phase, const Json& item, std::vector<CliOutput>& out);

  const bool structured_;
  const std::string resumed_thread_;
  std::string thread_id_;
  std::optional<std::string> final_text_;
  Json usage_;
  bool turn_completed_ = false;
  std::optional<std::string> turn_failed_;
  std::string last_error_;
};

// Whether a codex error message is about credentials (HTTP 401/403, a missing or rejected
// API key, not logged in).
[[nodiscard]] bool is_codex_auth_error(std::string_view message);

}  // namespace agenthub::agents
