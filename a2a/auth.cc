#include "a2a/auth.h"

#include <cctype>
#include <cstddef>

#include "core/ids.h"

namespace agenthub::a2a {
namespace {

constexpr std::string_view kScheme = "bearer";

bool scheme_matches(std::string_view s) {
  if (s.size() != kScheme.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != kScheme[i]) return false;
  }
  return true;
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Walk the longer input fully so the time depends on lengths only.
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

bool check_bearer(std::string_view authorization, std::string_view expected_token) {
  if (expected_token.empty()) return false;
  std::size_t space = authorization.find(' ');
  if (space == std::string_view::npos) return false;
  if (!scheme_matches(authorization.substr(0, space))) return false;
  std::string_view token = authorization.substr(space + 1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  return constant_time_equal(token, expected_token);
}

std::string bearer_header_value(std::string_view token) {
  std::string out = "Bearer ";
  out.append(token);
  return out;
}

std::string generate_bearer_token() { return random_hex(32); }

}  // namespace agenthub::a2a
