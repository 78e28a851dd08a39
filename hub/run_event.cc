#include "hub/run_event.h"

#include "hub/json_fields.h"

namespace agenthub::hub {

std::string RunEvent::type_name() const {
  if (type != EventType::kUnknown) return std::string(event_type_name(type));
  return type_text.empty() ? std::string("unknown") : type_text;
}

std::string RunEvent::backend_wire_name() const {
  if (backend != Backend::kUnknown) return std::string(backend_name(backend));
  return backend_text.empty() ? std::string("unknown") : backend_text;
}

Json encode(const RunEvent& event) {
  return Json{{"seq", event.seq},
              {"ts", event.ts},
              {"run_id", event.run_id},
              {"session_id", event.session_id},
              {"backend", event.backend_wire_name()},
              {"type", event.type_name()},
              {"data", event.data.is_object() ? event.data : Json::object()}};
}

Result<RunEvent> decode_run_event(const Json& j) {
  if (!j.is_object()) return Error{ErrorCode::kInvalidArgument, "event is not a JSON object"};
  const Json* seq = json_find(j, "seq");
  if (seq == nullptr || !seq->is_number_integer()) {
    return Error{ErrorCode::kInvalidArgument, "event has no integer seq"};
  }
  RunEvent event;
  event.seq = seq->get<std::int64_t>();
  event.ts = string_field(j, {"ts"});
  event.run_id = string_field(j, {"run_id", "runId"});
  event.session_id = string_field(j, {"session_id", "sessionId"});
  std::string backend = string_field(j, {"backend"});
  event.backend = parse_backend(backend);
  if (event.backend == Backend::kUnknown) event.backend_text = backend;
  std::string type = string_field(j, {"type"});
  event.type = parse_event_type(type);
  if (event.type == EventType::kUnknown) event.type_text = type;
  const Json* data = json_find(j, "data");
  if (data == nullptr) {
    event.data = Json::object();
  } else if (data->is_object()) {
    event.data = *data;
  } else {
    event.data = Json{{"value", *data}};
  }
  return event;
}

}  // namespace agenthub::hub
