#include "hub/artifact_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/fs.h"
#include "hub/artifact_layout.h"
#include "hub/sanitizer.h"
#include "temp_dir.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

class ArtifactStoreTest : public ::testing::Test {
 protected:
  // Sanitizes an event holding `data` at seq 12 and writes its artifacts.
  Json store(Json data, EventType type = EventType::kCommandFinished) {
    RunEvent e;
    e.seq = 12;
    e.type = type;
    e.backend = Backend::kCodex;
    e.data = std::move(data);
    SanitizedEvent s = sanitize_event(e);
    Status written = store_.write(s.event.seq, s.event.type_name(), s.artifacts);
    EXPECT_TRUE(written.ok()) << written.error().to_string();
    return s.event.data.value("artifact_refs", Json::object());
  }

  // Pages through an artifact (up to byte `stop`); with `utf8_only`, every page must come back
  // as UTF-8 text.
  static std::string read_all(const ArtifactStore& store, const Json& refs, std::string_view field,
                              std::int64_t limit, bool utf8_only = true,
                              std::int64_t stop = INT64_MAX) {
    std::string out;
    std::int64_t offset = 0;
    for (;;) {
      auto slice = store.read(refs, field, offset, limit);
      EXPECT_TRUE(slice.ok()) << slice.error().to_string();
      if (!slice.ok()) return out;
      EXPECT_EQ(slice->offset, offset);
      EXPECT_GT(slice->returned_bytes, 0);
      if (slice->encoding == "base64") {
        EXPECT_FALSE(utf8_only) << "offset " << offset;
        out += decode_base64(slice->content);
      } else {
        EXPECT_EQ(slice->encoding, "utf-8");
        out += slice->content;
      }
      offset += slice->returned_bytes;
      if (!slice->has_more || offset >= stop) return out;
    }
  }

  static std::string decode_base64(std::string_view text) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : text) {
      if (c == '=') break;
      bits = (bits << 6) | static_cast<unsigned>(alphabet.find(c));
      count += 6;
      if (count >= 8) {
        count -= 8;
        out += static_cast<char>((bits >> count) & 0xFF);
      }
    }
    return out;
  }

  testing::TempDir tmp_;
  fsys::path run_dir_ = tmp_.path() / "run";
  ArtifactStore store_{run_dir_};
};

