#pragma once

// Feeds recorded CLI transcripts (tests/fakes/recordings, tests/fakes/fake_cli/samples) to a
// CliEventTranslator and collects what it says, for the wrappers' unit tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "agents/common/cli_backend.h"
#include "core/json.h"

namespace agenthub::agents::testing {

inline std::filesystem::path recording(const std::string& relative) {
  return std::filesystem::path(AGENTHUB_SOURCE_DIR) / "tests/fakes/recordings" / relative;
}

inline std::filesystem::path sample(const std::string& name) {
  return std::filesystem::path(AGENTHUB_SOURCE_DIR) / "tests/fakes/fake_cli/samples" / name;
}

inline std::vector<Json> read_jsonl(const std::filesystem::path& path) {
  std::vector<Json> lines;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto parsed = parse_json(line);
    EXPECT_TRUE(parsed.ok()) << path << ": " << line.substr(0, 200);
    if (parsed.ok()) lines.push_back(std::move(parsed).value());
  }
  return lines;
}

struct Translated {
  std::vector<CliOutput> outputs;
  // The events a client sees, in order: run events and session announcements.
  std::vector<Json> events;
  std::vector<std::string> types;
  std::vector<std::string> texts;  // text parts next to run events

  // The first event of this type (and, when given, with this tool), or null.
  [[nodiscard]] const Json* find(std::string_view type, std::string_view tool = {}) const {
    for (const Json& e : events) {
      if (json_string(e, "type") != type) continue;
      if (!tool.empty() && json_string(e, "tool") != tool) continue;
      return &e;
    }
    return nullptr;
  }
  [[nodiscard]] std::size_t count(CliOutput::Kind kind) const {
    std::size_t n = 0;
    for (const CliOutput& o : outputs) n += o.kind == kind ? 1 : 0;
    return n;
  }
  [[nodiscard]] std::string dump() const {
    std::string out;
    for (const Json& e : events) out += dump_json(e).substr(0, 300) + "\n";
    return out;
  }
};

inline Translated translate(CliEventTranslator& translator, const std::vector<Json>& lines) {
  Translated t;
  for (const Json& line : lines) {
    for (CliOutput& out : translator.on_line(line)) {
      if (out.kind == CliOutput::Kind::kRunEvent || out.kind == CliOutput::Kind::kSession) {
        t.events.push_back(out.event);
        t.types.push_back(json_string(out.event, "type"));
        if (!out.text.empty()) t.texts.push_back(out.text);
      }
      t.outputs.push_back(std::move(out));
    }
  }
  return t;
}

inline Translated translate(CliEventTranslator& translator, const std::filesystem::path& path) {
  return translate(translator, read_jsonl(path));
}

inline ExitStatus exited(int code) {
  ExitStatus s;
  s.exit_code = code;
  return s;
}

inline ExitStatus killed(int sig) {
  ExitStatus s;
  s.term_signal = sig;
  return s;
}

}  // namespace agenthub::agents::testing
