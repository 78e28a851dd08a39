#include "agents/common/cli_backend.h"

namespace agenthub::agents {

CliOutput CliOutput::run_event(Json event, std::string text) {
  CliOutput out;
  out.kind = Kind::kRunEvent;
  out.event = std::move(event);
  out.text = std::move(text);
  return out;
}

CliOutput CliOutput::session(std::string session_id, Json announcement) {
  CliOutput out;
  out.kind = Kind::kSession;
  out.session_id = std::move(session_id);
  out.event = std::move(announcement);
  return out;
}

CliOutput CliOutput::write_stdin(std::string line) {
  CliOutput out;
  out.kind = Kind::kWriteStdin;
  out.text = std::move(line);
  return out;
}

CliOutput CliOutput::turn_ended() {
  CliOutput out;
  out.kind = Kind::kTurnEnded;
  return out;
}

CliOutput CliOutput::input_request(std::string question, Json request) {
  CliOutput out;
  out.kind = Kind::kInputRequest;
  out.text = std::move(question);
  out.event = std::move(request);
  return out;
}

Status CliBackend::check_input_reply(const Json& /*request*/, const a2a::Message& /*reply*/) const {
  return Error{ErrorCode::kUnsupportedOperation,
               std::string(cli_name()) + " tasks never wait for input"};
}

Result<std::string> CliBackend::input_reply_line(const Json& /*request*/,
                                                 const a2a::Message& /*reply*/) const {
  return Error{ErrorCode::kUnsupportedOperation,
               std::string(cli_name()) + " tasks never wait for input"};
}

}  // namespace agenthub::agents
