#include "agents/common/jsonl_reader.h"

#include <algorithm>

#include "core/utf8.h"

namespace agenthub::agents {
namespace {

// Once a line needed this much memory, give it back instead of keeping the capacity forever.
constexpr std::size_t kKeepCapacity = 1024 * 1024;

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Nesting depth of arrays/objects outside strings, stopping early past `limit`.
bool within_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::string_view json_type_name(const Json& v) {
  return v.is_array()     ? "an array"
         : v.is_string()  ? "a string"
         : v.is_number()  ? "a number"
         : v.is_boolean() ? "a boolean"
                          : "null";
}

}  // namespace

std::string_view jsonl_kind_name(JsonlItem::Kind kind) {
  switch (kind) {
    case JsonlItem::Kind::kObject:
      return "object";
    case JsonlItem::Kind::kBadLine:
      return "bad_line";
    case JsonlItem::Kind::kOversizedLine:
      return "oversized_line";
    case JsonlItem::Kind::kReadError:
      return "read_error";
    case JsonlItem::Kind::kUnknown:
      break;
  }
  return "unknown";
}

JsonlParser::JsonlParser(JsonlOptions options) : options_(options) {}

void JsonlParser::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    std::size_t nl = bytes.find('\n');
    append_segment(bytes.substr(0, nl));
    if (nl == std::string_view::npos) return;
    end_line();
    bytes.remove_prefix(nl + 1);
  }
}

void JsonlParser::finish() {
  if (discarding_ || !line_.empty()) end_line();
}

std::optional<JsonlItem> JsonlParser::pop() {
  if (items_.empty()) return std::nullopt;
  JsonlItem item = std::move(items_.front());
  items_.pop_front();
  return item;
}

void JsonlParser::append_segment(std::string_view segment) {
  if (discarding_) {
    discarded_bytes_ += segment.size();
    return;
  }
  if (line_.size() + segment.size() <= options_.max_line_bytes) {
    line_.append(segment);
    return;
  }
  // Too long: remember how it started and drop everything until its newline.
  discarding_ = true;
  discarded_bytes_ = line_.size() + segment.size();
  std::string head = line_.substr(0, options_.preview_bytes + 4);
  if (head.size() < options_.preview_bytes + 4) {
    head.append(segment.substr(0, options_.preview_bytes + 4 - head.size()));
  }
  oversized_preview_ = make_preview(head);
  std::string().swap(line_);
}

void JsonlParser::end_line() {
  ++line_number_;
  if (discarding_) {
    JsonlItem item;
    item.kind = JsonlItem::Kind::kOversizedLine;
    item.line_number = line_number_;
    item.line_bytes = discarded_bytes_;
    item.preview = std::move(oversized_preview_);
    item.error = "line of " + std::to_string(discarded_bytes_) + " bytes exceeds the limit of " +
                 std::to_string(options_.max_line_bytes) + " bytes; skipped";
    items_.push_back(std::move(item));
    discarding_ = false;
    discarded_bytes_ = 0;
    oversized_preview_.clear();
    return;
  }
  parse_line(line_);
  if (line_.capacity() > kKeepCapacity) {
    std::string().swap(line_);
  } else {
    line_.clear();
  }
}

void JsonlParser::parse_line(std::string_view line) {
  if (is_blank(line)) return;
  JsonlItem item;
  item.line_number = line_number_;
  item.line_bytes = line.size();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string repaired;
  if (!is_valid_utf8(line)) {
    repaired = sanitize_utf8(line);
    line = repaired;
    item.repaired_utf8 = true;
  }
  auto reject = [&](std::string why) {
    item.kind = JsonlItem::Kind::kBadLine;
    item.error = std::move(why);
    item.preview = make_preview(line);
    items_.push_back(std::move(item));
  };
  if (!within_depth(line, options_.max_depth)) {
    return reject("JSON nested deeper than " + std::to_string(options_.max_depth) + " levels");
  }
  Result<Json> parsed = parse_json(line);
  if (!parsed.ok()) return reject(parsed.error().message);
  if (!parsed->is_object()) {
    return reject("expected a JSON object, got " + std::string(json_type_name(*parsed)));
  }
  item.kind = JsonlItem::Kind::kObject;
  item.value = std::move(*parsed);
  items_.push_back(std::move(item));
}

std::string JsonlParser::make_preview(std::string_view raw) const {
  std::string clean = sanitize_utf8(raw.substr(0, options_.preview_bytes + 4));
  clean.resize(utf8_safe_cut(clean, options_.preview_bytes));
  return clean;
}

JsonlReader::JsonlReader(ByteSource source, JsonlOptions options)
    : source_(std::move(source)), parser_(options) {
  buffer_.resize(std::max<std::size_t>(options.read_chunk_bytes, 1));
}

std::optional<JsonlItem> JsonlReader::next() {
  while (!parser_.has_item() && !done_) {
    Result<std::size_t> n = source_(std::span<char>(buffer_.data(), buffer_.size()));
    if (!n.ok() || *n == 0) {
      parser_.finish();
      done_ = true;
      if (!n.ok()) {
        // Reported after the line that was pending when the source failed.
        pending_error_.emplace();
        pending_error_->kind = JsonlItem::Kind::kReadError;
        pending_error_->error = n.error().to_string();
      }
      break;
    }
    parser_.feed(std::string_view(buffer_.data(), *n));
  }
  if (std::optional<JsonlItem> item = parser_.pop()) return item;
  std::optional<JsonlItem> error = std::move(pending_error_);
  pending_error_.reset();
  return error;
}

}  // namespace agenthub::agents
