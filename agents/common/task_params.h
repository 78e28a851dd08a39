#pragma once

// What a task's A2A message asks of a CLI wrapper, read from the message itself: the prompt
// text and the metadata keys of run_event_wire.h (cwd, profile, output_schema, model).
// Decoding is strict about types (a wrong type is an Error the client sees at once) and
// lenient about absence.

#include <filesystem>
#include <optional>
#include <string>

#include "a2a/types.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::agents {

struct TaskParams {
  std::optional<std::string> cwd;  // as sent; resolve with resolve_cwd()
  std::string profile;
  Json output_schema;  // object or null
  std::string model;
  Json metadata = Json::object();  // the whole message metadata
};

// kInvalidArgument naming the offending key when a known key has the wrong type.
[[nodiscard]] Result<TaskParams> parse_task_params(const a2a::Message& message);

// The canonical form of a cwd sent by a client: it must be absolute and name an existing
// directory (symlinks resolved). kInvalidArgument saying what is wrong otherwise.
[[nodiscard]] Result<std::filesystem::path> resolve_cwd(const std::string& cwd);

// The message as prompt text: its text parts, then each data part as JSON and each file part
// as a reference, separated by blank lines.
[[nodiscard]] std::string prompt_text(const a2a::Message& message);

}  // namespace agenthub::agents
