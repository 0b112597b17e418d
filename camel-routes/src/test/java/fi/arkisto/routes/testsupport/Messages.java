package fi.arkisto.routes.testsupport;

import fi.arkisto.store.testsupport.KantaSamples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real sample frame K ({@code asiakkuusasiakirja_K.xml}, which carried the sample document S), and frames for
 * documents derived from S by h2's {@link KantaSamples} builder: the same frame with the document's id, setId,
 * version, client and custodian.
 */
public final class Messages {

    public static final String SAMPLE_ATTACHMENT_ID = "1112120";

    private Messages() {
    }

    public static byte[] sampleFrame() {
        try (InputStream in = Messages.class.getResourceAsStream("/kanta/asiakkuusasiakirja_K.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] sampleDocument() {
        return KantaSamples.realSample();
    }

    /** A frame for a document built with {@code KantaSamples.document().oid(oid).client(client)}. */
    public static byte[] frameFor(String oid, String client) {
        String xml = new String(sampleFrame(), StandardCharsets.UTF_8)
                .replace(KantaSamples.SAMPLE_OID, oid)
                .replace("extension=\"" + KantaSamples.SAMPLE_CLIENT + "\"", "extension=\"" + client + "\"");
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] withText(byte[] frame, String from, String to) {
        String xml = new String(frame, StandardCharsets.UTF_8);
        if (!xml.contains(from)) {
            throw new IllegalArgumentException("not in the frame: " + from);
        }
        return xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
