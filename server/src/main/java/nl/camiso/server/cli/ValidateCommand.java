package nl.camiso.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationIssue;
import nl.camiso.stix.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code camiso validate FILE...}: validates STIX 2.1 bundles, single objects or JSON arrays of
 * objects. One line per finding ({@code file: object-id: path: error|warning: message}), then a
 * summary. Exit code 0 without errors, 1 with errors, 2 when some input could not be read or parsed.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate STIX 2.1 bundles or objects (files, or - for stdin).",
                "Prints one line per error and warning and a summary; exit code 0 = valid, 1 = errors, 2 = unreadable input."})
final class ValidateCommand implements Callable<Integer> {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNREADABLE = 2;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "STIX JSON files; - reads standard input")
    List<String> files;

    @Option(names = {"-q", "--errors-only"}, description = "do not print warnings (they are still counted)")
    boolean errorsOnly;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        StixValidator validator = new StixValidator();
        int objects = 0;
        int errors = 0;
        int warnings = 0;
        int unreadable = 0;
        for (String file : files) {
            String label = "-".equals(file) ? "<stdin>" : file;
            JsonNode content;
            try {
                content = read(file);
            } catch (NoSuchFileException e) {
                err.println(label + ": cannot read: no such file");
                unreadable++;
                continue;
            } catch (JsonProcessingException e) {
                err.println(label + ": not valid JSON: " + e.getOriginalMessage() + location(e));
                unreadable++;
                continue;
            } catch (IOException e) {
                err.println(label + ": cannot read: " + e.getMessage());
                unreadable++;
                continue;
            }
            ValidationReport report = validator.validate(content);
            objects += StixValidator.countObjects(content);
            for (ValidationIssue issue : report.issues()) {
                if (issue.isError()) {
                    errors++;
                } else {
                    warnings++;
                    if (errorsOnly) {
                        continue;
                    }
                }
                out.println(label + ": " + issue);
            }
        }
        out.println(files.size() + (files.size() == 1 ? " file, " : " files, ") + objects
                + (objects == 1 ? " object: " : " objects: ") + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning" : " warnings")
                + (unreadable > 0 ? ", " + unreadable + " unreadable" : ""));
        out.flush();
        return unreadable > 0 ? UNREADABLE : errors > 0 ? INVALID : VALID;
    }

    private static JsonNode read(String file) throws IOException {
        if ("-".equals(file)) {
            // not closed: stdin belongs to the process
            InputStream in = System.in;
            return StixJson.parse(in.readAllBytes());
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        return StixJson.parse(Files.readAllBytes(path));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
