#include "hub/sanitizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <queue>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/json_pointer.h"
#include "core/utf8.h"
#include "hub/artifact_layout.h"

namespace agenthub::hub {
namespace {

constexpr std::string_view kArtifactRefsKey = "artifact_refs";
constexpr std::size_t kPreviewItems = 3;
constexpr std::size_t kPreviewKeys = 8;
constexpr std::size_t kPreviewItemBytes = 1024;
constexpr std::size_t kPreviewItemChars = 200;
constexpr std::size_t kPreviewKeyChars = 200;

struct TextRule {
  std::string_view pointer;
  bool command_output;  // keeps command_text_chars rather than text_chars
};

constexpr std::array<TextRule, 11> kTextRules{{
    {"/stdout", true},
    {"/stderr", true},
    {"/output", true},
    {"/aggregated_output", true},
    {"/content", false},
    {"/text", false},
    {"/final_response", false},
    {"/summary", false},
    {"/input/content", false},
    {"/input/old_string", false},
    {"/input/new_string", false},
}};

constexpr std::array<std::string_view, 5> kStructuredPointers{"/raw_tool_use_result", "/arguments",
                                                              "/result", "/error", "/changes"};

// Top-level members never moved (rule 4), whole subtrees.
constexpr std::array<std::string_view, 16> kProtectedKeys{
    "command",     "tool",       "tool_use_id",        "exit_code",     "status",     "is_error",
    "interrupted", "file_path",  "backend_session_id", "thread_id",     "context_id", "task_id",
    "agent_url",   "agent_name", "conversation_id",    kArtifactRefsKey};

bool is_protected_key(std::string_view key) {
  return std::find(kProtectedKeys.begin(), kProtectedKeys.end(), key) != kProtectedKeys.end();
}

std::size_t json_size(const Json& v) { return dump_json(v).size(); }

std::string cut_text(const std::string& s, std::size_t keep_chars, std::size_t total_chars) {
  std::string out = s.substr(0, utf8_prefix_bytes(s, keep_chars));
  out += truncation_marker(total_chars - keep_chars);
  return out;
}

Json bounded_preview_item(const Json& item) {
  if (json_size(item) <= kPreviewItemBytes) return item;
  if (item.is_string()) {
    const auto& s = item.get_ref<const std::string&>();
    return cut_text(s, kPreviewItemChars, utf8_length(s));
  }
  Json summary{{"original_type", item.is_array() ? "array" : "object"}};
  summary[item.is_array() ? "item_count" : "key_count"] = item.size();
  return Json{{"artifact_summary", std::move(summary)}};
}

// {"artifact_summary": ...} for an object or array (rule 2).
Json summarize_structured(const Json& value) {
  Json summary;
  if (value.is_array()) {
    Json preview = Json::array();
    for (std::size_t i = 0; i < value.size() && i < kPreviewItems; ++i) {
      preview.push_back(bounded_preview_item(value[i]));
    }
    summary = Json{{"original_type", "array"}, {"item_count", value.size()}, {"preview", preview}};
  } else {
    Json keys = Json::array();
    for (auto it = value.begin(); it != value.end() && keys.size() < kPreviewKeys; ++it) {
      const std::string& key = it.key();
      keys.push_back(utf8_length(key) <= kPreviewKeyChars
                         ? key
                         : key.substr(0, utf8_prefix_bytes(key, kPreviewKeyChars)));
    }
    summary =
        Json{{"original_type", "object"}, {"key_count", value.size()}, {"preview_keys", keys}};
  }
  return Json{{"artifact_summary", std::move(summary)}};
}

// Collects moved fields and tracks the serialized size of data.artifact_refs they will add.
class Mover {
 public:
  Mover(std::int64_t seq, std::string_view event_type)
      : relpath_(artifact_manifest_relpath(seq, event_type)) {}

  // The ref a move of `content` at `pointer` would add, and the bytes it adds to the event.
  ArtifactRef make_ref(std::string pointer, const std::string& content, std::string_view mime,
                       std::optional<std::int64_t> total_chars) const {
    ArtifactRef ref;
    ref.field_path = std::move(pointer);
    ref.relpath = relpath_;
    ref.mime = mime;
    ref.encoding = kEncodingUtf8;
    ref.total_bytes = static_cast<std::int64_t>(content.size());
    ref.total_chars = total_chars;
    ref.chunk_count = artifact_chunk_count(ref.total_bytes);
    ref.truncated = true;
    return ref;
  }

  // Bytes data.artifact_refs grows by when `ref` is added: the whole `,"artifact_refs":{...}`
  // member for the first ref, one entry and a comma afterwards. Data is never empty here: it
  // holds at least the moved field.
  std::size_t added_bytes(const ArtifactRef& ref) const {
    std::size_t entry = json_size(Json(ref.field_path)) + 1 + json_size(encode(ref));
    if (writes_.empty()) return 1 + json_size(Json(kArtifactRefsKey)) + 1 + 2 + entry;
    return 1 + entry;
  }

