#include "agents/common/task_params.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::agents {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

a2a::Message message(Json metadata, std::vector<a2a::Part> parts = {a2a::Part::text_part("hi")}) {
  a2a::Message m;
  m.parts = std::move(parts);
  m.metadata = std::move(metadata);
  return m;
}

TEST(TaskParamsTest, ReadsKnownKeys) {
  auto p = parse_task_params(message(Json::parse(
      R"({"cwd":"/tmp","profile":"be brief","model":"m1","output_schema":{"type":"object"},
          "sandbox":"read-only"})")));
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  EXPECT_EQ(p->cwd, "/tmp");
  EXPECT_EQ(p->profile, "be brief");
  EXPECT_EQ(p->model, "m1");
  EXPECT_EQ(p->output_schema, Json::parse(R"({"type":"object"})"));
  EXPECT_EQ(p->metadata["sandbox"], "read-only");
}

TEST(TaskParamsTest, AbsentAndNullAreFine) {
  auto none = parse_task_params(message(nullptr));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->cwd.has_value());
  EXPECT_TRUE(none->output_schema.is_null());
  auto nulls = parse_task_params(message(Json::parse(R"({"cwd":null,"output_schema":null})")));
  ASSERT_TRUE(nulls.ok());
  EXPECT_FALSE(nulls->cwd.has_value());
}

TEST(TaskParamsTest, WrongTypesAreNamed) {
  for (const char* bad : {R"({"cwd":3})", R"({"profile":{}})", R"({"model":true})",
                          R"({"output_schema":"object"})"}) {
    auto p = parse_task_params(message(Json::parse(bad)));
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(p.error().message, HasSubstr("metadata."));
  }
  EXPECT_FALSE(parse_task_params(message(Json::array())).ok());
}

TEST(TaskParamsTest, ResolveCwd) {
  const fs::path dir = fs::temp_directory_path() / ("agenthub-cwd-" + random_hex(6));
  ASSERT_TRUE(ensure_dir(dir / "real").ok());
  fs::create_directory_symlink(dir / "real", dir / "link");
  std::ofstream(dir / "file") << "x";

  auto real = resolve_cwd((dir / "real").string());
  ASSERT_TRUE(real.ok());
  auto via_link = resolve_cwd((dir / "link").string() + "/");
  ASSERT_TRUE(via_link.ok());
  EXPECT_EQ(*via_link, *real);  // symlinks resolved, trailing slash ignored

  EXPECT_FALSE(resolve_cwd("relative/dir").ok());
  EXPECT_FALSE(resolve_cwd("").ok());
  auto missing = resolve_cwd((dir / "missing").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  auto file = resolve_cwd((dir / "file").string());
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message, HasSubstr("not a directory"));
  fs::remove_all(dir);
}

TEST(TaskParamsTest, PromptText) {
  a2a::Message m = message(
      nullptr, {a2a::Part::text_part("first"), a2a::Part::data_part(Json::parse(R"({"k":1})")),
                a2a::Part::url_part("https://x/y.txt", "text/plain", "y.txt"),
                a2a::Part::raw_part("abc", "", "blob.bin"), a2a::Part::text_part("")});
  EXPECT_EQ(prompt_text(m),
            "first\n\n{\"k\":1}\n\n[file: y.txt https://x/y.txt]\n\n[attached file blob.bin of 3 "
            "bytes, not shown]");
  EXPECT_EQ(prompt_text(message(nullptr, {a2a::Part::text_part("only")})), "only");
}

}  // namespace
}  // namespace agenthub::agents