TEST_F(ArtifactStoreTest, WritesChunksAndManifestInTheDocumentedLayout) {
  std::string stdout_text(150000, 'o');
  Json refs = store(Json{{"stdout", stdout_text}, {"input", {{"content", std::string(3000, 'c')}}}},
                    EventType::kToolFinished);
  fsys::path dir = run_dir_ / "artifacts" / "000012-tool_finished";
  EXPECT_TRUE(fsys::exists(dir / "manifest.json"));
  EXPECT_EQ(fsys::file_size(dir / "stdout.0001.txt"), 65536u);
  EXPECT_EQ(fsys::file_size(dir / "stdout.0002.txt"), 65536u);
  EXPECT_EQ(fsys::file_size(dir / "stdout.0003.txt"), 150000u - 2 * 65536u);
  EXPECT_TRUE(fsys::exists(dir / "input.content.0001.txt"));
  EXPECT_EQ(refs["/stdout"]["relpath"], "artifacts/000012-tool_finished/manifest.json");
  EXPECT_EQ(refs["/stdout"]["chunk_count"], 3);

  auto manifest = parse_json(*read_file(dir / "manifest.json"));
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ((*manifest)["seq"], 12);
  EXPECT_EQ((*manifest)["event_type"], "tool_finished");
  EXPECT_EQ((*manifest)["fields"]["/stdout"]["chunks"].size(), 3u);
  EXPECT_EQ((*manifest)["fields"]["/stdout"]["chunks"][0]["file"], "stdout.0001.txt");

  struct stat st {};
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((dir / "stdout.0001.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(ArtifactStoreTest, JsonArtifactsUseJsonChunks) {
  Json raw{{"content", std::string(7000, 'R')}, {"kind", "read_result"}};
  Json refs = store(Json{{"raw_tool_use_result", raw}}, EventType::kToolFinished);
  EXPECT_TRUE(
      fsys::exists(run_dir_ / "artifacts/000012-tool_finished/raw_tool_use_result.0001.json"));
  auto slice = store_.read(refs, "/raw_tool_use_result");
  ASSERT_TRUE(slice.ok());
  EXPECT_EQ(slice->mime, "application/json");
  EXPECT_EQ(*parse_json(slice->content), raw);
  EXPECT_FALSE(slice->has_more);
}

TEST_F(ArtifactStoreTest, PagesByByteOffsetAcrossChunks) {
  std::string text;
  for (int i = 0; i < 30000; ++i) text += std::to_string(i % 10);
  text += std::string(200000 - text.size(), 'z');
  Json refs = store(Json{{"stdout", text}});
  auto first = store_.read(refs, "/stdout", 0, 100);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->content, text.substr(0, 100));
  EXPECT_EQ(first->returned_bytes, 100);
  EXPECT_EQ(first->total_bytes, 200000);
  EXPECT_TRUE(first->has_more);
  // A page straddling the first chunk boundary.
  auto straddle = store_.read(refs, "/stdout", 65500, 100);
  ASSERT_TRUE(straddle.ok());
  EXPECT_EQ(straddle->content, text.substr(65500, 100));
  // The default limit is 64 KiB; the maximum 256 KiB returns the rest.
  auto whole = store_.read(refs, "/stdout", 0, kMaxArtifactReadLimit);
  ASSERT_TRUE(whole.ok());
  EXPECT_TRUE(whole->content == text);
  EXPECT_FALSE(whole->has_more);
  auto last = store_.read(refs, "/stdout", 199999, 10);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->returned_bytes, 1);
  EXPECT_FALSE(last->has_more);
  EXPECT_TRUE(read_all(store_, refs, "/stdout", 7777) == text);
}

TEST_F(ArtifactStoreTest, PagesNeverSplitACharacter) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "a\xE2\x82\xAC\xF0\x9F\x98\x80";  // 1 + 3 + 4 bytes
  Json refs = store(Json{{"stdout", text}});
  for (std::int64_t limit : {4, 5, 7, 100, 4097}) {
    EXPECT_TRUE(read_all(store_, refs, "/stdout", limit) == text) << "limit " << limit;
  }
  // A limit smaller than a character cannot always return text: base64 pages fill in.
  for (std::int64_t limit : {1, 2, 3}) {
    std::string prefix = read_all(store_, refs, "/stdout", limit, false, 400);
    EXPECT_GE(prefix.size(), 400u);
    EXPECT_EQ(prefix, text.substr(0, prefix.size())) << "limit " << limit;
  }
  auto page = store_.read(refs, "/stdout", 0, 3);  // "a" + 2 of the euro sign's 3 bytes
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->content, "a");
  EXPECT_EQ(page->returned_bytes, 1);
}

TEST_F(ArtifactStoreTest, OffsetsInsideACharacterComeBackAsBase64) {
  std::string text = std::string(4000, 'a') + "\xE2\x82\xAC" + std::string(10, 'b');
  Json refs = store(Json{{"stdout", text}});
  auto page = store_.read(refs, "/stdout", 4001, 4);  // starts on a continuation byte
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->encoding, "base64");
  EXPECT_EQ(page->returned_bytes, 4);
  EXPECT_EQ(page->content, "gqxiYg==");  // 82 AC 62 62: the euro sign's tail, then "bb"
}

