// A project directory as the old TypeScript tool left it (camelCase run.json, null result,
// its events and artifact manifests, never indexed) must be readable by run_id alone once the
// hub knows the project, and its artifacts must page.

#include <gtest/gtest.h>

#include "core/fs.h"
#include "core/ids.h"
#include "hub/event_log.h"
#include "hub/run_store.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

class OldToolDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fsys::path run = run_dir(project_, "legacy-run");
    ASSERT_TRUE(ensure_dir(run / "artifacts" / "000002-tool_finished").ok());
    Json record{{"runId", "legacy-run"},
                {"backend", "claude_code"},
                {"role", "reviewer"},
                {"sessionId", "legacy-session"},
                {"status", "completed"},
                {"cwd", project_.string()},
                {"prompt", "review it"},
                {"metadata", Json::object()},
                {"startedAt", "2025-06-01T10:00:00.000Z"},
                {"updatedAt", "2025-06-01T10:02:00.000Z"},
                {"completedAt", "2025-06-01T10:02:00.000Z"},
                {"lastSeq", 3},
                {"summary", "Reviewed"}};
    write(run / "run.json", dump_json_pretty(record));
    write(run / "result.json", "null\n");
    std::string stdout_text(9000, 'S');
    Json ref{{"field_path", "/stdout"}, {"relpath", "artifacts/000002-tool_finished/manifest.json"},
             {"mime", "text/plain"},    {"encoding", "utf-8"},
             {"total_bytes", 9000},     {"total_chars", 9000},
             {"chunk_count", 1},        {"truncated", true}};
    auto event = [](int seq, const char* type, Json data) {
      return dump_json(Json{{"seq", seq},
                            {"ts", "2025-06-01T10:00:0" + std::to_string(seq) + ".000Z"},
                            {"run_id", "legacy-run"},
                            {"session_id", "legacy-session"},
                            {"backend", "claude_code"},
                            {"type", type},
                            {"data", data}});
    };
    write(run / "events.jsonl",
          event(1, "run_started", Json{{"status", "running"}}) + "\n" +
              event(2, "tool_finished",
                    Json{{"tool", "Bash"},
                         {"stdout", std::string(4000, 'S') + "\n...[truncated, see artifact_refs]"},
                         {"artifact_refs", {{"/stdout", ref}}}}) +
              "\n" + event(3, "run_completed", Json{{"final_response", "looks good"}}) + "\n");
    Json field = ref;
    field["chunks"] = Json::array({{{"file", "stdout.0001.txt"}, {"bytes", 9000}}});
    write(run / "artifacts/000002-tool_finished/manifest.json",
          dump_json_pretty(
              Json{{"seq", 2}, {"event_type", "tool_finished"}, {"fields", {{"/stdout", field}}}}));
    write(run / "artifacts/000002-tool_finished/stdout.0001.txt", stdout_text);
    write(session_file(project_, "legacy-session"),
          dump_json_pretty(Json{{"sessionId", "legacy-session"},
                                {"backend", "claude_code"},
                                {"cwd", project_.string()},
                                {"backendSessionId", "claude-abc"},
                                {"createdAt", "2025-06-01T10:00:00.000Z"},
                                {"updatedAt", "2025-06-01T10:02:00.000Z"}}));
  }

  void TearDown() override {
    std::error_code ec;
    fsys::remove_all(root_, ec);
  }

  static void write(const fsys::path& path, const std::string& text) {
    ASSERT_TRUE(ensure_dir(path.parent_path()).ok());
    ASSERT_TRUE(write_file_atomic(path, text).ok());
  }

  fsys::path root_ = fsys::temp_directory_path() / ("agenthub-legacy-" + random_hex(8));
  fsys::path project_ = root_ / "project";
  RunStore store_{RunIndex(root_ / "state" / "run-index")};
};

TEST_F(OldToolDataTest, ListingAProjectIndexesItsRunsForLookupById) {
  EXPECT_EQ(store_.find_run("legacy-run").error().code, ErrorCode::kNotFound);
  auto runs = store_.list_runs(project_);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  RunStore restarted{RunIndex(root_ / "state" / "run-index")};
  auto found = restarted.find_run("legacy-run");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(found->status, RunStatus::kCompleted);
  EXPECT_EQ(found->role, Role::kReviewer);
  EXPECT_EQ(found->last_seq, 3);
  EXPECT_FALSE(restarted.load_result(project_, "legacy-run")->has_value());
  auto session = restarted.load_session(project_, "legacy-session");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(session->has_value());
  EXPECT_EQ((*session)->backend_session_id, "claude-abc");
}

TEST_F(OldToolDataTest, EventsAndArtifactsReadBackAndTheLogContinues) {
  auto log = EventLog::open(run_dir(project_, "legacy-run"));
  ASSERT_TRUE(log.ok()) << log.error().to_string();
  EXPECT_EQ((*log)->last_seq(), 3);
  auto events = (*log)->read_after(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[2].data["final_response"], "looks good");
  auto page = (*log)->read_artifact(2, "/stdout", 8990, 100);
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  EXPECT_EQ(page->content, std::string(10, 'S'));
  EXPECT_FALSE(page->has_more);
  EXPECT_EQ((*log)->append(RunEvent{})->seq, 4);
}

}  // namespace
}  // namespace agenthub::hub
