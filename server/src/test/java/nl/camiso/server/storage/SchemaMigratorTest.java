package nl.camiso.server.storage;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The script conventions, without a database. */
class SchemaMigratorTest {

    /** A script added to the folder but not to index.txt would silently never run. */
    @Test
    void theIndexListsEveryScriptInTheFolder() throws Exception {
        URL index = getClass().getClassLoader().getResource(SchemaMigrator.LOCATION + "/index.txt");
        assertNotNull(index);
        Path dir = Path.of(index.toURI()).getParent();
        Set<String> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        for (String dialect : List.of("h2", "postgresql")) {
            Set<String> listed = SchemaMigrator.fromClasspath(getClass().getClassLoader(), dialect).stream()
                    .map(SchemaMigrator.Script::fileName).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(files, listed, "every V*.sql under db/migration must be listed in index.txt");
        }
    }

    @Test
    void scriptsAreOrderedByVersionAndNamedByConvention() {
        SchemaMigrator m = new SchemaMigrator(List.of(
                SchemaMigrator.Script.of("V2_10__b.sql", "x"), SchemaMigrator.Script.of("V2_9__a.sql", "x"),
                SchemaMigrator.Script.of("V1_0__c.sql", "x")));
        assertEquals(List.of("1.0", "2.9", "2.10"), m.scripts().stream().map(SchemaMigrator.Script::version).toList());
        assertThrows(IllegalStateException.class, () -> SchemaMigrator.Script.of("V1__x.sql", "x"));
        assertThrows(IllegalStateException.class, () -> new SchemaMigrator(List.of(
                SchemaMigrator.Script.of("V1_0__a.sql", "x"), SchemaMigrator.Script.of("V1_0__b.sql", "y"))));
    }

    @Test
    void statementsSplitAtSemicolonLineEnds() {
        assertEquals(List.of("CREATE TABLE a (x INT,\n  y INT)", "INSERT INTO a VALUES (1, 2)", "SELECT 1"),
                SchemaMigrator.statements("-- comment;\nCREATE TABLE a (x INT,\n  y INT);\n\nINSERT INTO a VALUES (1, 2);\nSELECT 1"));
    }

}
