#include "agents/launcher/host_address.h"

#include <gtest/gtest.h>

namespace agenthub::agents {
namespace {

TEST(HostAddress, LoopbackHosts) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host :
       {"0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.com", "", "128.0.0.1", "[::]"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(HostAddress, WildcardHosts) {
  for (const char* host : {"0.0.0.0", "::", "[::]"}) EXPECT_TRUE(is_wildcard_host(host)) << host;
  for (const char* host : {"127.0.0.1", "192.168.1.5", "localhost", "::1"}) {
    EXPECT_FALSE(is_wildcard_host(host)) << host;
  }
}

TEST(HostAddress, WildcardBindAdvertisesTheMachineName) {
  auto url = advertised_url("http://127.0.0.1:8765", "0.0.0.0", "build-box");
  ASSERT_TRUE(url.ok()) << url.error().to_string();
  EXPECT_EQ(*url, "http://build-box:8765");
}

TEST(HostAddress, SpecificBindsKeepTheReportedUrl) {
  auto url = advertised_url("http://192.168.1.5:8765", "192.168.1.5", "build-box");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "http://192.168.1.5:8765");
  url = advertised_url("http://127.0.0.1:9", "127.0.0.1", "build-box");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "http://127.0.0.1:9");
}

TEST(HostAddress, WildcardWithoutAMachineNameKeepsTheReportedUrl) {
  auto url = advertised_url("http://127.0.0.1:8765", "0.0.0.0", "");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "http://127.0.0.1:8765");
}

TEST(HostAddress, BadUrlIsAnError) {
  EXPECT_FALSE(advertised_url("not a url", "0.0.0.0", "box").ok());
}

TEST(HostAddress, MachineHostnameIsKnown) { EXPECT_FALSE(machine_hostname().empty()); }

}  // namespace
}  // namespace agenthub::agents
