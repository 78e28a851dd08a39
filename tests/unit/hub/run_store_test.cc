#include "hub/run_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "core/fs.h"
#include "hub/storage_layout.h"
#include "temp_dir.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

class RunStoreTest : public ::testing::Test {
 protected:
  RunRecord make_run(const std::string& run_id, const fsys::path& cwd,
                     const std::string& started_at = "2026-11-28T03:00:00.000Z") {
    RunRecord r;
    r.run_id = run_id;
    r.backend = Backend::kRemoteA2a;
    r.role = Role::kWorker;
    r.session_id = "session-1";
    r.status = RunStatus::kRunning;
    r.cwd = cwd.string();
    r.prompt = "do it";
    r.started_at = started_at;
    r.updated_at = started_at;
    r.backend_config = Json{{"agent_url", "http://127.0.0.1:1"},
                            {"headers", {{"Authorization", "Bearer s3cret"}}},
                            {"auth_token", "t0ken"}};
    return r;
  }

  testing::TempDir tmp_;
  fsys::path cwd_ = tmp_.path() / "project";
  fsys::path index_dir_ = tmp_.path() / "state" / "run-index";
  RunStore store_{RunIndex(index_dir_)};
};

TEST_F(RunStoreTest, SavesAndLoadsARunInTheOldLayout) {
  ASSERT_TRUE(store_.save_run(make_run("run-a", cwd_)).ok());
  fsys::path file = cwd_ / ".nanobot-orchestrator" / "runs" / "run-a" / "run.json";
  ASSERT_TRUE(fsys::exists(file));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(file.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto loaded = store_.load_run(cwd_, "run-a");
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  EXPECT_EQ(loaded->status, RunStatus::kRunning);
  EXPECT_EQ(loaded->cwd, cwd_.string());
  EXPECT_EQ(store_.load_run(cwd_, "run-b").error().code, ErrorCode::kNotFound);
}

TEST_F(RunStoreTest, StoredBackendConfigHasSecretsRedacted) {
  ASSERT_TRUE(store_.save_run(make_run("run-a", cwd_)).ok());
  std::string text = *read_file(run_dir(cwd_, "run-a") / "run.json");
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
  EXPECT_EQ(text.find("t0ken"), std::string::npos);
  EXPECT_NE(text.find("[redacted]"), std::string::npos);
  EXPECT_NE(text.find("http://127.0.0.1:1"), std::string::npos);
}

TEST_F(RunStoreTest, FindsARunByIdAloneAfterARestart) {
  fsys::path other = tmp_.path() / "other";
  ASSERT_TRUE(store_.save_run(make_run("run-a", cwd_)).ok());
  ASSERT_TRUE(store_.save_run(make_run("run-b", other)).ok());
  RunStore restarted{RunIndex(index_dir_)};
  auto a = restarted.find_run("run-a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->cwd, cwd_.string());
  auto b = restarted.find_run("run-b");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->cwd, other.string());
  EXPECT_EQ(restarted.find_run("run-zzz").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(restarted.find_run("../escape").error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(fsys::exists(index_dir_ / "run-a.json"));
}

TEST_F(RunStoreTest, FindsUnindexedOldRunsInKnownDirectoriesAndIndexesThem) {
  ASSERT_TRUE(store_.save_run(make_run("run-a", cwd_)).ok());
  // A run the old tool wrote next to it, never indexed.
  fsys::path old_dir = run_dir(cwd_, "old-run");
  ASSERT_TRUE(ensure_dir(old_dir).ok());
  ASSERT_TRUE(write_file_atomic(old_dir / "run.json",
                                R"({"runId":"old-run","backend":"codex","role":"worker",)"
                                R"("sessionId":"s","status":"completed","cwd":")" +
                                    cwd_.string() + R"(","lastSeq":3})")
                  .ok());
  EXPECT_FALSE(store_.index().contains("old-run"));
  auto found = store_.find_run("old-run");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(found->last_seq, 3);
  EXPECT_TRUE(store_.index().contains("old-run"));
}

TEST_F(RunStoreTest, ListsRunsOfACwdOldestFirst) {
  ASSERT_TRUE(store_.save_run(make_run("run-late", cwd_, "2026-11-28T05:00:00.000Z")).ok());
  ASSERT_TRUE(store_.save_run(make_run("run-early", cwd_, "2026-11-28T01:00:00.000Z")).ok());
  ASSERT_TRUE(store_.save_run(make_run("run-elsewhere", tmp_.path() / "other")).ok());
  // Junk in the runs directory is skipped.
  ASSERT_TRUE(ensure_dir(runs_dir(cwd_) / "no-run-json").ok());
  ASSERT_TRUE(ensure_dir(runs_dir(cwd_) / "broken").ok());
  ASSERT_TRUE(write_file_atomic(runs_dir(cwd_) / "broken" / "run.json", "{not json").ok());
  auto runs = store_.list_runs(cwd_);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].run_id, "run-early");
  EXPECT_EQ((*runs)[1].run_id, "run-late");
  auto all = store_.list_all_runs();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
  EXPECT_TRUE(store_.list_runs(tmp_.path() / "nothing-here")->empty());
}