  void add(ArtifactRef ref, std::string content) {
    refs_bytes_ += added_bytes(ref);
    writes_.push_back(ArtifactWrite{std::move(ref), std::move(content)});
  }

  // Serialized size data.artifact_refs will add to the event.
  [[nodiscard]] std::size_t refs_bytes() const { return refs_bytes_; }
  std::vector<ArtifactWrite>& writes() { return writes_; }

 private:
  std::string relpath_;
  std::vector<ArtifactWrite> writes_;
  std::size_t refs_bytes_ = 0;
};

// Moves a string longer than keep_chars characters; false when it is not longer.
bool move_text(Json& value, std::string pointer, std::size_t keep_chars, Mover& mover) {
  const auto& s = value.get_ref<const std::string&>();
  std::size_t chars = utf8_length(s);
  if (chars <= keep_chars) return false;
  std::string preview = cut_text(s, keep_chars, chars);
  std::string content = std::move(value.get_ref<std::string&>());
  ArtifactRef ref =
      mover.make_ref(std::move(pointer), content, kMimeText, static_cast<std::int64_t>(chars));
  mover.add(std::move(ref), std::move(content));
  value = std::move(preview);
  return true;
}

void move_structured(Json& value, std::string pointer, std::string content, Mover& mover) {
  ArtifactRef ref = mover.make_ref(std::move(pointer), content, kMimeJson, std::nullopt);
  mover.add(std::move(ref), std::move(content));
  value = summarize_structured(value);
}

// Rules 1 and 2: fixed pointers. Returns the values they replaced.
std::unordered_set<const Json*> apply_fixed_rules(Json& data, const SanitizerLimits& limits,
                                                  Mover& mover) {
  std::unordered_set<const Json*> moved;
  auto resolve = [&data](std::string_view pointer) -> Json* {
    auto tokens = parse_json_pointer(pointer);
    return tokens.ok() ? resolve_json_pointer(data, *tokens) : nullptr;
  };
  auto move_container_if_large = [&](Json& v, std::string_view pointer) {
    std::string content = dump_json(v);
    if (content.size() <= limits.structured_bytes) return;
    move_structured(v, std::string(pointer), std::move(content), mover);
    moved.insert(&v);
  };
  for (const TextRule& rule : kTextRules) {
    Json* v = resolve(rule.pointer);
    if (v == nullptr) continue;
    if (v->is_string()) {
      std::size_t keep = rule.command_output ? limits.command_text_chars : limits.text_chars;
      if (move_text(*v, std::string(rule.pointer), keep, mover)) moved.insert(v);
    } else if (v->is_structured()) {
      move_container_if_large(*v, rule.pointer);
    }
  }
  for (std::string_view pointer : kStructuredPointers) {
    Json* v = resolve(pointer);
    if (v == nullptr || moved.contains(v)) continue;
    if (v->is_structured()) {
      move_container_if_large(*v, pointer);
    } else if (v->is_string() && json_size(*v) > limits.structured_bytes) {
      if (move_text(*v, std::string(pointer), limits.text_chars, mover)) moved.insert(v);
    }
  }
  return moved;
}

// Rule 3 over a size tree of data, built once.
class LargestFirst {
 public:
  LargestFirst(const SanitizerLimits& limits, Mover& mover,
               const std::unordered_set<const Json*>& already_moved)
      : limits_(limits), mover_(mover), already_moved_(already_moved) {}

  void run(Json& data, std::size_t envelope_bytes) {
    build(data, -1, std::string(), false);
    std::size_t total = envelope_bytes + nodes_[0].size + mover_.refs_bytes();
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      if (eligible(i)) heap_.push({nodes_[i].size, i});
    }
    while (total > limits_.event_target_bytes && !heap_.empty()) {
      auto [size, index] = heap_.top();
      heap_.pop();
      Node& node = nodes_[index];
      if (!eligible(index)) continue;
      if (node.size != size) {  // shrunk since it was queued: re-rank with its new size
        heap_.push({node.size, index});
        continue;
      }
      total -= try_move(index);
    }
  }

 private:
  struct Node {
    Json* value;
    std::int64_t parent;
    std::string token;
    std::size_t size = 0;
    std::size_t subtree_end = 0;  // one past the last descendant (pre-order indices)
    bool blocked = false;         // protected, moved, or inside either
    bool holds_moved = false;     // an ancestor of a moved value
  };

  struct Entry {
    std::size_t size;
    std::size_t index;
    // Largest first; among equals, the earlier one in document order.
    bool operator<(const Entry& o) const {
      return size != o.size ? size < o.size : index > o.index;
    }
  };

