package fi.arkisto.store.cda;

/**
 * Limits for reading submitted CDA documents. The defaults hold every real Kanta document with a
 * wide margin and refuse resource-exhaustion attempts early (invariant 7 (docs/invariants.md)). Plain Java so
 * any tool can use the parser; Spring binds {@code arkisto.cda.*} into it elsewhere.
 *
 * @param maxDocumentBytes         the in-memory limit: documents up to this size are read into a DOM whole
 * @param maxStreamedDocumentBytes the largest document read from a file with its body streamed
 *                                 ({@link BodySplitter}; docs/legacy-package.md: a single 1 GB file streams through,
 *                                 which wrapped in Base64 is a document of about 1.37 GB)
 */
public record CdaParserLimits(long maxDocumentBytes, int maxDepth, int maxAttributes, long maxStreamedDocumentBytes) {

    /** 4 GiB: a legacy file of about 3 GB wrapped in Base64. */
    public static final long DEFAULT_MAX_STREAMED_BYTES = 4L * 1024 * 1024 * 1024;

    public CdaParserLimits {
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive");
        }
        if (maxDepth < 1 || maxAttributes < 1) {
            throw new IllegalArgumentException("maxDepth and maxAttributes must be positive");
        }
        if (maxStreamedDocumentBytes < maxDocumentBytes) {
            throw new IllegalArgumentException("maxStreamedDocumentBytes must not be below maxDocumentBytes");
        }
    }

    public CdaParserLimits(long maxDocumentBytes, int maxDepth, int maxAttributes) {
        this(maxDocumentBytes, maxDepth, maxAttributes, Math.max(maxDocumentBytes, DEFAULT_MAX_STREAMED_BYTES));
    }

    public static CdaParserLimits defaults() {
        return new CdaParserLimits(XmlLimits.DEFAULT_MAX_BYTES, XmlLimits.DEFAULT_MAX_DEPTH,
                XmlLimits.DEFAULT_MAX_ATTRIBUTES);
    }

    public XmlLimits toXmlLimits() {
        return new XmlLimits(maxDocumentBytes, maxDepth, maxAttributes);
    }

    /** The limits of a streamed read: everything but the body's text stays within {@link #maxDocumentBytes()}. */
    public XmlLimits toStreamedXmlLimits() {
        return new XmlLimits(maxStreamedDocumentBytes, maxDepth, maxAttributes);
    }
}
