#include "agents/codex-wrapper/codex_event_translator.h"

#include <algorithm>
#include <cctype>

namespace agenthub::agents {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// `item[key]`, or null when absent.
Json field(const Json& item, const char* key) {
  const Json* v = json_find(item, key);
  return v == nullptr ? Json(nullptr) : *v;
}

Json base_event(std::string_view type, const Json& item) {
  Json event = {{"type", std::string(type)}};
  if (std::string id = json_string(item, "id"); !id.empty()) event["item_id"] = id;
  return event;
}

Json error_message_event(std::string message) {
  return {{"type", "message_added"},
          {"role", "system"},
          {"content", std::move(message)},
          {"is_error", true}};
}

}  // namespace

bool is_codex_auth_error(std::string_view message) {
  const std::string m = lower(message);
  return contains(m, "401 unauthorized") || contains(m, "status 401") ||
         contains(m, "403 forbidden") || contains(m, "missing environment variable") ||
         contains(m, "invalid_api_key") || contains(m, "incorrect api key") ||
         contains(m, "invalid api key") || contains(m, "not logged in") ||
         contains(m, "codex login");
}

std::vector<CliOutput> CodexEventTranslator::on_line(const Json& line) {
  std::vector<CliOutput> out;
  const std::string type = json_string(line, "type");
  if (type == "thread.started") {
    std::string thread = json_string(line, "thread_id");
    if (!thread.empty() && thread != thread_id_) {
      thread_id_ = thread;
      Json announcement = {{"type", "status_changed"},
                           {"status", "running"},
                           {"backend_session_id", thread},
                           {"thread_id", thread}};
      out.push_back(CliOutput::session(thread, std::move(announcement)));
    }
  } else if (type == "item.started" || type == "item.updated" || type == "item.completed") {
    const Json* item = json_find(line, "item");
    if (item != nullptr && item->is_object()) {
      on_item(std::string_view(type).substr(5), *item, out);
    }
  } else if (type == "turn.completed") {
    turn_completed_ = true;
    usage_ = field(line, "usage");
    out.push_back(CliOutput::turn_ended());
  } else if (type == "turn.failed") {
    const Json* error = json_find(line, "error");
    std::string message = error != nullptr ? json_string(*error, "message") : std::string();
    if (message.empty()) message = last_error_.empty() ? "the turn failed" : last_error_;
    turn_failed_ = message;
    out.push_back(CliOutput::turn_ended());
  } else if (type == "error") {
    // Often not fatal (codex reports its reconnects this way); turn.failed is.
    last_error_ = json_string(line, "message");
    out.push_back(CliOutput::run_event(error_message_event(last_error_)));
  } else if (type != "turn.started") {
    // A kind of line this wrapper does not know (a newer codex?): pass it on, unread.
    out.push_back(CliOutput::run_event(
        {{"type", "message_added"},
         {"role", "system"},
         {"content",
          "codex printed a " + (type.empty() ? std::string("typeless") : type) + " line"},
         {"event", line}}));
  }
  return out;
}