  // Returns the size of `value` and whether its subtree holds a value moved by rules 1/2.
  std::pair<std::size_t, bool> build(Json& value, std::int64_t parent, std::string token,
                                     bool blocked) {
    std::size_t index = nodes_.size();
    nodes_.push_back(Node{&value, parent, std::move(token)});
    bool moved_here = already_moved_.contains(&value);
    blocked = blocked || moved_here;
    std::size_t size = 0;
    bool holds_moved = false;
    if (moved_here || !value.is_structured()) {
      size = json_size(value);
    } else {
      size = 2;
      std::size_t count = 0;
      for (auto it = value.begin(); it != value.end(); ++it, ++count) {
        std::string child_token;
        bool child_blocked = blocked;
        if (value.is_object()) {
          child_token = it.key();
          size += json_size(Json(it.key())) + 1;
          child_blocked = child_blocked || (parent < 0 && is_protected_key(it.key()));
        } else {
          child_token = std::to_string(count);
        }
        auto [child_size, child_holds] =
            build(*it, static_cast<std::int64_t>(index), std::move(child_token), child_blocked);
        size += child_size;
        holds_moved = holds_moved || child_holds;
      }
      if (count > 1) size += count - 1;
    }
    Node& node = nodes_[index];
    node.size = size;
    node.subtree_end = nodes_.size();
    node.blocked = blocked;
    node.holds_moved = holds_moved;
    return {size, holds_moved || moved_here};
  }

  bool eligible(std::size_t index) const {
    const Node& node = nodes_[index];
    if (node.parent < 0 || node.blocked || node.holds_moved) return false;
    if (node.value->is_string()) {
      return node.value->get_ref<const std::string&>().size() > limits_.large_string_bytes;
    }
    return node.value->is_structured() && node.size > limits_.large_structured_bytes;
  }

  std::string pointer_of(std::size_t index) const {
    std::vector<const std::string*> tokens;
    for (auto i = static_cast<std::int64_t>(index); nodes_[i].parent >= 0; i = nodes_[i].parent) {
      tokens.push_back(&nodes_[i].token);
    }
    std::string pointer;
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
      pointer += '/';
      pointer += escape_json_pointer_token(**it);
    }
    return pointer;
  }

  // Moves the value when that shrinks the event; returns the bytes saved (0 when skipped).
  std::size_t try_move(std::size_t index) {
    Node& node = nodes_[index];
    Json replacement;
    std::string content;
    std::optional<std::int64_t> total_chars;
    std::string_view mime;
    if (node.value->is_string()) {
      const auto& s = node.value->get_ref<const std::string&>();
      std::size_t chars = utf8_length(s);
      if (chars <= limits_.large_string_keep_chars) return 0;
      replacement = cut_text(s, limits_.large_string_keep_chars, chars);
      content = s;
      total_chars = static_cast<std::int64_t>(chars);
      mime = kMimeText;
    } else {
      replacement = summarize_structured(*node.value);
      content = dump_json(*node.value);
      mime = kMimeJson;
    }
    ArtifactRef ref = mover_.make_ref(pointer_of(index), content, mime, total_chars);
    std::size_t new_size = json_size(replacement);
    std::size_t ref_bytes = mover_.added_bytes(ref);
    if (new_size + ref_bytes >= node.size) return 0;
    std::size_t saved = node.size - new_size;
    *node.value = std::move(replacement);
    mover_.add(std::move(ref), std::move(content));
    for (std::size_t i = index; i < node.subtree_end; ++i) nodes_[i].blocked = true;
    for (std::int64_t a = node.parent; a >= 0; a = nodes_[a].parent) {
      nodes_[a].size -= saved;
      nodes_[a].holds_moved = true;
    }
    node.size = new_size;
    return saved - ref_bytes;
  }

  const SanitizerLimits& limits_;
  Mover& mover_;
  const std::unordered_set<const Json*>& already_moved_;
  std::vector<Node> nodes_;
  std::priority_queue<Entry> heap_;
};

}  // namespace

std::string truncation_marker(std::size_t omitted_chars) {
  return "\n...[truncated, see artifact_refs: " + std::to_string(omitted_chars) + " more chars]";
}

SanitizedEvent sanitize_event(RunEvent event, const SanitizerLimits& limits) {
  SanitizedEvent out;
  Json& data = event.data;
  if (data.is_object()) {
    data.erase(std::string(kArtifactRefsKey));
    Mover mover(event.seq, event.type_name());
    auto moved = apply_fixed_rules(data, limits, mover);
    RunEvent envelope = event;
    envelope.data = Json::object();
    std::size_t envelope_bytes = dump_json(encode(envelope)).size() - 2;
    LargestFirst(limits, mover, moved).run(data, envelope_bytes);
    if (!mover.writes().empty()) {
      Json refs = Json::object();
      for (const ArtifactWrite& w : mover.writes()) refs[w.ref.field_path] = encode(w.ref);
      data[std::string(kArtifactRefsKey)] = std::move(refs);
    }
    out.artifacts = std::move(mover.writes());
  }
  out.serialized = dump_json(encode(event));
  out.event = std::move(event);
  return out;
}

}  // namespace agenthub::hub
