#include "hub_fixture.h"

#include <cstdlib>

#include "core/fs.h"
#include "core/ids.h"
#include "core/logging.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;

// HOME and XDG_STATE_HOME point into a private directory for the whole binary, set before any
// test (or thread) starts, so nothing here can touch the real user's state. Logging is set up
// then too, as the executables do first thing: spdlog's registry is built before any thread
// logs (lazily built from a worker thread, ThreadSanitizer cannot see it is safe).
class PrivateHome : public ::testing::Environment {
 public:
  void SetUp() override {
    init_logging("hub_integration_tests");
    setenv("HOME", (dir_.path() / "home").c_str(), 1);
    setenv("XDG_STATE_HOME", (dir_.path() / "state").c_str(), 1);
    (void)ensure_dir(dir_.path() / "home");
    (void)ensure_dir(dir_.path() / "state");
  }

 private:
  ScratchDir dir_{"agenthub-hub-it-home"};
};

[[maybe_unused]] ::testing::Environment* const kPrivateHome =
    ::testing::AddGlobalTestEnvironment(new PrivateHome);

bool is_terminal_status(std::string_view s) {
  return s == "completed" || s == "failed" || s == "cancelled" || s == "rejected";
}

}  // namespace

ScratchDir::ScratchDir(std::string_view prefix)
    : path_(fsys::weakly_canonical(fsys::temp_directory_path()) /
            (std::string(prefix) + "-" + random_hex(8))) {
  (void)ensure_dir(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fsys::remove_all(path_, ec);
}

Json read_json_file(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text.ok()) {
    ADD_FAILURE() << "cannot read " << path << ": " << text.error().message;
    return nullptr;
  }
  auto json = parse_json(*text);
  if (!json.ok()) {
    ADD_FAILURE() << path << " is not JSON";
    return nullptr;
  }
  return *json;
}

Json ok_json(const Result<Json>& result, std::string_view what) {
  if (!result.ok()) {
    ADD_FAILURE() << what << " failed: " << result.error().message;
    return nullptr;
  }
  return *result;
}

std::vector<std::string> types_of(const std::vector<Json>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.value("type", ""));
  return out;
}

int terminal_event_count(const std::vector<Json>& events) {
  int n = 0;
  for (const auto& e : events) {
    const std::string type = e.value("type", "");
    const bool cancelled = type == "status_changed" && e["data"].value("status", "") == "cancelled";
    if (type == "run_completed" || type == "run_failed" || type == "rejected" || cancelled) ++n;
  }
  return n;
}

bool contiguous_from_one(const std::vector<Json>& events) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].value("seq", std::int64_t{-1}) != static_cast<std::int64_t>(i + 1)) return false;
  }
  return true;
}

HubTest::HubTest() : cwd_(root_.path() / "project"), index_dir_(root_.path() / "run-index") {
  (void)ensure_dir(cwd_);
  start_manager(options());
}

HubTest::~HubTest() { manager_.reset(); }

void HubTest::TearDown() { manager_.reset(); }

RunManagerOptions HubTest::options() const {
  RunManagerOptions options;
  options.run_index_dir = index_dir_;
  return options;
}

void HubTest::start_manager(RunManagerOptions options) {
  manager_.reset();
  auto created = RunManager::create(std::move(options));
  ASSERT_TRUE(created.ok()) << created.error().message;
  manager_ = std::move(created).value();
}

std::string HubTest::wait_task_id(const std::string& run_id) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  std::int64_t after = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    Json run = get_run(run_id);
    const Json& ref = run.contains("remote_ref") ? run["remote_ref"] : Json();
    if (ref.is_object() && ref.contains("task_id") && ref["task_id"].is_string() &&
        !ref["task_id"].get<std::string>().empty()) {
      return ref["task_id"].get<std::string>();
    }
    // The next event (or a second without one) is the moment to look again.
    PollEventsRequest poll;
    poll.run_id = run_id;
    poll.after_seq = after;
    poll.wait_ms = 1000;
    Json page = ok_json(manager_->poll_events(poll), "poll_events");
    if (page.is_null()) return "";
    after = page["next_after_seq"].get<std::int64_t>();
  }
  ADD_FAILURE() << "run " << run_id << " never reached its agent";
  return "";
}

