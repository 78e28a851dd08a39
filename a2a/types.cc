#include "a2a/types.h"

namespace agenthub::a2a {

bool is_terminal(TaskState state) {
  return state == TaskState::kCompleted || state == TaskState::kFailed ||
         state == TaskState::kCanceled || state == TaskState::kRejected;
}

bool is_interrupted(TaskState state) {
  return state == TaskState::kInputRequired || state == TaskState::kAuthRequired;
}

std::string_view task_state_name(TaskState state) {
  switch (state) {
    case TaskState::kSubmitted: return "submitted";
    case TaskState::kWorking: return "working";
    case TaskState::kInputRequired: return "input-required";
    case TaskState::kAuthRequired: return "auth-required";
    case TaskState::kCompleted: return "completed";
    case TaskState::kFailed: return "failed";
    case TaskState::kCanceled: return "canceled";
    case TaskState::kRejected: return "rejected";
    case TaskState::kUnknown: break;
  }
  return "unknown";
}

Part Part::text_part(std::string text) {
  Part p;
  p.kind = Kind::kText;
  p.text = std::move(text);
  return p;
}

Part Part::data_part(Json data) {
  Part p;
  p.kind = Kind::kData;
  p.data = std::move(data);
  return p;
}

Part Part::raw_part(std::string bytes, std::string media_type, std::string filename) {
  Part p;
  p.kind = Kind::kRaw;
  p.raw = std::move(bytes);
  p.media_type = std::move(media_type);
  p.filename = std::move(filename);
  return p;
}

Part Part::url_part(std::string url, std::string media_type, std::string filename) {
  Part p;
  p.kind = Kind::kUrl;
  p.url = std::move(url);
  p.media_type = std::move(media_type);
  p.filename = std::move(filename);
  return p;
}

std::string Message::text() const {
  std::string out;
  for (const auto& part : parts) {
    if (part.kind != Part::Kind::kText) continue;
    if (!out.empty()) out += '\n';
    out += part.text;
  }
  return out;
}

namespace {

struct Ids {
  const std::string& operator()(const Task& t) const { return t.id; }
  const std::string& operator()(const Message& m) const { return m.task_id; }
  const std::string& operator()(const TaskStatusUpdateEvent& e) const { return e.task_id; }
  const std::string& operator()(const TaskArtifactUpdateEvent& e) const { return e.task_id; }
};

struct ContextIds {
  const std::string& operator()(const Task& t) const { return t.context_id; }
  const std::string& operator()(const Message& m) const { return m.context_id; }
  const std::string& operator()(const TaskStatusUpdateEvent& e) const { return e.context_id; }
  const std::string& operator()(const TaskArtifactUpdateEvent& e) const { return e.context_id; }
};

}  // namespace

const std::string& stream_task_id(const StreamResponse& item) { return std::visit(Ids{}, item); }

const std::string& stream_context_id(const StreamResponse& item) {
  return std::visit(ContextIds{}, item);
}

SecurityScheme SecurityScheme::bearer(std::string description) {
  SecurityScheme s;
  s.type = Type::kHttp;
  s.scheme = "Bearer";
  s.description = std::move(description);
  return s;
}

std::string AgentCard::jsonrpc_url() const {
  for (const auto& iface : supported_interfaces) {
    if (iface.protocol_binding == "JSONRPC") return iface.url;
  }
  return {};
}

std::string AgentCard::best_protocol_version() const {
  std::string best;
  for (const auto& iface : supported_interfaces) {
    if (iface.protocol_binding != "JSONRPC") continue;
    // Versions compare correctly as strings while major versions stay single-digit.
    if (iface.protocol_version > best) best = iface.protocol_version;
  }
  return best;
}

}  // namespace agenthub::a2a
