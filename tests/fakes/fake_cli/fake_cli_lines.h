#pragma once

// Synthetic stdout lines for fake-cli's misbehaving modes, shaped like the events of the CLI
// being imitated so they flow through a wrapper's normal event mapping.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fakes/fake_cli/fake_cli_config.h"

namespace agenthub::fakes {

// Lines that are not JSON objects: prose, truncated JSON, an array, control bytes.
std::vector<std::string> garbage_lines();

// A well-formed event whose text holds invalid UTF-8 (a stray 0xFF, a truncated sequence).
std::string invalid_utf8_line(FakeCliConfig::Mode mode);

// An event carrying `payload_bytes` of command/tool output, identified by `id`.
std::string bulky_output_line(FakeCliConfig::Mode mode, std::string_view id,
                              std::size_t payload_bytes);

// True for the line that ends a turn successfully or not (claude `result`, codex
// `turn.completed` / `turn.failed`).
bool is_result_line(FakeCliConfig::Mode mode, std::string_view line);

}  // namespace agenthub::fakes
