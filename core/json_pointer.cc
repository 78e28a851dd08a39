#include "core/json_pointer.h"

#include <charconv>

namespace agenthub {
namespace {

bool parse_index(const std::string& token, std::size_t& index) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
  return ec == std::errc() && ptr == token.data() + token.size();
}

template <typename J>
J* resolve(J& doc, const std::vector<std::string>& tokens) {
  J* cur = &doc;
  for (const auto& token : tokens) {
    if (cur->is_object()) {
      auto it = cur->find(token);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      std::size_t index = 0;
      if (!parse_index(token, index) || index >= cur->size()) return nullptr;
      cur = &(*cur)[index];
    } else {
      return nullptr;
    }
  }
  return cur;
}

}  // namespace

Result<std::vector<std::string>> parse_json_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') {
    return Error{ErrorCode::kInvalidArgument,
                 "JSON Pointer must be empty or start with '/': \"" + std::string(pointer) + "\""};
  }
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    char c = pointer[i];
    if (c == '~') {
      char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
      if (next != '0' && next != '1') {
        return Error{ErrorCode::kInvalidArgument,
                     "JSON Pointer has an invalid '~' escape (use ~0 or ~1): \"" +
                         std::string(pointer) + "\""};
      }
      token += next == '0' ? '~' : '/';
      ++i;
    } else {
      token += c;
    }
  }
  return tokens;
}

std::string escape_json_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string join_json_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    out += '/';
    out += escape_json_pointer_token(t);
  }
  return out;
}

const Json* resolve_json_pointer(const Json& doc, const std::vector<std::string>& tokens) {
  return resolve(doc, tokens);
}

Json* resolve_json_pointer(Json& doc, const std::vector<std::string>& tokens) {
  return resolve(doc, tokens);
}

Result<const Json*> find_json_pointer(const Json& doc, std::string_view pointer) {
  auto tokens = parse_json_pointer(pointer);
  if (!tokens.ok()) return tokens.error();
  const Json* found = resolve_json_pointer(doc, *tokens);
  if (found == nullptr) {
    return Error{ErrorCode::kNotFound, "nothing at JSON Pointer \"" + std::string(pointer) + "\""};
  }
  return found;
}

}  // namespace agenthub
