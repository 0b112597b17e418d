package fi.arkisto.store.message;

import jakarta.mail.Session;

import java.util.Properties;

/**
 * The one Jakarta Mail session of the MIME readers and writers, and the stream provider named once for the JVM.
 * Jakarta Mail 2.1 looks its {@code StreamProvider} up through {@code ServiceLoader} at every multipart and every
 * decoded part (jakartaee/mail-api issues 699 and 861), a scan of the whole class path that cost more CPU than
 * parsing the message; naming the provider in its system property, the lookup's first and documented source, makes
 * the lookup a loaded class. An operator's own setting is kept.
 */
final class JakartaMail {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    static final Session SESSION = Session.getInstance(new Properties());

    private JakartaMail() {
    }

    /** Names the stream provider (by initialising this class) before a multipart is made without a session. */
    static void ready() {
        // the static initialiser has run when this returns
    }
}
