#include "agents/launcher/host_address.h"

#include <arpa/inet.h>
#include <limits.h>
#include <unistd.h>

#include <array>

#include "a2a/client/url.h"

namespace agenthub::agents {
namespace {

std::string_view strip_brackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  host = strip_brackets(host);
  if (host == "localhost") return true;
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

bool is_wildcard_host(std::string_view host) {
  host = strip_brackets(host);
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return v4.s_addr == htonl(INADDR_ANY);
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return IN6_IS_ADDR_UNSPECIFIED(&v6);
  return false;
}

Result<std::string> advertised_url(std::string_view listen_url, std::string_view host,
                                   std::string_view machine_name) {
  auto url = a2a::parse_url(listen_url);
  if (!url.ok()) return url.error();
  if (!is_wildcard_host(host) || machine_name.empty()) return url->to_string();
  url->host = std::string(machine_name);
  return url->to_string();
}

std::string machine_hostname() {
  std::array<char, HOST_NAME_MAX + 1> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "";
  return std::string(name.data());
}

}  // namespace agenthub::agents
