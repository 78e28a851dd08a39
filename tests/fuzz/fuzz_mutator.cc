#include "fuzz_mutator.h"

#include <algorithm>
#include <array>
#include <limits>
#include <set>
#include <string_view>
#include <utility>

namespace agenthub::fuzz {
namespace {

// Structure-aware mutation dumps and reparses documents; keep it to shallow ones so the
// recursive dump can never be the thing that overflows the stack.
constexpr std::size_t kMaxJsonMutationDepth = 64;
constexpr std::size_t kMaxRecent = 64;
constexpr std::size_t kMaxCorpusToken = 48;
constexpr std::size_t kMaxTokens = 4000;

constexpr std::array<std::string_view, 40> kFixedTokens{"{",
                                                        "}",
                                                        "[",
                                                        "]",
                                                        "\"",
                                                        ":",
                                                        ",",
                                                        "null",
                                                        "true",
                                                        "false",
                                                        "\"\"",
                                                        "{}",
                                                        "[]",
                                                        "\\",
                                                        "\\u0000",
                                                        "\\ud800",
                                                        "\\udfff",
                                                        "\\\"",
                                                        "\\n",
                                                        "\r\n",
                                                        "\n",
                                                        "\r",
                                                        "\n\n",
                                                        "data: ",
                                                        "data:",
                                                        "event: ",
                                                        "id: ",
                                                        "retry: ",
                                                        ": ping",
                                                        "~0",
                                                        "~1",
                                                        "/",
                                                        "\"id\":",
                                                        "\"jsonrpc\":\"2.0\"",
                                                        "\"method\":",
                                                        "\"params\":",
                                                        "\"result\":",
                                                        "\"error\":",
                                                        "\xEF\xBB\xBF",
                                                        "\t"};

constexpr std::array<std::string_view, 22> kNumbers{"0",
                                                    "-0",
                                                    "1",
                                                    "-1",
                                                    "1.5",
                                                    "1e308",
                                                    "-1e308",
                                                    "1e999",
                                                    "1E-400",
                                                    "0.1e1",
                                                    "2147483647",
                                                    "2147483648",
                                                    "-2147483649",
                                                    "4294967296",
                                                    "9007199254740993",
                                                    "9223372036854775807",
                                                    "9223372036854775808",
                                                    "-9223372036854775808",
                                                    "-9223372036854775809",
                                                    "18446744073709551615",
                                                    "18446744073709551616",
                                                    "1"
                                                    "0000000000000000000000000000000"};

constexpr std::array<std::string_view, 12> kBadUtf8{"\xC0\x80",
                                                    "\xED\xA0\x80",
                                                    "\xF4\x90\x80\x80",
                                                    "\xFF",
                                                    "\xFE",
                                                    "\xC3",
                                                    "\xE2\x82",
                                                    "\xE0\x80\xAF",
                                                    "\xF0\x9F\x98",
                                                    "\x80",
                                                    "\xF8\x88\x80\x80\x80",
                                                    "\xEF\xBF\xBF"};

constexpr std::array<unsigned char, 14> kInterestingBytes{0x00, 0xFF, 0x7F, 0x80, '\n', '\r', '"',
                                                          '\\', '{',  '[',  ':',  ',',  '~',  '/'};

// Nesting depth of the text's brackets outside strings, giving up past `limit`.
bool shallow_json(std::string_view text, std::size_t limit) {
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

void collect_strings(const Json& doc, std::set<std::string>& out) {
  std::vector<const Json*> pending{&doc};
  while (!pending.empty()) {
    const Json* node = pending.back();
    pending.pop_back();
    if (node->is_string()) {
      const auto& s = node->get_ref<const std::string&>();
      if (s.size() <= kMaxCorpusToken) out.insert(s);
    } else if (node->is_object()) {
      for (auto it = node->begin(); it != node->end(); ++it) {
        if (it.key().size() <= kMaxCorpusToken) out.insert(it.key());
        pending.push_back(&it.value());
      }
    } else if (node->is_array()) {
      for (const auto& child : *node) pending.push_back(&child);
    }
  }
}

struct NodeRef {
  Json* node;
  Json* parent;     // nullptr for the root
  std::string key;  // the member name when the parent is an object
};

std::vector<NodeRef> collect_nodes(Json& root) {
  std::vector<NodeRef> nodes;
  std::vector<NodeRef> pending{{&root, nullptr, {}}};
  while (!pending.empty() && nodes.size() < 20000) {
    NodeRef ref = std::move(pending.back());
    pending.pop_back();
    if (ref.node->is_object()) {
      for (auto it = ref.node->begin(); it != ref.node->end(); ++it) {
        pending.push_back({&it.value(), ref.node, it.key()});
      }
    } else if (ref.node->is_array()) {
      for (auto& child : *ref.node) pending.push_back({&child, ref.node, {}});
    }
    nodes.push_back(std::move(ref));
  }
  return nodes;
}

}  // namespace

Mutator::Mutator(std::vector<std::string> corpus, std::uint64_t seed, std::size_t max_len)
    : corpus_(std::move(corpus)), rng_(seed), max_len_(max_len) {
  std::set<std::string> strings;
  auto add_document = [&](std::string_view text) {
    if (!shallow_json(text, kMaxJsonMutationDepth)) return false;
    auto parsed = parse_json(text);
    if (!parsed.ok()) return false;
    collect_strings(*parsed, strings);
    documents_.push_back(std::move(parsed).value());
    return true;
  };
  for (const auto& entry : corpus_) {
    if (add_document(entry)) {
      ++json_entries_;
      continue;
    }
    // JSON inside lines (SSE data, JSONL, MCP sessions) counts too.
    bool found = false;
    std::string_view rest = entry;
    while (!rest.empty()) {
      std::string_view line = rest.substr(0, rest.find('\n'));
      rest.remove_prefix(std::min(rest.size(), line.size() + 1));
      std::size_t open = line.find_first_of("{[");
      if (open != std::string_view::npos) found = add_document(line.substr(open)) || found;
    }
    if (found) ++json_entries_;
  }
  for (auto token : kFixedTokens) tokens_.emplace_back(token);
  for (const auto& s : strings) {
    if (tokens_.size() >= kMaxTokens) break;
    tokens_.push_back(s);
    tokens_.push_back(dump_json(Json(s)));  // the quoted form, ready to drop into JSON text
  }
}

std::size_t Mutator::below(std::size_t n) {
  if (n == 0) return 0;
  return static_cast<std::size_t>(rng_() % n);
}

bool Mutator::chance(unsigned percent) { return below(100) < percent; }

const std::string& Mutator::random_token() { return tokens_[below(tokens_.size())]; }

std::string Mutator::next() {
  std::string data;
  if (!recent_.empty() && chance(30)) {
    data = recent_[below(recent_.size())];
  } else {
    data = corpus_[below(corpus_.size())];
  }
  // Mostly one or two mutations, sometimes a burst. When the corpus is JSON, most inputs get
  // structural mutations only: one stray byte makes the rest a parse error, which exercises
  // the JSON parser rather than our decoders.
  const bool json_corpus = json_entries_ * 2 >= corpus_.size();
  const bool structural = !documents_.empty() && chance(json_corpus ? 70 : 15);
  std::size_t rounds = 1 + (chance(50) ? 0 : below(5));
  for (std::size_t i = 0; i < rounds; ++i) {
    if (!(structural && mutate_json(data))) mutate_once(data);
  }
  if (data.size() > max_len_) data.resize(max_len_);
  if (chance(20)) {
    if (recent_.size() < kMaxRecent) {
      recent_.push_back(data);
    } else {
      recent_[recent_next_] = data;
      recent_next_ = (recent_next_ + 1) % kMaxRecent;
    }
  }
  return data;
}

void Mutator::mutate_once(std::string& data) {
  if (!documents_.empty() && chance(45) && mutate_json(data)) return;
  const std::size_t size = data.size();
  auto insert_at_random = [&](std::string_view text) { data.insert(below(size + 1), text); };
  switch (below(14)) {
    case 0:  // bit flips
      if (size > 0) {
        for (std::size_t i = 0, n = 1 + below(8); i < n; ++i) {
          data[below(size)] ^= static_cast<char>(1u << below(8));
        }
      }
      break;
    case 1:  // random byte
      if (size > 0) data[below(size)] = static_cast<char>(below(256));
      break;
    case 2:  // interesting byte, overwritten or inserted
      if (size > 0 && chance(50)) {
        data[below(size)] = static_cast<char>(kInterestingBytes[below(kInterestingBytes.size())]);
      } else {
        insert_at_random(
            std::string(1, static_cast<char>(kInterestingBytes[below(kInterestingBytes.size())])));
      }
      break;
    case 3: {  // random bytes inserted
      std::string bytes;
      for (std::size_t i = 0, n = 1 + below(8); i < n; ++i) {
        bytes += static_cast<char>(below(256));
      }
      insert_at_random(bytes);
      break;
    }
    case 4:  // delete a range
      if (size > 0) {
        std::size_t at = below(size);
        data.erase(at, 1 + below(std::min<std::size_t>(size - at, 64)));
      }
      break;
    case 5:  // duplicate a chunk somewhere else
      if (size > 0) {
        std::size_t at = below(size);
        std::string chunk = data.substr(at, 1 + below(std::min<std::size_t>(size - at, 256)));
        std::size_t copies = chance(80) ? 1 : 1 + below(64);
        std::string repeated;
        for (std::size_t i = 0; i < copies; ++i) repeated += chunk;
        insert_at_random(repeated);
      }
      break;
    case 6: {  // splice: a prefix of this input and a suffix of another
      const std::string& other = corpus_[below(corpus_.size())];
      data = data.substr(0, below(size + 1)) + other.substr(below(other.size() + 1));
      break;
    }
    case 7:  // a token (JSON punctuation, SSE field, corpus string)
      insert_at_random(random_token());
      break;
    case 8:  // an interesting number, replacing a run of digits when there is one
    {
      std::string_view number = kNumbers[below(kNumbers.size())];
      std::size_t digit = data.find_first_of("0123456789", below(size + 1));
      if (digit != std::string::npos && chance(70)) {
        std::size_t end = data.find_first_not_of("0123456789.eE+-", digit);
        if (end == std::string::npos) end = size;
        data.replace(digit, end - digit, number);
      } else {
        insert_at_random(number);
      }
      break;
    }
    case 9: {  // deep nesting
      std::size_t depth = chance(70) ? 1 + below(300) : 1 + below(20000);
      char open = chance(50) ? '[' : '{';
      std::string nest(depth, open);
      if (open == '{') {
        nest.clear();
        for (std::size_t i = 0; i < depth / 5 + 1; ++i) nest += "{\"a\":";
      }
      insert_at_random(nest);
      break;
    }
    case 10:  // invalid UTF-8
      insert_at_random(kBadUtf8[below(kBadUtf8.size())]);
      break;
    case 11: {  // line breaks: split a line, or duplicate / drop a whole line
      std::size_t at = below(size + 1);
      std::size_t line_start = data.rfind('\n', at == 0 ? 0 : at - 1);
      line_start = line_start == std::string::npos ? 0 : line_start + 1;
      std::size_t line_end = data.find('\n', at);
      line_end = line_end == std::string::npos ? size : line_end + 1;
      switch (below(3)) {
        case 0:
          data.insert(at, chance(50) ? "\n" : (chance(50) ? "\r\n" : "\r"));
          break;
        case 1:
          data.insert(line_end, data.substr(line_start, line_end - line_start));
          break;
        default:
          data.erase(line_start, line_end - line_start);
          break;
      }
      break;
    }
    case 12:  // truncate
      if (size > 0) data.resize(below(size));
      break;
    default: {  // replace the inside of a quoted string with a token
      std::size_t open = data.find('"', below(size + 1));
      if (open == std::string::npos) break;
      std::size_t close = data.find('"', open + 1);
      if (close == std::string::npos) break;
      const std::string& token = random_token();
      if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
        data.replace(open, close - open + 1, token);
      } else {
        data.replace(open + 1, close - open - 1, token);
      }
      break;
    }
  }
}

bool Mutator::mutate_json(std::string& data) {
  if (data.size() > max_len_) return false;
  if (mutate_json_span(data, 0, data.size())) return true;
  // Line-oriented inputs (SSE, JSONL, MCP sessions): the JSON value inside one line.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t start = 0; start < data.size();) {
    std::size_t end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    std::size_t open = data.find_first_of("{[", start);
    std::size_t stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
    if (open < stop) spans.emplace_back(open, stop);
    start = end + 1;
  }
  if (spans.empty()) return false;
  auto [begin, end] = spans[below(spans.size())];
  return mutate_json_span(data, begin, end);
}

