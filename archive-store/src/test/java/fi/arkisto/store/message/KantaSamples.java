package fi.arkisto.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real Kanta sample frame K and document S (client 200111A904P is a test identity code). */
final class KantaSamples {

    private KantaSamples() {
    }

    static byte[] frame() {
        return resource("/kanta/asiakkuusasiakirja_K.xml");
    }

    static byte[] document() {
        return resource("/kanta/asiakkuusasiakirja_S.xml");
    }

    static byte[] frameWith(String from, String to) {
        String text = new String(frame(), StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("not in the sample frame: " + from);
        }
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) {
        try (InputStream in = KantaSamples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
