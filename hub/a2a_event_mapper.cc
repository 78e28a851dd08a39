#include "hub/a2a_event_mapper.h"

#include "agents/common/run_event_wire.h"
#include "core/utf8.h"
#include "hub/agent_message.h"

namespace agenthub::hub {
namespace {

// Bounds what one result artifact keeps in memory and in result.json; the full content is in
// the artifact_added event's artifact files.
constexpr std::size_t kResultArtifactTextBytes = 64 * 1024;
constexpr std::size_t kSeenMessageIds = 4096;

bool is_run_event_part(const a2a::Part& part) {
  return part.kind == a2a::Part::Kind::kData && part.media_type == agents::kRunEventMediaType &&
         part.data.is_object();
}

bool has_run_event_parts(const a2a::Message& message) {
  for (const auto& part : message.parts) {
    if (is_run_event_part(part)) return true;
  }
  return false;
}

// Types a peer may not dictate: the run itself starts and ends the log.
bool reserved_for_the_hub(EventType type) {
  return type == EventType::kUnknown || type == EventType::kRunStarted ||
         type == EventType::kRunCompleted || type == EventType::kRunFailed ||
         type == EventType::kRejected;
}

Json non_text_parts(const std::vector<a2a::Part>& parts) {
  Json out = Json::array();
  for (const auto& part : parts) {
    if (part.kind != a2a::Part::Kind::kText) out.push_back(to_agent_part(part));
  }
  return out;
}

std::string joined_text(const std::vector<a2a::Part>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (part.kind != a2a::Part::Kind::kText) continue;
    if (!out.empty()) out += '\n';
    out += part.text;
  }
  return out;
}

Json status_name_or_null(a2a::TaskState state) {
  if (state == a2a::TaskState::kUnknown) return nullptr;
  return std::string(run_status_name(run_status_from(state)));
}

}  // namespace

RunStatus run_status_from(a2a::TaskState state) {
  switch (state) {
    // The hub queues runs itself; once a run reached its agent it is running, whether the
    // agent has started on the task or only accepted it.
    case a2a::TaskState::kSubmitted:
    case a2a::TaskState::kWorking:
      return RunStatus::kRunning;
    case a2a::TaskState::kInputRequired:
      return RunStatus::kInputRequired;
    case a2a::TaskState::kAuthRequired:
      return RunStatus::kAuthRequired;
    case a2a::TaskState::kCompleted:
      return RunStatus::kCompleted;
    case a2a::TaskState::kFailed:
      return RunStatus::kFailed;
    case a2a::TaskState::kCanceled:
      return RunStatus::kCancelled;
    case a2a::TaskState::kRejected:
      return RunStatus::kRejected;
    case a2a::TaskState::kUnknown:
      break;
  }
  return RunStatus::kUnknown;
}

std::vector<MappedEvent> A2aEventMapper::map(const a2a::StreamResponse& item) {
  std::vector<MappedEvent> out;
  if (const auto* task = std::get_if<a2a::Task>(&item)) {
    on_task(*task, out);
  } else if (const auto* message = std::get_if<a2a::Message>(&item)) {
    note_ids(message->task_id, message->context_id);
    on_message(*message, false, out);
    if (message->task_id.empty() && message->role == a2a::Role::kAgent) {
      // A task-less direct reply is the whole answer.
      status_text_ = message->text();
      state_ = a2a::TaskState::kCompleted;
    }
  } else if (const auto* status = std::get_if<a2a::TaskStatusUpdateEvent>(&item)) {
    note_ids(status->task_id, status->context_id);
    on_status(status->status, status->metadata, out);
  } else if (const auto* artifact = std::get_if<a2a::TaskArtifactUpdateEvent>(&item)) {
    note_ids(artifact->task_id, artifact->context_id);
    take_usage(artifact->metadata);
    on_artifact(artifact->artifact, artifact->append, artifact->last_chunk, out);
  }
  return out;
}

