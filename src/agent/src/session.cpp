// AgentSession (session.hpp): the agent process of one worker thread, started when a run needs it.
#include "casim/agent/session.hpp"

#include "agent_platform.hpp"
#include "casim/agent/command_line.hpp"
#include "casim/agent/process.hpp"

namespace casim::agent {

AgentSession::AgentSession(AgentOptions options) : options_(std::move(options)), argv_(split_command_line(options_.command)) {}

AgentSession::~AgentSession() = default;

std::unique_ptr<order::OrderingLogic> AgentSession::make(const order::RunContext& context) {
  if (!process_ || !process_->running()) process_ = std::make_unique<AgentProcess>(argv_);
  return std::make_unique<AgentPlatform>(*process_, options_.timeout, context);
}

}  // namespace casim::agent
