// The subcommand groups of the `annals` binary. Each Register* function adds
// its subcommands to `app`; the callbacks store their exit code in
// `ctx->exit_code`. main.cc only parses and dispatches.
// Thread safety: single-threaded CLI.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace annals::cli {

struct Context {
  std::string db = "annals.db";  // --db, shared by every command that opens an archive
  bool wide = false;             // --wide: tables show whole values on a terminal too
  int exit_code = 0;
};

// ingest, stories, search, show, export, extract
void RegisterStoryCommands(CLI::App& app, Context* ctx);
// entities, entity (profile, merge, split, rename), posts
void RegisterEntityCommands(CLI::App& app, Context* ctx);
// timeline, events, profile
void RegisterEventCommands(CLI::App& app, Context* ctx);
// serve
void RegisterServeCommand(CLI::App& app, Context* ctx);

}  // namespace annals::cli