void A2aEventMapper::on_task(const a2a::Task& task, std::vector<MappedEvent>& out) {
  note_ids(task.id, task.context_id);
  take_usage(task.metadata);
  // History repeats across snapshots; messages are reported once, by id. The status message
  // is usually the last history entry too: leave it to on_status.
  const std::string status_message_id =
      task.status.message ? task.status.message->message_id : std::string();
  for (const auto& message : task.history) {
    if (!status_message_id.empty() && message.message_id == status_message_id) continue;
    on_message(message, false, out);
  }
  for (const auto& artifact : task.artifacts) {
    bool known = false;
    for (const auto& existing : artifacts_) {
      known = known || existing.value("artifact_id", "") == artifact.artifact_id;
    }
    if (!known) on_artifact(artifact, false, true, out);
  }
  on_status(task.status, nullptr, out);
}

void A2aEventMapper::on_status(const a2a::TaskStatus& status, const Json& metadata,
                               std::vector<MappedEvent>& out) {
  take_usage(metadata);
  const a2a::TaskState next = status.state;
  const bool waiting = a2a::is_interrupted(next) || a2a::is_terminal(next);
  if (status.message) {
    const a2a::Message& message = *status.message;
    if (has_run_event_parts(message)) {
      on_message(message, true, out);
    } else if (waiting) {
      // The question of an interrupted task or the reason of a finished one: carried by the
      // input_required / terminal event rather than as a separate message.
      if (first_sight(message.message_id)) status_text_ = message.text();
    } else {
      on_message(message, true, out);
    }
  }
  if (next == a2a::TaskState::kUnknown || next == state_) return;
  const a2a::TaskState previous = state_;
  state_ = next;
  if (a2a::is_terminal(next)) return;
  // Only changes of the run's status are events: submitted -> working is none.
  if (run_status_from(next) == run_status_from(previous)) return;
  out.push_back({EventType::kStatusChanged,
                 {{"status", run_status_name(run_status_from(next))},
                  {"previous_status", status_name_or_null(previous)},
                  {"task_id", task_id_},
                  {"context_id", context_id_}}});
  if (a2a::is_interrupted(next)) {
    Json data = {{"message", status_text_}, {"task_id", task_id_}, {"context_id", context_id_}};
    if (status.message) {
      Json parts = non_text_parts(status.message->parts);
      if (!parts.empty()) data["parts"] = std::move(parts);
    }
    out.push_back({next == a2a::TaskState::kInputRequired ? EventType::kInputRequired
                                                          : EventType::kAuthRequired,
                   std::move(data)});
  }
}

void A2aEventMapper::on_message(const a2a::Message& message, bool is_status_message,
                                std::vector<MappedEvent>& out) {
  if (!first_sight(message.message_id)) return;
  if (message.role == a2a::Role::kUser) return;  // our own messages, echoed back in history
  if (has_run_event_parts(message)) {
    for (const auto& part : message.parts) {
      if (is_run_event_part(part)) on_run_event(part.data, out);
    }
    return;
  }
  std::string text = joined_text(message.parts);
  Json parts = non_text_parts(message.parts);
  if (parts.empty()) {
    if (text.empty()) return;
    last_agent_text_ = text;
    out.push_back({EventType::kAgentMessage, {{"text", std::move(text)}, {"role", "agent"}}});
    return;
  }
  Json data = {{"role", "agent"}, {"parts", std::move(parts)}};
  if (!text.empty()) data["content"] = std::move(text);
  if (!is_status_message && !message.message_id.empty()) data["message_id"] = message.message_id;
  out.push_back({EventType::kMessageAdded, std::move(data)});
}

void A2aEventMapper::on_run_event(const Json& data, std::vector<MappedEvent>& out) {
  const EventType type = parse_event_type(json_string(data, "type"));
  if (reserved_for_the_hub(type)) {
    out.push_back({EventType::kMessageAdded, {{"role", "agent"}, {"content", data}}});
    return;
  }
  Json fields = data;
  fields.erase("type");
  if (type == EventType::kStatusChanged) {
    std::string session = json_string(fields, "backend_session_id");
    if (!session.empty()) backend_session_id_ = std::move(session);
  }
  if (type == EventType::kAgentMessage) {
    std::string text = json_string(fields, "text");
    if (!text.empty()) last_agent_text_ = std::move(text);
  }
  out.push_back({type, std::move(fields)});
}

