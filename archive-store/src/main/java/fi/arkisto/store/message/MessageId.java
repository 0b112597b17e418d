package fi.arkisto.store.message;

import fi.arkisto.store.identity.Oid;

import java.util.Objects;

/**
 * An HL7 v3 instance identifier of a message ({@code id@root} + optional {@code id@extension}), as in the frame's
 * top-level {@code <id extension="10037140046" root="1.2.246.10.27489432.10.0"/>}. The acknowledgement names it
 * as its {@code targetMessage}.
 */
public record MessageId(String root, String extension) {

    public MessageId {
        Oid.of(root);
        Objects.requireNonNull(root, "root");
        extension = extension == null || extension.isBlank() ? null : extension;
    }

    @Override
    public String toString() {
        return extension == null ? root : root + "^" + extension;
    }
}
