package fi.arkisto.testkit.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestDataGeneratorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TestDataGeneratorCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void generatesTheRequestedDocumentsForTheGivenOrganisation(@TempDir Path dir) throws Exception {
        // when
        int exit = run("generate", "--count", "12", "--out", dir.toString(), "--seed", "5",
                "--organisation", "1.2.246.10.12345678.10.0", "--organisation-name", "Esimerkkilän kunta");

        // then
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote 12 documents");
        assertThat(Files.readAllLines(dir.resolve("manifest.csv"))).hasSize(13)
                .allMatch(line -> line.startsWith("sequence") || line.contains(",1.2.246.10.12345678.10.0,"));
        String first = Files.readString(dir.resolve(Files.readAllLines(dir.resolve("manifest.csv")).get(1).split(",")[1]));
        assertThat(first).contains("<id root=\"1.2.246.10.12345678.10.0\"/>").contains("Esimerkkilän kunta");
    }

    @Test
    void refusesMissingOrInvalidOptionsWithUsage(@TempDir Path dir) {
        assertThat(run("generate", "--count", "3")).isEqualTo(2);
        assertThat(run("generate", "--count", "-1", "--out", dir.toString())).isEqualTo(2);
        assertThat(run("generate", "--count", "3", "--out", dir.toString(), "--organisation", "not-an-oid")).isEqualTo(2);
        assertThat(run("generate", "--count", "3", "--out", dir.toString(), "--bogus", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: generate");
    }
}
