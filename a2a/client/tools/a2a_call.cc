// a2a-call: talk to any A2A agent from the command line.
//
//   a2a-call --url URL [--token T] [--stream] [--task-id ID] [--context-id ID] "text"
//   a2a-call --url URL --get ID | --cancel ID | --subscribe ID | --list
//
// Prints one line per task, status, artifact or message (or its v1.0 JSON with --json).
// Exit status: 0 ok, 1 call failed, 2 usage, 3 the task ended failed / canceled / rejected.

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "a2a/client/client.h"
#include "a2a/codec_v1.h"
#include "core/logging.h"

namespace agenthub::a2a {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitTaskUnsuccessful = 3;

constexpr std::string_view kUsage =
    "usage: a2a-call --url URL [options] \"text\"        send a message\n"
    "       a2a-call --url URL --get ID | --cancel ID | --subscribe ID | --list\n"
    "options:\n"
    "  --token T           bearer token (default: $A2A_TOKEN)\n"
    "  --stream            stream the answer (SendStreamingMessage)\n"
    "  --task-id ID        continue this task (input-required)\n"
    "  --context-id ID     start the task in this context\n"
    "  --return-immediately  do not wait for the task to finish (non-streaming send)\n"
    "  --history N         historyLength for --get\n"
    "  --header NAME:VALUE extra header (repeatable)\n"
    "  --card-path PATH    agent card path (default /.well-known/agent-card.json)\n"
    "  --v03 | --v1        force a protocol version\n"
    "  --timeout SECONDS   request timeout (default 60)\n"
    "  --insecure          skip TLS certificate verification\n"
    "  --ca-file FILE      trust this CA bundle for https\n"
    "  --json              print items as v1.0 JSON, one per line\n";

struct Args {
  std::string url;
  std::string text;
  bool stream = false;
  bool json = false;
  bool list = false;
  bool return_immediately = false;
  std::string task_id;
  std::string context_id;
  std::string get_id;
  std::string cancel_id;
  std::string subscribe_id;
  std::optional<int> history;
  ClientOptions options;
};

std::optional<Args> parse_args(int argc, char** argv) {
  Args a;
  if (const char* token = std::getenv("A2A_TOKEN")) a.options.bearer_token = token;
  std::vector<std::string_view> positional;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (arg == "--stream") {
      a.stream = true;
    } else if (arg == "--json") {
      a.json = true;
    } else if (arg == "--list") {
      a.list = true;
    } else if (arg == "--return-immediately") {
      a.return_immediately = true;
    } else if (arg == "--insecure") {
      a.options.verify_tls = false;
    } else if (arg == "--v03") {
      a.options.force_version = ProtocolVersion::kV03;
    } else if (arg == "--v1") {
      a.options.force_version = ProtocolVersion::kV1;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(kExitOk);
    } else if (arg.starts_with("--")) {
      if (!(v = value())) {
        std::cerr << "a2a-call: " << arg << " needs a value\n";
        return std::nullopt;
      }
      if (arg == "--url") {
        a.url = *v;
      } else if (arg == "--token") {
        a.options.bearer_token = *v;
      } else if (arg == "--task-id") {
        a.task_id = *v;
      } else if (arg == "--context-id") {
        a.context_id = *v;
      } else if (arg == "--get") {
        a.get_id = *v;
      } else if (arg == "--cancel") {
        a.cancel_id = *v;
      } else if (arg == "--subscribe") {
        a.subscribe_id = *v;
      } else if (arg == "--history") {
        a.history = std::atoi(v->c_str());
      } else if (arg == "--card-path") {
        a.options.agent_card_path = *v;
      } else if (arg == "--ca-file") {
        a.options.ca_file = *v;
      } else if (arg == "--timeout") {
        a.options.request_timeout = std::chrono::milliseconds(std::atol(v->c_str()) * 1000);
      } else if (arg == "--header") {
        auto colon = v->find(':');
        if (colon == std::string::npos) {
          std::cerr << "a2a-call: --header wants NAME:VALUE\n";
          return std::nullopt;
        }
        std::string name = v->substr(0, colon);
        std::string val = v->substr(colon + 1);
        if (!val.empty() && val.front() == ' ') val.erase(0, 1);
        a.options.headers.emplace_back(name, val);
      } else {
        std::cerr << "a2a-call: unknown option " << arg << "\n";
        return std::nullopt;
      }
    } else {
      positional.push_back(arg);
    }
  }
  if (a.url.empty()) {
    std::cerr << "a2a-call: --url is required\n";
    return std::nullopt;
  }
  const int actions = !a.get_id.empty() + !a.cancel_id.empty() + !a.subscribe_id.empty() + a.list;
  if (actions > 1 || (actions == 1 && !positional.empty())) {
    std::cerr << "a2a-call: give one of --get, --cancel, --subscribe, --list or a message\n";
    return std::nullopt;
  }
  if (actions == 0) {
    if (positional.size() != 1) {
      std::cerr << "a2a-call: give the message text as one argument\n";
      return std::nullopt;
    }
    a.text = std::string(positional[0]);
  }
  return a;
}

