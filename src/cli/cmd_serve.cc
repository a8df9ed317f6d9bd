// annals serve: the JSON API and the web page over an archive (src/serve/).
#include "src/cli/commands.h"
#include "src/serve/server.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <random>

namespace annals::cli {

void RegisterServeCommand(CLI::App& app, Context* ctx) {
  auto o = std::make_shared<serve::ServeOptions>();
  auto* cmd = app.add_subcommand(
      "serve", "the web page and the JSON API (/api/v1/) over the archive, read-only");
  cmd->add_option("--db", ctx->db, "archive file");
  cmd->add_option("--port", o->port, "TCP port (0: any free one)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", o->bind,
                  "address to listen on; the default, loopback, lets only this machine connect")
      ->capture_default_str();
  cmd->add_option("--max-page", o->max_page_size, "most items in one page of a listing")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--request-seconds", o->request_seconds, "most seconds one request may take")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->add_flag("--allow-edits", o->allow_edits,
                "allow corrections (merge, split, rename) from the page, with a token printed at "
                "start");
  cmd->callback([o, ctx] {
    o->db = ctx->db;
    if (o->allow_edits) {
      // 128 bits from the system's random source (std::random_device reads
      // /dev/urandom on Linux).
      std::random_device rd;
      char buf[9];
      o->token.clear();
      for (int i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
        o->token += buf;
      }
    }
    auto server = serve::Server::Start(*o);
    if (!server) {
      std::fprintf(stderr, "annals: serve: %s\n", server.error().message.c_str());
      ctx->exit_code = 1;
      return;
    }
    const bool loopback = o->bind == "127.0.0.1" || o->bind == "::1" || o->bind == "localhost";
    const std::string host = o->bind.find(':') != std::string::npos ? "[" + o->bind + "]" : o->bind;
    if (o->allow_edits) {
      std::printf("annals: serving %s at http://%s:%d/#token=%s\n", o->db.c_str(), host.c_str(),
                  (*server)->port(), o->token.c_str());
    } else {
      std::printf("annals: serving %s read-only at http://%s:%d/\n", o->db.c_str(), host.c_str(),
                  (*server)->port());
    }
    if (loopback) {
      std::printf(
          "annals: bound to loopback: only this machine can connect "
          "(--bind 0.0.0.0 opens it to the network)\n");
    } else {
      std::printf("annals: bound to %s: other machines can connect; there is no login\n",
                  o->bind.c_str());
    }
    if (o->allow_edits) {
      std::printf(
          "annals: edits allowed: open the address above (it carries the token); an "
          "edit without the token X-Annals-Token: %s is refused\n",
          o->token.c_str());
    }
    std::fflush(stdout);
    if (auto st = (*server)->Run(); !st) {
      std::fprintf(stderr, "annals: serve: %s\n", st.error().message.c_str());
      ctx->exit_code = 1;
    }
  });
}

}  // namespace annals::cli