void A2aEventMapper::on_artifact(const a2a::Artifact& artifact, bool append, bool last_chunk,
                                 std::vector<MappedEvent>& out) {
  take_usage(artifact.metadata);
  if (json_bool(artifact.metadata, agents::kMetaResultMarker)) {
    has_result_artifact_ = true;
    std::string text = joined_text(artifact.parts);
    result_text_ = append ? result_text_ + text : std::move(text);
    for (const auto& part : artifact.parts) {
      if (part.kind == a2a::Part::Kind::kData) structured_output_ = part.data;
    }
    return;
  }
  std::string text = joined_text(artifact.parts);
  Json parts = non_text_parts(artifact.parts);

  Json* entry = nullptr;
  for (auto& existing : artifacts_) {
    if (existing.value("artifact_id", "") == artifact.artifact_id) entry = &existing;
  }
  if (entry == nullptr) {
    artifacts_.push_back({{"artifact_id", artifact.artifact_id},
                          {"name", artifact.name},
                          {"text", ""},
                          {"parts", Json::array()}});
    entry = &artifacts_.back();
  }
  if (!artifact.description.empty()) (*entry)["description"] = artifact.description;
  if (!artifact.metadata.is_null()) (*entry)["metadata"] = artifact.metadata;
  std::string kept = append ? (*entry)["text"].get<std::string>() + text : text;
  if (kept.size() > kResultArtifactTextBytes) {
    kept.resize(utf8_safe_cut(kept, kResultArtifactTextBytes));
    (*entry)["truncated"] = true;
  }
  (*entry)["text"] = std::move(kept);
  if (!append) (*entry)["parts"] = Json::array();
  for (auto& part : parts) (*entry)["parts"].push_back(part);

  Json data = {{"artifact_id", artifact.artifact_id},
               {"name", artifact.name},
               {"append", append},
               {"last_chunk", last_chunk}};
  if (!artifact.description.empty()) data["description"] = artifact.description;
  if (!text.empty()) data["text"] = std::move(text);
  if (!parts.empty()) data["parts"] = std::move(parts);
  if (!artifact.metadata.is_null()) data["metadata"] = artifact.metadata;
  out.push_back({EventType::kArtifactAdded, std::move(data)});
}

void A2aEventMapper::note_ids(const std::string& task_id, const std::string& context_id) {
  if (!task_id.empty()) task_id_ = task_id;
  if (!context_id.empty()) context_id_ = context_id;
}

void A2aEventMapper::take_usage(const Json& metadata) {
  if (const Json* usage = json_find(metadata, agents::kMetaUsage); usage != nullptr) {
    usage_ = *usage;
  }
}

bool A2aEventMapper::first_sight(const std::string& message_id) {
  if (message_id.empty()) return true;
  if (!seen_message_ids_.insert(message_id).second) return false;
  seen_order_.push_back(message_id);
  if (seen_order_.size() > kSeenMessageIds) {
    seen_message_ids_.erase(seen_order_.front());
    seen_order_.pop_front();
  }
  return true;
}

Json A2aEventMapper::result() const {
  std::string final_response;
  if (has_result_artifact_) {
    final_response = result_text_;
  } else if (state_ == a2a::TaskState::kCompleted && !status_text_.empty()) {
    final_response = status_text_;
  } else {
    for (auto it = artifacts_.rbegin(); it != artifacts_.rend() && final_response.empty(); ++it) {
      final_response = it->value("text", "");
    }
    if (final_response.empty()) final_response = last_agent_text_;
  }
  return {{"final_response", final_response.empty() ? Json(nullptr) : Json(final_response)},
          {"structured_output", structured_output_},
          {"usage", usage_},
          {"artifacts", artifacts_}};
}

}  // namespace agenthub::hub