// Newlines would break the one-line-per-item contract.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string parts_text(const std::vector<Part>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    switch (p.kind) {
      case Part::Kind::kText:
        out += p.text;
        break;
      case Part::Kind::kData:
        out += dump_json(p.data);
        break;
      case Part::Kind::kUrl:
        out += "<" + p.url + ">";
        break;
      case Part::Kind::kRaw:
        out += "<" + std::to_string(p.raw.size()) + " bytes" +
               (p.media_type.empty() ? "" : " " + p.media_type) + ">";
        break;
      case Part::Kind::kUnknown:
        break;
    }
  }
  return one_line(out);
}

std::string status_suffix(const TaskStatus& status) {
  if (!status.message || status.message->parts.empty()) return {};
  return ": " + parts_text(status.message->parts);
}

class Printer {
 public:
  explicit Printer(bool json) : json_(json) {}

  void item(const StreamResponse& item) {
    if (json_) {
      std::cout << dump_json(v1::encode(item)) << std::endl;
    } else {
      std::visit([this](const auto& v) { print(v); }, item);
    }
    note_state(item);
  }

  void task(const Task& t) { item(StreamResponse(t)); }

  void text(const std::string& line) {
    if (!json_) std::cout << line << std::endl;
  }

  [[nodiscard]] int exit_code() const {
    return last_state_ == TaskState::kFailed || last_state_ == TaskState::kCanceled ||
                   last_state_ == TaskState::kRejected
               ? kExitTaskUnsuccessful
               : kExitOk;
  }

 private:
  void print(const Task& t) {
    std::cout << "task " << t.id << " context=" << t.context_id
              << " state=" << task_state_name(t.status.state) << status_suffix(t.status)
              << std::endl;
    for (const auto& a : t.artifacts) {
      std::cout << "artifact " << (a.name.empty() ? a.artifact_id : a.name) << " task=" << t.id
                << ": " << parts_text(a.parts) << std::endl;
    }
  }
  void print(const Message& m) {
    std::cout << "message " << (m.role == Role::kAgent ? "agent" : "user")
              << (m.task_id.empty() ? "" : " task=" + m.task_id) << ": " << parts_text(m.parts)
              << std::endl;
  }
  void print(const TaskStatusUpdateEvent& e) {
    std::cout << "status " << task_state_name(e.status.state) << " task=" << e.task_id
              << status_suffix(e.status) << std::endl;
  }
  void print(const TaskArtifactUpdateEvent& e) {
    std::cout << "artifact " << (e.artifact.name.empty() ? e.artifact.artifact_id : e.artifact.name)
              << " task=" << e.task_id << ": " << parts_text(e.artifact.parts) << std::endl;
  }

  void note_state(const StreamResponse& item) {
    if (const auto* t = std::get_if<Task>(&item)) last_state_ = t->status.state;
    if (const auto* e = std::get_if<TaskStatusUpdateEvent>(&item)) last_state_ = e->status.state;
  }

  bool json_;
  TaskState last_state_ = TaskState::kUnknown;
};

int fail(const Error& e) {
  std::cerr << "a2a-call: " << e.to_string() << std::endl;
  return kExitFailed;
}

int run(const Args& a) {
  auto connected = Client::connect(a.url, a.options);
  if (!connected.ok()) return fail(connected.error());
  Client& client = **connected;
  Printer out(a.json);

  if (!a.get_id.empty()) {
    auto task = client.get_task({.id = a.get_id, .history_length = a.history});
    if (!task.ok()) return fail(task.error());
    out.task(*task);
    return out.exit_code();
  }
  if (!a.cancel_id.empty()) {
    auto task = client.cancel_task({.id = a.cancel_id, .metadata = nullptr});
    if (!task.ok()) return fail(task.error());
    out.task(*task);
    return kExitOk;
  }
  if (a.list) {
    auto list = client.list_tasks({});
    if (!list.ok()) return fail(list.error());
    for (const auto& t : list->tasks) out.task(t);
    return kExitOk;
  }

  auto on_item = [&](const StreamResponse& item) {
    out.item(item);
    return true;
  };
  auto finish_stream = [&](const Result<StreamOutcome>& outcome) {
    if (!outcome.ok()) return fail(outcome.error());
    out.text("end " + std::string(stream_outcome_name(*outcome)));
    return out.exit_code();
  };
  if (!a.subscribe_id.empty()) {
    return finish_stream(client.subscribe({.id = a.subscribe_id}, on_item));
  }

  SendMessageRequest req;
  req.message = user_text_message(a.text, a.context_id, a.task_id);
  req.configuration.return_immediately = a.return_immediately;
  if (a.stream) return finish_stream(client.send_streaming_message(req, on_item));
  auto reply = client.send_message(req);
  if (!reply.ok()) return fail(reply.error());
  std::visit([&](const auto& v) { out.item(StreamResponse(v)); }, *reply);
  return out.exit_code();
}

int run_main(int argc, char** argv) {
  init_logging("a2a-call");
  auto args = parse_args(argc, argv);
  if (!args) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  try {
    return run(*args);
  } catch (const std::exception& e) {
    std::cerr << "a2a-call: internal error: " << e.what() << std::endl;
    return kExitFailed;
  }
}

}  // namespace
}  // namespace agenthub::a2a

int main(int argc, char** argv) { return agenthub::a2a::run_main(argc, argv); }
