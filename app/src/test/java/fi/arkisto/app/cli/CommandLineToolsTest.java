package fi.arkisto.app.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineToolsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final CommandLineTools tools = new CommandLineTools(new PrintStream(output, true, StandardCharsets.UTF_8));

    @Test
    void springOptionsAndNoArgumentsStartTheServer() {
        assertThat(tools.handles(new String[0])).isFalse();
        assertThat(tools.handles(new String[]{"--server.port=9090"})).isFalse();
        assertThat(tools.handles(new String[]{"generate", "--count", "3"})).isTrue();
    }

    @Test
    void runsTheNamedToolWithTheRemainingArguments() {
        // given a registered tool
        List<String> received = new ArrayList<>();
        tools.register(new CommandLineTools.Tool("echo", "test tool", args -> {
            received.addAll(List.of(args));
            return 7;
        }));

        // when it is named on the command line
        int status = tools.run(new String[]{"echo", "a", "--b"});

        // then it gets the rest of the arguments and its status is the exit status
        assertThat(status).isEqualTo(7);
        assertThat(received).containsExactly("a", "--b");
    }

    @Test
    void anUnknownCommandListsTheToolsAndFails() {
        tools.register(new CommandLineTools.Tool("echo", "repeats its arguments", args -> 0));

        int status = tools.run(new String[]{"frobnicate"});

        assertThat(status).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Unknown command: frobnicate", "echo", "repeats its arguments");
    }

    @Test
    void aFailingToolAnswersOneWithItsMessage() {
        tools.register(new CommandLineTools.Tool("broken", "fails", args -> {
            throw new IllegalStateException("no such file");
        }));

        assertThat(tools.run(new String[]{"broken"})).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("broken failed: no such file");
    }

    @Test
    void theJarCarriesTheGeneratorAndThePkiTools(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        // given the standard tools of the jar
        CommandLineTools standard = CommandLineTools.standard(fi.arkisto.app.ArkistoApplication.class);

        // when the generator is asked for three documents
        int status = standard.run(new String[]{"generate", "--count", "3", "--out", out.toString(), "--seed", "7"});

        // then it wrote three Kanta documents
        assertThat(status).isZero();
        try (var files = java.nio.file.Files.walk(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".xml")).count()).isGreaterThanOrEqualTo(3);
        }
        // and pki without its options answers its usage error
        assertThat(standard.run(new String[]{"pki"})).isEqualTo(2);
    }
}
