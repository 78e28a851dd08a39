#include "agents/claude-wrapper/claude_event_translator.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/utf8.h"

namespace agenthub::agents {
namespace {

constexpr std::size_t kSummaryChars = 200;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Json field(const Json& obj, const char* key) {
  const Json* v = json_find(obj, key);
  return v == nullptr ? Json(nullptr) : *v;
}

// The text of a tool_result `content`: a string, or the text blocks of an array.
std::string content_text(const Json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string out;
  if (!content.is_array()) return out;
  for (const Json& block : content) {
    if (block.is_object() && json_string(block, "type") == "text") {
      if (!out.empty()) out += "\n";
      out += json_string(block, "text");
    }
  }
  return out;
}

std::string shorten(std::string text) {
  const std::size_t cut = utf8_prefix_bytes(text, kSummaryChars);
  if (cut < text.size()) text = text.substr(0, cut) + "...";
  return text;
}

// What a permission question shows of a tool's input.
std::string input_summary(const std::string& tool, const Json& input) {
  if (tool == "Bash") {
    if (std::string command = json_string(input, "command"); !command.empty()) {
      return shorten(command);
    }
  }
  for (const char* key : {"file_path", "notebook_path", "path", "url"}) {
    if (std::string value = json_string(input, key); !value.empty()) return shorten(value);
  }
  return shorten(dump_json(input));
}

bool is_file_tool(std::string_view tool) {
  return tool == "Write" || tool == "Edit" || tool == "MultiEdit" || tool == "NotebookEdit";
}

// "Exit code 3\n..." -> 3, and the rest of the text after that first line.
std::optional<int> parse_exit_code(std::string_view text, std::string_view* rest) {
  constexpr std::string_view kPrefix = "Exit code ";
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  text.remove_prefix(kPrefix.size());
  int code = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
  if (ec != std::errc()) return std::nullopt;
  std::string_view after(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (!after.empty() && after.front() == '\n') after.remove_prefix(1);
  *rest = after;
  return code;
}

Json error_message_event(std::string content) {
  return {{"type", "message_added"},
          {"role", "system"},
          {"content", std::move(content)},
          {"is_error", true}};
}

}  // namespace

bool is_claude_auth_error(std::string_view message) {
  const std::string m = lower(message);
  return contains(m, "invalid api key") || contains(m, "not logged in") || contains(m, "/login") ||
         contains(m, "authentication_failed") || contains(m, "authentication_error") ||
         contains(m, "oauth token") || contains(m, "401 unauthorized");
}

std::vector<CliOutput> ClaudeEventTranslator::on_line(const Json& line) {
  std::vector<CliOutput> out;
  const std::string type = json_string(line, "type");
  if (type == "system") {
    on_system(line, out);
  } else if (type == "assistant") {
    on_assistant(line, out);
  } else if (type == "user") {
    on_user(line, out);
  } else if (type == "control_request") {
    on_control_request(line, out);
  } else if (type == "result") {
    result_ = line;
    if (std::string sid = json_string(line, "session_id"); !sid.empty() && session_id_.empty()) {
      session_id_ = sid;
    }
    out.push_back(CliOutput::turn_ended());
  } else if (type != "control_response") {  // control_response: the answer to our interrupt
    // A kind of line this wrapper does not know (a newer claude?): pass it on, unread.
    out.push_back(CliOutput::run_event(
        {{"type", "message_added"},
         {"role", "system"},
         {"content",
          "claude printed a " + (type.empty() ? std::string("typeless") : type) + " line"},
         {"event", line}}));
  }
  return out;
}

void ClaudeEventTranslator::on_system(const Json& line, std::vector<CliOutput>& out) {
  const std::string subtype = json_string(line, "subtype");
  if (subtype == "init") {
    std::string sid = json_string(line, "session_id");
    if (sid.empty() || sid == session_id_) return;
    session_id_ = sid;
    Json announcement = {{"type", "status_changed"},
                         {"status", "running"},
                         {"backend_session_id", sid},
                         {"session_id", sid}};
    if (std::string model = json_string(line, "model"); !model.empty()) {
      announcement["model"] = model;
    }
    if (std::string mode = json_string(line, "permissionMode"); !mode.empty()) {
      announcement["permission_mode"] = mode;
    }
    out.push_back(CliOutput::session(sid, std::move(announcement)));
  } else if (subtype == "permission_denied") {
    Json event = error_message_event(json_string(line, "message", "permission denied"));
    event["tool"] = field(line, "tool_name");
    event["tool_use_id"] = field(line, "tool_use_id");
    out.push_back(CliOutput::run_event(std::move(event)));
  }
}

void ClaudeEventTranslator::on_assistant(const Json& line, std::vector<CliOutput>& out) {
  const Json* message = json_find(line, "message");
  if (message == nullptr || !message->is_object()) return;
  const Json* content = json_find(*message, "content");
  if (content == nullptr || !content->is_array()) return;

  // The API error path prints its message as a synthetic assistant line: not an answer.
  const bool api_error = json_find(line, "error") != nullptr ||
                         json_bool(line, "is_api_error_message") ||
                         json_string(*message, "model") == "<synthetic>";
  for (const Json& block : *content) {
    if (!block.is_object()) continue;
    const std::string type = json_string(block, "type");
    if (type == "text") {
      std::string text = json_string(block, "text");
      if (api_error) {
        api_error_ = text;
        api_error_kind_ = json_string(line, "error");
        Json event = error_message_event(text);
        if (!api_error_kind_.empty()) event["error"] = api_error_kind_;
        out.push_back(CliOutput::run_event(std::move(event)));
        continue;
      }
      last_text_ = text;
      Json event = {{"type", "agent_message"}, {"text", text}};
      if (std::string id = json_string(*message, "id"); !id.empty()) event["message_id"] = id;
      out.push_back(CliOutput::run_event(std::move(event), std::move(text)));
    } else if (type == "thinking") {
      out.push_back(
          CliOutput::run_event({{"type", "reasoning"}, {"text", json_string(block, "thinking")}}));
    } else if (type == "tool_use" || type == "server_tool_use" || type == "mcp_tool_use") {
      const std::string id = json_string(block, "id");
      const std::string name = json_string(block, "name");
      Json input = field(block, "input");
      tools_[id] = ToolCall{name, input};
      out.push_back(CliOutput::run_event(
          {{"type", "tool_started"}, {"tool", name}, {"tool_use_id", id}, {"arguments", input}}));
      if (name == "Bash") {
        Json event = {{"type", "command_started"},
                      {"command", json_string(input, "command")},
                      {"tool_use_id", id},
                      {"status", "in_progress"}};
        if (std::string d = json_string(input, "description"); !d.empty()) event["description"] = d;
        out.push_back(CliOutput::run_event(std::move(event)));
      } else if (name == "TodoWrite") {
        Json todos = field(input, "todos");
        out.push_back(CliOutput::run_event({{"type", "todo_updated"},
                                            {"items", todos.is_null() ? Json::array() : todos},
                                            {"tool_use_id", id}}));
      }
    }
  }
}

void ClaudeEventTranslator::on_user(const Json& line, std::vector<CliOutput>& out) {
  const Json* message = json_find(line, "message");
  if (message == nullptr || !message->is_object()) return;
  const Json* content = json_find(*message, "content");
  if (content == nullptr) return;
  if (content->is_string()) {
    out.push_back(CliOutput::run_event(
        {{"type", "message_added"}, {"role", "user"}, {"content", content->get<std::string>()}}));
    return;
  }
  if (!content->is_array()) return;
  for (const Json& block : *content) {
    if (!block.is_object()) continue;
    const std::string type = json_string(block, "type");
    if (type == "tool_result") {
      on_tool_result(block, line, out);
    } else if (type == "text") {
      // What the CLI itself adds to the conversation ("[Request interrupted by user]", ...).
      out.push_back(CliOutput::run_event(
          {{"type", "message_added"}, {"role", "user"}, {"content", json_string(block, "text")}}));
    }
  }
}

void ClaudeEventTranslator::on_tool_result(const Json& block, const Json& line,
                                           std::vector<CliOutput>& out) {
  const std::string id = json_string(block, "tool_use_id");
  ToolCall call;
  if (auto it = tools_.find(id); it != tools_.end()) {
    call = std::move(it->second);
    tools_.erase(it);
  }
  const bool is_error = json_bool(block, "is_error");
  const Json content = field(block, "content");
  const Json raw = field(line, "tool_use_result");

  Json finished = {{"type", "tool_finished"},
                   {"tool", call.name},
                   {"tool_use_id", id},
                   {"result", content},
                   {"is_error", is_error}};
  if (!raw.is_null()) finished["raw_tool_use_result"] = raw;
  out.push_back(CliOutput::run_event(std::move(finished)));

  if (call.name == "Bash") {
    Json event = {{"type", "command_finished"},
                  {"command", json_string(call.input, "command")},
                  {"tool_use_id", id},
                  {"status", is_error ? "failed" : "completed"}};
    const std::string text = content_text(content);
    std::string_view output = text;
    std::optional<int> exit_code =
        is_error ? parse_exit_code(text, &output) : std::optional<int>(0);
    if (raw.is_object()) {
      event["stdout"] = field(raw, "stdout");
      event["stderr"] = field(raw, "stderr");
      event["interrupted"] = json_bool(raw, "interrupted");
      if (json_bool(raw, "interrupted")) exit_code.reset();
    }
    event["aggregated_output"] = std::string(output);
    event["exit_code"] = exit_code ? Json(*exit_code) : Json(nullptr);
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (is_file_tool(call.name) && !is_error) {
    std::string path = json_string(call.input, "file_path");
    if (path.empty()) path = json_string(call.input, "notebook_path");
    if (path.empty() && raw.is_object()) path = json_string(raw, "filePath");
    const bool created =
        call.name == "Write" && raw.is_object() && json_string(raw, "type") == "create";
    out.push_back(CliOutput::run_event(
        {{"type", "file_changed"},
         {"file_path", path},
         {"changes", Json::array({{{"path", path}, {"kind", created ? "add" : "update"}}})},
         {"tool", call.name},
         {"tool_use_id", id}}));
  }
}

void ClaudeEventTranslator::on_control_request(const Json& line, std::vector<CliOutput>& out) {
  const std::string request_id = json_string(line, "request_id");
  const Json* request = json_find(line, "request");
  const std::string subtype = request != nullptr ? json_string(*request, "subtype") : "";
  if (subtype != "can_use_tool") {
    // Nothing here serves hooks or SDK MCP servers; say so rather than leave the CLI waiting.
    out.push_back(CliOutput::write_stdin(dump_json(
        {{"type", "control_response"},
         {"response",
          {{"subtype", "error"},
           {"request_id", request_id},
           {"error", "control request " + subtype + " is not supported by claude-a2a-agent"}}}})));
    return;
  }
  const std::string tool = json_string(*request, "tool_name");
  Json input = field(*request, "input");
  if (!relay_) {
    out.push_back(CliOutput::write_stdin(
        dump_json({{"type", "control_response"},
                   {"response",
                    {{"subtype", "success"},
                     {"request_id", request_id},
                     {"response",
                      {{"behavior", "deny"},
                       {"message",
                        "claude-a2a-agent has no one to ask (start it with --permission relay "
                        "to pass permission requests to the client)"}}}}}})));
    return;
  }
  Json ask = {{"request_id", request_id}, {"tool", tool}, {"input", input}};
  if (std::string use = json_string(*request, "tool_use_id"); !use.empty()) {
    ask["tool_use_id"] = use;
  }
  if (std::string d = json_string(*request, "description"); !d.empty()) ask["description"] = d;
  if (std::string p = json_string(*request, "blocked_path"); !p.empty()) ask["blocked_path"] = p;
  std::string question = "claude wants to use " + tool + ": " + input_summary(tool, input) +
                         ". Reply with {\"decision\":\"allow\"} or {\"decision\":\"deny\"}";
  out.push_back(CliOutput::input_request(std::move(question), std::move(ask)));
}

TurnOutcome ClaudeEventTranslator::finish(const ExitStatus& status, std::string_view stderr_tail) {
  TurnOutcome outcome;
  auto auth_required = [&outcome](const std::string& message) {
    outcome.kind = TurnOutcome::Kind::kAuthRequired;
    outcome.message = "claude could not authenticate: " + message +
                      ". Set ANTHROPIC_API_KEY in the wrapper's environment or log in with "
                      "`claude login`, then continue this task";
    return outcome;
  };

  if (!result_) {
    if (api_error_kind_ == "authentication_failed" || is_claude_auth_error(api_error_)) {
      return auth_required(api_error_);
    }
    outcome.kind = TurnOutcome::Kind::kFailed;
    outcome.message = "claude exited (" + status.to_string() + ") without a result";
    if (!api_error_.empty()) outcome.message += ": " + api_error_;
    if (contains(stderr_tail, "cannot be used with root")) {
      outcome.message +=
          ". As root, bypassPermissions needs IS_SANDBOX=1 in claude's "
          "environment";
    }
    return outcome;
  }

  const Json& r = *result_;
  outcome.usage = field(r, "usage");
  if (const Json* cost = json_find(r, "total_cost_usd"); cost != nullptr && cost->is_number()) {
    outcome.cost_usd = cost->get<double>();
  }
  const std::string text = json_string(r, "result");
  if (!json_bool(r, "is_error")) {
    outcome.kind = TurnOutcome::Kind::kCompleted;
    outcome.final_text = json_find(r, "result") != nullptr ? text : last_text_;
    if (const Json* so = json_find(r, "structured_output"); so != nullptr) {
      outcome.structured_output = *so;
    } else if (structured_) {
      outcome.structured_note =
          "claude answered without calling its StructuredOutput tool; the result is plain text";
    }
    return outcome;
  }

  std::string reason = text;
  if (reason.empty()) {
    if (const Json* errors = json_find(r, "errors"); errors != nullptr && errors->is_array()) {
      for (const Json& e : *errors) {
        if (!e.is_string()) continue;
        if (!reason.empty()) reason += "; ";
        reason += e.get<std::string>();
      }
    }
  }
  if (reason.empty()) reason = json_string(r, "subtype", "error");
  const Json* http = json_find(r, "api_error_status");
  const bool http_auth = http != nullptr && http->is_number_integer() &&
                         (http->get<int>() == 401 || http->get<int>() == 403);
  if (http_auth || api_error_kind_ == "authentication_failed" || is_claude_auth_error(reason)) {
    return auth_required(reason);
  }
  outcome.kind = TurnOutcome::Kind::kFailed;
  outcome.message = "claude failed: " + reason;
  if (!resumed_session_.empty() && contains(reason, "No conversation found with session ID")) {
    outcome.message = "claude could not resume session " + resumed_session_ +
                      " (its history is gone); the next message of this context starts a new "
                      "claude session";
    outcome.forget_session = true;
  }
  return outcome;
}

}  // namespace agenthub::agents
