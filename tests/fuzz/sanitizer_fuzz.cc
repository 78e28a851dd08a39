// The event sanitizer (hub/sanitizer.h) on random events. Input: one event as JSON, read with
// decode_run_event as events.jsonl lines are (any other JSON becomes the data of event 1).
// The limits scale with seq % 4 (defaults, 1/8, 1/64, tiny) so small inputs cross every
// threshold.
//
// Invariants: sanitize_event never throws; `serialized` is the event's compact JSON and
// parses back to it; non-object data is untouched; protected members are untouched; every
// artifact's field_path named a value of the input (not under a protected member), its content
// is that value (the string itself, or the compact JSON of an object/array) and its ref is
// what data.artifact_refs holds; moved values are replaced by the documented preview or
// summary; refs never nest; nothing else in data changed; rule 1 strings over their limit are
// always moved.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.h"
#include "core/utf8.h"
#include "fuzz_check.h"
#include "hub/artifact_layout.h"
#include "hub/run_event.h"
#include "hub/sanitizer.h"

namespace {

using agenthub::Json;
using agenthub::hub::ArtifactWrite;
using agenthub::hub::RunEvent;
using agenthub::hub::SanitizerLimits;

// Rule 4 of sanitizer.h.
constexpr std::array<std::string_view, 15> kProtected{
    "command",    "tool",        "tool_use_id", "exit_code",          "status",
    "is_error",   "interrupted", "file_path",   "backend_session_id", "thread_id",
    "context_id", "task_id",     "agent_url",   "agent_name",         "conversation_id"};

// Rule 1 of sanitizer.h: pointer and whether it keeps command_text_chars.
constexpr std::array<std::pair<std::string_view, bool>, 11> kTextRules{{
    {"/stdout", true},
    {"/stderr", true},
    {"/output", true},
    {"/aggregated_output", true},
    {"/content", false},
    {"/text", false},
    {"/final_response", false},
    {"/summary", false},
    {"/input/content", false},
    {"/input/old_string", false},
    {"/input/new_string", false},
}};

SanitizerLimits limits_for(std::int64_t seq) {
  SanitizerLimits limits;
  auto scale = [&](std::size_t divisor) {
    limits.event_target_bytes /= divisor;
    limits.command_text_chars /= divisor;
    limits.text_chars /= divisor;
    limits.structured_bytes /= divisor;
    limits.large_string_bytes /= divisor;
    limits.large_string_keep_chars /= divisor;
    limits.large_structured_bytes /= divisor;
  };
  switch (static_cast<std::uint64_t>(seq) % 4) {
    case 1:
      scale(8);
      break;
    case 2:
      scale(64);
      break;
    case 3:
      limits = SanitizerLimits{200, 10, 5, 40, 8, 4, 16};
      break;
    default:
      break;
  }
  return limits;
}

std::vector<std::string> tokens_of(const std::string& pointer) {
  auto tokens = agenthub::parse_json_pointer(pointer);
  FUZZ_CHECK_MSG(tokens.ok(), pointer);
  return *tokens;
}

bool is_prefix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// A moved string's replacement: the first keep characters and the truncation marker.
bool is_text_preview(const std::string& preview, const std::string& original,
                     const SanitizerLimits& limits) {
  const std::size_t total = agenthub::utf8_length(original);
  for (std::size_t keep :
       {limits.command_text_chars, limits.text_chars, limits.large_string_keep_chars}) {
    if (keep >= total) continue;
    if (preview == original.substr(0, agenthub::utf8_prefix_bytes(original, keep)) +
                       agenthub::hub::truncation_marker(total - keep)) {
      return true;
    }
  }
  return false;
}

void check_artifact(const ArtifactWrite& w, const RunEvent& sanitized, const Json& input,
                    const SanitizerLimits& limits) {
  const auto& ref = w.ref;
  const std::string context = agenthub::dump_json(agenthub::hub::encode(ref));
  const auto tokens = tokens_of(ref.field_path);
  FUZZ_CHECK_MSG(!tokens.empty(), context);
  FUZZ_CHECK_MSG(std::find(kProtected.begin(), kProtected.end(), tokens[0]) == kProtected.end(),
                 context);
  FUZZ_CHECK_MSG(tokens[0] != "artifact_refs", context);
  const Json* original = agenthub::resolve_json_pointer(input, tokens);
  FUZZ_CHECK_MSG(original != nullptr, context);
  const Json* replaced = agenthub::resolve_json_pointer(sanitized.data, tokens);
  FUZZ_CHECK_MSG(replaced != nullptr, context);

  FUZZ_CHECK(ref.relpath ==
             agenthub::hub::artifact_manifest_relpath(sanitized.seq, sanitized.type_name()));
  FUZZ_CHECK(ref.encoding == agenthub::hub::kEncodingUtf8);
  FUZZ_CHECK(ref.truncated);
  FUZZ_CHECK(ref.total_bytes == static_cast<std::int64_t>(w.content.size()));
  FUZZ_CHECK(ref.chunk_count == agenthub::hub::artifact_chunk_count(ref.total_bytes));
  if (ref.mime == agenthub::hub::kMimeText) {
    FUZZ_CHECK_MSG(original->is_string() && w.content == original->get<std::string>(), context);
    FUZZ_CHECK(ref.total_chars == static_cast<std::int64_t>(agenthub::utf8_length(w.content)));
    FUZZ_CHECK_MSG(
        replaced->is_string() && is_text_preview(replaced->get<std::string>(), w.content, limits),
        context);
  } else {
    FUZZ_CHECK_MSG(ref.mime == agenthub::hub::kMimeJson, context);
    FUZZ_CHECK_MSG(original->is_structured(), context);
    FUZZ_CHECK_MSG(w.content == agenthub::dump_json(*original), context);
    FUZZ_CHECK(!ref.total_chars);
    const Json* summary = agenthub::json_find(*replaced, "artifact_summary");
    FUZZ_CHECK_MSG(summary != nullptr && replaced->size() == 1, context);
    FUZZ_CHECK(agenthub::json_string(*summary, "original_type") ==
               (original->is_array() ? "array" : "object"));
    const Json* count =
        agenthub::json_find(*summary, original->is_array() ? "item_count" : "key_count");
    FUZZ_CHECK(count != nullptr && *count == original->size());
  }
}

void check_sanitized(const RunEvent& event, const SanitizerLimits& limits) {
  const Json& data = event.data;
  auto out = agenthub::hub::sanitize_event(event, limits);

  auto reparsed = agenthub::parse_json(out.serialized);
  FUZZ_CHECK(reparsed.ok());
  FUZZ_CHECK_MSG(*reparsed == agenthub::hub::encode(out.event), out.serialized);
  FUZZ_CHECK(out.event.seq == event.seq && out.event.type_name() == event.type_name());

  if (!data.is_object()) {
    FUZZ_CHECK(out.artifacts.empty());
    FUZZ_CHECK(out.event.data == data);
    return;
  }
  Json input = data;
  input.erase("artifact_refs");  // reserved: whatever came in is dropped
  const Json& result = out.event.data;
  FUZZ_CHECK(result.is_object());

  for (std::string_view key : kProtected) {
    const std::string k(key);
    FUZZ_CHECK(input.contains(k) == result.contains(k));
    if (input.contains(k)) FUZZ_CHECK_MSG(input[k] == result[k], k);
  }

  agenthub::fuzz::note(out.artifacts.empty() ? "nothing moved" : "moved values");
  if (out.artifacts.size() > 1) agenthub::fuzz::note("moved several values");
  std::vector<std::vector<std::string>> paths;
  for (const auto& w : out.artifacts) {
    agenthub::fuzz::note(w.ref.mime == agenthub::hub::kMimeText ? "moved a string"
                                                                : "moved an object or array");
    check_artifact(w, out.event, input, limits);
    paths.push_back(tokens_of(w.ref.field_path));
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    for (std::size_t j = 0; j < paths.size(); ++j) {
      FUZZ_CHECK_MSG(i == j || !is_prefix(paths[i], paths[j]),
                     out.artifacts[i].ref.field_path + " vs " + out.artifacts[j].ref.field_path);
    }
  }

  // Nothing but the moved values changed, and artifact_refs lists exactly the moves.
  Json expected = input;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    *agenthub::resolve_json_pointer(expected, paths[i]) =
        *agenthub::resolve_json_pointer(result, paths[i]);
  }
  if (!out.artifacts.empty()) {
    Json refs = Json::object();
    for (const auto& w : out.artifacts) refs[w.ref.field_path] = agenthub::hub::encode(w.ref);
    FUZZ_CHECK(refs.size() == out.artifacts.size());
    expected["artifact_refs"] = std::move(refs);
  }
  FUZZ_CHECK_MSG(expected == result, out.serialized);

  // Rule 1 always moves an over-long string at its pointers.
  for (const auto& [pointer, command_output] : kTextRules) {
    auto found = agenthub::find_json_pointer(input, pointer);
    if (!found.ok() || !(*found)->is_string()) continue;
    std::size_t keep = command_output ? limits.command_text_chars : limits.text_chars;
    if (agenthub::utf8_length((*found)->get<std::string>()) <= keep) continue;
    bool moved = false;
    for (const auto& w : out.artifacts) moved = moved || w.ref.field_path == pointer;
    FUZZ_CHECK_MSG(moved, std::string(pointer));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = agenthub::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) {
    agenthub::fuzz::note("input is not JSON");
    return 0;
  }
  RunEvent event;
  if (auto decoded = agenthub::hub::decode_run_event(*parsed); decoded.ok()) {
    event = std::move(decoded).value();
  } else {
    event.seq = 1;
    event.data = std::move(parsed).value();
  }
  check_sanitized(event, limits_for(event.seq));
  return 0;
}
