// annals: the one binary. Parses the command line, dispatches to the
// subcommand groups (commands.h) and maps errors to exit codes.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "src/cli/commands.h"
#include "src/cli/format.h"

int main(int argc, char** argv) {
  CLI::App app{"annals: a clean, searchable archive of an organization's published stories"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "annals 0.1");
  annals::cli::Context ctx;
  app.add_option("--db", ctx.db, "archive file (SQLite)")->capture_default_str();
  app.add_flag("--wide", ctx.wide,
               "tables show whole values on a terminal too (into a file or a pipe they always do)");
  // Options a subcommand does not know (such as --db) are the top level's, so
  // they may be written before or after the subcommand.
  app.fallthrough(true);
  annals::cli::RegisterStoryCommands(app, &ctx);
  annals::cli::RegisterEntityCommands(app, &ctx);
  annals::cli::RegisterEventCommands(app, &ctx);
  annals::cli::RegisterServeCommand(app, &ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and exit 0; any other wrong command line
    // is a usage error, exit 2, whatever CLI11's own code for it (one map
    // for the whole CLI: README "Exit codes").
    // The message may hold what was typed: printed made safe (format.h Shown).
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::fprintf(stderr, "annals: %s\nRun with --help for more information.\n",
                 annals::cli::Shown(e.what(), 400).c_str());
    return annals::cli::kExitUsage;
  } catch (const std::exception& e) {
    // One of the two catch-alls (STYLE.md): anything thrown below is a bug or
    // an unexpected library failure; report it and exit 1.
    std::fprintf(stderr, "annals: error: %s\n", annals::cli::Shown(e.what(), 400).c_str());
    return annals::cli::kExitFailure;
  }
  return ctx.exit_code;
}
