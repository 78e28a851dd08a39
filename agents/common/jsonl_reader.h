#pragma once

// Reads JSON Lines (one JSON object per line, as the codex and claude CLIs print them) and
// never lets a misbehaving producer crash or exhaust its reader:
// - lines split across reads are joined; a last line without a trailing newline still counts;
// - a line longer than max_line_bytes is skipped without being buffered (kOversizedLine);
// - invalid UTF-8 is replaced with U+FFFD before parsing (the item says it was repaired);
// - anything that is not a JSON object, or nests deeper than max_depth, becomes kBadLine with
//   a preview, so the caller can log it and carry on;
// - empty and whitespace-only lines are skipped; a trailing '\r' is ignored.
//
// JsonlParser is push-style (feed bytes, pop items); JsonlReader pulls from a ByteSource such
// as Process::stdout_source().

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "agents/common/byte_source.h"
#include "core/json.h"

namespace agenthub::agents {

struct JsonlItem {
  enum class Kind {
    kUnknown = 0,
    kObject,         // `value` holds the parsed object
    kBadLine,        // not JSON, not an object, or too deeply nested: see `error`, `preview`
    kOversizedLine,  // longer than max_line_bytes: skipped; `preview` holds its start
    kReadError,      // the byte source failed; reading ends after this item
  };

  Kind kind = Kind::kUnknown;
  Json value;
  std::string error;
  // The start of the offending line as valid UTF-8, at most preview_bytes long.
  std::string preview;
  // 1-based, counting every line (empty ones too); 0 for kReadError.
  std::size_t line_number = 0;
  // Raw length of the line without its newline.
  std::size_t line_bytes = 0;
  // kObject: the line held invalid UTF-8, replaced by U+FFFD before parsing.
  bool repaired_utf8 = false;

  [[nodiscard]] bool ok() const { return kind == Kind::kObject; }
};

[[nodiscard]] std::string_view jsonl_kind_name(JsonlItem::Kind kind);

struct JsonlOptions {
  std::size_t max_line_bytes = 8 * 1024 * 1024;
  std::size_t preview_bytes = 200;
  // Deeper documents are refused: printing or walking them recursively could exhaust the stack.
  std::size_t max_depth = 256;
  // How much JsonlReader asks its source for at a time.
  std::size_t read_chunk_bytes = 64 * 1024;
};

class JsonlParser {
 public:
  explicit JsonlParser(JsonlOptions options = {});

  // Consumes bytes; every line they complete becomes an item.
  void feed(std::string_view bytes);
  // End of input: a pending line without a trailing newline becomes an item.
  void finish();
  // The oldest item not yet taken.
  [[nodiscard]] std::optional<JsonlItem> pop();
  [[nodiscard]] bool has_item() const { return !items_.empty(); }
  [[nodiscard]] std::size_t lines_seen() const { return line_number_; }

 private:
  void append_segment(std::string_view segment);
  void end_line();
  void parse_line(std::string_view line);
  [[nodiscard]] std::string make_preview(std::string_view raw) const;

  JsonlOptions options_;
  std::deque<JsonlItem> items_;
  std::string line_;
  std::size_t line_number_ = 0;
  bool discarding_ = false;  // inside an oversized line
  std::size_t discarded_bytes_ = 0;
  std::string oversized_preview_;
};

class JsonlReader {
 public:
  explicit JsonlReader(ByteSource source, JsonlOptions options = {});

  // The next item, reading as needed; nullopt at end of input (after a kReadError item when
  // the source failed).
  [[nodiscard]] std::optional<JsonlItem> next();

 private:
  ByteSource source_;
  JsonlParser parser_;
  std::string buffer_;
  bool done_ = false;
  std::optional<JsonlItem> pending_error_;
};

}  // namespace agenthub::agents
