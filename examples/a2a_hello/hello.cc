// The a2a/ library in one file: an agent that shouts back, served over A2A, and a client that
// streams one exchange with it. Build target: a2a-hello.
#include <cstdio>

#include "a2a/client/client.h"
#include "a2a/server/server.h"
#include "core/logging.h"

using namespace agenthub::a2a;

// An agent is one small class: the server owns ids, storage, streaming and cancellation.
class ShoutExecutor : public AgentExecutor {
 public:
  void execute(const RequestContext& ctx, TaskUpdater& task) override {
    task.working("thinking...");
    std::string text = ctx.message.text();
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    Artifact shout;
    shout.name = "shout";
    shout.parts = {Part::text_part(text)};
    task.add_artifact(shout);
    task.complete(task.agent_message({Part::text_part(text)}));
  }
  void cancel(const std::string& /*task_id*/) override {}
};

int main() {
  agenthub::init_logging("a2a-hello");  // library logs go to stderr
  AgentCard card;
  card.name = "shout";
  card.description = "Repeats your message in capitals";
  card.version = "1.0";
  card.capabilities.streaming = true;
  ServerOptions server_options;  // 127.0.0.1, a free port
  server_options.bearer_token = "s3cret";
  Server server(card, std::make_shared<ShoutExecutor>(), server_options);
  if (!server.start().ok()) return 1;

  ClientOptions options;
  options.bearer_token = "s3cret";
  auto client = Client::connect(server.base_url(), options);
  if (!client.ok()) return 1;
  SendMessageRequest request;
  request.message = user_text_message("hello, agent");
  auto outcome = (*client)->send_streaming_message(request, [](const StreamResponse& item) {
    if (const auto* update = std::get_if<TaskStatusUpdateEvent>(&item)) {
      std::printf("%s: %s\n", std::string(task_state_name(update->status.state)).c_str(),
                  update->status.message ? update->status.message->text().c_str() : "");
    }
    return true;  // keep streaming
  });
  return outcome.ok() ? 0 : 1;
}
