package fi.arkisto.store.cda;

/**
 * Bounds for parsing untrusted XML (invariant 7 (docs/invariants.md): hostile input gets a clear error and
 * changes nothing). Checked by {@link SecureXml} while parsing, so an oversized or deeply nested
 * document is refused before it is ever held as a tree.
 *
 * @param maxBytes      the largest accepted input, in bytes ({@code DOCUMENT_TOO_LARGE} beyond)
 * @param maxDepth      the deepest accepted element nesting; the root element is depth 1
 *                      ({@code XML_TOO_DEEP} beyond)
 * @param maxAttributes the most attributes (namespace declarations included) on one element
 *                      ({@code MALFORMED_XML} beyond: no real document comes near it)
 */
public record XmlLimits(long maxBytes, int maxDepth, int maxAttributes) {

    /** 20 MiB: the largest Kanta document with attachments stays far below it. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    /** A Kanta CDA header nests about 12 levels; XHTML display forms rarely exceed 30. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTES = 256;

    public XmlLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive, was " + maxDepth);
        }
        if (maxAttributes < 1) {
            throw new IllegalArgumentException("maxAttributes must be positive, was " + maxAttributes);
        }
    }

    public static XmlLimits defaults() {
        return new XmlLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES);
    }

    public XmlLimits withMaxBytes(long bytes) {
        return new XmlLimits(bytes, maxDepth, maxAttributes);
    }

    public XmlLimits withMaxDepth(int depth) {
        return new XmlLimits(maxBytes, depth, maxAttributes);
    }
}
