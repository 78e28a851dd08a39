#include "hub/sanitizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/json_pointer.h"
#include "core/utf8.h"

namespace agenthub::hub {
namespace {

constexpr std::size_t kTarget = 16 * 1024;

RunEvent make_event(EventType type, Json data, std::int64_t seq = 7) {
  RunEvent e;
  e.seq = seq;
  e.ts = "2026-11-28T03:24:38.123Z";
  e.run_id = "0193a0b2-7c1d-7e3f-8a4b-1c2d3e4f5a6b";
  e.session_id = "session-1";
  e.backend = Backend::kCodex;
  e.type = type;
  e.data = std::move(data);
  return e;
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

const ArtifactWrite* find_artifact(const SanitizedEvent& s, std::string_view pointer) {
  for (const auto& a : s.artifacts) {
    if (a.ref.field_path == pointer) return &a;
  }
  return nullptr;
}

// The invariants every sanitized event keeps, whatever was moved.
void expect_consistent(const SanitizedEvent& s) {
  EXPECT_EQ(s.serialized, dump_json(encode(s.event)));
  const Json& data = s.event.data;
  if (s.artifacts.empty()) {
    EXPECT_FALSE(data.contains("artifact_refs"));
    return;
  }
  ASSERT_TRUE(data.contains("artifact_refs"));
  EXPECT_EQ(data["artifact_refs"].size(), s.artifacts.size());
  for (const auto& a : s.artifacts) {
    ASSERT_TRUE(data["artifact_refs"].contains(a.ref.field_path)) << a.ref.field_path;
    EXPECT_EQ(data["artifact_refs"][a.ref.field_path], encode(a.ref));
    EXPECT_EQ(a.ref.total_bytes, static_cast<std::int64_t>(a.content.size()));
    EXPECT_TRUE(find_json_pointer(data, a.ref.field_path).ok()) << a.ref.field_path;
  }
}

// ---- Rule 1: text previews ------------------------------------------------------------------

struct TextCase {
  const char* pointer;
  std::size_t keep;
};

class TextPreviewTest : public ::testing::TestWithParam<TextCase> {};

Json data_with(std::string_view pointer, Json value) {
  Json data = Json::object();
  auto tokens = parse_json_pointer(pointer);
  Json* cur = &data;
  for (const auto& t : *tokens) cur = &(*cur)[t];
  *cur = std::move(value);
  return data;
}

TEST_P(TextPreviewTest, KeepsExactlyTheLimitUnchanged) {
  const auto& c = GetParam();
  std::string text(c.keep, 'a');
  auto s = sanitize_event(make_event(EventType::kToolFinished, data_with(c.pointer, text)));
  EXPECT_TRUE(s.artifacts.empty());
  EXPECT_EQ(*find_json_pointer(s.event.data, c.pointer).value(), text);
  expect_consistent(s);
}

TEST_P(TextPreviewTest, CutsOneCharacterOverTheLimit) {
  const auto& c = GetParam();
  std::string text(c.keep + 1, 'a');
  auto s = sanitize_event(make_event(EventType::kToolFinished, data_with(c.pointer, text)));
  ASSERT_EQ(s.artifacts.size(), 1u);
  const ArtifactWrite& a = s.artifacts[0];
  EXPECT_EQ(a.ref.field_path, c.pointer);
  EXPECT_EQ(a.content, text);
  EXPECT_EQ(a.ref.mime, "text/plain");
  EXPECT_EQ(a.ref.encoding, "utf-8");
  EXPECT_EQ(a.ref.total_bytes, static_cast<std::int64_t>(c.keep + 1));
  EXPECT_EQ(a.ref.total_chars, static_cast<std::int64_t>(c.keep + 1));
  EXPECT_EQ(a.ref.chunk_count, 1);
  EXPECT_TRUE(a.ref.truncated);
  EXPECT_EQ(a.ref.relpath, "artifacts/000007-tool_finished/manifest.json");
  EXPECT_EQ(*find_json_pointer(s.event.data, c.pointer).value(),
            std::string(c.keep, 'a') + truncation_marker(1));
  expect_consistent(s);
}

INSTANTIATE_TEST_SUITE_P(
    AllTextPointers, TextPreviewTest,
    ::testing::Values(TextCase{"/stdout", 4000}, TextCase{"/stderr", 4000},
                      TextCase{"/output", 4000}, TextCase{"/aggregated_output", 4000},
                      TextCase{"/content", 2000}, TextCase{"/text", 2000},
                      TextCase{"/final_response", 2000}, TextCase{"/summary", 2000},
                      TextCase{"/input/content", 2000}, TextCase{"/input/old_string", 2000},
                      TextCase{"/input/new_string", 2000}));

TEST(SanitizerRule1, MarkerKeepsTheOldToolsWording) {
  EXPECT_NE(truncation_marker(5).find("truncated, see artifact_refs"), std::string::npos);
  EXPECT_NE(truncation_marker(5).find("5 more chars"), std::string::npos);
}

TEST(SanitizerRule1, CountsCharactersNotBytes) {
  // 4000 two-byte characters: 8000 bytes, but within the 4000-character limit.
  std::string text = repeat("\xC3\xA9", 4000);
  auto s = sanitize_event(make_event(EventType::kCommandFinished, Json{{"stdout", text}}));
  EXPECT_TRUE(s.artifacts.empty());
  EXPECT_EQ(s.event.data["stdout"], text);
}

TEST(SanitizerRule1, CutsOnACharacterBoundary) {
  // 3999 ASCII, then a 4-byte emoji as character 4000, then 10 three-byte euro signs.
  std::string emoji = "\xF0\x9F\x98\x80";
  std::string text = std::string(3999, 'x') + emoji + repeat("\xE2\x82\xAC", 10);
  auto s = sanitize_event(make_event(EventType::kCommandFinished, Json{{"stdout", text}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  std::string preview = s.event.data["stdout"];
  std::string expected_prefix = std::string(3999, 'x') + emoji;
  EXPECT_EQ(preview, expected_prefix + truncation_marker(10));
  EXPECT_TRUE(is_valid_utf8(preview));
  EXPECT_EQ(s.artifacts[0].ref.total_chars, 4010);
  EXPECT_EQ(s.artifacts[0].ref.total_bytes, static_cast<std::int64_t>(text.size()));
  EXPECT_EQ(s.artifacts[0].content, text);
}

TEST(SanitizerRule1, CutInsideMultiByteRunKeepsWholeCharacters) {
  std::string text = repeat("\xE2\x82\xAC", 2001);  // 2001 euro signs at /text (limit 2000)
  auto s = sanitize_event(make_event(EventType::kAgentMessage, Json{{"text", text}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  std::string preview = s.event.data["text"];
  EXPECT_EQ(preview, repeat("\xE2\x82\xAC", 2000) + truncation_marker(1));
  EXPECT_EQ(s.artifacts[0].ref.total_chars, 2001);
  EXPECT_EQ(s.artifacts[0].ref.total_bytes, 6003);
}

TEST(SanitizerRule1, ScalarsAtTextPointersAreLeftAlone) {
  Json data{{"stdout", 12345}, {"text", nullptr}, {"content", true}};
  auto s = sanitize_event(make_event(EventType::kCommandFinished, data));
  EXPECT_TRUE(s.artifacts.empty());
  EXPECT_EQ(s.event.data, data);
}

TEST(SanitizerRule1, ContainersAtTextPointersFollowTheStructuredRule) {
  Json small = Json::array({Json{{"type", "text"}, {"text", "short"}}});
  Json big = Json::array();
  for (int i = 0; i < 10; ++i)
    big.push_back(Json{{"type", "text"}, {"text", std::string(600, 'b')}});
  auto s = sanitize_event(
      make_event(EventType::kToolFinished, Json{{"content", big}, {"text", Json{{"a", small}}}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/content");
  EXPECT_EQ(s.artifacts[0].ref.mime, "application/json");
  EXPECT_EQ(s.event.data["content"]["artifact_summary"]["item_count"], 10);
  EXPECT_EQ(s.event.data["text"], (Json{{"a", small}}));
  expect_consistent(s);
}

// ---- Rule 2: structured fields ---------------------------------------------------------------

TEST(SanitizerRule2, LargeObjectBecomesKeySummary) {
  Json raw{{"content", std::string(7000, 'R')},
           {"file_path", "/tmp/project/README.md"},
           {"kind", "read_result"}};
  auto s = sanitize_event(
      make_event(EventType::kToolFinished, Json{{"tool", "Read"}, {"raw_tool_use_result", raw}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  const ArtifactWrite& a = s.artifacts[0];
  EXPECT_EQ(a.ref.field_path, "/raw_tool_use_result");
  EXPECT_EQ(a.ref.mime, "application/json");
  EXPECT_FALSE(a.ref.total_chars.has_value());
  EXPECT_FALSE(encode(a.ref).contains("total_chars"));
  EXPECT_EQ(*parse_json(a.content), raw);
  EXPECT_EQ(s.event.data["raw_tool_use_result"],
            (Json{{"artifact_summary",
                   {{"original_type", "object"},
                    {"key_count", 3},
                    {"preview_keys", {"content", "file_path", "kind"}}}}}));
  EXPECT_EQ(s.event.data["tool"], "Read");
  expect_consistent(s);
}

TEST(SanitizerRule2, ThresholdIsCompactJsonOf4096Bytes) {
  // {"k":"xxx..."} is 8 bytes plus the x's.
  Json at_limit{{"k", std::string(4096 - 8, 'x')}};
  ASSERT_EQ(dump_json(at_limit).size(), 4096u);
  Json over_limit{{"k", std::string(4096 - 7, 'x')}};
  for (const char* pointer : {"arguments", "result", "error", "changes", "raw_tool_use_result"}) {
    auto kept = sanitize_event(make_event(EventType::kToolFinished, Json{{pointer, at_limit}}));
    EXPECT_TRUE(kept.artifacts.empty()) << pointer;
    auto moved = sanitize_event(make_event(EventType::kToolFinished, Json{{pointer, over_limit}}));
    ASSERT_EQ(moved.artifacts.size(), 1u) << pointer;
    EXPECT_EQ(moved.artifacts[0].ref.field_path, std::string("/") + pointer);
    EXPECT_EQ(moved.event.data[pointer]["artifact_summary"]["key_count"], 1);
  }
}

TEST(SanitizerRule2, LargeArrayBecomesItemSummaryWithFirstThree) {
  Json changes = Json::array();
  for (int i = 0; i < 200; ++i)
    changes.push_back(Json{{"file", "src/" + std::to_string(i) + ".ts"}});
  auto s = sanitize_event(make_event(EventType::kFileChanged, Json{{"changes", changes}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  Json summary = s.event.data["changes"]["artifact_summary"];
  EXPECT_EQ(summary["original_type"], "array");
  EXPECT_EQ(summary["item_count"], 200);
  EXPECT_EQ(summary["preview"], Json::array({changes[0], changes[1], changes[2]}));
  EXPECT_EQ(*parse_json(s.artifacts[0].content), changes);
}

TEST(SanitizerRule2, ObjectSummaryListsAtMostEightKeys) {
  Json args = Json::object();
  for (int i = 0; i < 20; ++i) args["key" + std::to_string(10 + i)] = std::string(300, 'v');
  auto s = sanitize_event(make_event(EventType::kToolStarted, Json{{"arguments", args}}));
  Json summary = s.event.data["arguments"]["artifact_summary"];
  EXPECT_EQ(summary["key_count"], 20);
  ASSERT_EQ(summary["preview_keys"].size(), 8u);
  EXPECT_EQ(summary["preview_keys"][0], "key10");
}

TEST(SanitizerRule2, HugePreviewItemsAreShortened) {
  Json items = Json::array({std::string(50000, 'a'), Json{{"big", std::string(50000, 'b')}},
                            Json::array({std::string(5000, 'c')}), 4});
  auto s = sanitize_event(make_event(EventType::kToolFinished, Json{{"result", items}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  Json summary = s.event.data["result"]["artifact_summary"];
  ASSERT_EQ(summary["preview"].size(), 3u);
  EXPECT_LT(dump_json(summary).size(), 1024u);
  EXPECT_EQ(summary["preview"][1]["artifact_summary"]["key_count"], 1);
  EXPECT_EQ(summary["preview"][2]["artifact_summary"]["item_count"], 1);
  EXPECT_LE(s.serialized.size(), kTarget);
}

TEST(SanitizerRule2, LongStringAtStructuredPointerIsCutLikeText) {
  std::string message(5000, 'e');
  auto s = sanitize_event(make_event(EventType::kRunFailed, Json{{"error", message}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.mime, "text/plain");
  EXPECT_EQ(s.event.data["error"], std::string(2000, 'e') + truncation_marker(3000));
  // A 3000-character error fits in 4 KiB of JSON and stays whole.
  auto kept =
      sanitize_event(make_event(EventType::kRunFailed, Json{{"error", std::string(3000, 'e')}}));
  EXPECT_TRUE(kept.artifacts.empty());
}

// ---- Rule 3: largest first until the event fits ------------------------------------------------

TEST(SanitizerRule3, MovesLargestValuesUntilUnderTarget) {
  Json data{{"a", std::string(6000, 'a')},
            {"b", std::string(5000, 'b')},
            {"c", std::string(3000, 'c')},
            {"d", std::string(2500, 'd')},
            {"small", "stays"}};
  auto s = sanitize_event(make_event(EventType::kMessageAdded, data));
  // 16.5 KiB of text: moving the 6000-byte value alone gets under 16 KiB.
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/a");
  EXPECT_EQ(s.event.data["a"], std::string(1000, 'a') + truncation_marker(5000));
  EXPECT_EQ(s.event.data["b"], data["b"]);
  EXPECT_LE(s.serialized.size(), kTarget);
  expect_consistent(s);
}

TEST(SanitizerRule3, KeepsMovingWhileStillOverTarget) {
  Json data = Json::object();
  for (int i = 0; i < 10; ++i) data["f" + std::to_string(i)] = std::string(3000 + i, 'x');
  auto s = sanitize_event(make_event(EventType::kMessageAdded, data));
  EXPECT_LE(s.serialized.size(), kTarget);
  ASSERT_GE(s.artifacts.size(), 1u);
  // Largest first: f9, f8, ...
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/f9");
  EXPECT_EQ(s.artifacts[1].ref.field_path, "/f8");
  EXPECT_EQ(s.event.data["f0"], data["f0"]);
  expect_consistent(s);
}

TEST(SanitizerRule3, TheLargestValueIsTheOutermostContainer) {
  // A container is larger than anything inside it, so it goes first.
  Json data{{"payload", {{"deep", {{"list", Json::array({"x", std::string(20000, 'n')})}}}}}};
  auto s = sanitize_event(make_event(EventType::kArtifactAdded, data));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/payload");
  EXPECT_EQ(s.artifacts[0].ref.mime, "application/json");
  EXPECT_TRUE(*parse_json(s.artifacts[0].content) == data["payload"]);
  EXPECT_EQ(s.event.data["payload"]["artifact_summary"]["preview_keys"], Json::array({"deep"}));
  EXPECT_LE(s.serialized.size(), kTarget);
  expect_consistent(s);
}

TEST(SanitizerRule3, ReachesNestedValuesWithEscapedPointers) {
  // /input holds the moved /input/content, so it is not moved whole: its members are.
  Json data{{"input",
             {{"content", std::string(3000, 'c')},
              {"a/b~c", std::string(20000, 'n')},
              {"list", Json::array({1, 2})}}}};
  auto s = sanitize_event(make_event(EventType::kToolStarted, data));
  ASSERT_EQ(s.artifacts.size(), 2u);
  const ArtifactWrite* nested = find_artifact(s, "/input/a~1b~0c");
  ASSERT_NE(nested, nullptr);
  EXPECT_TRUE(nested->content == std::string(20000, 'n'));
  EXPECT_EQ(s.event.data["input"]["list"], Json::array({1, 2}));
  EXPECT_LE(s.serialized.size(), kTarget);
  expect_consistent(s);
}

TEST(SanitizerRule3, SummarizesContainersOfSmallValues) {
  Json numbers = Json::array();
  for (int i = 0; i < 5000; ++i) numbers.push_back(i);
  auto s = sanitize_event(make_event(EventType::kTodoUpdated, Json{{"items", numbers}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/items");
  EXPECT_EQ(s.artifacts[0].ref.mime, "application/json");
  EXPECT_EQ(s.event.data["items"]["artifact_summary"]["item_count"], 5000);
  EXPECT_EQ(*parse_json(s.artifacts[0].content), numbers);
}

TEST(SanitizerRule3, NeverMovesAContainerHoldingAMovedField) {
  // /input/content is moved by rule 1; /input must not then be moved whole (its artifact would
  // hold a preview). Its other large member is moved on its own instead.
  Json data{{"input", {{"content", std::string(30000, 'c')}, {"other", std::string(30000, 'o')}}}};
  auto s = sanitize_event(make_event(EventType::kToolStarted, data));
  ASSERT_EQ(s.artifacts.size(), 2u);
  EXPECT_NE(find_artifact(s, "/input/content"), nullptr);
  EXPECT_NE(find_artifact(s, "/input/other"), nullptr);
  EXPECT_EQ(find_artifact(s, "/input"), nullptr);
  EXPECT_LE(s.serialized.size(), kTarget);
}

TEST(SanitizerRule3, DoesNotMoveRule1PreviewsAgain) {
  Json data{{"stdout", std::string(9000, 's')},
            {"stderr", std::string(9000, 'e')},
            {"output", std::string(9000, 'o')},
            {"aggregated_output", std::string(9000, 'g')},
            {"extra", std::string(900, 'z')}};
  auto s = sanitize_event(make_event(EventType::kCommandFinished, data));
  // Four 4000-character previews keep the event over 16 KiB; nothing else is large enough.
  EXPECT_EQ(s.artifacts.size(), 4u);
  EXPECT_GT(s.serialized.size(), kTarget);
  EXPECT_EQ(s.event.data["extra"], data["extra"]);
  expect_consistent(s);
}

TEST(SanitizerRule3, SkipsStringsThatCannotShrink) {
  // 1500 bytes but only 500 characters: keeping 1000 characters would keep it all.
  std::string cjk = repeat("\xE4\xB8\xAD", 500);
  Json data{{"cjk", cjk}, {"big", std::string(20000, 'b')}};
  auto s = sanitize_event(make_event(EventType::kReasoning, data));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/big");
  EXPECT_EQ(s.event.data["cjk"], cjk);
}

TEST(SanitizerRule3, ManyGeneratedEventsEndUnderTarget) {
  std::mt19937 rng(12345);
  auto random_value = [&rng](auto& self, int depth) -> Json {
    int kind = static_cast<int>(rng() % (depth > 3 ? 2 : 4));
    if (kind == 0) return static_cast<int>(rng() % 1000);
    if (kind == 1) return std::string(rng() % 3000, static_cast<char>('a' + rng() % 26));
    Json out = kind == 2 ? Json::array() : Json::object();
    int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      if (kind == 2) {
        out.push_back(self(self, depth + 1));
      } else {
        out["k" + std::to_string(i)] = self(self, depth + 1);
      }
    }
    return out;
  };
  for (int round = 0; round < 60; ++round) {
    Json data = Json::object();
    for (int i = 0; i < 6; ++i) data["field" + std::to_string(i)] = random_value(random_value, 0);
    auto s = sanitize_event(make_event(EventType::kToolFinished, data, round + 1));
    EXPECT_LE(s.serialized.size(), kTarget) << "round " << round;
    expect_consistent(s);
  }
}

// ---- Rule 4: protected fields ------------------------------------------------------------------

TEST(SanitizerRule4, ProtectedFieldsAreNeverMovedAndSanitizingTerminates) {
  Json data = Json::object();
  for (const char* key : {"command", "tool", "tool_use_id", "exit_code", "status", "is_error",
                          "interrupted", "file_path", "backend_session_id", "thread_id",
                          "context_id", "task_id", "agent_url", "agent_name", "conversation_id"}) {
    data[key] = std::string(20000, 'p');
  }
  data["status"] = Json{{"message", std::string(20000, 'm')}, {"items", Json::array({1, 2, 3})}};
  auto s = sanitize_event(make_event(EventType::kCommandFinished, data));
  EXPECT_TRUE(s.artifacts.empty());
  EXPECT_EQ(s.event.data, data);
  EXPECT_GT(s.serialized.size(), 15u * 20000u);
}

TEST(SanitizerRule4, OtherFieldsMoveAroundProtectedOnes) {
  Json data{{"command", std::string(30000, 'c')}, {"notes", std::string(5000, 'n')}};
  auto s = sanitize_event(make_event(EventType::kCommandStarted, data));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.field_path, "/notes");
  EXPECT_EQ(s.event.data["command"], data["command"]);
}

TEST(SanitizerRule4, IncomingArtifactRefsAreDropped) {
  Json data{{"text", "hello"}, {"artifact_refs", {{"/x", {{"relpath", "../../etc/passwd"}}}}}};
  auto s = sanitize_event(make_event(EventType::kAgentMessage, data));
  EXPECT_TRUE(s.artifacts.empty());
  EXPECT_EQ(s.event.data, (Json{{"text", "hello"}}));
}

TEST(Sanitizer, SmallEventIsUnchanged) {
  Json data{{"command", "npm test"}, {"exit_code", 0}, {"stdout", "ok\n"}};
  auto s = sanitize_event(make_event(EventType::kCommandFinished, data));
  EXPECT_TRUE(s.artifacts.empty());
  EXPECT_EQ(s.event.data, data);
  expect_consistent(s);
}

TEST(Sanitizer, NonObjectDataIsLeftAlone) {
  RunEvent e = make_event(EventType::kReasoning, Json::object());
  e.data = std::string(50000, 'x');
  auto s = sanitize_event(e);
  EXPECT_TRUE(s.artifacts.empty());
}

TEST(Sanitizer, LargeArtifactsCountTheirChunks) {
  std::string text(200000, 'o');
  auto s = sanitize_event(make_event(EventType::kCommandFinished, Json{{"stdout", text}}, 123456));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].ref.chunk_count, 4);  // 3 x 64 KiB + 3392 bytes
  EXPECT_EQ(s.artifacts[0].ref.relpath, "artifacts/123456-command_finished/manifest.json");
}

TEST(Sanitizer, InvalidUtf8IsCountedAndStillSerializes) {
  std::string text = std::string(4500, 'a') + "\xFF\xFE";
  auto s = sanitize_event(make_event(EventType::kCommandFinished, Json{{"stdout", text}}));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.artifacts[0].content, text);
  EXPECT_EQ(s.artifacts[0].ref.total_chars, 4502);
  EXPECT_TRUE(is_valid_utf8(s.serialized));
}

TEST(Sanitizer, WideEventIsHandledInOnePass) {
  // 100k small members: linear work; the result is a handful of summaries.
  Json data = Json::object();
  Json bag = Json::object();
  for (int i = 0; i < 100000; ++i) bag["k" + std::to_string(i)] = i;
  data["bag"] = bag;
  auto s = sanitize_event(make_event(EventType::kTodoUpdated, data));
  ASSERT_EQ(s.artifacts.size(), 1u);
  EXPECT_EQ(s.event.data["bag"]["artifact_summary"]["key_count"], 100000);
}

}  // namespace
}  // namespace agenthub::hub
