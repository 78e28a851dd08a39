#include "hub/run_record.h"

#include <gtest/gtest.h>

#include "hub/run_event.h"
#include "hub/secret_redaction.h"
#include "hub/session_record.h"

namespace agenthub::hub {
namespace {

RunRecord sample_record() {
  RunRecord r;
  r.run_id = "0193a0b2-7c1d-7e3f-8a4b-1c2d3e4f5a6b";
  r.backend = Backend::kRemoteA2a;
  r.role = Role::kWorker;
  r.session_id = "session-1";
  r.status = RunStatus::kCompleted;
  r.cwd = "/work/project";
  r.prompt = "fix the bug";
  r.profile = "/work/profile/reviewer.md";
  r.metadata = Json{{"ticket", 42}};
  r.remote_ref = RemoteRef{"a2a",   "conv",          "task-9", "ctx-1", "http://127.0.0.1:9000",
                           "codex", Json{{"k", "v"}}};
  r.started_at = "2026-11-28T03:00:00.000Z";
  r.updated_at = "2026-11-28T03:05:00.000Z";
  r.completed_at = "2026-11-28T03:05:00.000Z";
  r.last_seq = 17;
  r.summary = "Fixed it";
  r.result = RunResult{"done", Json{{"status", "ok"}}, Json{{"input_tokens", 10}}, Json::array()};
  r.output_schema = Json{{"type", "object"}};
  r.backend_config = Json{{"agent_url", "http://127.0.0.1:9000"},
                          {"headers", {{"Authorization", "Bearer s3cret"}, {"X-Key", "k"}}},
                          {"auth_token", "t0ken"}};
  return r;
}

TEST(RunRecord, RoundTripsEveryField) {
  RunRecord r = sample_record();
  Json encoded = encode(r);
  auto decoded = decode_run_record(encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(encode(*decoded), encoded);
  EXPECT_EQ(encoded["status"], "completed");
  EXPECT_EQ(encoded["backend"], "remote_a2a");
  EXPECT_EQ(encoded["remote_ref"]["context_id"], "ctx-1");
  EXPECT_EQ(encoded["result"]["final_response"], "done");
  EXPECT_EQ(encoded["result"]["structured_output"]["status"], "ok");
  EXPECT_EQ(encoded["last_seq"], 17);
  EXPECT_TRUE(encoded["error"].is_null());
  EXPECT_TRUE(encoded["cancelled_at"].is_null());
}

TEST(RunRecord, EncodingRedactsSecrets) {
  Json encoded = encode(sample_record());
  std::string text = dump_json(encoded);
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
  EXPECT_EQ(text.find("t0ken"), std::string::npos);
  EXPECT_EQ(encoded["backend_config"]["headers"]["Authorization"], "[redacted]");
  EXPECT_EQ(encoded["backend_config"]["headers"]["X-Key"], "[redacted]");
  EXPECT_EQ(encoded["backend_config"]["auth_token"], "[redacted]");
  EXPECT_EQ(encoded["backend_config"]["agent_url"], "http://127.0.0.1:9000");
  // Read back, the record knows its secrets are gone.
  EXPECT_TRUE(has_redacted_secrets(decode_run_record(encoded)->backend_config));
  EXPECT_FALSE(has_redacted_secrets(sample_record().backend_config));
}

TEST(RunRecord, RedactionLeavesOtherConfigsAlone) {
  EXPECT_EQ(redact_backend_config(Json()), Json());
  Json plain{{"agent_url", "u"}, {"history_length", 3}};
  EXPECT_EQ(redact_backend_config(plain), plain);
  Json odd{{"headers", "Bearer x"}, {"authToken", "y"}, {"auth_token", nullptr}};
  Json redacted = redact_backend_config(odd);
  EXPECT_EQ(redacted["headers"], "[redacted]");
  EXPECT_EQ(redacted["authToken"], "[redacted]");
  EXPECT_TRUE(redacted["auth_token"].is_null());
}

TEST(RunRecord, ReadsTheOldToolsCamelCaseFilesAndKeepsUnknownFields) {
  Json old{{"runId", "run-old"},
           {"backend", "codex"},
           {"role", "planner"},
           {"sessionId", "s-old"},
           {"status", "running"},
           {"cwd", "/p"},
           {"prompt", "plan it"},
           {"metadata", {{"a", 1}}},
           {"remoteRef", {{"contextId", "c"}, {"agentUrl", "http://x"}, {"extraRef", true}}},
           {"startedAt", "2026-01-01T00:00:00.000Z"},
           {"updatedAt", "2026-01-01T00:01:00.000Z"},
           {"lastSeq", 4},
           {"summary", "Planning"},
           {"error", "simulated failure"},
           {"someFutureField", {{"x", 1}}}};
  auto r = decode_run_record(old);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->run_id, "run-old");
  EXPECT_EQ(r->backend, Backend::kCodex);
  EXPECT_EQ(r->role, Role::kPlanner);
  EXPECT_EQ(r->session_id, "s-old");
  EXPECT_EQ(r->status, RunStatus::kRunning);
  EXPECT_EQ(r->last_seq, 4);
  EXPECT_EQ(r->started_at, "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(r->error, "simulated failure");
  ASSERT_TRUE(r->remote_ref.has_value());
  EXPECT_EQ(r->remote_ref->context_id, "c");
  EXPECT_EQ(r->remote_ref->agent_url, "http://x");
  Json again = encode(*r);
  EXPECT_EQ(again["run_id"], "run-old");
  EXPECT_EQ(again["someFutureField"], (Json{{"x", 1}}));
  EXPECT_EQ(again["remote_ref"]["extraRef"], true);
  EXPECT_FALSE(again.contains("runId"));  // rewritten in our spelling, not duplicated
  EXPECT_FALSE(again.contains("lastSeq"));
}

TEST(RunRecord, DefaultsMissingFieldsAndKeepsUnknownEnumSpellings) {
  auto r = decode_run_record(Json{{"run_id", "r"},
                                  {"status", "paused"},
                                  {"backend", "gemini"},
                                  {"last_seq", "not a number"},
                                  {"metadata", "oops"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, RunStatus::kUnknown);
  EXPECT_EQ(r->last_seq, 0);
  EXPECT_TRUE(r->metadata.is_object());
  EXPECT_FALSE(r->remote_ref.has_value());
  EXPECT_FALSE(r->result.has_value());
  Json again = encode(*r);
  EXPECT_EQ(again["status"], "paused");
  EXPECT_EQ(again["backend"], "gemini");
  EXPECT_EQ(summarize(*r).status, "paused");
}

TEST(RunRecord, RejectsWhatIsNotARun) {
  EXPECT_FALSE(decode_run_record(Json::array()).ok());
  EXPECT_FALSE(decode_run_record(Json{{"status", "running"}}).ok());
}

TEST(RunRecord, ErrorObjectsBecomeTheirMessage) {
  auto r = decode_run_record(Json{{"run_id", "r"}, {"error", {{"message", "boom"}, {"code", 1}}}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->error, "boom");
}

TEST(RunSummary, HasTheGetRunShapeIncludingResultAndError) {
  RunRecord r = sample_record();
  r.error = "late warning";
  Json s = encode(summarize(r));
  for (const char* key :
       {"run_id", "backend", "role", "session_id", "status", "started_at", "updated_at", "summary",
        "last_seq", "cwd", "metadata", "remote_ref", "result", "error"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  EXPECT_EQ(s.size(), 14u);
  EXPECT_EQ(s["result"]["final_response"], "done");
  EXPECT_EQ(s["error"], "late warning");
  EXPECT_FALSE(s.contains("backend_config"));
  RunRecord bare;
  bare.run_id = "r";
  Json b = encode(summarize(bare));
  EXPECT_TRUE(b["result"].is_null());
  EXPECT_TRUE(b["error"].is_null());
  EXPECT_TRUE(b["remote_ref"].is_null());
}

TEST(RunResult, AcceptsOldSpellings) {
  RunResult r = decode_run_result(
      Json{{"finalResponse", "done"}, {"structuredOutput", {{"status", "ok"}}}, {"cost", 1}});
  EXPECT_EQ(r.final_response, "done");
  EXPECT_EQ(r.structured_output["status"], "ok");
  EXPECT_TRUE(r.artifacts.is_array());
  Json again = encode(r);
  EXPECT_EQ(again["final_response"], "done");
  EXPECT_EQ(again["cost"], 1);
  EXPECT_FALSE(again.contains("finalResponse"));
}

TEST(SessionRecord, RoundTripsAndReadsCamelCase) {
  SessionRecord s;
  s.session_id = "s1";
  s.backend = Backend::kClaudeCode;
  s.cwd = "/p";
  s.backend_session_id = "claude-session";
  s.created_at = "a";
  s.updated_at = "b";
  Json encoded = encode(s);
  EXPECT_EQ(encode(*decode_session_record(encoded)), encoded);
  EXPECT_EQ(encoded["backend"], "claude_code");
  EXPECT_TRUE(encoded["remote_ref"].is_null());

  auto old = decode_session_record(Json{{"sessionId", "s2"},
                                        {"backend", "codex"},
                                        {"backendSessionId", "thread-1"},
                                        {"cwd", "/p"},
                                        {"createdAt", "c"}});
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->backend_session_id, "thread-1");
  EXPECT_EQ(old->created_at, "c");
  EXPECT_FALSE(decode_session_record(Json{{"backend", "codex"}}).ok());
}

TEST(RunEvent, RoundTripsAndToleratesOddInput) {
  RunEvent e;
  e.seq = 3;
  e.ts = "t";
  e.run_id = "r";
  e.session_id = "s";
  e.backend = Backend::kCodex;
  e.type = EventType::kCommandFinished;
  e.data = Json{{"exit_code", 0}};
  Json encoded = encode(e);
  EXPECT_EQ(encoded, (Json{{"seq", 3},
                           {"ts", "t"},
                           {"run_id", "r"},
                           {"session_id", "s"},
                           {"backend", "codex"},
                           {"type", "command_finished"},
                           {"data", {{"exit_code", 0}}}}));
  EXPECT_EQ(encode(*decode_run_event(encoded)), encoded);
  EXPECT_FALSE(decode_run_event(Json{{"type", "x"}}).ok());
  auto odd = decode_run_event(Json{{"seq", 1}, {"data", "text"}});
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->data, (Json{{"value", "text"}}));
}

}  // namespace
}  // namespace agenthub::hub
