package fi.arkisto.store.access.decision;

import java.util.Objects;

/**
 * The answer of the access decision: allowed or denied, the basis, how the document pertains to the client asked
 * about, what may be disclosed, and for a denial the rule that denied it.
 *
 * <p>Every possible verdict is a shared constant ({@link #allow} and {@link #deny} never allocate): the decision runs
 * once per document over lists of a million documents.
 */
public final class AccessVerdict {

    private static final AccessVerdict[] DENIALS;
    private static final AccessVerdict[][][] ALLOWS;

    static {
        DenialReason[] reasons = DenialReason.values();
        DENIALS = new AccessVerdict[reasons.length];
        for (DenialReason reason : reasons) {
            DENIALS[reason.ordinal()] = new AccessVerdict(false, AccessBasis.NONE, null, Disclosure.NONE, reason);
        }
        AccessBasis[] bases = AccessBasis.values();
        Relation[] relations = Relation.values();
        Disclosure[] disclosures = Disclosure.values();
        ALLOWS = new AccessVerdict[bases.length][relations.length][disclosures.length];
        for (AccessBasis basis : bases) {
            for (Relation relation : relations) {
                for (Disclosure disclosure : disclosures) {
                    ALLOWS[basis.ordinal()][relation.ordinal()][disclosure.ordinal()] =
                            new AccessVerdict(true, basis, relation, disclosure, null);
                }
            }
        }
    }

    private final boolean allowed;
    private final AccessBasis basis;
    private final Relation relation;
    private final Disclosure disclosure;
    private final DenialReason denial;

    private AccessVerdict(boolean allowed, AccessBasis basis, Relation relation, Disclosure disclosure,
                          DenialReason denial) {
        this.allowed = allowed;
        this.basis = basis;
        this.relation = relation;
        this.disclosure = disclosure;
        this.denial = denial;
    }

    public static AccessVerdict allow(AccessBasis basis, Relation relation, Disclosure disclosure) {
        Objects.requireNonNull(basis, "basis");
        if (basis == AccessBasis.NONE || disclosure == Disclosure.NONE) {
            throw new IllegalArgumentException("an allowed verdict needs a basis and a disclosure");
        }
        return ALLOWS[basis.ordinal()][relation.ordinal()][disclosure.ordinal()];
    }

    public static AccessVerdict deny(DenialReason reason) {
        return DENIALS[reason.ordinal()];
    }

    public boolean allowed() {
        return allowed;
    }

    public AccessBasis basis() {
        return basis;
    }

    /** How the document pertains to the client asked about; null for a denial. */
    public Relation relation() {
        return relation;
    }

    public Disclosure disclosure() {
        return disclosure;
    }

    /** The rule that denied the request; null when allowed. */
    public DenialReason denial() {
        return denial;
    }

    @Override
    public String toString() {
        return allowed ? "ALLOW " + basis + " " + relation + " " + disclosure : "DENY " + denial;
    }
}
