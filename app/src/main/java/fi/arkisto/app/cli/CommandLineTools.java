package fi.arkisto.app.cli;

import fi.arkisto.app.migration.MigrateCommand;
import fi.arkisto.store.signature.TrustAnchorsCommand;
import fi.arkisto.testkit.generator.TestDataGeneratorCommand;
import fi.arkisto.testkit.pki.TestPkiCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line tools shipped in the application jar. The first argument names the tool;
 * anything starting with {@code -} (Spring options such as {@code --server.port}) or no argument
 * at all starts the server instead.
 *
 * <p>A tool is a {@code static int run(String[] args)} entry point of the module that owns it,
 * so the tool stays testable without this jar; this class only dispatches.
 */
public final class CommandLineTools {

    /** One tool: its name, one line of help and its entry point. */
    public record Tool(String name, String description, Command command) {
    }

    @FunctionalInterface
    public interface Command {
        int run(String[] args) throws Exception;
    }

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final PrintStream out;

    CommandLineTools(PrintStream out) {
        this.out = out;
    }

    /**
     * The tools of the modules assembled into this jar.
     *
     * @param application the archive's Spring Boot application, for the tools that run the archive ({@code migrate})
     */
    public static CommandLineTools standard(Class<?> application) {
        CommandLineTools tools = new CommandLineTools(System.out);
        tools.register(new Tool("generate", "write synthetic Kanta CDA test documents (test identity codes only); "
                + "generate without options for its usage", TestDataGeneratorCommand::run));
        tools.register(new Tool("pki", "create a test PKI (CA, system and professional certificates, trust anchors); "
                + "pki without options for its usage", TestPkiCommand::run));
        tools.register(new Tool("migrate", "migrate a legacy export package (--package DIR|ZIP --controller OID); needs the "
                + "system signer (arkisto.signature.system-signer.*); hands it to the server running on this data directory", args -> MigrateCommand.run(args, application)));
        tools.register(new Tool("trust-anchors", "write the certificates a signed document carries into a trust-anchor "
                + "directory, for test set-ups (--from-document FILE --out DIR)", TrustAnchorsCommand::run));
        tools.register(new Tool("replay-dead-letters", "move the queue channel's dead letters back to its request queue "
                + "once their cause is fixed (--uri amqp://USER@HOST:PORT --password-env VAR)",
                fi.arkisto.routes.queue.DeadLetterReplayCommand::run));
        tools.register(new Tool("citizen-token", "print a citizen's bearer token for a test identity code, signed with "
                + "a development key pair written to DIR (--hetu CODE --key-dir DIR [--issuer ISS] [--minutes N])",
                fi.arkisto.app.citizen.CitizenTokenCommand::run));
        tools.register(new Tool("legacy-package", "write a synthetic legacy export package (--count N --out DIR)",
                fi.arkisto.testkit.legacy.LegacyPackageCommand::run));
        return tools;
    }

    CommandLineTools register(Tool tool) {
        tools.put(tool.name(), tool);
        return this;
    }

    /** Whether the arguments ask for a tool (or for the list of tools) rather than the server. */
    public boolean handles(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return false;
        }
        return true;
    }

    /** Runs the named tool and answers its exit status; an unknown name prints the list and answers 2. */
    public int run(String[] args) {
        String name = args[0];
        Tool tool = tools.get(name);
        if (tool == null) {
            boolean askedForHelp = name.equals("help");
            if (!askedForHelp) {
                out.println("Unknown command: " + name);
            }
            printUsage();
            return askedForHelp ? 0 : 2;
        }
        try {
            return tool.command().run(Arrays.copyOfRange(args, 1, args.length));
        } catch (Exception e) {
            out.println(name + " failed: " + e.getMessage());
            return 1;
        }
    }

    private void printUsage() {
        out.println("Usage: java -jar arkisto-app.jar [--spring.option=value ...]   start the archive server");
        out.println("       java -jar arkisto-app.jar <command> [arguments]        run a tool");
        out.println("Commands:");
        out.println("  help           this list");
        tools.values().forEach(tool -> out.printf("  %-14s %s%n", tool.name(), tool.description()));
    }
}