bool Mutator::mutate_json_span(std::string& data, std::size_t begin, std::size_t end) {
  std::string_view text(data.data() + begin, end - begin);
  if (!shallow_json(text, kMaxJsonMutationDepth)) return false;
  auto parsed = parse_json(text);
  if (!parsed.ok()) return false;
  Json root = std::move(parsed).value();
  mutate_json_node(root);
  std::string out = dump_json(root);
  if (data.size() - text.size() + out.size() > max_len_) return false;
  data.replace(begin, end - begin, out);
  return true;
}

Json Mutator::random_value() {
  switch (below(24)) {
    case 0:
      return nullptr;
    case 1:
      return chance(50);
    case 2:
      return 0;
    case 3:
      return -1;
    case 4:
      return 1.5;
    case 5:
      return chance(50) ? 1e300 : -1e300;
    case 6:
      return std::numeric_limits<std::int64_t>::max();
    case 7:
      return std::numeric_limits<std::int64_t>::min();
    case 8:
      return std::numeric_limits<std::uint64_t>::max();
    case 9:
      return chance(50) ? 2147483648LL : -2147483649LL;
    case 10:
      return "";
    case 11:
    case 12:
      return random_token();
    case 13: {  // long ASCII: past every size threshold of the sanitizer and the codecs
      constexpr std::string_view kFill = "a/~ \n\"\\";
      return std::string(1 + below(chance(80) ? 3000 : 20000), kFill[below(kFill.size())]);
    }
    case 14: {  // long multi-byte text: character and byte counts differ
      constexpr std::array<std::string_view, 3> kWide{"\u00e9", "\u20ac", "\U0001F600"};
      std::string wide;
      for (std::size_t i = 0, n = 1 + below(1500); i < n; ++i) wide += kWide[below(3)];
      return wide;
    }
    case 15:
      return std::string("\0x", 2);
    case 16:
      return Json::object();
    case 17:
      return Json::array();
    case 18:
      return static_cast<std::int64_t>(below(10));
    default: {
      if (documents_.empty()) return nullptr;
      // A subtree of some corpus document: realistic shapes in unexpected places.
      const Json* node = &documents_[below(documents_.size())];
      while (node->is_structured() && !node->empty() && chance(65)) {
        auto it = node->begin();
        std::advance(it, static_cast<std::ptrdiff_t>(below(node->size())));
        node = &*it;
      }
      return *node;
    }
  }
}

