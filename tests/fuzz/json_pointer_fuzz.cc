// JSON Pointer (core/json_pointer.h): parse, escape/join and resolve against a document.
// Input: the pointer on the first line, the document (JSON) after it; a document that does not
// parse is replaced by a fixed one so that pointer-only mutants still resolve somewhere.
//
// Invariants: parsing accepts exactly RFC 6901 syntax and join(parse(p)) == p; parse(join(t))
// == t for any tokens; both resolve overloads and find_json_pointer agree with a reference
// resolver written here; every value of the document is found again by its own pointer.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.h"
#include "fuzz_check.h"

namespace {

using agenthub::Json;

const Json& fallback_document() {
  static const Json kDoc = Json::parse(R"({
    "": {"": 1}, "a/b": 2, "m~n": 3, " ": 4, "0": [10, 11, {"x": [null]}], "01": "leading",
    "arr": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, [[]]], "nested": {"deep": {"er": {"est": true}}},
    "\u00e9": "unicode", "-": "dash"})");
  return kDoc;
}

bool syntactically_valid(std::string_view p) {
  if (p.empty()) return true;
  if (p.front() != '/') return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '~' && (i + 1 == p.size() || (p[i + 1] != '0' && p[i + 1] != '1'))) return false;
  }
  return true;
}

// RFC 6901 array index: "0" or digits without a leading zero, within size_t.
bool reference_index(const std::string& token, std::size_t& out) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  std::size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    auto digit = static_cast<std::size_t>(c - '0');
    if (value > (SIZE_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

const Json* reference_resolve(const Json& doc, const std::vector<std::string>& tokens) {
  const Json* cur = &doc;
  for (const auto& token : tokens) {
    if (cur->is_object()) {
      auto it = cur->find(token);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      std::size_t index = 0;
      if (!reference_index(token, index) || index >= cur->size()) return nullptr;
      cur = &(*cur)[index];
    } else {
      return nullptr;
    }
  }
  return cur;
}

void check_pointer(Json& doc, std::string_view pointer) {
  auto tokens = agenthub::parse_json_pointer(pointer);
  FUZZ_CHECK(tokens.ok() == syntactically_valid(pointer));
  auto found = agenthub::find_json_pointer(doc, pointer);
  if (!tokens.ok()) {
    FUZZ_CHECK(!found.ok() && found.error().code == agenthub::ErrorCode::kInvalidArgument);
    return;
  }
  FUZZ_CHECK(agenthub::join_json_pointer(*tokens) == pointer);
  const Json* expected = reference_resolve(doc, *tokens);
  const Json& const_doc = doc;
  FUZZ_CHECK(agenthub::resolve_json_pointer(const_doc, *tokens) == expected);
  FUZZ_CHECK(agenthub::resolve_json_pointer(doc, *tokens) == expected);
  if (expected == nullptr) {
    FUZZ_CHECK(!found.ok() && found.error().code == agenthub::ErrorCode::kNotFound);
  } else {
    FUZZ_CHECK(found.ok() && *found == expected);
  }
}

// Tokens made of the pointer's own bytes, cut differently: escape/join must round-trip any.
void check_join_round_trip(std::string_view raw) {
  std::vector<std::string> tokens;
  std::size_t step = raw.empty() ? 1 : 1 + static_cast<unsigned char>(raw[0]) % 7;
  for (std::size_t i = 0; i < raw.size(); i += step) tokens.emplace_back(raw.substr(i, step));
  if (raw.size() % 3 == 0) tokens.emplace_back();  // empty tokens are legal too
  for (const auto& token : tokens) {
    std::string escaped = agenthub::escape_json_pointer_token(token);
    FUZZ_CHECK(escaped.find('/') == std::string::npos);
    FUZZ_CHECK(syntactically_valid("/" + escaped));
  }
  std::string joined = agenthub::join_json_pointer(tokens);
  auto reparsed = agenthub::parse_json_pointer(joined);
  FUZZ_CHECK(reparsed.ok() && *reparsed == tokens);
}

// Every value (up to a bound) is found by the pointer of its path.
void check_every_value_found(const Json& doc) {
  struct Pending {
    const Json* node;
    std::vector<std::string> path;
  };
  std::vector<Pending> pending{{&doc, {}}};
  for (std::size_t visited = 0; !pending.empty() && visited < 2000; ++visited) {
    Pending item = std::move(pending.back());
    pending.pop_back();
    std::string pointer = agenthub::join_json_pointer(item.path);
    auto found = agenthub::find_json_pointer(doc, pointer);
    FUZZ_CHECK_MSG(found.ok() && *found == item.node, pointer);
    if (item.path.size() >= 64) continue;  // deep documents: the path copies add up
    if (item.node->is_object()) {
      for (auto it = item.node->begin(); it != item.node->end(); ++it) {
        auto path = item.path;
        path.push_back(it.key());
        pending.push_back({&it.value(), std::move(path)});
      }
    } else if (item.node->is_array()) {
      for (std::size_t i = 0; i < item.node->size(); ++i) {
        auto path = item.path;
        path.push_back(std::to_string(i));
        pending.push_back({&(*item.node)[i], std::move(path)});
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  std::string_view pointer = input.substr(0, newline);
  std::string_view document =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  auto parsed = agenthub::parse_json(document);
  Json doc = parsed.ok() ? std::move(parsed).value() : fallback_document();
  check_pointer(doc, pointer);
  check_join_round_trip(pointer);
  check_every_value_found(doc);
  return 0;
}
