package fi.arkisto.app.local;

import fi.arkisto.app.embedded.OwnerOnlyFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running server tells the tools on its machine, in an owner-only properties file under its data directory:
 * where its API is and the credential it generated for them at this start.
 *
 * @param url       the server's base URL (scheme, loopback or configured address, port, context path)
 * @param client    the HTTP Basic user name of local tools
 * @param password  its password for this start
 * @param pid       the server's process id
 */
public record LocalServerFile(URI url, String client, String password, long pid) {

    private static final String URL = "url";
    private static final String CLIENT = "client";
    private static final String PASSWORD = "password";
    private static final String PID = "pid";

    /** The announcement in {@code file}, if one is there. */
    public static Optional<LocalServerFile> read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String url = properties.getProperty(URL);
        String client = properties.getProperty(CLIENT);
        String password = properties.getProperty(PASSWORD);
        String pid = properties.getProperty(PID, "0");
        if (url == null || client == null || password == null || !pid.matches("\\d{1,19}")) {
            throw new IllegalStateException(file + " is not a complete local server announcement (url, client, password, pid)");
        }
        return Optional.of(new LocalServerFile(URI.create(url), client, password, Long.parseLong(pid)));
    }

    /** Writes the announcement owner-only, replacing any earlier one atomically. */
    void write(Path file) {
        OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
        Properties properties = new Properties();
        properties.setProperty(URL, url.toString());
        properties.setProperty(CLIENT, client);
        properties.setProperty(PASSWORD, password);
        properties.setProperty(PID, Long.toString(pid));
        OwnerOnlyFiles.writeProperties(file, properties, "The running Arkisto server, for command-line tools on this machine"
                + " (owner-only; rewritten at every start, removed at a clean stop)");
    }

    @Override
    public String toString() {
        return "LocalServerFile[" + url + ", pid " + pid + "]";
    }
}
