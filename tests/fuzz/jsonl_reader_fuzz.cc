// The JSONL reader (agents/common/jsonl_reader.h): a CLI's stdout, arbitrary bytes arriving
// in arbitrary chunks. Options (line limit, preview size, depth limit) come from a hash of the
// input, so the limits are hit by small inputs too.
//
// Invariants: whole, byte-by-byte, hashed-chunk and JsonlReader (pulling from a string source)
// runs give identical items; they equal a reference built line by line from the documented
// rules; line numbers increase; objects are objects whose strings are valid UTF-8; previews
// are valid UTF-8 within their bound; oversized lines are really over the limit.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agents/common/byte_source.h"
#include "agents/common/jsonl_reader.h"
#include "core/utf8.h"
#include "fuzz_check.h"

namespace {

using agenthub::Json;
using agenthub::agents::JsonlItem;
using agenthub::agents::JsonlOptions;
using agenthub::agents::JsonlParser;
using Kind = JsonlItem::Kind;

bool same(const JsonlItem& a, const JsonlItem& b) {
  return a.kind == b.kind && a.value == b.value && a.error == b.error && a.preview == b.preview &&
         a.line_number == b.line_number && a.line_bytes == b.line_bytes &&
         a.repaired_utf8 == b.repaired_utf8;
}

bool same(const std::vector<JsonlItem>& a, const std::vector<JsonlItem>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

std::vector<JsonlItem> parse_split(std::string_view input, const JsonlOptions& options,
                                   const std::function<std::size_t()>& next_size) {
  JsonlParser parser(options);
  std::vector<JsonlItem> items;
  for (std::size_t pos = 0; pos < input.size();) {
    std::size_t n = std::min(input.size() - pos, next_size());
    parser.feed(input.substr(pos, n));
    pos += n;
    // Popping between feeds must not change anything.
    while (auto item = parser.pop()) items.push_back(std::move(*item));
  }
  parser.finish();
  while (auto item = parser.pop()) items.push_back(std::move(*item));
  return items;
}

struct Expected {
  Kind kind;
  std::size_t line_number;
  std::size_t line_bytes;
};

// One entry per non-blank line, from the rules in jsonl_reader.h.
std::vector<Expected> reference(std::string_view input, const JsonlOptions& options) {
  std::vector<Expected> out;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t nl = input.find('\n', pos);
    std::string_view raw = input.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? input.size() : nl + 1;
    ++line_number;
    if (raw.size() > options.max_line_bytes) {
      out.push_back({Kind::kOversizedLine, line_number, raw.size()});
      continue;
    }
    if (raw.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string_view line = raw;
    if (line.back() == '\r') line.remove_suffix(1);
    std::string text = agenthub::sanitize_utf8(line);
    auto parsed = agenthub::parse_json(text);
    bool object = parsed.ok() && parsed->is_object() &&
                  agenthub::fuzz::json_depth(*parsed) <= options.max_depth;
    out.push_back({object ? Kind::kObject : Kind::kBadLine, line_number, raw.size()});
  }
  return out;
}

std::uint64_t hash_of(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

void check_item(const JsonlItem& item, const JsonlOptions& options) {
  FUZZ_CHECK(item.line_number >= 1);
  switch (item.kind) {
    case Kind::kObject:
      FUZZ_CHECK(item.value.is_object());
      FUZZ_CHECK(item.line_bytes <= options.max_line_bytes);
      FUZZ_CHECK(agenthub::fuzz::json_depth(item.value) <= options.max_depth);
      FUZZ_CHECK(agenthub::fuzz::survives_serialization(item.value));
      break;
    case Kind::kBadLine:
    case Kind::kOversizedLine:
      FUZZ_CHECK(!item.error.empty());
      FUZZ_CHECK(item.value.is_null());
      FUZZ_CHECK(agenthub::is_valid_utf8(item.preview));
      FUZZ_CHECK(item.preview.size() <= options.preview_bytes);
      if (item.kind == Kind::kOversizedLine) {
        FUZZ_CHECK(item.line_bytes > options.max_line_bytes);
      }
      break;
    default:
      FUZZ_CHECK_MSG(false, "unexpected item kind");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::uint64_t h = hash_of(input);
  JsonlOptions options;
  if (h % 3 == 0) {
    options.max_line_bytes = 1 + (h >> 4) % 300;
    // Realistic settings keep the preview within the line limit. (A larger preview of an
    // oversized line holds only what had arrived when the line overflowed, so it depends on
    // the chunking; that is accepted.)
    options.preview_bytes = std::min<std::size_t>((h >> 16) % 40, options.max_line_bytes);
    options.max_depth = 1 + (h >> 24) % 12;
  }
  options.read_chunk_bytes = 1 + (h >> 32) % 97;

  std::vector<JsonlItem> whole = parse_split(input, options, [&] { return input.size(); });
  // One byte at a time is the harshest split; on long inputs a few bytes keep it affordable.
  const std::size_t small = input.size() <= 4096 ? 1 : 1 + (h >> 40) % 5;
  std::vector<JsonlItem> bytes = parse_split(input, options, [&] { return small; });
  std::uint64_t state = h | 1;
  std::vector<JsonlItem> chunks = parse_split(input, options, [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(1 + (state >> 33) % 200);
  });
  FUZZ_CHECK(same(whole, bytes));
  FUZZ_CHECK(same(whole, chunks));

  agenthub::agents::JsonlReader reader(
      agenthub::agents::string_source(std::string(input), options.read_chunk_bytes), options);
  std::vector<JsonlItem> pulled;
  while (auto item = reader.next()) pulled.push_back(std::move(*item));
  FUZZ_CHECK(same(whole, pulled));

  std::vector<Expected> expected = reference(input, options);
  FUZZ_CHECK(whole.size() == expected.size());
  std::size_t previous_line = 0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const JsonlItem& item = whole[i];
    check_item(item, options);
    FUZZ_CHECK(item.line_number > previous_line);
    previous_line = item.line_number;
    FUZZ_CHECK(item.kind == expected[i].kind);
    FUZZ_CHECK(item.line_number == expected[i].line_number);
    FUZZ_CHECK(item.line_bytes == expected[i].line_bytes);
  }
  return 0;
}
