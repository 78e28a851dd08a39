#include "a2a/client/client.h"

#include <spdlog/spdlog.h>
#include <strings.h>

#include <atomic>

#include "a2a/client/card_resolver.h"
#include "a2a/client/http_transport.h"
#include "a2a/client/rpc_answer.h"
#include "a2a/client/versioned_codec.h"
#include "core/error_table.h"
#include "core/ids.h"
#include "core/jsonrpc.h"

namespace agenthub::a2a {
namespace {

bool is_version_error(const Error& e) {
  return e.code == ErrorCode::kMethodNotFound || e.code == ErrorCode::kVersionNotSupported;
}

void set_header(HttpHeaders& headers, const std::string& name, const std::string& value) {
  for (auto& [n, v] : headers) {
    if (strcasecmp(n.c_str(), name.c_str()) == 0) {
      v = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

// Headers every request carries: auth and the caller's own, which win over our defaults.
HttpHeaders common_headers(const ClientOptions& options, HttpHeaders defaults) {
  if (!options.bearer_token.empty()) {
    set_header(defaults, "Authorization", "Bearer " + options.bearer_token);
  }
  for (const auto& [name, value] : options.headers) set_header(defaults, name, value);
  return defaults;
}

SendMessageRequest with_message_id(const SendMessageRequest& request) {
  SendMessageRequest out = request;
  if (out.message.message_id.empty()) out.message.message_id = new_uuid_v4();
  if (out.message.role == Role::kUnknown) out.message.role = Role::kUser;
  return out;
}

}  // namespace

struct Client::Impl {
  ClientOptions options;
  HttpTransport http;
  AgentCard card;
  CardEndpoints endpoints;
  bool allow_fallback = true;
  std::atomic<ProtocolVersion> version{ProtocolVersion::kV1};
  std::atomic<long long> next_id{1};

  explicit Impl(ClientOptions o) : options(o), http(std::move(o)) {}

  void choose_version() {
    if (options.force_version && *options.force_version != ProtocolVersion::kUnknown) {
      version = *options.force_version;
      allow_fallback = false;
    } else if (endpoints.v1 || endpoints.unversioned) {
      version = ProtocolVersion::kV1;
    } else {
      version = ProtocolVersion::kV03;
    }
  }

  [[nodiscard]] const Url& endpoint_for(ProtocolVersion v) const {
    const std::optional<Url>* order[3];
    if (v == ProtocolVersion::kV03) {
      order[0] = &endpoints.v03, order[1] = &endpoints.unversioned, order[2] = &endpoints.v1;
    } else {
      order[0] = &endpoints.v1, order[1] = &endpoints.unversioned, order[2] = &endpoints.v03;
    }
    for (const auto* candidate : order) {
      if (*candidate) return **candidate;
    }
    return *endpoints.v1;  // unreachable: card_endpoints() guarantees one endpoint
  }

  [[nodiscard]] HttpHeaders headers_for(ProtocolVersion v, bool stream) const {
    HttpHeaders h = {{"Content-Type", "application/json"},
                     {"Accept", stream ? "text/event-stream" : "application/json"},
                     {std::string(kVersionHeader), std::string(protocol_version_string(v))}};
    if (stream) {
      h.emplace_back("Cache-Control", "no-cache");
      // A compressed event stream would be buffered by the compressor; ask for none.
      h.emplace_back("Accept-Encoding", "identity");
    }
    return common_headers(options, std::move(h));
  }

  [[nodiscard]] bool should_fall_back(const Error& e, ProtocolVersion v, Method m) const {
    return allow_fallback && v == ProtocolVersion::kV1 && is_version_error(e) &&
           !method_name(m, ProtocolVersion::kV03).empty();
  }

  void remember_fallback(const Error& cause) {
    if (version.exchange(ProtocolVersion::kV03) != ProtocolVersion::kV03) {
      spdlog::info("a2a client: {} answered v1.0 with \"{}\"; using A2A v0.3 from now on",
                   endpoint_for(ProtocolVersion::kV1).host_port(), cause.message);
    }
  }

  [[nodiscard]] std::string request_body(Method m, ProtocolVersion v, Json params,
                                         const Json& id) const {
    return dump_json(make_jsonrpc_request(id, method_name(m, v), std::move(params)));
  }

  Result<Json> post_once(Method m, ProtocolVersion v, Json params) {
    const Url& url = endpoint_for(v);
    Json id = next_id.fetch_add(1);
    auto answer = http.post(url, request_body(m, v, std::move(params), id), headers_for(v, false));
    if (!answer.ok()) return std::move(answer).take_error();
    return decode_rpc_answer(*answer, url, id, "application/json");
  }

  // One unary call with the version fallback; `decode` reads the result in the version used.
  template <typename T, typename Params, typename Decode>
  Result<T> unary(Method m, const Params& params, const Decode& decode) {
    ProtocolVersion v = version.load();
    auto result = post_once(m, v, params(v));
    if (!result.ok() && should_fall_back(result.error(), v, m)) {
      Error cause = result.error();
      v = ProtocolVersion::kV03;
      result = post_once(m, v, params(v));
      if (result.ok() || !is_version_error(result.error())) remember_fallback(cause);
    }
    if (!result.ok()) return std::move(result).take_error();
    return decode(*result, v);
  }

  std::unique_ptr<StreamCall> stream_call(Method m, ProtocolVersion v, Json params) {
    Json id = next_id.fetch_add(1);
    std::string body = request_body(m, v, std::move(params), id);
    return std::make_unique<StreamCall>(options, endpoint_for(v), v, std::move(body), std::move(id),
                                        headers_for(v, true));
  }

  template <typename Params>
  Result<StreamOutcome> stream_with_callback(Method m, const Params& params,
                                             const StreamCallback& on_item) {
    StreamCall::Sink sink;
    sink.on_item = [&](StreamResponse&& item) { return on_item(item); };
    ProtocolVersion v = version.load();
    auto call = stream_call(m, v, params(v));
    auto result = call->run(sink);
    if (!result.ok() && !call->opened() && should_fall_back(result.error(), v, m)) {
      Error cause = result.error();
      call = stream_call(m, ProtocolVersion::kV03, params(ProtocolVersion::kV03));
      result = call->run(sink);
      if (result.ok() || call->opened() || !is_version_error(result.error())) {
        remember_fallback(cause);
      }
    }
    return result;
  }

  template <typename Params>
  Result<std::unique_ptr<EventStream>> open(Method m, const Params& params) {
    ProtocolVersion v = version.load();
    auto stream = std::make_unique<EventStream>(stream_call(m, v, params(v)));
    (void)stream->wait_opened();
    if (stream->failed_before_open() && should_fall_back(*stream->error(), v, m)) {
      Error cause = *stream->error();
      stream = std::make_unique<EventStream>(
          stream_call(m, ProtocolVersion::kV03, params(ProtocolVersion::kV03)));
      (void)stream->wait_opened();
      if (!stream->failed_before_open() || !is_version_error(*stream->error())) {
        remember_fallback(cause);
      }
    }
    if (stream->failed_before_open()) return *stream->error();
    return stream;
  }
};

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() = default;

Result<std::unique_ptr<Client>> Client::connect(std::string_view agent_url, ClientOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  // A server that serves both card shapes picks by this header; ask for the one we will speak.
  const bool v03_only = impl->options.force_version == ProtocolVersion::kV03;
  HttpHeaders headers = common_headers(
      impl->options,
      {{"Accept", "application/json"}, {std::string(kVersionHeader), v03_only ? "0.3" : "1.0"}});
  auto resolved = fetch_agent_card(impl->http, agent_url, impl->options.agent_card_path, headers);
  if (!resolved.ok()) return std::move(resolved).take_error();
  auto endpoints = card_endpoints(resolved->card, resolved->card_url);
  if (!endpoints.ok()) return std::move(endpoints).take_error();
  impl->card = std::move(resolved->card);
  impl->endpoints = std::move(endpoints).value();
  impl->choose_version();
  return std::unique_ptr<Client>(new Client(std::move(impl)));
}

Result<std::unique_ptr<Client>> Client::from_card(AgentCard card, ClientOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  auto endpoints = card_endpoints(card, std::nullopt);
  if (!endpoints.ok()) return std::move(endpoints).take_error();
  impl->card = std::move(card);
  impl->endpoints = std::move(endpoints).value();
  impl->choose_version();
  return std::unique_ptr<Client>(new Client(std::move(impl)));
}

const AgentCard& Client::card() const { return impl_->card; }

ProtocolVersion Client::version() const { return impl_->version.load(); }

std::string Client::endpoint() const { return impl_->endpoint_for(version()).to_string(); }

Result<SendMessageResponse> Client::send_message(const SendMessageRequest& request) {
  SendMessageRequest req = with_message_id(request);
  return impl_->unary<SendMessageResponse>(
      Method::kSendMessage, [&](ProtocolVersion v) { return client_codec::encode_params(req, v); },
      [](const Json& j, ProtocolVersion v) { return client_codec::decode_send_result(j, v); });
}

Result<StreamOutcome> Client::send_streaming_message(const SendMessageRequest& request,
                                                     const StreamCallback& on_item) {
  SendMessageRequest req = with_message_id(request);
  return impl_->stream_with_callback(
      Method::kSendStreamingMessage,
      [&](ProtocolVersion v) { return client_codec::encode_params(req, v); }, on_item);
}

Result<std::unique_ptr<EventStream>> Client::open_stream(const SendMessageRequest& request) {
  SendMessageRequest req = with_message_id(request);
  return impl_->open(Method::kSendStreamingMessage,
                     [&](ProtocolVersion v) { return client_codec::encode_params(req, v); });
}

Result<StreamOutcome> Client::subscribe(const SubscribeToTaskRequest& request,
                                        const StreamCallback& on_item) {
  return impl_->stream_with_callback(
      Method::kSubscribeToTask,
      [&](ProtocolVersion v) { return client_codec::encode_params(request, v); }, on_item);
}

Result<std::unique_ptr<EventStream>> Client::open_subscription(
    const SubscribeToTaskRequest& request) {
  return impl_->open(Method::kSubscribeToTask,
                     [&](ProtocolVersion v) { return client_codec::encode_params(request, v); });
}

Result<Task> Client::get_task(const GetTaskRequest& request) {
  return impl_->unary<Task>(
      Method::kGetTask, [&](ProtocolVersion v) { return client_codec::encode_params(request, v); },
      [](const Json& j, ProtocolVersion v) { return client_codec::decode_task_result(j, v); });
}

Result<ListTasksResponse> Client::list_tasks(const ListTasksRequest& request) {
  if (version() == ProtocolVersion::kV03) {
    return Error{ErrorCode::kUnsupportedOperation,
                 "ListTasks needs A2A v1.0; " + endpoint() + " speaks v0.3"};
  }
  return impl_->unary<ListTasksResponse>(
      Method::kListTasks, [&](ProtocolVersion) { return client_codec::encode_params(request); },
      [](const Json& j, ProtocolVersion) { return client_codec::decode_list_result(j); });
}

Result<Task> Client::cancel_task(const CancelTaskRequest& request) {
  return impl_->unary<Task>(
      Method::kCancelTask,
      [&](ProtocolVersion v) { return client_codec::encode_params(request, v); },
      [](const Json& j, ProtocolVersion v) { return client_codec::decode_task_result(j, v); });
}

Message user_text_message(std::string text, std::string context_id, std::string task_id) {
  Message m;
  m.message_id = new_uuid_v4();
  m.context_id = std::move(context_id);
  m.task_id = std::move(task_id);
  m.role = Role::kUser;
  m.parts.push_back(Part::text_part(std::move(text)));
  return m;
}

}  // namespace agenthub::a2a