TEST_F(ArtifactStoreTest, RefusesUnknownFieldsAndBadLimits) {
  Json refs = store(Json{{"stdout", std::string(5000, 'o')}});
  auto missing = store_.read(refs, "/missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("/stdout"), std::string::npos);
  EXPECT_EQ(store_.read(refs, "/stdout", 0, 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_.read(refs, "/stdout", 0, kMaxArtifactReadLimit + 1).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_.read(refs, "/stdout", -1, 10).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_.read(Json::object(), "/stdout").error().code, ErrorCode::kNotFound);
}

TEST_F(ArtifactStoreTest, OffsetPastTheEndIsAClearError) {
  Json refs = store(Json{{"stdout", std::string(5000, 'o')}});
  auto past = store_.read(refs, "/stdout", 5000, 10);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(past.error().message.find("past the end"), std::string::npos);
  EXPECT_NE(past.error().message.find("5000 bytes"), std::string::npos);
}

TEST_F(ArtifactStoreTest, RefusesRelpathsEscapingTheRunDirectory) {
  Json refs = store(Json{{"stdout", std::string(5000, 'o')}});
  Json evil = refs;
  evil["/stdout"]["relpath"] = "../../../etc/passwd";
  EXPECT_EQ(store_.read(evil, "/stdout").error().code, ErrorCode::kPermissionDenied);
  evil["/stdout"]["relpath"] = "/etc/passwd";
  EXPECT_FALSE(store_.read(evil, "/stdout").ok());
  evil["/stdout"]["relpath"] = "events.jsonl";  // inside, but not a manifest
  EXPECT_EQ(store_.read(evil, "/stdout").error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ArtifactStoreTest, RefusesSymlinksOutOfTheRunDirectory) {
  Json refs = store(Json{{"stdout", std::string(5000, 'o')}});
  testing::TempDir outside;
  ASSERT_TRUE(write_file_atomic(outside.path() / "manifest.json", "{}").ok());
  fsys::create_directory_symlink(outside.path(), run_dir_ / "artifacts" / "000099-escape");
  Json evil = refs;
  evil["/stdout"]["relpath"] = "artifacts/000099-escape/manifest.json";
  EXPECT_EQ(store_.read(evil, "/stdout").error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ArtifactStoreTest, RefusesManifestChunksOutsideTheEventDirectory) {
  Json refs = store(Json{{"stdout", std::string(5000, 'o')}});
  fsys::path manifest_path = run_dir_ / "artifacts/000012-command_finished/manifest.json";
  Json manifest = *parse_json(*read_file(manifest_path));
  for (const char* file : {"../../run.json", "/etc/passwd", "..", "sub/x.txt"}) {
    Json tampered = manifest;
    tampered["fields"]["/stdout"]["chunks"][0]["file"] = file;
    ASSERT_TRUE(write_file_atomic(manifest_path, dump_json(tampered)).ok());
    auto read = store_.read(refs, "/stdout");
    ASSERT_FALSE(read.ok()) << file;
    EXPECT_EQ(read.error().code, ErrorCode::kPermissionDenied) << file;
  }
  // A chunk that is a symlink to a file outside is refused too.
  testing::TempDir outside;
  ASSERT_TRUE(write_file_atomic(outside.path() / "secret.txt", std::string(5000, 's')).ok());
  fsys::path link = manifest_path.parent_path() / "link.txt";
  fsys::create_symlink(outside.path() / "secret.txt", link);
  Json tampered = manifest;
  tampered["fields"]["/stdout"]["chunks"][0]["file"] = "link.txt";
  ASSERT_TRUE(write_file_atomic(manifest_path, dump_json(tampered)).ok());
  EXPECT_EQ(store_.read(refs, "/stdout").error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ArtifactStoreTest, ReadsTheOldToolsManifests) {
  // Written the way the old tool did: relpath is the manifest, chunks listed per field.
  fsys::path dir = run_dir_ / "artifacts" / "000003-tool_finished";
  ASSERT_TRUE(ensure_dir(dir).ok());
  ASSERT_TRUE(write_file_atomic(dir / "stdout.0001.txt", "hello ").ok());
  ASSERT_TRUE(write_file_atomic(dir / "stdout.0002.txt", "world").ok());
  Json field{{"field_path", "/stdout"},
             {"relpath", "artifacts/000003-tool_finished/manifest.json"},
             {"mime", "text/plain"},
             {"encoding", "utf-8"},
             {"total_bytes", 11},
             {"total_chars", 11},
             {"chunk_count", 2},
             {"truncated", true},
             {"chunks", Json::array({{{"file", "stdout.0001.txt"}, {"bytes", 6}},
                                     {{"file", "stdout.0002.txt"}, {"bytes", 5}}})}};
  Json manifest{{"seq", 3}, {"event_type", "tool_finished"}, {"fields", {{"/stdout", field}}}};
  ASSERT_TRUE(write_file_atomic(dir / "manifest.json", dump_json_pretty(manifest)).ok());
  Json refs{{"/stdout", field}};
  refs["/stdout"].erase("chunks");
  auto slice = store_.read(refs, "/stdout", 3, 5);
  ASSERT_TRUE(slice.ok()) << slice.error().to_string();
  EXPECT_EQ(slice->content, "lo wo");
  EXPECT_TRUE(slice->has_more);
}

TEST_F(ArtifactStoreTest, CollidingFieldNamesGetDistinctFiles) {
  std::vector<ArtifactWrite> writes(2);
  writes[0].ref.field_path = "/a/b";
  writes[0].ref.mime = "text/plain";
  writes[0].content = "first";
  writes[1].ref.field_path = "/a.b";
  writes[1].ref.mime = "text/plain";
  writes[1].content = "second";
  for (auto& w : writes) {
    w.ref.relpath = artifact_manifest_relpath(5, "reasoning");
    w.ref.total_bytes = static_cast<std::int64_t>(w.content.size());
    w.ref.chunk_count = 1;
  }
  ASSERT_TRUE(store_.write(5, "reasoning", writes).ok());
  Json refs{{"/a/b", encode(writes[0].ref)}, {"/a.b", encode(writes[1].ref)}};
  EXPECT_EQ(store_.read(refs, "/a/b")->content, "first");
  EXPECT_EQ(store_.read(refs, "/a.b")->content, "second");
}

TEST_F(ArtifactStoreTest, RemoveAfterDeletesUncommittedEventDirectories) {
  store(Json{{"stdout", std::string(5000, 'o')}});  // seq 12
  ASSERT_TRUE(ensure_dir(run_dir_ / "artifacts" / "000013-command_finished").ok());
  ASSERT_TRUE(ensure_dir(run_dir_ / "artifacts" / "001000-tool_finished").ok());
  ASSERT_TRUE(store_.remove_after(12).ok());
  EXPECT_TRUE(fsys::exists(run_dir_ / "artifacts" / "000012-command_finished"));
  EXPECT_FALSE(fsys::exists(run_dir_ / "artifacts" / "000013-command_finished"));
  EXPECT_FALSE(fsys::exists(run_dir_ / "artifacts" / "001000-tool_finished"));
}

TEST(ArtifactLayout, FieldNamesAreFilesystemSafe) {
  EXPECT_EQ(artifact_field_base("/stdout"), "stdout");
  EXPECT_EQ(artifact_field_base("/input/content"), "input.content");
  EXPECT_EQ(artifact_field_base("/items/3/text"), "items.3.text");
  EXPECT_EQ(artifact_field_base("/a~1b/c d"), "a_b.c_d");
  EXPECT_EQ(artifact_field_base("/../../etc"), "etc");
  EXPECT_EQ(artifact_field_base("/.hidden"), "hidden");
  EXPECT_EQ(artifact_field_base("/"), "field");
  EXPECT_EQ(artifact_field_base("/\xE2\x82\xAC"), "field");
  EXPECT_LE(artifact_field_base("/" + std::string(500, 'x')).size(), kMaxFieldBaseBytes);
  EXPECT_EQ(artifact_chunk_file_name("stdout", 1, "text/plain"), "stdout.0001.txt");
  EXPECT_EQ(artifact_chunk_file_name("result", 12, "application/json"), "result.0012.json");
  EXPECT_EQ(artifact_event_dir_name(12, "command_finished"), "000012-command_finished");
  EXPECT_EQ(artifact_event_dir_name(1234567, "x/y"), "1234567-x_y");
  EXPECT_EQ(artifact_chunk_count(0), 1);
  EXPECT_EQ(artifact_chunk_count(65536), 1);
  EXPECT_EQ(artifact_chunk_count(65537), 2);
}

}  // namespace
}  // namespace agenthub::hub