void CodexEventTranslator::on_item(std::string_view phase, const Json& item,
                                   std::vector<CliOutput>& out) {
  const std::string type = json_string(item, "type");
  const bool started = phase == "started";
  const bool completed = phase == "completed";

  if (type == "command_execution") {
    Json event = base_event(started     ? "command_started"
                            : completed ? "command_finished"
                                        : "command_updated",
                            item);
    event["command"] = field(item, "command");
    event["status"] = field(item, "status");
    if (!started) event["aggregated_output"] = field(item, "aggregated_output");
    if (completed) event["exit_code"] = field(item, "exit_code");
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (type == "file_change") {
    if (!completed) return;
    Json event = base_event("file_changed", item);
    Json changes = field(item, "changes");
    if (changes.is_array() && changes.size() == 1 && changes[0].is_object()) {
      event["file_path"] = field(changes[0], "path");
    }
    event["changes"] = changes.is_null() ? Json::array() : std::move(changes);
    event["status"] = field(item, "status");
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (type == "mcp_tool_call") {
    if (!started && !completed) return;
    Json event = base_event(started ? "tool_started" : "tool_finished", item);
    event["tool"] = field(item, "tool");
    event["server"] = field(item, "server");
    event["arguments"] = field(item, "arguments");
    event["status"] = field(item, "status");
    if (completed) {
      event["result"] = field(item, "result");
      event["error"] = field(item, "error");
      event["is_error"] = json_string(item, "status") == "failed" || !event["error"].is_null();
    }
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (type == "web_search") {
    if (!started && !completed) return;
    Json event = base_event(started ? "tool_started" : "tool_finished", item);
    event["tool"] = "web_search";
    event["arguments"] = {{"query", field(item, "query")}};
    event["status"] = started ? "in_progress" : "completed";
    if (completed) event["is_error"] = false;
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (type == "reasoning") {
    if (!completed) return;
    Json event = base_event("reasoning", item);
    event["text"] = json_string(item, "text");
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (type == "todo_list") {
    Json event = base_event("todo_updated", item);
    Json items = field(item, "items");
    event["items"] = items.is_null() ? Json::array() : std::move(items);
    out.push_back(CliOutput::run_event(std::move(event)));
  } else if (type == "agent_message") {
    if (!completed) return;
    std::string text = json_string(item, "text");
    final_text_ = text;
    Json event = base_event("agent_message", item);
    event["text"] = text;
    out.push_back(CliOutput::run_event(std::move(event), std::move(text)));
  } else if (type == "error") {
    Json event = error_message_event(json_string(item, "message"));
    if (std::string id = json_string(item, "id"); !id.empty()) event["item_id"] = id;
    out.push_back(CliOutput::run_event(std::move(event)));
  } else {
    if (!completed) return;
    Json event = base_event("message_added", item);
    event["role"] = "system";
    event["content"] =
        "codex reported a " + (type.empty() ? std::string("nameless") : type) + " item";
    event["item"] = item;
    out.push_back(CliOutput::run_event(std::move(event)));
  }
}

TurnOutcome CodexEventTranslator::finish(const ExitStatus& status, std::string_view stderr_tail) {
  TurnOutcome outcome;
  auto auth_required = [&outcome](const std::string& message) {
    outcome.kind = TurnOutcome::Kind::kAuthRequired;
    outcome.message = "codex could not authenticate: " + message +
                      ". Log in with `codex login` or set the provider's API key in the "
                      "wrapper's environment, then continue this task";
    return outcome;
  };

  if (turn_failed_) {
    if (is_codex_auth_error(*turn_failed_)) return auth_required(*turn_failed_);
    outcome.kind = TurnOutcome::Kind::kFailed;
    outcome.message = "codex failed: " + *turn_failed_;
    return outcome;
  }
  if (turn_completed_) {
    outcome.kind = TurnOutcome::Kind::kCompleted;
    outcome.usage = usage_;
    outcome.final_text = final_text_.value_or("");
    if (structured_) {
      if (!final_text_) {
        outcome.structured_note = "codex gave no final message to read the structured output from";
      } else if (auto parsed = parse_json(*final_text_); parsed.ok()) {
        outcome.structured_output = std::move(parsed).value();
      } else {
        outcome.structured_note = "the final message is not valid JSON (" + parsed.error().message +
                                  "); it is kept as text";
      }
    }
    return outcome;
  }
  if (!last_error_.empty() && is_codex_auth_error(last_error_)) return auth_required(last_error_);

  outcome.kind = TurnOutcome::Kind::kFailed;
  outcome.message = "codex exited (" + status.to_string() + ") before finishing the turn";
  if (!last_error_.empty()) outcome.message += ": " + last_error_;
  if (!resumed_thread_.empty() && thread_id_.empty() && contains(stderr_tail, "no rollout found")) {
    outcome.message = "codex could not resume thread " + resumed_thread_ +
                      " (its history is gone); the next message of this context starts a new "
                      "codex thread";
    outcome.forget_session = true;
  }
  return outcome;
}

}  // namespace agenthub::agents