void HubTest::restart() { start_manager(options()); }

SpawnRunRequest HubTest::local(const std::string& backend, std::string prompt) const {
  SpawnRunRequest r;
  r.backend = backend;
  r.role = "worker";
  r.prompt = std::move(prompt);
  r.cwd = cwd_.string();
  r.session_mode = "new";
  return r;
}

SpawnRunRequest HubTest::remote(std::string prompt, const std::string& agent_url,
                                Json backend_config) const {
  SpawnRunRequest r = local("remote_a2a", std::move(prompt));
  backend_config["agent_url"] = agent_url;
  r.backend_config = std::move(backend_config);
  return r;
}

std::string HubTest::spawn(const SpawnRunRequest& request) {
  Json answer = ok_json(manager_->spawn_run(request), "spawn_run");
  if (!answer.is_object()) return "";
  EXPECT_TRUE(answer.contains("session_id"));
  return answer.value("run_id", "");
}

std::string HubTest::spawn_prompt(std::string prompt, const std::string& agent_url,
                                  Json backend_config) {
  return spawn(remote(std::move(prompt), agent_url, std::move(backend_config)));
}

std::string HubTest::wait_for(const std::string& run_id,
                              std::initializer_list<std::string_view> statuses) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  std::int64_t after = 0;
  std::string status;
  while (std::chrono::steady_clock::now() < deadline) {
    PollEventsRequest poll;
    poll.run_id = run_id;
    poll.after_seq = after;
    poll.limit = 1000;
    poll.wait_ms = 2000;
    auto page = manager_->poll_events(poll);
    if (!page.ok()) {
      ADD_FAILURE() << "poll_events " << run_id << ": " << page.error().message;
      return "";
    }
    after = (*page)["next_after_seq"].get<std::int64_t>();
    status = (*page)["status"].get<std::string>();
    for (auto wanted : statuses) {
      if (status == wanted) return status;
    }
    if (is_terminal_status(status)) break;  // will never change again
  }
  std::string wanted_list;
  for (auto wanted : statuses) wanted_list += std::string(wanted) + " ";
  ADD_FAILURE() << "run " << run_id << " is " << status << ", expected one of " << wanted_list;
  return status;
}

std::string HubTest::wait_terminal(const std::string& run_id) {
  return wait_for(run_id, {"completed", "failed", "cancelled", "rejected"});
}

Json HubTest::wait_event(const std::string& run_id, std::string_view type) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  std::int64_t after = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    PollEventsRequest poll;
    poll.run_id = run_id;
    poll.after_seq = after;
    poll.limit = 1000;
    poll.wait_ms = 2000;
    Json page = ok_json(manager_->poll_events(poll), "poll_events");
    if (!page.is_object()) break;
    for (const auto& e : page["events"]) {
      if (e["type"] == type) return e;
    }
    after = page["next_after_seq"].get<std::int64_t>();
    if (is_terminal_status(page["status"].get<std::string>()) && page["events"].empty()) break;
  }
  ADD_FAILURE() << "no " << type << " event in run " << run_id;
  return nullptr;
}

std::vector<Json> HubTest::events(const std::string& run_id) {
  std::vector<Json> out;
  std::int64_t after = 0;
  for (;;) {
    PollEventsRequest poll;
    poll.run_id = run_id;
    poll.after_seq = after;
    poll.limit = 1000;
    poll.wait_ms = 0;
    Json page = ok_json(manager_->poll_events(poll), "poll_events");
    if (!page.is_object() || page["events"].empty()) return out;
    for (auto& e : page["events"]) out.push_back(e);
    after = page["next_after_seq"].get<std::int64_t>();
  }
}

Json HubTest::get_run(const std::string& run_id) {
  return ok_json(manager_->get_run(run_id), "get_run");
}

}  // namespace agenthub::hub::testing
