// AgentSession: an external ordering logic (`casim run --agent CMD`) serving the runs of one worker
// thread: one agent process, started at the first run, said hello to and goodbye at each run, and
// started again for the next run after a fault (docs/agent-protocol.md).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "casim/order/ordering_logic.hpp"

namespace casim::agent {

class AgentProcess;

struct AgentOptions {
  std::string command;  // the command line, split as a shell would (no shell runs it)
  std::chrono::milliseconds timeout{10'000};  // the wall time a turn may take
};

class AgentSession final : public order::OrderingLogicSource {
 public:
  // Throws InputError (where "--agent") for a command line that does not split.
  explicit AgentSession(AgentOptions options);
  ~AgentSession() override;
  AgentSession(const AgentSession&) = delete;
  AgentSession& operator=(const AgentSession&) = delete;

  // The run's logic; starts the agent when none runs (InputError when it cannot be started).
  std::unique_ptr<order::OrderingLogic> make(const order::RunContext& context) override;

 private:
  AgentOptions options_;
  std::vector<std::string> argv_;
  std::unique_ptr<AgentProcess> process_;
};

}  // namespace casim::agent
