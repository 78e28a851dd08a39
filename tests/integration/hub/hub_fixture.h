#pragma once

// A RunManager over private temporary directories (run index, project cwd, HOME and
// XDG_STATE_HOME), plus helpers to spawn remote_a2a runs and follow them through poll_events
// with generous deadlines (never a sleep).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent_process.h"
#include "hub/run_manager.h"

namespace agenthub::hub::testing {

inline constexpr std::chrono::seconds kDeadline{90};

// A fresh directory under the system temp dir, removed with everything in it.
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class HubTest : public ::testing::Test {
 protected:
  HubTest();
  ~HubTest() override;
  // The manager goes before the agents a test started: its idle keep-alive connections would
  // otherwise hold up their shutdown.
  void TearDown() override;

  [[nodiscard]] RunManagerOptions options() const;
  // (Re)creates manager_ with these options; the old manager is destroyed first.
  void start_manager(RunManagerOptions options);
  // Destroys the manager and starts a new one on the same run index: a hub restart.
  void restart();

  // A worker request for `backend` working in cwd_, in a new session (local backends need no
  // more; remote() adds the agent).
  [[nodiscard]] SpawnRunRequest local(const std::string& backend, std::string prompt) const;
  // A remote_a2a request for `agent_url` working in cwd_.
  [[nodiscard]] SpawnRunRequest remote(std::string prompt, const std::string& agent_url,
                                       Json backend_config = Json::object()) const;
  // spawn_run that must succeed; returns the run_id ("" after a recorded failure).
  std::string spawn(const SpawnRunRequest& request);
  std::string spawn_prompt(std::string prompt, const std::string& agent_url,
                           Json backend_config = Json::object());

  // Polls until the run's status is one of `statuses` (fails the test after kDeadline).
  std::string wait_for(const std::string& run_id, std::initializer_list<std::string_view> statuses);
  // Polls until the run is terminal; returns its final status.
  std::string wait_terminal(const std::string& run_id);
  // Polls until an event of `type` is visible; returns it (null after a recorded failure).
  Json wait_event(const std::string& run_id, std::string_view type);
  // Waits until the run's task exists on its agent (remote_ref.task_id); returns the task id
  // ("" after a recorded failure).
  std::string wait_task_id(const std::string& run_id);
  // Every event of the run so far (after_seq 0, no waiting).
  std::vector<Json> events(const std::string& run_id);
  Json get_run(const std::string& run_id);

  ScratchDir root_{"agenthub-hub-it"};
  std::filesystem::path cwd_;
  std::filesystem::path index_dir_;
  std::unique_ptr<RunManager> manager_;
};

// A JSON file's content, or a recorded failure and null.
Json read_json_file(const std::filesystem::path& path);

// The value of an ok Result, or a recorded failure and null.
Json ok_json(const Result<Json>& result, std::string_view what);

// Types of `events` in order.
std::vector<std::string> types_of(const std::vector<Json>& events);
// Events that end a run: run_completed, run_failed, rejected, status_changed to cancelled.
int terminal_event_count(const std::vector<Json>& events);
// Seqs are 1, 2, ..., n.
bool contiguous_from_one(const std::vector<Json>& events);

}  // namespace agenthub::hub::testing
