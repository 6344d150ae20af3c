package nl.camiso.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code camiso validate FILE...}. TODO(foundation issue): implement. */
@Command(name = "validate", description = "Validate STIX 2.1 bundles or objects (files, or - for stdin).")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    @Override
    public Integer call() {
        System.err.println("not implemented yet");
        return 2;
    }
}
