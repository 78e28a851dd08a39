// https: the client verifies certificates by default, trusts a given CA file, and can be told
// not to verify (tests only). The server is an in-process httplib::SSLServer with a
// self-signed certificate made for 127.0.0.1 at test time.

#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "a2a/client/client.h"
#include "fake_agent.h"

namespace agenthub::a2a {
namespace {

// A self-signed CA certificate for IP 127.0.0.1 and its key.
struct SelfSigned {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;

  SelfSigned() {
    key = EVP_EC_gen("P-256");
    cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    add_ext(NID_basic_constraints, "critical,CA:TRUE");
    add_ext(NID_subject_alt_name, "IP:127.0.0.1");
    X509_sign(cert, key, EVP_sha256());
  }
  ~SelfSigned() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  SelfSigned(const SelfSigned&) = delete;
  SelfSigned& operator=(const SelfSigned&) = delete;

  void add_ext(int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }

  [[nodiscard]] std::string write_pem(const std::filesystem::path& path) const {
    FILE* f = std::fopen(path.c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
    return path.string();
  }
};

class TlsAgent {
 public:
  explicit TlsAgent(const SelfSigned& id) : server_(id.cert, id.key) {
    server_.Get("/.well-known/agent-card.json",
                [this](const httplib::Request&, httplib::Response& res) {
                  Json card = {{"name", "tls"},
                               {"description", "over https"},
                               {"version", "1"},
                               {"supportedInterfaces",
                                {{{"url", url() + "/a2a/jsonrpc"},
                                  {"protocolBinding", "JSONRPC"},
                                  {"protocolVersion", "1.0"}}}},
                               {"capabilities", {{"streaming", true}}},
                               {"defaultInputModes", {"text/plain"}},
                               {"defaultOutputModes", {"text/plain"}},
                               {"skills", Json::array()}};
                  res.set_content(dump_json(card), "application/json");
                });
    server_.Post("/a2a/jsonrpc", [](const httplib::Request& req, httplib::Response& res) {
      auto body = parse_json(req.body);
      Json id = body.ok() ? body->value("id", Json()) : Json();
      Json task = {
          {"id", "t1"}, {"contextId", "c1"}, {"status", {{"state", "TASK_STATE_WORKING"}}}};
      if (body.ok() && body->value("method", "") == "SendStreamingMessage") {
        Json done = task;
        done["status"]["state"] = "TASK_STATE_COMPLETED";
        std::string sse;
        for (const Json& t : {task, done}) {
          sse += "data: " + dump_json({{"jsonrpc", "2.0"}, {"id", id}, {"result", {{"task", t}}}}) +
                 "\n\n";
        }
        res.set_content(sse, "text/event-stream");
        return;
      }
      res.set_content(dump_json({{"jsonrpc", "2.0"}, {"id", id}, {"result", task}}),
                      "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~TlsAgent() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::SSLServer server_;
  std::thread thread_;
  int port_ = 0;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("a2a_tls_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    ca_file_ = id_.write_pem(dir_ / "ca.pem");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  GetTaskRequest get() {
    GetTaskRequest r;
    r.id = "t1";
    return r;
  }

  SelfSigned id_;
  std::filesystem::path dir_;
  std::string ca_file_;
};

TEST_F(TlsTest, UntrustedCertificateIsRefusedByDefault) {
  TlsAgent agent(id_);
  auto client = Client::connect(agent.url());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(client.error().message.find("127.0.0.1"), std::string::npos);
}

TEST_F(TlsTest, TrustedThroughACaFile) {
  TlsAgent agent(id_);
  ClientOptions o;
  o.ca_file = ca_file_;
  auto client = Client::connect(agent.url(), o);
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  auto task = (*client)->get_task(get());
  ASSERT_TRUE(task.ok()) << task.error().to_string();
  EXPECT_EQ(task->status.state, TaskState::kWorking);
}

TEST_F(TlsTest, StreamOverTls) {
  TlsAgent agent(id_);
  ClientOptions o;
  o.ca_file = ca_file_;
  auto client = Client::connect(agent.url(), o);
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  SendMessageRequest req;
  req.message = user_text_message("secure");
  int items = 0;
  auto outcome = (*client)->send_streaming_message(req, [&](const StreamResponse&) {
    ++items;
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
  EXPECT_EQ(items, 2);
}

TEST_F(TlsTest, VerificationCanBeTurnedOff) {
  TlsAgent agent(id_);
  ClientOptions o;
  o.verify_tls = false;
  auto client = Client::connect(agent.url(), o);
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  EXPECT_TRUE((*client)->get_task(get()).ok());
}

TEST_F(TlsTest, MissingCaFile) {
  TlsAgent agent(id_);
  ClientOptions o;
  o.ca_file = (dir_ / "missing.pem").string();
  auto client = Client::connect(agent.url(), o);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kUnavailable);
}

TEST_F(TlsTest, PlainHttpClientAgainstTlsServer) {
  TlsAgent agent(id_);
  std::string http_url = agent.url();
  http_url.replace(0, 5, "http");
  auto client = Client::connect(http_url);
  ASSERT_FALSE(client.ok());
  EXPECT_NE(client.error().code, ErrorCode::kUnknown);
}

}  // namespace
}  // namespace agenthub::a2a
