#include "a2a/client/url.h"

#include <gtest/gtest.h>

namespace agenthub::a2a {
namespace {

TEST(Url, ParsesHostPortAndPath) {
  auto u = parse_url("http://127.0.0.1:8080/a2a/jsonrpc");
  ASSERT_TRUE(u.ok()) << u.error().to_string();
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->path, "/a2a/jsonrpc");
  EXPECT_EQ(u->origin(), "http://127.0.0.1:8080");
  EXPECT_EQ(u->host_port(), "127.0.0.1:8080");
  EXPECT_EQ(u->to_string(), "http://127.0.0.1:8080/a2a/jsonrpc");
}

TEST(Url, DefaultPortsAndEmptyPath) {
  auto https = parse_url("HTTPS://agents.example.com");
  ASSERT_TRUE(https.ok());
  EXPECT_EQ(https->scheme, "https");
  EXPECT_EQ(https->port, 443);
  EXPECT_EQ(https->path, "");
  EXPECT_EQ(https->request_path(), "/");
  auto http = parse_url("http://localhost/x?y=1#frag");
  ASSERT_TRUE(http.ok());
  EXPECT_EQ(http->port, 80);
  EXPECT_EQ(http->path, "/x?y=1");
}

TEST(Url, Ipv6Literal) {
  auto u = parse_url("http://[::1]:9000/rpc");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "[::1]");
  EXPECT_EQ(u->port, 9000);
  EXPECT_EQ(u->origin(), "http://[::1]:9000");
}

TEST(Url, RejectsWhatWeCannotUse) {
  for (const char* bad : {"ftp://x", "127.0.0.1:80", "http://", "http://:80", "http://h:0",
                          "http://h:70000", "http://h:8x", "http://user:pw@h/", "http://[::1"}) {
    auto u = parse_url(bad);
    EXPECT_FALSE(u.ok()) << bad;
    if (!u.ok()) {
      EXPECT_EQ(u.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(Url, Resolve) {
  auto base = parse_url("http://h:1/agents/a");
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(resolve_url(*base, "/rpc")->to_string(), "http://h:1/rpc");
  EXPECT_EQ(resolve_url(*base, "rpc")->to_string(), "http://h:1/agents/a/rpc");
  EXPECT_EQ(resolve_url(*base, "https://other:2/x")->to_string(), "https://other:2/x");
}

}  // namespace
}  // namespace agenthub::a2a
