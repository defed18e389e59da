// Server (server.hpp): the listening socket, one Connection per client (read with a timeout and
// a body limit, hand the request to the endpoints, write, keep alive), the scaled clock's tick,
// stop signals and shutdown.
#include "casim/serve/server.hpp"

#include <array>
#include <csignal>
#include <exception>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http_reply.hpp"

namespace casim::serve {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::string_view kManagementPrefix = "/_casim/";
constexpr std::chrono::seconds kWriteTimeout{30};
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
constexpr std::chrono::milliseconds kAcceptPause{50};

asio::ip::address listen_address(const std::string& host) {
  return asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host);
}

}  // namespace

struct Server::Impl {
  Impl(Session& served, ServerOptions given)
      : session(served), options(std::move(given)), acceptor(io, {listen_address(options.host), options.port}),
        signals(io), tick(io), accept_pause(io) {
    for (const int signal : options.stop_signals) signals.add(signal);
  }

  // The reply to one complete request; the session is only ever touched from the I/O thread.
  detail::Reply handle(const detail::Request& request) {
    try {
      session.sync(std::chrono::steady_clock::now());
      const std::string_view target = request.target;
      if (target.starts_with(kManagementPrefix)) return detail::management_reply(session, options, request);
      if (target == "/" || target.starts_with("/?")) return detail::reseller_reply(session, options, request);
      return detail::Reply::json(404, {{"error", {{"code", "NotFound"}, {"message", "no such path: " + request.target}}}});
    } catch (const std::exception& failure) {
      return detail::Reply::json(500, {{"error", {{"code", "InternalError"}, {"message", failure.what()}}}});
    }
  }

  void accept();
  void schedule_tick();
  void finish(int signal) {
    stopped.signal = signal;
    io.stop();
  }

  Session& session;
  ServerOptions options;
  asio::io_context io{1};
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer tick;
  asio::steady_timer accept_pause;
  ServerStop stopped;
};

namespace {

// One client connection: requests read one after the other (keep-alive), each answered in turn.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server), delay_(stream_.get_executor()) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
  }

 private:
  void on_read(beast::error_code error) {
    if (error == http::error::body_limit) {
      keep_alive_ = false;
      write(detail::too_large_reply(server_.session, server_.options.body_limit));
      return;
    }
    if (error) {
      close();
      return;
    }
    const auto& message = parser_->get();
    detail::Request request{std::string(message.method_string()), std::string(message.target()), {}, message.body()};
    for (const auto& field : message) request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    keep_alive_ = message.keep_alive();
    detail::Reply reply = server_.handle(request);
    if (reply.delay.count() > 0) {
      const auto delay = reply.delay;
      delay_.expires_after(delay);
      delay_.async_wait([self = shared_from_this(), reply = std::move(reply)](beast::error_code) mutable {
        self->write(std::move(reply));
      });
      return;
    }
    write(std::move(reply));
  }

  void write(detail::Reply reply) {
    response_.emplace(static_cast<http::status>(reply.status), 11);
    response_->set(http::field::server, "casim-serve");
    response_->set(http::field::content_type, reply.content_type);
    response_->body() = std::move(reply.body);
    response_->keep_alive(keep_alive_);
    response_->prepare_payload();
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), shutdown = reply.shutdown](beast::error_code error, std::size_t) {
                        if (shutdown) {
                          self->server_.finish(0);
                          return;
                        }
                        if (error) return self->close();
                        if (!self->keep_alive_) return self->drain();
                        self->read();
                      });
  }

  // After the last answer: stop sending, and read what the client still sends (a body over the
  // limit) until it closes or the read timeout, so it gets the answer rather than a reset.
  void drain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(server_.options.read_timeout);
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  asio::steady_timer delay_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  std::array<char, 16 * 1024> scratch_{};
  bool keep_alive_ = true;
};

}  // namespace

void Server::Impl::accept() {
  acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
    if (!error) std::make_shared<Connection>(std::move(socket), *this)->read();
    if (!acceptor.is_open()) return;
    if (!error || error == asio::error::connection_aborted) return accept();
    // Out of descriptors or memory for now: try again shortly rather than spin.
    accept_pause.expires_after(kAcceptPause);
    accept_pause.async_wait([this](beast::error_code) { accept(); });
  });
}

void Server::Impl::schedule_tick() {
  tick.expires_after(options.clock_tick);
  tick.async_wait([this](beast::error_code error) {
    if (error) return;
    try {
      session.sync(std::chrono::steady_clock::now());
    } catch (const std::exception&) {
      // The kernel could not go on (a calendar without data for the year reached): the next
      // request meets the same failure and answers it.
    }
    schedule_tick();
  });
}

Server::Server(Session& session, ServerOptions options) : impl_(std::make_unique<Impl>(session, std::move(options))) {}

Server::~Server() = default;

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

ServerStop Server::run() {
  impl_->session.anchor_clock(std::chrono::steady_clock::now());
  impl_->accept();
  if (impl_->session.clock().mode() != ClockMode::Manual) impl_->schedule_tick();
  if (!impl_->options.stop_signals.empty()) {
    impl_->signals.async_wait([this](beast::error_code error, int signal) {
      if (!error) impl_->finish(signal);
    });
  }
  impl_->io.run();
  return impl_->stopped;
}

void Server::stop() { impl_->io.stop(); }

}  // namespace casim::serve
