#include "hub/run_types.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace agenthub::hub {
namespace {

TEST(RunTypes, StatusNamesRoundTrip) {
  std::set<std::string> names;
  for (RunStatus s : all_run_statuses()) {
    names.insert(std::string(run_status_name(s)));
    EXPECT_EQ(parse_run_status(run_status_name(s)), s);
  }
  EXPECT_EQ(names, (std::set<std::string>{"queued", "running", "input_required", "auth_required",
                                          "completed", "failed", "cancelled", "rejected"}));
  EXPECT_EQ(parse_run_status("canceled"), RunStatus::kUnknown);
  EXPECT_EQ(parse_run_status("RUNNING"), RunStatus::kUnknown);
  EXPECT_EQ(run_status_name(RunStatus::kUnknown), "unknown");
}

TEST(RunTypes, TerminalAndWaitingStatuses) {
  std::set<RunStatus> terminal;
  std::set<RunStatus> waiting;
  for (RunStatus s : all_run_statuses()) {
    if (is_terminal(s)) terminal.insert(s);
    if (is_waiting_for_input(s)) waiting.insert(s);
  }
  EXPECT_EQ(terminal, (std::set<RunStatus>{RunStatus::kCompleted, RunStatus::kFailed,
                                           RunStatus::kCancelled, RunStatus::kRejected}));
  EXPECT_EQ(waiting, (std::set<RunStatus>{RunStatus::kInputRequired, RunStatus::kAuthRequired}));
  EXPECT_FALSE(is_terminal(RunStatus::kUnknown));
}

TEST(RunTypes, BackendsAndRoles) {
  EXPECT_EQ(all_backends().size(), 3u);
  EXPECT_EQ(parse_backend("claude_code"), Backend::kClaudeCode);
  EXPECT_EQ(parse_backend("remote_a2a"), Backend::kRemoteA2a);
  EXPECT_EQ(backend_name(Backend::kCodex), "codex");
  EXPECT_EQ(parse_backend("gemini"), Backend::kUnknown);
  EXPECT_EQ(all_roles().size(), 3u);
  EXPECT_EQ(parse_role("reviewer"), Role::kReviewer);
  EXPECT_EQ(role_name(Role::kPlanner), "planner");
}

TEST(RunTypes, EighteenEventTypesRoundTrip) {
  ASSERT_EQ(all_event_types().size(), 18u);
  std::set<std::string> names;
  for (EventType t : all_event_types()) {
    names.insert(std::string(event_type_name(t)));
    EXPECT_EQ(parse_event_type(event_type_name(t)), t);
  }
  EXPECT_EQ(names.size(), 18u);
  for (const char* name :
       {"run_started", "status_changed", "agent_message", "message_added", "reasoning",
        "command_started", "command_updated", "command_finished", "file_changed", "tool_started",
        "tool_finished", "artifact_added", "todo_updated", "input_required", "auth_required",
        "rejected", "run_completed", "run_failed"}) {
    EXPECT_TRUE(names.contains(name)) << name;
  }
}

}  // namespace
}  // namespace agenthub::hub