TEST_F(RunStoreTest, ResultsRoundTripAndOldNullResultsReadAsNone) {
  EXPECT_FALSE(store_.load_result(cwd_, "run-a")->has_value());
  RunResult result{"all done", Json{{"status", "ok"}}, Json{{"output_tokens", 5}},
                   Json::array({"report.md"})};
  ASSERT_TRUE(store_.save_result(cwd_, "run-a", result).ok());
  auto loaded = store_.load_result(cwd_, "run-a");
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ(encode(**loaded), encode(result));
  ASSERT_TRUE(write_file_atomic(run_dir(cwd_, "run-a") / "result.json", "null\n").ok());
  EXPECT_FALSE(store_.load_result(cwd_, "run-a")->has_value());
}

TEST_F(RunStoreTest, SessionsRoundTrip) {
  SessionRecord s;
  s.session_id = "session-1";
  s.backend = Backend::kRemoteA2a;
  s.cwd = cwd_.string();
  s.remote_ref = RemoteRef{};
  s.remote_ref->context_id = "ctx-1";
  s.remote_ref->agent_url = "http://127.0.0.1:1";
  s.created_at = "c";
  s.updated_at = "u";
  ASSERT_TRUE(store_.save_session(s).ok());
  EXPECT_TRUE(fsys::exists(cwd_ / ".nanobot-orchestrator" / "sessions" / "session-1.json"));
  auto loaded = store_.load_session(cwd_, "session-1");
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->remote_ref->context_id, "ctx-1");
  EXPECT_FALSE(store_.load_session(cwd_, "session-2")->has_value());
  EXPECT_EQ(store_.load_session(cwd_, "../../x").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(RunStoreTest, RefusesUnsafeIdsAndRelativeCwds) {
  EXPECT_EQ(store_.save_run(make_run("../evil", cwd_)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_.save_run(make_run("run-a", "relative/dir")).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(StorageLayout, ValidatesIds) {
  EXPECT_TRUE(validate_storage_id("run_id", "0193a0b2-7c1d-7e3f-8a4b-1c2d3e4f5a6b").ok());
  EXPECT_TRUE(validate_storage_id("run_id", "run_1.v2").ok());
  for (const char* bad : {"", ".", "..", ".hidden", "a/b", "a\\b", "a b", "x\n"}) {
    EXPECT_FALSE(validate_storage_id("run_id", bad).ok()) << bad;
  }
  EXPECT_FALSE(validate_storage_id("run_id", std::string(129, 'a')).ok());
}

TEST(RunIndexTest, DefaultDirFollowsXdgStateHome) {
  const char* saved_state = std::getenv("XDG_STATE_HOME");
  std::string saved = saved_state != nullptr ? saved_state : "";
  ::setenv("XDG_STATE_HOME", "/tmp/state-home", 1);
  EXPECT_EQ(*RunIndex::default_dir(), fsys::path("/tmp/state-home/agenthub/run-index"));
  ::setenv("XDG_STATE_HOME", "relative/ignored", 1);
  auto fallback = RunIndex::default_dir();
  if (std::getenv("HOME") != nullptr && fsys::path(std::getenv("HOME")).is_absolute()) {
    EXPECT_EQ(*fallback, fsys::path(std::getenv("HOME")) / ".local/state/agenthub/run-index");
  }
  if (saved_state != nullptr) {
    ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_STATE_HOME");
  }
}

TEST(RunIndexTest, PutFindListRemove) {
  testing::TempDir tmp;
  RunIndex index(tmp.path() / "idx");
  EXPECT_TRUE(index.list()->empty());
  ASSERT_TRUE(index.put("r1", "/a").ok());
  ASSERT_TRUE(index.put("r2", "/b").ok());
  ASSERT_TRUE(index.put("r3", "/a").ok());
  EXPECT_EQ(*index.find("r2"), fsys::path("/b"));
  EXPECT_EQ(index.list()->size(), 3u);
  EXPECT_EQ(*index.cwds(), (std::vector<fsys::path>{"/a", "/b"}));
  ASSERT_TRUE(index.remove("r2").ok());
  EXPECT_EQ(index.find("r2").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(index.remove("r2").ok());
  ASSERT_TRUE(write_file_atomic(tmp.path() / "idx" / "bad.json", "garbage").ok());
  EXPECT_EQ(index.list()->size(), 2u);
}

}  // namespace
}  // namespace agenthub::hub
