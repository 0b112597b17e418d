package fi.arkisto.store.cda;

/**
 * Limits for reading submitted CDA documents. The defaults hold every real Kanta document with a
 * wide margin and refuse resource-exhaustion attempts early (DESIGN invariant 7). Plain Java so
 * any tool can use the parser; Spring binds {@code arkisto.cda.*} into it elsewhere.
 */
public record CdaParserLimits(long maxDocumentBytes, int maxDepth, int maxAttributes) {

    public CdaParserLimits {
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive");
        }
        if (maxDepth < 1 || maxAttributes < 1) {
            throw new IllegalArgumentException("maxDepth and maxAttributes must be positive");
        }
    }

    public static CdaParserLimits defaults() {
        return new CdaParserLimits(XmlLimits.DEFAULT_MAX_BYTES, XmlLimits.DEFAULT_MAX_DEPTH,
                XmlLimits.DEFAULT_MAX_ATTRIBUTES);
    }

    public XmlLimits toXmlLimits() {
        return new XmlLimits(maxDocumentBytes, maxDepth, maxAttributes);
    }
}
