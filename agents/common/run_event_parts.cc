#include "agents/common/run_event_parts.h"

#include "agents/common/run_event_wire.h"
#include "core/ids.h"
#include "core/utf8.h"

namespace agenthub::agents {

std::vector<a2a::Part> run_event_parts(Json event, std::string text) {
  std::vector<a2a::Part> parts;
  a2a::Part data = a2a::Part::data_part(std::move(event));
  data.media_type = std::string(kRunEventMediaType);
  parts.push_back(std::move(data));
  if (!text.empty()) parts.push_back(a2a::Part::text_part(std::move(text)));
  return parts;
}

Json session_announcement(std::string_view session_id, std::string_view id_key) {
  Json event = {{"type", "status_changed"},
                {"status", "running"},
                {"backend_session_id", std::string(session_id)}};
  event[std::string(id_key)] = std::string(session_id);
  return event;
}

a2a::Artifact result_artifact(const TurnOutcome& outcome, std::string_view backend,
                              std::string_view session_id) {
  a2a::Artifact artifact;
  artifact.artifact_id = new_uuid_v4();
  artifact.name = std::string(kResultArtifactName);
  artifact.parts.push_back(a2a::Part::text_part(outcome.final_text));
  if (!outcome.structured_output.is_null()) {
    a2a::Part data = a2a::Part::data_part(outcome.structured_output);
    data.media_type = "application/json";
    artifact.parts.push_back(std::move(data));
  }
  Json metadata = {
      {std::string(kMetaResultMarker), true},
      {std::string(kMetaUsage), outcome.usage.is_null() ? Json::object() : outcome.usage},
      {"backend", std::string(backend)}};
  if (outcome.cost_usd) metadata["cost_usd"] = *outcome.cost_usd;
  if (!session_id.empty()) metadata["backend_session_id"] = std::string(session_id);
  if (!outcome.structured_note.empty())
    metadata["structured_output_error"] = outcome.structured_note;
  artifact.metadata = std::move(metadata);
  return artifact;
}

std::string with_stderr_tail(std::string message, std::string_view stderr_tail,
                             std::size_t max_bytes) {
  while (!stderr_tail.empty() && (stderr_tail.back() == '\n' || stderr_tail.back() == ' ')) {
    stderr_tail.remove_suffix(1);
  }
  if (stderr_tail.empty()) return message;
  if (stderr_tail.size() > max_bytes) {
    std::string_view cut = stderr_tail.substr(stderr_tail.size() - max_bytes);
    // Start at a line, or at least at a character boundary.
    if (auto nl = cut.find('\n'); nl != std::string_view::npos && nl + 1 < cut.size()) {
      cut.remove_prefix(nl + 1);
    } else {
      while (!cut.empty() && (static_cast<unsigned char>(cut.front()) & 0xC0) == 0x80) {
        cut.remove_prefix(1);
      }
    }
    stderr_tail = cut;
  }
  message += "\n\nstderr (last lines):\n";
  message += sanitize_utf8(stderr_tail);
  return message;
}

}  // namespace agenthub::agents
