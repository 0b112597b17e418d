package fi.arkisto.testkit.deployment;

/** What the verifier may find wrong with a test case item or an arrived document, in Finnish and English. */
public enum Problem {
    MISSING("Asiakirjaa ei saapunut testin aikana", "No such document arrived during the test", true),
    REFUSED("Arkisto hylkäsi asiakirjan", "The archive refused the document", true),
    OTHER_REGISTER("Asiakirja ei ole rekisterinpitäjän rekisterissä", "The document is not in the controller's register", true),
    WRONG_STATUS("Asiakirjan tila ei ole odotettu", "The document's status is not the expected one", true),
    WRONG_SIGNATURE("Asiakirjassa ei ole vaadittua kelvollista allekirjoitusta",
            "The document lacks the required valid signature", true),
    NOT_STRUCTURED("Asiakirja ei ole rakenteinen", "The document is not structured", true),
    STRUCTURE_NOT_VERIFIED("Rakennetta ei voitu tarkistaa", "The structure could not be verified", true),
    REAL_IDENTITY_CODE("Asiakirjassa on oikea henkilötunnus", "The document carries a real identity code", true),
    IDENTITY_NOT_HANDED_OUT("Testihenkilötunnusta ei annettu tälle testille",
            "A test identity code not handed out for this test", true),
    NOT_OF_SAME_SET("Korvaava versio ei korvaa testin asiakirjaa", "The replacement does not replace the test's document", true),
    UNEXPECTED("Asiakirja ei kuulu testitapaukseen", "The document is not part of the test case", false);

    private final String fi;
    private final String en;
    private final boolean failsTheTest;

    Problem(String fi, String en, boolean failsTheTest) {
        this.fi = fi;
        this.en = en;
        this.failsTheTest = failsTheTest;
    }

    public String fi() {
        return fi;
    }

    public String en() {
        return en;
    }

    public boolean failsTheTest() {
        return failsTheTest;
    }
}
