#pragma once

// What a CLI-driving A2A agent (codex-a2a-agent, claude-a2a-agent) supplies to the shared
// CliExecutor: how to start one turn of its CLI (CliBackend) and how to read what the CLI
// prints (CliEventTranslator). Everything else — process lifecycle, cancellation, the JSONL
// loop, contexts, admission rules, the result artifact — lives once, in cli_executor.h.
//
// A translator sees the CLI's stdout one JSON object at a time and answers with CliOutputs:
// run events to stream (see run_event_wire.h), the session the CLI reported, lines to write
// back on the CLI's stdin, the end of the turn, or a question for the A2A client (the task
// then waits in INPUT_REQUIRED while the CLI process stays alive). Once stdout ends and the
// process is reaped, finish() decides how the turn went.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "a2a/types.h"
#include "agents/common/environment.h"
#include "agents/common/process.h"
#include "agents/common/temp_file.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::agents {

// One turn to run: a task's message, resolved against its context.
struct TurnRequest {
  std::string task_id;
  std::string context_id;
  std::filesystem::path cwd;  // canonical, existing directory
  std::string prompt;         // the user's message as text
  std::string session_id;     // the CLI session to resume; empty: start a new one
  std::string profile;        // persona text; empty: none
  Json output_schema;         // JSON Schema object; null: none
  std::string model;          // empty: the wrapper's default
  Json metadata;              // the message metadata as sent (backend-specific keys)
};

enum class StdinPolicy {
  kUnknown = 0,
  kCloseAfterPrompt,  // the CLI reads its prompt to EOF (codex)
  kCloseAfterTurn,    // stdin stays open for control messages until the turn ended (claude)
};

// How to start the CLI for one turn.
struct CliInvocation {
  std::vector<std::string> argv;  // argv[0]: the program
  EnvList env_set;                // added to (or replacing in) the wrapper's environment
  std::string stdin_data;         // written first
  StdinPolicy stdin_policy = StdinPolicy::kCloseAfterPrompt;
  std::vector<TempFile> temp_files;  // kept until the process is gone, then removed
};

struct CliOutput {
  enum class Kind {
    kUnknown = 0,
    kRunEvent,      // `event` {"type": ...} streamed as a WORKING update; `text`: agent text
    kSession,       // `session_id` reported by the CLI; `event` is its announcement
    kWriteStdin,    // `text` (one line, without newline) to write on the CLI's stdin
    kTurnEnded,     // the CLI printed its last line for this turn
    kInputRequest,  // ask the client: `text` the question, `event` the request's data
  };

  Kind kind = Kind::kUnknown;
  Json event;
  std::string text;
  std::string session_id;

  static CliOutput run_event(Json event, std::string text = {});
  static CliOutput session(std::string session_id, Json announcement);
  static CliOutput write_stdin(std::string line);
  static CliOutput turn_ended();
  static CliOutput input_request(std::string question, Json request);
};

// How a turn ended, as the translator judges it from the CLI's lines and exit status.
struct TurnOutcome {
  enum class Kind { kUnknown = 0, kCompleted, kFailed, kAuthRequired };

  Kind kind = Kind::kUnknown;
  std::string final_text;       // kCompleted: the final answer
  Json structured_output;       // kCompleted with an output schema; null when none
  std::string structured_note;  // why there is no structured output despite a schema
  Json usage;                   // token counts as the CLI reported them; null when unknown
  std::optional<double> cost_usd;
  std::string message;          // kFailed / kAuthRequired: what to tell the client
  bool include_stderr = true;   // kFailed: append the CLI's stderr tail to `message`
  bool forget_session = false;  // the stored session cannot be resumed: start anew next time
};

class CliEventTranslator {
 public:
  virtual ~CliEventTranslator() = default;
  // One JSON object the CLI printed; never throws on unexpected shapes.
  [[nodiscard]] virtual std::vector<CliOutput> on_line(const Json& line) = 0;
  // stdout ended and the process was reaped.
  [[nodiscard]] virtual TurnOutcome finish(const ExitStatus& status,
                                           std::string_view stderr_tail) = 0;
};

class CliBackend {
 public:
  virtual ~CliBackend() = default;

  // "codex" / "claude_code": the hub's backend name.
  [[nodiscard]] virtual std::string_view backend_name() const = 0;
  // "codex" / "claude": how messages name the CLI.
  [[nodiscard]] virtual std::string_view cli_name() const = 0;

  // Backend-specific checks of a new task's message metadata (admit() answers an Error as a
  // JSON-RPC error).
  [[nodiscard]] virtual Status validate_metadata(const Json& /*metadata*/) const { return {}; }

  [[nodiscard]] virtual Result<CliInvocation> build_invocation(const TurnRequest& turn) const = 0;
  [[nodiscard]] virtual std::unique_ptr<CliEventTranslator> make_translator(
      const TurnRequest& turn) const = 0;

  // A line (without newline) asking the CLI on stdin to end its turn; empty: the CLI is
  // stopped with SIGTERM instead.
  [[nodiscard]] virtual std::string interrupt_line() const { return {}; }

  // For backends that emit kInputRequest: whether `reply` answers `request` (checked in
  // admit()), and the stdin line that passes the answer on.
  [[nodiscard]] virtual Status check_input_reply(const Json& request,
                                                 const a2a::Message& reply) const;
  [[nodiscard]] virtual Result<std::string> input_reply_line(const Json& request,
                                                             const a2a::Message& reply) const;
};

}  // namespace agenthub::agents