void Mutator::mutate_json_node(Json& root) {
  std::vector<NodeRef> nodes = collect_nodes(root);
  NodeRef& target = nodes[below(nodes.size())];
  Json& node = *target.node;
  switch (below(9)) {
    case 0:
      node = random_value();
      return;
    case 1:  // drop the member or element
      if (target.parent != nullptr && target.parent->is_object()) {
        target.parent->erase(target.key);
        return;
      }
      if (target.parent != nullptr && target.parent->is_array()) {
        // Found by address: the element may sit anywhere in its array.
        auto& array = target.parent->get_ref<Json::array_t&>();
        for (auto it = array.begin(); it != array.end(); ++it) {
          if (&*it == &node) {
            array.erase(it);
            return;
          }
        }
      }
      node = nullptr;
      return;
    case 2:  // rename the member
      if (target.parent != nullptr && target.parent->is_object()) {
        Json value = std::move(node);
        target.parent->erase(target.key);
        (*target.parent)[random_token()] = std::move(value);
        return;
      }
      node = random_value();
      return;
    case 3:  // add a member or element
      if (node.is_object()) {
        node[random_token()] = random_value();
      } else if (node.is_array()) {
        auto& array = node.get_ref<Json::array_t&>();
        array.insert(array.begin() + static_cast<std::ptrdiff_t>(below(array.size() + 1)),
                     random_value());
      } else {
        node = Json::array({std::move(node), random_value()});
      }
      return;
    case 4:  // duplicate an element, or the value into a sibling member
      if (node.is_array() && !node.empty()) {
        Json copy = node[below(node.size())];
        node.push_back(std::move(copy));
      } else if (target.parent != nullptr && target.parent->is_object()) {
        (*target.parent)[random_token()] = node;
      } else {
        node = Json::array({node, node});
      }
      return;
    case 5:  // wrap
      node = chance(50) ? Json::array({std::move(node)}) : Json{{random_token(), std::move(node)}};
      return;
    case 6:  // retype
      if (node.is_string()) {
        const auto& text = node.get_ref<const std::string&>();
        auto reparsed =
            shallow_json(text, kMaxJsonMutationDepth) ? parse_json(text) : Result<Json>(Error{});
        node = reparsed.ok() ? std::move(reparsed).value() : Json(chance(50) ? 0 : 1);
      } else if (node.is_object()) {
        Json array = Json::array();
        for (auto& [key, value] : node.items()) array.push_back(value);
        node = std::move(array);
      } else if (node.is_array()) {
        Json object = Json::object();
        for (std::size_t i = 0; i < node.size(); ++i) object[std::to_string(i)] = node[i];
        node = std::move(object);
      } else {
        node = dump_json(node);
      }
      return;
    case 7:  // numbers: an interesting one; strings: cut, grow or empty
      if (node.is_number() || node.is_boolean() || node.is_null()) {
        auto number = parse_json(kNumbers[below(kNumbers.size())]);
        node = number.ok() ? std::move(number).value() : Json(0);
      } else if (node.is_string()) {
        std::string s = node.get<std::string>();
        switch (below(4)) {
          case 0:
            s.resize(below(s.size() + 1));
            break;
          case 1:
            s += s;
            break;
          case 2:
            s.clear();
            break;
          default:
            s.insert(below(s.size() + 1), random_token());
            break;
        }
        node = std::move(s);  // dump_json repairs any UTF-8 the cut broke
      } else {
        node = random_value();
      }
      return;
    default:  // empty the container
      if (node.is_structured()) {
        node = node.is_array() ? Json::array() : Json::object();
      } else {
        node = random_value();
      }
      return;
  }
}

}  // namespace agenthub::fuzz
