package fi.arkisto.app.local;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential this server start generated for command-line tools on its own machine: HTTP Basic as
 * {@link #CLIENT}, a random password that exists only in memory and in the owner-only announcement file, and changes
 * at every start. Whoever can read that file is the server's own user (or root), who can read the archive's data
 * directory anyway; the credential gives such a process nothing more (docs/running.md, "Tools beside a running
 * server").
 */
public record LocalToolsCredential(String client, String password) {

    /** The HTTP Basic user name of local tools. */
    public static final String CLIENT = "arkisto-local-tools";

    public static LocalToolsCredential generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new LocalToolsCredential(CLIENT, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return "LocalToolsCredential[" + client + "]";
    }
}
