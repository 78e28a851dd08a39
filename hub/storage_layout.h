#pragma once

// Where run data lives (the old tool's layout, kept so existing data stays readable):
//
//   <cwd>/.nanobot-orchestrator/runs/<run_id>/{run.json, events.jsonl, result.json, artifacts/}
//   <cwd>/.nanobot-orchestrator/sessions/<session_id>.json
//
// Directories are created 0700, files 0600.

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace agenthub::hub {

inline constexpr std::string_view kStorageDirName = ".nanobot-orchestrator";
inline constexpr std::string_view kRunFileName = "run.json";
inline constexpr std::string_view kEventsFileName = "events.jsonl";
inline constexpr std::string_view kResultFileName = "result.json";

[[nodiscard]] std::filesystem::path storage_root(const std::filesystem::path& cwd);
[[nodiscard]] std::filesystem::path runs_dir(const std::filesystem::path& cwd);
[[nodiscard]] std::filesystem::path run_dir(const std::filesystem::path& cwd,
                                            std::string_view run_id);
[[nodiscard]] std::filesystem::path sessions_dir(const std::filesystem::path& cwd);
[[nodiscard]] std::filesystem::path session_file(const std::filesystem::path& cwd,
                                                 std::string_view session_id);

// Run and session ids become file names: 1..128 bytes of [A-Za-z0-9._-], not starting with
// '.'. kInvalidArgument otherwise, naming `what` ("run_id", "session_id").
[[nodiscard]] Status validate_storage_id(std::string_view what, std::string_view id);

}  // namespace agenthub::hub
