// agenthub-demo: what `make demo` runs. It plays the part of a top-level agent: it starts
// orchestration-mcp the way an MCP client does, spawns a `codex` run (MCP -> hub -> A2A ->
// codex-a2a-agent -> the real Codex CLI), prints the run's events as they arrive, then the
// result from get_run and the files the hub wrote under .nanobot-orchestrator/.
//
// Offline by default: Codex talks to the bundled mock model server. With --real (or
// AGENTHUB_DEMO_REAL=1) it uses your own Codex configuration and credentials instead.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "agents/common/environment.h"
#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/fs.h"
#include "core/json.h"
#include "mcp/stdio_client.h"

#ifndef AGENTHUB_SOURCE_DIR
#define AGENTHUB_SOURCE_DIR ""
#endif

namespace fsys = std::filesystem;
using agenthub::Json;

namespace {

constexpr const char* kOfflinePrompt =
    "Write a short NOTES.md for this project, then run its greeting script.\n"
    "write: NOTES.md :: # Notes\\nA tiny demo project: README.md and a greeting script.\n"
    "run: ls -la && sh hello.sh\n"
    "say: Wrote NOTES.md and ran hello.sh, which greets the project by name.\n";

constexpr const char* kRealPrompt =
    "Run `ls -la` and `sh hello.sh` in this directory, then write a two-line NOTES.md describing "
    "the project, and reply with a one-sentence summary.";

[[noreturn]] void die(const std::string& message) {
  std::cerr << "demo: " << message << "\n";
  std::exit(1);
}

template <typename T>
T must(agenthub::Result<T> result, const std::string& what) {
  if (!result.ok()) die(what + ": " + result.error().message);
  return std::move(result).value();
}

void must(const agenthub::Status& status, const std::string& what) {
  if (!status.ok()) die(what + ": " + status.error().message);
}

std::string first_lines(const std::string& text, int lines) {
  std::string out;
  int count = 0;
  for (char c : text) {
    if (c == '\n' && ++count >= lines) break;
    out += c;
  }
  return out;
}

// Continuation lines line up under the event's text column.
std::string indent(const std::string& text) {
  const std::string pad(25, ' ');
  std::string out = pad;
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

// One line (sometimes a few) per event: what a person watching the run wants to see.
void print_event(const Json& event) {
  const std::string type = event.value("type", "");
  const Json& data = event.contains("data") ? event["data"] : Json::object();
  std::printf("  [%3lld] %-16s ", static_cast<long long>(event.value("seq", 0LL)), type.c_str());
  if (type == "run_started") {
    std::printf("%s/%s in %s\n", agenthub::json_string(data, "backend").c_str(),
                agenthub::json_string(data, "role").c_str(),
                agenthub::json_string(data, "cwd").c_str());
  } else if (type == "status_changed") {
    std::printf("%s -> %s", agenthub::json_string(data, "previous_status", "?").c_str(),
                agenthub::json_string(data, "status").c_str());
    const std::string session = agenthub::json_string(data, "backend_session_id");
    std::printf("%s\n", session.empty() ? "" : (" (CLI session " + session + ")").c_str());
  } else if (type == "command_started") {
    std::printf("$ %s\n", agenthub::json_string(data, "command").c_str());
  } else if (type == "command_finished") {
    const Json* code = agenthub::json_find(data, "exit_code");
    std::printf("exit %s\n", code != nullptr ? code->dump().c_str() : "?");
    std::string output = agenthub::json_string(data, "aggregated_output");
    if (!output.empty()) std::printf("%s\n", indent(first_lines(output, 6)).c_str());
  } else if (type == "agent_message" || type == "reasoning") {
    std::printf("%s\n",
                indent(first_lines(agenthub::json_string(data, "text"), 4)).substr(25).c_str());
  } else if (type == "run_completed") {
    std::printf(
        "%s\n",
        indent(first_lines(agenthub::json_string(data, "final_response"), 4)).substr(25).c_str());
  } else if (type == "file_changed") {
    std::string files;
    if (const Json* changes = agenthub::json_find(data, "changes");
        changes && changes->is_array()) {
      for (const auto& change : *changes) {
        files += agenthub::json_string(change, "kind", "change") + " " +
                 agenthub::json_string(change, "path") + "  ";
      }
    }
    std::printf("%s\n",
                files.empty() ? agenthub::json_string(data, "file_path").c_str() : files.c_str());
  } else if (type == "run_failed") {
    std::printf("%s\n", agenthub::json_string(data, "error").c_str());
  } else {
    std::string compact = agenthub::dump_json(data);
    if (compact.size() > 160) compact = compact.substr(0, 157) + "...";
    std::printf("%s\n", compact.c_str());
  }
  std::fflush(stdout);
}

// Starts the mock model server and returns it with its base URL.
std::unique_ptr<agenthub::agents::Process> start_mock(const fsys::path& bin, const fsys::path& log,
                                                      std::string& url) {
  agenthub::agents::SpawnOptions options;
  options.argv = {(bin / "mock-model-server").string(), "--port", "0", "--log", log.string()};
  options.on_stderr_line = [](std::string_view) {};
  auto process = must(agenthub::agents::Process::spawn(std::move(options)), "mock-model-server");
  agenthub::agents::JsonlReader reader(process->stdout_source());
  auto ready = reader.next();
  if (!ready || ready->kind != agenthub::agents::JsonlItem::Kind::kObject) {
    die("mock-model-server did not start: " + process->stderr_tail());
  }
  url = agenthub::json_string(ready->value, "url");
  return process;
}

fsys::path make_temp_dir() {
  std::string pattern = (fsys::temp_directory_path() / "agenthub-demo-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) die("cannot create a temporary directory");
  return pattern;
}

}  // namespace

int main(int argc, char** argv) {
  bool real = false;
  bool keep = false;
  if (const char* env = std::getenv("AGENTHUB_DEMO_REAL"); env != nullptr && *env == '1') {
    real = true;
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--real") {
      real = true;
    } else if (arg == "--keep") {
      keep = true;
    } else {
      std::printf(
          "usage: agenthub-demo [--real] [--keep]\n"
          "  Runs one Codex agent through orchestration-mcp and shows its events and result.\n"
          "  --real  use your own Codex login/config instead of the offline mock model\n"
          "          (same as AGENTHUB_DEMO_REAL=1)\n"
          "  --keep  keep the temporary project directory afterwards\n");
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }

  const fsys::path bin = fsys::read_symlink("/proc/self/exe").parent_path();
  const fsys::path work = make_temp_dir();
  const fsys::path project = work / "project";
  must(agenthub::ensure_dir(project, 0755), "create project");
  must(agenthub::write_file_atomic(project / "README.md",
                                   "# hello\nA tiny project for the agenthub demo.\n", 0644),
       "write README.md");
  must(agenthub::write_file_atomic(project / "hello.sh", "echo \"hello from $(basename $PWD)\"\n",
                                   0644),
       "write hello.sh");

  agenthub::agents::EnvList set;
  std::unique_ptr<agenthub::agents::Process> mock;
  if (!real) {
    std::string url;
    mock = start_mock(bin, work / "mock-requests.jsonl", url);
    const fsys::path codex_home = work / "codex-home";
    must(agenthub::ensure_dir(codex_home), "create CODEX_HOME");
    must(agenthub::write_file_atomic(codex_home / "config.toml",
                                     "model_provider = \"mock\"\n"
                                     "model = \"gpt-5.5\"\n\n"
                                     "[model_providers.mock]\n"
                                     "name = \"Mock\"\n"
                                     "base_url = \"" +
                                         url +
                                         "/v1\"\n"
                                         "wire_api = \"responses\"\n"
                                         "env_key = \"MOCK_API_KEY\"\n"
                                         "supports_websockets = false\n"
                                         "request_max_retries = 0\n"
                                         "stream_max_retries = 0\n"),
         "write config.toml");
    must(agenthub::ensure_dir(work / "home"), "create HOME");
    set = {"CODEX_HOME=" + codex_home.string(), "MOCK_API_KEY=x",
           "HOME=" + (work / "home").string()};
  }
  // The Codex CLI: $CODEX_BIN, else the pinned one from the test peers, else PATH.
  if (std::getenv("CODEX_BIN") == nullptr) {
    const fsys::path pinned =
        fsys::path(AGENTHUB_SOURCE_DIR) / "tests" / "interop" / "node_modules" / ".bin" / "codex";
    if (::access(pinned.c_str(), X_OK) == 0) set.push_back("CODEX_BIN=" + pinned.string());
  }

  std::printf("agenthub demo (%s)\n", real ? "real model: your Codex configuration"
                                           : "offline: the Codex CLI against a mock model");
  std::printf("  project: %s\n\n", project.c_str());
  auto client = must(agenthub::mcp::StdioClient::start({(bin / "orchestration-mcp").string(),
                                                        "--state-dir", (work / "state").string()},
                                                       agenthub::agents::inherited_env({}, set)),
                     "start orchestration-mcp");

  Json spawn =
      must(client->call_tool("spawn_run", {{"backend", "codex"},
                                           {"role", "worker"},
                                           {"cwd", project.string()},
                                           {"session_mode", "new"},
                                           {"prompt", real ? kRealPrompt : kOfflinePrompt}}),
           "spawn_run");
  if (spawn.value("isError", false)) die("spawn_run: " + spawn.dump());
  const std::string run_id = spawn["structuredContent"]["run_id"];
  std::printf("spawn_run -> run %s\n\npoll_events (streaming as they arrive):\n", run_id.c_str());

  long long after = 0;
  std::string status;
  for (;;) {
    Json poll =
        must(client->call_tool("poll_events",
                               {{"run_id", run_id}, {"after_seq", after}, {"wait_ms", 20000}}),
             "poll_events");
    if (poll.value("isError", false)) die("poll_events: " + poll.dump());
    const Json& result = poll["structuredContent"];
    for (const auto& event : result["events"]) print_event(event);
    after = result.value("next_after_seq", after);
    status = result.value("status", "");
    if (status == "completed" || status == "failed" || status == "cancelled" ||
        status == "rejected" || status == "input_required" || status == "auth_required") {
      if (result["events"].empty()) break;
    }
  }

  Json run = must(client->call_tool("get_run", {{"run_id", run_id}}), "get_run");
  std::printf("\nget_run -> status %s\n%s\n", status.c_str(),
              agenthub::dump_json_pretty(run["structuredContent"]["result"]).c_str());

  std::printf("\nfiles under %s/.nanobot-orchestrator:\n", project.c_str());
  const fsys::path storage = project / ".nanobot-orchestrator";
  std::error_code ec;
  for (auto it = fsys::recursive_directory_iterator(storage, ec);
       it != fsys::recursive_directory_iterator(); ++it) {
    if (!it->is_regular_file()) continue;
    std::printf("  %-72s %8ju bytes\n", fsys::relative(it->path(), project).c_str(),
                static_cast<std::uintmax_t>(it->file_size()));
  }
  client.reset();
  if (mock) mock->terminate();
  if (keep) {
    std::printf("\nkept %s\n", work.c_str());
  } else {
    fsys::remove_all(work, ec);
  }
  return status == "completed" ? 0 : 1;
}
