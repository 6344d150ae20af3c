package nl.camiso.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code camiso}: the one command a user types. Each subcommand is its own class. */
@Command(name = "camiso",
        mixinStandardHelpOptions = true,
        version = "camiso 0.1.0",
        description = "STIX 2.1 / TAXII 2.1 threat-sharing server for the Dutch nationwide sharing network.",
        subcommands = {ServeCommand.class, ValidateCommand.class, ImportCommand.class, UserCommand.class, TokenCommand.class, FeedKeyCommand.class, AuditCommand.class,
                NetworkCommands.Org.class, NetworkCommands.Init.class, NetworkCommands.Red.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(Main::handleFailure)
                .execute(args);
    }

    /** Expected failures (bad configuration, refused start, bad account operation): the message, exit 1. */
    private static int handleFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof nl.camiso.server.config.ConfigException
                || e instanceof nl.camiso.server.setup.StartupException
                || e instanceof nl.camiso.server.accounts.AccountException
                || e instanceof nl.camiso.server.audit.AuditException
                || e instanceof nl.camiso.server.network.NetworkException
                || e instanceof nl.camiso.server.storage.DatabaseInUseException
                || e instanceof nl.camiso.server.storage.UnsupportedDatabaseException) {
            cmd.getErr().println("camiso: " + e.getMessage());
            return 1;
        }
        throw e;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
