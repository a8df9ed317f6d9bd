// The server: httplib glue, the archive connections, the snapshot of the
// knowledge, the static files and the one per-request catch-all (STYLE.md).
// The answers themselves are in routes.cc.
#include "src/serve/server.h"

#include "src/serve/assets.h"
#include "src/serve/routes.h"

#include <cstdio>
#include <exception>
#include <httplib.h>
#include <sys/socket.h>
#include <utility>

namespace annals::serve {

namespace {

// What every answer carries. The page loads only its own embedded files and
// talks only to this server; no frame may hold it.
const httplib::Headers kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};

constexpr size_t kWorkers = 32;

Params ParamsOf(const httplib::Request& req) {
  Params p;
  for (const auto& [k, v] : req.params) p.emplace(k, v);
  return p;
}

void Send(const Answer& a, httplib::Response* res) {
  res->status = a.status;
  if (!a.filename.empty()) {
    res->set_header("Content-Disposition", "attachment; filename=\"" + a.filename + "\"");
  }
  res->set_header("Cache-Control", "no-store");
  res->set_content(a.body, a.content_type);
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  Routes routes;
  httplib::Server http;
  int port = 0;
  socket_t listen_socket = INVALID_SOCKET;

  Impl(const ServeOptions& o) : options(o), routes(o) {}

  // The one catch-all of the server (STYLE.md): whatever a handler throws is
  // a bug or a library failure; it is logged and answered with HTTP 500.
  void Guard(const httplib::Request& req, httplib::Response* res,
             const std::function<Answer()>& handler) {
    try {
      Send(handler(), res);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "annals serve: %s %s: internal error: %s\n", req.method.c_str(),
                   req.path.c_str(), e.what());
      Send(Routes::Error(500, "internal error"), res);
    } catch (...) {
      std::fprintf(stderr, "annals serve: %s %s: internal error\n", req.method.c_str(),
                   req.path.c_str());
      Send(Routes::Error(500, "internal error"), res);
    }
  }

  void Install() {
    // Workers: a keep-alive connection holds one while it lasts, so the
    // default (8 on a small machine) made the 9th of 16 concurrent clients
    // wait. httplib takes ownership of the pool it is given by pointer.
    http.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
    // Answers go out at once: with Nagle's algorithm a keep-alive answer
    // written in two parts waited for the client's delayed ACK (40 ms).
    http.set_tcp_nodelay(true);
    // The listening socket, to raise its backlog once bound (Start).
    http.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listen_socket = sock;
    });
    http.set_default_headers(kSecurityHeaders);
    http.set_payload_max_length(64 * 1024);
    const auto t = static_cast<time_t>(options.request_seconds);
    http.set_read_timeout(t, 0);
    http.set_write_timeout(t, 0);
    http.set_keep_alive_timeout(5);
    http.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      Guard(req, &res, [] { return Routes::Static("index.html"); });
    });
    // Only a name of the embedded set: FindAsset matches whole names, so
    // "../x", "%2e%2e/x" or "a/b" name nothing.
    http.Get(R"(/static/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      Guard(req, &res, [&] { return Routes::Static(req.matches[1].str()); });
    });
    http.Get(R"(/api/v1/([a-z]+)(?:/(.*))?)", [this](const httplib::Request& req,
                                                     httplib::Response& res) {
      Guard(req, &res, [&] {
        return routes.Api(req.matches[1].str(), req.matches.size() > 2 ? req.matches[2].str() : "",
                          ParamsOf(req));
      });
    });
    http.Post("/api/v1/corrections", [this](const httplib::Request& req, httplib::Response& res) {
      Guard(req, &res,
            [&] { return routes.Correct(req.body, req.get_header_value("X-Annals-Token")); });
    });
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;  // a handler's own answer
      Answer a = Routes::Error(res.status, res.status == 404 ? "not found" : "bad request");
      res.set_content(a.body, a.content_type);
    });
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  if (auto st = impl->routes.Open(); !st) return tl::unexpected(st.error());
  impl->Install();
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.bind);
    if (impl->port <= 0) {
      return Fail(ErrorCode::kIo, "cannot bind " + options.bind + " on any port");
    }
  } else {
    if (!impl->http.bind_to_port(options.bind, options.port)) {
      return Fail(ErrorCode::kIo, "cannot bind " + options.bind + ":" +
                                      std::to_string(options.port) +
                                      " (in use, or not an address of this machine?)");
    }
    impl->port = options.port;
  }
  // httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed
  // when Debian's libcpp-httplib was compiled): 16 clients connecting at
  // once had SYNs dropped, and each waited 1 s for its retry. Listening
  // again on the bound socket raises the backlog (Linux: listen(2) on a
  // listening socket sets the new length).
  if (impl->listen_socket != INVALID_SOCKET) ::listen(impl->listen_socket, SOMAXCONN);
  // Bound: the snapshot of the knowledge is built while the address is
  // printed and the first requests come (the page's first calls are
  // answered from SQL meanwhile).
  impl->routes.Warm();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) return Fail(ErrorCode::kIo, "listening stopped");
  return Ok();
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace annals::serve
